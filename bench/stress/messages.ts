/**
 * The messages scenario: visitors and agents chatting at a paced rate, one phase
 * (or, with --find-max, a rising series of them) measured and accounted.
 */
import { account, broken, type Accounting } from './accounting.js';
import { nextStep, startSearch, type Next } from './find-max.js';
import { Histogram, type Percentiles } from './histogram.js';
import type { PhaseRecords, Progress, ReceiveLog, SendRecord, WorkerConfig } from './ipc.js';
import type { BenchOptions } from './options.js';
import type { ProcessPauses } from './pauses.js';
import { ResourceSampler, type ProcessFigures } from './resources.js';
import { stepLatency, type ServerLatency } from './server-metrics.js';
import { PAGE_ORIGIN, type BenchSetup } from './setup.js';
import type { KefuTarget } from './targets.js';
import { share, WorkerPool } from './workers.js';

/** Achieved below this share of the offered rate: the step did not hold its rate. */
const HELD_RATE_SHARE = 0.9;
/** How long routing may take to give every warm-up conversation its agent (a slow server is slowest here). */
const ASSIGN_TIMEOUT_MS = 60_000;
const ASSIGN_TIMEOUT_PER_VISITOR_MS = 60;

export interface StepResult {
  step: number;
  offeredPerS: number;
  /** Acknowledged messages per second of the measured window. */
  achievedPerS: number;
  durationS: number;
  ack: Percentiles;
  deliver: Percentiles;
  accounting: Accounting;
  errors: Record<string, number>;
  /** Each worker's CPU over the step, % of one core. */
  clientCpuPercent: number[];
  server: ProcessFigures[];
  /** When each server process stood still: garbage collections and event-loop delay (pauses.ts). */
  pauses: ProcessPauses[];
  /** The same of each worker (the clients), in worker order. */
  clientPauses: ProcessPauses[];
  /** Each node's own view of the step (its /metrics), in node order; null for a node that could not be scraped. */
  serverLatency: (ServerLatency | null)[];
  /** --find-max: the step this one ran again at the same rate (it missed a bound), or null. */
  repeats: number | null;
}

export interface RunResult {
  target: 'kefu' | 'baseline';
  connections: { established: number; failed: number };
  warmup: { conversations: number; assigned: number; ms: number };
  steps: StepResult[];
  /** The highest achieved rate of a step with p99 send->deliver within the bound and nothing lost; null if none. */
  maxSustainablePerS: number | null;
  /** The last step still held (--max-steps ran out): the real maximum is higher. */
  maxIsLowerBound: boolean;
}

