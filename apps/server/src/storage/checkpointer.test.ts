import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../test-support/wait.js';
import { migrate, openStorage, type Storage } from './connect.js';
import { startCheckpointer } from './sqlite/checkpointer.js';
import { connectSqlite } from './sqlite/connect.js';

describe('SQLite WAL checkpoints off the event loop', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-checkpoint-'));
  let storage: Storage | undefined;
  afterAll(async () => {
    await storage?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('never checkpoints on commit; the worker copies the WAL into the file', async () => {
    storage = await openStorage({ databaseUrl: null, dataDir });
    const file = path.join(dataDir, 'kefu.db');
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(storage.db);
    expect(rows[0]!.wal_autocheckpoint).toBe(0);
    const before = fs.statSync(file).size;
    // ~4 MB of WAL: with commits alone (auto-checkpoint off) the database file would not grow.
    const big = 'x'.repeat(4000);
    for (let i = 0; i < 1000; i++) {
      await storage.db.insertInto('workspaces').values({ id: `w${i}`, name: big, created_at: i }).execute();
    }
    await waitFor(() => fs.statSync(file).size > before + 3_000_000, 'the database file holds the rows');
    await storage.close();
    storage = undefined;
    expect(fs.statSync(file).size).toBeGreaterThan(before + 3_000_000);
  });

  it('keeps the WAL short under constant writes: a long log starts over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-restart-'));
    const file = path.join(dir, 'kefu.db');
    const db = connectSqlite(file);
    await migrate(db);
    // 256 pages (1 MB) instead of 64 MB, so that a test can pass it many times over.
    const checkpointer = await startCheckpointer(db, file, console, 256);
    try {
      const big = 'y'.repeat(4000);
      let longest = 0;
      let rows = 0;
      // Batches with a millisecond between them, as a busy node commits, for 2 s (~40 MB):
      // without restarts the WAL would hold all of it.
      const until = Date.now() + 2_000;
      while (Date.now() < until) {
        await db.insertInto('workspaces').values(Array.from({ length: 10 }, () => ({ id: `r${++rows}`, name: big, created_at: rows }))).execute();
        longest = Math.max(longest, fs.statSync(`${file}-wal`).size);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      expect(rows * 4000).toBeGreaterThan(20_000_000);
      expect(longest).toBeLessThan(8_000_000);
    } finally {
      await checkpointer.stop();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
