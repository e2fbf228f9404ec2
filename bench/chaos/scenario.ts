import { memoryStorage, signIn, type Transport } from '@kefu/client';
import type { Dialect } from '../../apps/server/src/storage/connect.js';
import { account, failed, type Report } from './accounting.js';
import { AgentActor, VisitorActor } from './actors.js';
import { CHAOS_ADMIN, Cluster, NODE_NAMES } from './cluster.js';
import { seededRandom, type Random } from './random.js';

export interface ChaosOptions {
  db: Dialect;
  nodes: 1 | 2;
  visitors: number;
  /** Tabs per visitor: clients sharing one storage (token and outbox), each with its own connection. */
  tabs: number;
  agents: number;
  /** How long people type while things break. */
  durationMs: number;
  /** SIGKILLs of a node, spread over the run; with two nodes they alternate A, B, A ... */
  kills: number;
  /** How long a killed node stays down before it is restarted (its start time comes on top). */
  downMs: number;
  /** SIGKILLs of Redis (two nodes only), each restarted after `redisDownMs`. */
  redisRestarts: number;
  redisDownMs: number;
  /** Pause between two messages of one visitor / agent, drawn uniformly from [min, max). */
  visitorIntervalMs: readonly [number, number];
  agentIntervalMs: readonly [number, number];
  /** Conversations each agent opens and replies into, at most. */
  agentFollows: number;
  /** Every Nth client (0: none) uses long-polling only, as behind a proxy that blocks WebSocket. */
  pollingEvery: number;
  /** After the typing stops: how long clients may take to send what is left and converge. */
  settleMs: number;
  seed: number;
  /** Print progress this often (0: never). */
  progressMs: number;
  log: (line: string) => void;
  /** Aborting ends the typing at once and skips the settling. */
  signal?: AbortSignal;
}

export interface ChaosResult {
  report: Report;
  /** What was broken and when. */
  events: string[];
  /** The servers' warning and error lines. */
  warnings: string[];
  outages: Outage[];
  /** How long after the typing stopped every outbox was empty / everything matched (null: never). */
  drainedInMs: number | null;
  convergedInMs: number | null;
  /**
   * Stored messages some agent never heard live, summed over agents: what sync had to
   * make up for (agents hear every message of the workspace while connected). Not a
   * failure; it shows how much the faults broke live fan-out.
   */
  missedLive: number;
}

/** How long all clients may take to connect before the chaos starts. */
const CONNECT_TIMEOUT_MS = 30_000;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Polls `check` every `everyMs` until it holds or `deadline` (epoch ms) passes. */
async function until(check: () => boolean | Promise<boolean>, deadline: number, everyMs: number, signal?: AbortSignal): Promise<boolean> {
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline || signal?.aborted) return false;
    await sleep(everyMs, signal);
  }
}

interface Census {
  clients: number;
  ready: number;
  /** Messages sent and not yet shown as stored. */
  sending: number;
}

/** A node kill: what was in flight, and how many clients worked (elsewhere) just before the node came back. */
export interface Outage {
  node: string;
  downMs: number;
  sendingAtKill: number;
  readyBeforeRestart: number;
  clients: number;
}

interface Fault {
  at: number;
  run(): Promise<void>;
}

/** How long a node kill waits for a message in flight before it strikes anyway. */
const KILL_AIM_MS = 3_000;

/** When to break what: node kills evenly spread with jitter, Redis restarts half a slot apart from them. */
function schedule(o: ChaosOptions, cluster: Cluster, random: Random, note: (text: string) => void, census: () => Census, outages: Outage[]): Fault[] {
  const faults: Fault[] = [];
  for (let k = 0; k < o.kills; k++) {
    const slot = o.durationMs / (o.kills + 1);
    const node = k % cluster.size;
    faults.push({
      at: slot * (k + 1) + (random() - 0.5) * slot * 0.3,
      async run() {
        // Strike while a message is on its way (acks take a few milliseconds: a kill at a
        // random instant mostly finds none), or after a while regardless.
        const until = Date.now() + KILL_AIM_MS;
        while (census().sending === 0 && Date.now() < until) await sleep(1);
        const { sending } = census();
        note(`SIGKILL node ${NODE_NAMES[node]} (${sending} messages being sent)`);
        await cluster.kill(node);
        await sleep(o.downMs);
        const { ready, clients } = census();
        outages.push({ node: NODE_NAMES[node]!, downMs: o.downMs, sendingAtKill: sending, readyBeforeRestart: ready, clients });
        if (cluster.size > 1) note(`${ready}/${clients} clients ready before node ${NODE_NAMES[node]} is restarted`);
        const started = Date.now();
        await cluster.restart(node);
        note(`node ${NODE_NAMES[node]} restarted (ready in ${Date.now() - started} ms)`);
      },
    });
  }
  if (cluster.redis) {
    const redis = cluster.redis;
    for (let r = 0; r < o.redisRestarts; r++) {
      const slot = o.durationMs / (o.redisRestarts + 1);
      faults.push({
        at: slot * (r + 0.5) + (random() - 0.5) * slot * 0.3,
        async run() {
          note('SIGKILL redis');
          await redis.kill();
          await sleep(o.redisDownMs);
          await redis.start();
          note('redis restarted');
        },
      });
    }
  }
  return faults.sort((a, b) => a.at - b.at);
}

/**
 * One chaos run: a fresh cluster, visitors and agents typing through `@kefu/client`
 * while nodes (and Redis) are killed and restarted, then a quiet period for clients
 * to send what is left and catch up, and the accounting against the database.
 */
