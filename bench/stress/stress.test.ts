import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBench } from './bench.js';
import type { RunResult } from './messages.js';
import { benchOptions, type BenchOptions } from './options.js';

/**
 * Small real runs of the stress bench (the large ones: `npm run bench`): the built
 * server on SQLite, worker processes with the lean client. faults.test.ts breaks
 * things on purpose to show the bench notices.
 */
const SMALL: Partial<BenchOptions> = { visitors: 50, agents: 5, rate: 200, durationMs: 3000, drainMs: 5000, workers: 2, db: 'sqlite' };
const quiet = { log: () => undefined };

function only(run: RunResult | undefined) {
  expect(run?.steps).toHaveLength(1);
  return run!.steps[0]!;
}

describe('stress bench', () => {
  it('a clean run accounts for every message: sent == acked == stored == delivered, nothing lost, doubled or reordered', { timeout: 60_000 }, async () => {
    const result = await runBench(benchOptions(SMALL), quiet);
    const step = only(result.kefu);
    const a = step.accounting;
    expect(result.kefu!.warmup.assigned).toBe(50);
    expect(a.sent, JSON.stringify(a)).toBeGreaterThan(300);
    expect({ acked: a.acked, stored: a.stored, delivered: a.delivered }).toEqual({ acked: a.sent, stored: a.sent, delivered: a.sent });
    expect({ lost: a.lost.total, duplicated: a.duplicated.total, outOfOrder: a.outOfOrder, recovered: a.recoveredBySync, problems: a.problems }).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0, recovered: 0, problems: [] });
    expect(step.deliver.count).toBe(a.delivered);
    expect(step.server).toHaveLength(1);
    expect(step.server[0]!.peakRssMb).toBeGreaterThan(0);
    // Each thread's CPU: the event loop did work, and SQLite's writer is one of the other threads that did.
    const threads = step.server[0]!.threads;
    expect(threads.filter((t) => t.main)).toHaveLength(1);
    expect(threads.find((t) => t.main)!.cpuS).toBeGreaterThan(0);
    expect(threads.filter((t) => !t.main).length).toBeGreaterThan(0);
    // The node's event loop wrote its delay once a second of the 3 s step (pause-log.mjs), with its collections.
    expect(step.pauses.map((p) => p.pid)).toEqual(step.server.map((p) => p.pid));
    expect(step.pauses[0]!.loopDelay.seconds).toBeGreaterThanOrEqual(2);
    expect(step.clientPauses.map((p) => p.loopDelay.seconds >= 2)).toEqual([true, true]);
    // The node's own view (its /metrics): every message of the step went through its writer, and none of the warm-up's.
    const [own] = step.serverLatency;
    expect(step.serverLatency).toHaveLength(1);
    expect(own?.messages).toBe(a.sent);
    expect(own!.settle.p99).toBeGreaterThan(0);
    expect(own!.batchMeanMessages).toBeGreaterThanOrEqual(1);
  });

  it('--find-max climbs by the step factor while steps hold, and reports the last as a lower bound when --max-steps runs out', { timeout: 90_000 }, async () => {
    const result = await runBench(benchOptions({ ...SMALL, rate: 100, findMax: true, stepFactor: 2, maxSteps: 2, stepDurationMs: 1500, p99BoundMs: 5_000, retries: 0 }), quiet);
    const run = result.kefu!;
    expect(run.steps.map((s) => s.offeredPerS)).toEqual([100, 200]);
    for (const step of run.steps) expect({ lost: step.accounting.lost.total, duplicated: step.accounting.duplicated.total, outOfOrder: step.accounting.outOfOrder }).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(run.maxSustainablePerS).toBe(run.steps[1]!.achievedPerS);
    expect(run.maxIsLowerBound).toBe(true);
  });

  it('--find-max halves the rate while even the first step misses its bound, and finds none when nothing holds', { timeout: 90_000 }, async () => {
    // No real network delivers within 0.1 ms at p99: every step misses the bound.
    const result = await runBench(benchOptions({ ...SMALL, rate: 100, findMax: true, stepFactor: 2, maxSteps: 3, stepDurationMs: 1000, p99BoundMs: 0.1, retries: 0 }), quiet);
    const run = result.kefu!;
    expect(run.steps.map((s) => s.offeredPerS)).toEqual([100, 50, 25]);
    expect(run.maxSustainablePerS).toBeNull();
    expect(run.maxIsLowerBound).toBe(false);
  });

  it('--cpu-prof and --heap-prof write each node\'s profiles of the step, which profile-summary.mjs reads', { timeout: 60_000 }, async () => {
    const result = await runBench(benchOptions({ ...SMALL, durationMs: 2000, cpuProf: true, heapProf: true }), quiet);
    const dir = String(result.options.profileDir);
    try {
      const [pid] = result.kefu!.steps[0]!.server.map((p) => p.pid);
      expect(fs.readdirSync(dir).sort()).toEqual([`kefu-${pid}-1.cpuprofile`, `kefu-${pid}-1.heapprofile`]);
      const summary = execFileSync(process.execPath, [fileURLToPath(new URL('./profile-summary.mjs', import.meta.url)), path.join(dir, `kefu-${pid}-1.heapprofile`), '--messages', '100'], { encoding: 'utf8' });
      expect(summary).toContain('bytes allocated by function');
      // The step allocated something, and the per-message figure is printed.
      expect(Number(/samples, ([\d.]+) MB/.exec(summary)?.[1])).toBeGreaterThan(0);
      expect(summary).toMatch(/KB a message/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['baseline', 'the ws relay'],
    ['socketioBaseline', 'the Socket.IO relay'],
  ] as const)('drives %s (%s) with the same workers and accounting', { timeout: 60_000 }, async (which, _relay) => {
    const result = await runBench(benchOptions({ ...SMALL, durationMs: 2000, baseline: which === 'baseline', socketioBaseline: which === 'socketioBaseline' }), quiet);
    expect(result[which === 'baseline' ? 'socketioBaseline' : 'baseline']).toBeUndefined();
    const relay = only(result[which]);
    const a = relay.accounting;
    expect(relay.pauses[0]?.loopDelay.seconds).toBeGreaterThanOrEqual(1);
    expect(a.stored).toBeNull();
    expect(relay.serverLatency).toEqual([]);
    expect(a.sent).toBeGreaterThan(200);
    expect({ acked: a.acked, delivered: a.delivered, lost: a.lost.total, duplicated: a.duplicated.total, outOfOrder: a.outOfOrder }).toEqual({ acked: a.sent, delivered: a.sent, lost: 0, duplicated: 0, outOfOrder: 0 });
    // The ratio itself is a speed, for the bench to print and no test to assert.
    expect(result).toHaveProperty(which === 'baseline' ? 'ratioToBaseline' : 'ratioToSocketio');
  });
});
