/** The end-of-run table on stdout (the JSON is the result object itself). */
import type { ConnectionsResult } from './connections.js';
import type { RunResult, StepResult } from './messages.js';
import { pausesLine } from './pauses.js';
import type { ProcessFigures } from './resources.js';
import { serverLatencyLine } from './server-metrics.js';

export interface BenchResult {
  scenario: 'messages' | 'connections';
  measuredAt: string;
  /** The tree measured: HEAD and whether the server's sources differed from it. */
  tree: { commit: string; serverChanged: boolean } | null;
  options: Record<string, unknown>;
  /** Cores, and the load average when the run started: a busy machine reads as such. */
  machine: { cores: number; loadAverage1m: number };
  kefu?: RunResult;
  baseline?: RunResult;
  /** Kefu's highest sustainable rate over the relay's, at the same p99 bound. */
  ratioToBaseline?: number | null;
  /** The same relay on plain Socket.IO (--socketio-baseline), and Kefu's ratio to it. */
  socketioBaseline?: RunResult;
  ratioToSocketio?: number | null;
  connections?: ConnectionsResult;
}

/** "CPU a message: event loop 180 us, other threads 128 / 16 / 4 us": each thread's time over the messages acknowledged. */
export function threadsLine(p: ProcessFigures, messages: number): string {
  const us = (cpuS: number) => Math.round((cpuS * 1e6) / messages);
  const main = p.threads.find((t) => t.main);
  const others = p.threads.filter((t) => !t.main && us(t.cpuS) > 0).map((t) => us(t.cpuS));
  return `CPU a message: event loop ${main ? us(main.cpuS) : 0} us${others.length ? `, other threads ${others.join(' / ')} us (busiest first)` : ''}`;
}

const pad = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padStart(widths[i]!)).join('  ');

function stepTable(title: string, run: RunResult): string[] {
  const header = ['step', 'offered/s', 'achieved/s', 'ack p50', 'p95', 'p99', 'max', 'deliver p50', 'p95', 'p99', 'max', 'sent', 'acked', 'stored', 'delivered', 'synced', 'lost', 'dup', 'ooo', 'refused', 'client cpu%', 'server cpu%', 'server rss MB'];
  const rows = run.steps.map((s: StepResult) => {
    const a = s.accounting;
    return [
      s.step, s.offeredPerS, s.achievedPerS,
      s.ack.p50, s.ack.p95, s.ack.p99, s.ack.max,
      s.deliver.p50, s.deliver.p95, s.deliver.p99, s.deliver.max,
      a.sent, a.acked, a.stored ?? '-', a.delivered, a.recoveredBySync,
      a.lost.total, a.duplicated.total, a.outOfOrder, a.notAcked,
      s.clientCpuPercent.join('/'),
      s.server.map((p) => `${p.cpuPercent}`).join('/') || '-',
      s.server.map((p) => `${p.peakRssMb}`).join('/') || '-',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const lines = [`${title}: ${run.connections.established} connections (${run.connections.failed} failed); warm-up ${run.warmup.conversations} conversations, ${run.warmup.assigned} assigned in ${run.warmup.ms} ms`, pad(header, widths), ...rows.map((r) => pad(r, widths))];
  for (const s of run.steps) {
    const a = s.accounting;
    if (s.repeats !== null) lines.push(`  step ${s.step} ran the rate of step ${s.repeats} again (that step missed a bound: --retries)`);
    if (a.lost.total) lines.push(`  step ${s.step} lost: ${a.lost.ackedNotStored} acked but not stored, ${a.lost.neverReached} stored but never reached their addressee${a.lost.noAddressee ? ` (${a.lost.noAddressee} of them in conversations no bench agent was assigned)` : ''}`);
    if (a.duplicated.total) lines.push(`  step ${s.step} duplicated: ${a.duplicated.live} heard twice live, ${a.duplicated.stored} stored twice`);
    if (Object.keys(s.errors).length) lines.push(`  step ${s.step} errors: ${Object.entries(s.errors).map(([c, n]) => `${c} x${n}`).join(', ')}`);
    for (const p of a.problems.slice(0, 5)) lines.push(`    ${p}`);
    s.serverLatency.forEach((l, i) => l && lines.push(`  step ${s.step} node ${i + 1}: ${serverLatencyLine(l)}`));
    for (const p of s.server) if (p.threads.length && a.acked) lines.push(`  step ${s.step} server ${p.pid}: ${threadsLine(p, a.acked)}`);
    for (const p of s.pauses) lines.push(`  step ${s.step} server ${p.pid}: ${pausesLine(p)}`);
    s.clientPauses.forEach((p, i) => lines.push(`  step ${s.step} worker ${i}: ${pausesLine(p)}`));
  }
  const lowerBound = run.maxIsLowerBound ? ' or more (the last step still held)' : '';
  lines.push(`  highest sustainable rate: ${run.maxSustainablePerS === null ? 'none of the steps' : `${run.maxSustainablePerS} msgs/s${lowerBound}`}`);
  return lines;
}

export function table(result: BenchResult): string {
  const tree = result.tree ? `, tree ${result.tree.commit}${result.tree.serverChanged ? ' + uncommitted server changes' : ''}` : '';
  const lines: string[] = [`Kefu stress bench, ${result.scenario}, ${result.measuredAt}${tree}, ${result.machine.cores} cores, load ${result.machine.loadAverage1m} at the start`];
  lines.push('latencies in ms; lost/dup/ooo per docs/benchmarks.md; cpu% of one core (per worker / per node)');
  if (result.kefu) lines.push('', ...stepTable('Kefu', result.kefu));
  if (result.baseline) lines.push('', ...stepTable('Baseline (plain ws relay, no persistence)', result.baseline));
  if (result.socketioBaseline) lines.push('', ...stepTable('Socket.IO relay (plain Socket.IO, no persistence)', result.socketioBaseline));
  const ratios = [
    ['baseline', result.baseline, result.ratioToBaseline],
    ['Socket.IO relay', result.socketioBaseline, result.ratioToSocketio],
  ] as const;
  for (const [name, relay, ratio] of ratios) {
    if (ratio === undefined) continue;
    const unsure = relay?.maxIsLowerBound || result.kefu?.maxIsLowerBound ? ' (a maximum was not reached: raise --max-steps)' : '';
    lines.push('', `Kefu / ${name} at the same p99 bound: ${ratio ?? 'n/a'}${unsure}`);
  }
  const c = result.connections;
  if (c) {
    lines.push(
      '',
      `idle visitor connections: ${c.held} held of ${c.asked} (${c.failed} failed); fd limit ${c.fdLimit.server ?? '?'} (server), ${c.fdLimit.bench ?? '?'} (bench)`,
      `server RSS ${c.rssBeforeMb} -> ${c.rssAfterMb} MB: ${c.rssPerConnectionKb} KB per connection`,
      `reconnect storm: node back after ${c.storm.restartMs} ms, ${c.storm.back} visitors greeted again${c.storm.allBackMs === null ? ' (not all)' : `, all within ${c.storm.allBackMs} ms of the kill`}`,
    );
  }
  return lines.join('\n');
}