export async function runChaos(o: ChaosOptions): Promise<ChaosResult> {
  const random = seededRandom(o.seed);
  const events: string[] = [];
  const started = Date.now();
  const clock = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const note = (text: string) => {
    events.push(`[${clock()}] ${text}`);
    o.log(`[${clock()}] ${text}`);
  };

  const cluster = await Cluster.start({ db: o.db, nodes: o.nodes });
  const agents: AgentActor[] = [];
  const visitors: VisitorActor[] = [];
  const everyone = () => [...agents, ...visitors];
  let progress: NodeJS.Timeout | undefined;
  try {
    note(`${o.nodes} node(s) on ${o.db}${cluster.redis ? ' with redis' : ''}, seed ${o.seed}`);
    const transports = (i: number): Transport[] | undefined => (o.pollingEvery > 0 && (i + 1) % o.pollingEvery === 0 ? ['polling'] : undefined);
    for (let i = 0; i < o.agents; i++) {
      const url = cluster.entries[i % cluster.entries.length]!;
      const { cookie } = await signIn(url, CHAOS_ADMIN.email, CHAOS_ADMIN.password);
      agents.push(new AgentActor(`agent ${i + 1}`, url, cookie!, seededRandom(o.seed + 1000 + i), o.agentIntervalMs, o.agentFollows, transports(i)));
    }
    const storages = Array.from({ length: o.visitors }, () => memoryStorage());
    // A visitor's later tabs open once the first has its token, as in a browser.
    for (let tab = 0; tab < o.tabs; tab++) {
      for (let i = 0; i < o.visitors; i++) {
        const url = cluster.entries[(i + tab) % cluster.entries.length]!;
        const name = o.tabs > 1 ? `visitor ${i + 1} tab ${tab + 1}` : `visitor ${i + 1}`;
        const n = tab * o.visitors + i;
        visitors.push(new VisitorActor(name, url, cluster.siteKey, storages[i]!, seededRandom(o.seed + 2000 + n), o.visitorIntervalMs, transports(n)));
      }
      for (const actor of everyone()) actor.client.connect();
      const connected = await until(() => everyone().every((a) => a.client.state === 'ready'), Date.now() + CONNECT_TIMEOUT_MS, 100, o.signal);
      if (!connected && !o.signal?.aborted) {
        const stuck = everyone().filter((a) => a.client.state !== 'ready');
        throw new Error(`${stuck.length} clients did not connect: ${stuck.slice(0, 5).map((a) => `${a.name} ${a.client.state} ${a.client.lastError?.message ?? ''}`).join('; ')}`);
      }
    }
    note(`${agents.length} agents and ${o.visitors} visitors${o.tabs > 1 ? ` in ${visitors.length} tabs` : ''} connected`);

    const census = (): Census => ({
      clients: everyone().length,
      ready: everyone().filter((a) => a.client.state === 'ready').length,
      sending: everyone().reduce((n, a) => n + a.unacked, 0),
    });
    const status = () => {
      const { clients, ready, sending } = census();
      const sent = everyone().reduce((n, a) => n + a.sent.length, 0);
      const nodes = Array.from({ length: cluster.size }, (_, i) => `${NODE_NAMES[i]} ${cluster.isUp(i) ? 'up' : 'DOWN'}`).join(', ');
      const redis = cluster.redis ? `, redis ${cluster.redis.up ? 'up' : 'DOWN'}` : '';
      return `sent ${sent}, acked ${sent - sending}, sending ${sending} | clients ready ${ready}/${clients} | ${nodes}${redis}`;
    };
    if (o.progressMs > 0) progress = setInterval(() => o.log(`[${clock()}] ${status()}`), o.progressMs);

    // Typing, while things break.
    const typingStarted = Date.now();
    for (const actor of everyone()) actor.start();
    const outages: Outage[] = [];
    const faults = schedule(o, cluster, random, note, census, outages);
    const chaos = (async () => {
      for (const fault of faults) {
        await sleep(typingStarted + fault.at - Date.now(), o.signal);
        if (o.signal?.aborted) return;
        await fault.run();
      }
    })();
    chaos.catch(() => undefined); // awaited below; a failed restart must not crash the process meanwhile
    await sleep(o.durationMs, o.signal);
    for (const actor of everyone()) actor.stop();
    await chaos;
    // Whatever the schedule, everything is up for the end.
    for (let i = 0; i < cluster.size; i++) await cluster.restart(i);
    await cluster.redis?.start();
    note(`typing stopped: ${status()}`);

    // Quiet: outboxes empty, then every transcript equals the database.
    const quiet = Date.now();
    const deadline = quiet + o.settleMs;
    const drained = await until(() => everyone().every((a) => a.unacked === 0), deadline, 100, o.signal);
    const drainedInMs = drained ? Date.now() - quiet : null;
    note(drained ? `every outbox empty after ${drainedInMs} ms` : `outboxes still not empty after ${o.settleMs} ms: ${status()}`);
    let database = await cluster.read();
    let report = account({ ...database, clients: everyone().map((a) => a.record()) });
    const converged = await until(
      async () => {
        database = await cluster.read();
        report = account({ ...database, clients: everyone().map((a) => a.record()) });
        return !failed(report);
      },
      deadline,
      250,
      o.signal,
    );
    const convergedInMs = converged ? Date.now() - quiet : null;
    note(converged ? `every transcript equals the database after ${convergedInMs} ms` : `not converged after ${o.settleMs} ms`);
    const missedLive = agents.reduce((n, a) => n + database.stored.filter((m) => !a.heardLive.has(m.clientMsgId)).length, 0);
    return { report, events, warnings: cluster.warnings(), outages, drainedInMs, convergedInMs, missedLive };
  } finally {
    clearInterval(progress);
    for (const actor of everyone()) actor.close();
    await cluster.close();
  }
}
