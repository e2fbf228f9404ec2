import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../test-support/wait.js';
import { openStorage, type Storage } from './connect.js';

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
});
