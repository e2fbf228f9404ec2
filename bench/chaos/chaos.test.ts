import { describe, expect, it } from 'vitest';
import { failed } from './accounting.js';
import { runChaos, type ChaosOptions, type ChaosResult } from './scenario.js';

/**
 * The small chaos runs of `npm test` (the large ones: `npm run chaos`). Each breaks
 * something on purpose under 20 visitors and 3 agents typing, then checks that every
 * acknowledged message is stored once, seqs are 1..n, and every client shows exactly
 * what the database holds. See README.md.
 */
const SMALL: Omit<ChaosOptions, 'db' | 'nodes' | 'kills' | 'redisRestarts'> = {
  visitors: 20,
  tabs: 1,
  agents: 3,
  durationMs: 9_000,
  downMs: 300,
  redisDownMs: 1_500,
  visitorIntervalMs: [150, 900],
  agentIntervalMs: [150, 600],
  agentFollows: 12,
  pollingEvery: 5,
  settleMs: 15_000,
  seed: Number(process.env.KEFU_CHAOS_SEED ?? Date.now() % 1_000_000),
  progressMs: 0,
  log: () => undefined,
};

/** Everything a reader needs when a run fails: the figures, the first problems, what was broken when, the servers' complaints. */
function explain(result: ChaosResult): string {
  const { problems, ...figures } = result.report;
  return [
    JSON.stringify(figures),
    ...problems,
    ...result.events,
    ...result.warnings.slice(0, 30),
  ].join('\n');
}

function expectClean(result: ChaosResult): void {
  const { report } = result;
  // Something happened at all, and everything of it is accounted for.
  expect(report.acked, explain(result)).toBeGreaterThan(100);
  expect(report.stored).toBe(report.sent);
  expect(failed(report), explain(result)).toBe(false);
  expect({ lost: report.lost, duplicated: report.duplicated, outOfOrder: report.outOfOrder, problems: report.problems }).toEqual({
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    problems: [],
  });
  expect(result.convergedInMs).not.toBeNull();
}

describe('chaos: nothing lost, doubled or reordered when things break', () => {
  it('one node on SQLite, SIGKILLed and restarted 3 times', { timeout: 60_000 }, async () => {
    const result = await runChaos({ ...SMALL, db: 'sqlite', nodes: 1, kills: 3, redisRestarts: 0 });
    expect(result.outages).toHaveLength(3);
    // The kills hit messages in flight.
    expect(result.outages.reduce((n, o) => n + o.sendingAtKill, 0), explain(result)).toBeGreaterThan(0);
    expectClean(result);
  });

  it('two nodes on PostgreSQL + Redis, one SIGKILLed: its clients move to the other', { timeout: 60_000 }, async () => {
    // Down long enough that its clients must go on through the other node.
    const result = await runChaos({ ...SMALL, db: 'postgres', nodes: 2, kills: 1, downMs: 3000, redisRestarts: 0 });
    expect(result.outages).toHaveLength(1);
    expect(result.outages[0]!.readyBeforeRestart, explain(result)).toBe(result.outages[0]!.clients);
    expectClean(result);
  });

  it('two nodes on PostgreSQL + Redis, Redis SIGKILLed and restarted', { timeout: 60_000 }, async () => {
    const result = await runChaos({ ...SMALL, db: 'postgres', nodes: 2, kills: 0, redisRestarts: 1 });
    expectClean(result);
  });
});