export interface MessagesHooks {
  /** After a step's sends settled, before it is accounted: tests reach into the database here. */
  afterStep?: (step: number, target: KefuTarget, clientMsgIdPrefix: string) => Promise<void>;
  log: (line: string) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a step may count as sustainable, and why not. */
export function sustained(step: StepResult, p99BoundMs: number): string | null {
  if (broken(step.accounting)) return 'messages lost, duplicated, out of order or refused';
  if (step.deliver.p99 > p99BoundMs) return `p99 send->deliver ${step.deliver.p99} ms > ${p99BoundMs} ms`;
  if (step.achievedPerS < step.offeredPerS * HELD_RATE_SHARE) return `achieved ${step.achievedPerS}/s of ${step.offeredPerS}/s offered`;
  return null;
}

export async function runMessages(options: BenchOptions, target: KefuTarget, setup: BenchSetup, kind: 'kefu' | 'baseline', nonce: string, hooks: MessagesHooks): Promise<RunResult> {
  const k = Math.min(options.workers, options.visitors);
  const configs: WorkerConfig[] = Array.from({ length: k }, (_, w) => ({
    workerIndex: w,
    nonce,
    urls: target.urls,
    siteKey: setup.siteKey,
    pageOrigin: PAGE_ORIGIN,
    visitors: share(options.visitors, k, w),
    agents: share(options.agents, k, w).map((j) => setup.agents[j]!),
    transport: options.transport,
    faults: options.faults,
    baseline: kind === 'baseline',
    idle: false,
  }));
  const pool = WorkerPool.start(configs, progressPrinter(hooks.log, () => pool));
  const sampler = new ResourceSampler(() => target.pids());
  try {
    const started = Date.now();
    await pool.all({ type: 'connect-agents' }, 'agents-up');
    const up = await pool.all({ type: 'connect-visitors' }, 'visitors-up');
    const conversations = up.reduce((n, u) => n + u.conversations, 0);
    // Every conversation has its agent before anything is measured (agents hear it as conversation.updated).
    const deadline = Date.now() + ASSIGN_TIMEOUT_MS + options.visitors * ASSIGN_TIMEOUT_PER_VISITOR_MS;
    let assigned = 0;
    while ((assigned = (await pool.tally()).assigned) < conversations && Date.now() < deadline) await sleep(50);
    const warmup = { conversations, assigned, ms: Date.now() - started };
    if (warmup.assigned < conversations) hooks.log(`warning: ${conversations - warmup.assigned} of ${conversations} conversations still unassigned: their visitors' messages will count as lost (no addressee)`);
    const warm = await pool.all({ type: 'collect' }, 'records');
    const now = await pool.tally();
    const connections = { established: now.visitorsUp + now.agentsUp, failed: options.visitors + options.agents - now.visitorsUp - now.agentsUp };
    hooks.log(`warm-up: ${conversations} conversations, ${warmup.assigned} assigned, in ${warmup.ms} ms; ${warm.reduce((n, r) => n + r.records.sends.length, 0)} first messages`);

    const steps: StepResult[] = [];
    let search = startSearch(options.rate);
    let repeats: number | null = null;
    for (let step = 1; step <= (options.findMax ? options.maxSteps : 1); step++) {
      const durationMs = options.findMax ? options.stepDurationMs : options.durationMs;
      const result: StepResult = { ...(await runStep(options, pool, sampler, target, nonce, step, search.rate, durationMs, hooks)), repeats };
      steps.push(result);
      const why = sustained(result, options.p99BoundMs);
      const next: Next = options.findMax ? nextStep(search, why, broken(result.accounting), options) : ({ kind: 'stop' } as const);
      const then = next.kind === 'stop' || next.move === 'up' ? '' : next.move === 'down' ? ': halving the rate' : ': the same rate again';
      hooks.log(`step ${step}: offered ${result.offeredPerS}/s, achieved ${result.achievedPerS}/s, p99 deliver ${result.deliver.p99} ms${why ? ` -- ${why}${then}` : ''}`);
      if (next.kind === 'stop') break;
      repeats = next.move === 'again' ? step : null;
      search = next.search;
    }
    const good = steps.filter((s) => sustained(s, options.p99BoundMs) === null);
    return {
      target: kind,
      connections,
      warmup,
      steps,
      maxSustainablePerS: good.length ? Math.max(...good.map((s) => s.achievedPerS)) : null,
      maxIsLowerBound: steps.length > 0 && sustained(steps.at(-1)!, options.p99BoundMs) === null,
    };
  } finally {
    sampler.stop();
    await pool.stop();
  }
}

async function runStep(options: BenchOptions, pool: WorkerPool, sampler: ResourceSampler, target: KefuTarget, nonce: string, step: number, rate: number, durationMs: number, hooks: MessagesHooks): Promise<Omit<StepResult, 'repeats'>> {
  const visitorRate = rate * (1 - options.agentShare);
  const agentRate = rate * options.agentShare;
  const configs = pool.size;
  const ackedBefore = (await pool.tally()).acked;
  const metricsBefore = await target.metrics();
  sampler.mark();
  const startedAt = Date.now();
  target.profile(true);
  await pool.all((w) => ({
    type: 'send',
    step,
    // Each worker its share of each side, by how many of that side it plays.
    visitorRatePerS: (visitorRate * share(options.visitors, configs, w).length) / options.visitors,
    agentRatePerS: (agentRate * share(options.agents, configs, w).length) / options.agents,
    durationMs,
  }), 'sent');
  await pool.all({ type: 'settle', timeoutMs: options.drainMs }, 'settled');
  // Deliveries trail the acks: wait (bounded) until every ack has reached its addressee, or nothing moves.
  const deadline = Date.now() + options.drainMs;
  let last = -1;
  let still = 0;
  for (;;) {
    const { acked, delivered } = await pool.tally();
    if (delivered >= acked - ackedBefore || Date.now() > deadline || still >= 20) break; // 2 s without a delivery: what is missing stays missing
    still = delivered === last ? still + 1 : 0;
    last = delivered;
    await sleep(100);
  }
  const server = sampler.window();
  const pauses = target.pauses(startedAt, Date.now());
  const clientPauses = pool.pauses(startedAt, Date.now());
  const metricsAfter = await target.metrics();
  const serverLatency = metricsAfter.map((after, i) => stepLatency(metricsBefore[i] ?? null, after));
  target.profile(false);
  await hooks.afterStep?.(step, target, `${nonce}-${step}-`);
  const replies = await pool.all({ type: 'collect' }, 'records');
  const records = replies.map((r) => r.records);
  const stored = await target.stored(`${nonce}-${step}-`);
  return summarise(step, rate, durationMs, records, stored, server, pauses, clientPauses, serverLatency);
}

function summarise(step: number, rate: number, durationMs: number, records: PhaseRecords[], stored: Awaited<ReturnType<KefuTarget['stored']>>, server: ProcessFigures[], pauses: ProcessPauses[], clientPauses: ProcessPauses[], serverLatency: (ServerLatency | null)[]): Omit<StepResult, 'repeats'> {
  const sends: SendRecord[] = records.flatMap((r) => r.sends);
  const receives: ReceiveLog[] = records.flatMap((r) => r.receives);
  const accounting = account({ sends, receives, stored });
  const ack = new Histogram();
  const deliver = new Histogram();
  const errors: Record<string, number> = {};
  for (const r of records) {
    ack.merge(r.ack);
    deliver.merge(r.deliver);
    for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n;
  }
  return {
    step,
    offeredPerS: Math.round(rate),
    achievedPerS: Math.round(accounting.acked / (durationMs / 1000)),
    durationS: durationMs / 1000,
    ack: ack.summary(),
    deliver: deliver.summary(),
    accounting,
    errors,
    clientCpuPercent: records.map((r) => Math.round(r.cpuPercent)),
    server,
    pauses,
    clientPauses,
    serverLatency,
  };
}

/** Once a second on stderr: connections up, achieved rate, acks, errors, running p99. */
function progressPrinter(log: (line: string) => void, pool: () => WorkerPool): (progress: Progress) => void {
  let lastPrint = Date.now();
  let lastAcked = 0;
  const window = new Histogram();
  return (progress) => {
    window.merge(progress.deliver);
    const p = pool();
    const now = Date.now();
    if (now - lastPrint < 1000) return;
    const acked = p.sum('acked');
    const rate = Math.round(((acked - lastAcked) * 1000) / (now - lastPrint));
    log(`conns ${p.sum('visitorsUp')} visitors + ${p.sum('agentsUp')} agents (${p.sum('failed')} failed) | assigned ${p.sum('assigned')} | ${rate} acks/s | sent ${p.sum('sent')} acked ${acked} | errors ${p.sum('errors')} | p99 deliver ${window.summary().p99} ms`);
    lastPrint = now;
    lastAcked = acked;
    window.reset();
  };
}
