import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runBench } from './bench.js';
import type { RunResult } from './messages.js';
import { benchOptions, type BenchOptions } from './options.js';

/**
 * A bench that cannot detect a lost message is not a bench: small real runs with
 * something broken on purpose, once in the database and once at the receivers.
 */
const SMALL: Partial<BenchOptions> = { visitors: 50, agents: 5, rate: 200, durationMs: 3000, drainMs: 5000, workers: 2, db: 'sqlite' };
const quiet = { log: () => undefined };

function only(run: RunResult | undefined) {
  expect(run?.steps).toHaveLength(1);
  return run!.steps[0]!;
}

describe('stress bench: faults are counted', () => {
  it('counts acknowledged messages deleted from the database as lost (acked, not stored)', { timeout: 60_000 }, async () => {
    let deleted = 0;
    const result = await runBench(benchOptions(SMALL), {
      ...quiet,
      // After the acks, before the accounting: as if the database had lost them.
      afterStep: async (_step, target, prefix) => {
        const db = new Database(target.sqliteFile!);
        try {
          const ids = db.prepare('SELECT client_msg_id FROM messages WHERE client_msg_id LIKE ? LIMIT 7').pluck().all(`${prefix}%`) as string[];
          deleted = db.prepare(`DELETE FROM messages WHERE client_msg_id IN (${ids.map(() => '?').join(',')})`).run(...ids).changes;
        } finally {
          db.close();
        }
      },
    });
    const a = only(result.kefu).accounting;
    expect(deleted).toBe(7);
    expect(a.lost).toEqual({ total: 7, ackedNotStored: 7, neverReached: 0, noAddressee: 0 });
    expect(a.stored).toBe(a.sent - 7);
  });

  it('counts frames a receiver dropped, with no final sync to recover them, as lost (never reached)', { timeout: 60_000 }, async () => {
    const result = await runBench(benchOptions({ ...SMALL, drainMs: 2000, faults: { dropEveryNth: 20, skipFinalSync: true } }), quiet);
    const a = only(result.kefu).accounting;
    expect(a.lost.ackedNotStored).toBe(0);
    // Every 20th addressed frame, counted per worker: about a twentieth of them.
    expect(a.lost.neverReached).toBeGreaterThan(Math.floor(a.stored! / 20) - 3);
    expect(a.lost.neverReached + a.delivered).toBe(a.stored);
  });

  it('with the final sync, dropped frames are found again: recovered, not lost', { timeout: 60_000 }, async () => {
    const result = await runBench(benchOptions({ ...SMALL, drainMs: 2000, faults: { dropEveryNth: 20, skipFinalSync: false } }), quiet);
    const a = only(result.kefu).accounting;
    expect(a.lost.total).toBe(0);
    expect(a.recoveredBySync).toBeGreaterThan(0);
    expect(a.recoveredBySync + a.delivered).toBe(a.stored);
  });

});
