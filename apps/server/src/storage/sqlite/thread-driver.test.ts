import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSqlite } from './connect.js';

// The SQLite connection lives in a worker thread: what a caller sees must be what a
// connection in the same thread gave (results, errors with SQLite's codes, transactions,
// one query at a time), and an idle connection must not keep the process alive.
describe('SQLite on its own thread', () => {
  let dir: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let db: Kysely<any>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-thread-'));
    db = connectSqlite(path.join(dir, 'kefu.db')).db;
    await sql`create table t (id integer primary key, name text not null unique)`.execute(db);
  });

  afterAll(async () => {
    await db?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns rows, changes and insert ids, and runs in WAL mode', async () => {
    const inserted = await db.insertInto('t').values([{ name: 'a' }, { name: 'b' }]).executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    expect(inserted.insertId).toBe(2n);
    expect(await db.selectFrom('t').select(['id', 'name']).orderBy('id').execute()).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
    const returned = await db.updateTable('t').set({ name: 'bb' }).where('id', '=', 2).returning('name').execute();
    expect(returned).toEqual([{ name: 'bb' }]);
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(rows[0]!.journal_mode).toBe('wal');
  });

  it("keeps SQLite's error code, and the connection goes on after an error", async () => {
    const failure = await db.insertInto('t').values({ name: 'a' }).execute().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: expect.stringContaining('UNIQUE') });
    expect(await db.selectFrom('t').select('name').where('id', '=', 1).executeTakeFirst()).toEqual({ name: 'a' });
  });

  it('rolls a failed transaction back and keeps concurrent callers out of it', async () => {
    const inside: string[] = [];
    const failed = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('t').values({ name: 'in-transaction' }).execute();
        inside.push((await trx.selectFrom('t').select('name').where('name', '=', 'in-transaction').executeTakeFirst())?.name ?? 'missing');
        throw new Error('give up');
      })
      .catch((err: Error) => err.message);
    // Asked while the transaction holds the connection: it runs after, and sees none of it.
    const outside = db.selectFrom('t').select('name').where('name', '=', 'in-transaction').execute();
    expect(await failed).toBe('give up');
    expect(inside).toEqual(['in-transaction']);
    expect(await outside).toEqual([]);
  });

  it('answers many queries in flight, each its own', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `n${i}`);
    await Promise.all(names.map((name) => db.insertInto('t').values({ name }).execute()));
    const found = await Promise.all(names.map((name) => db.selectFrom('t').select('name').where('name', '=', name).executeTakeFirstOrThrow()));
    expect(found.map((r) => r.name)).toEqual(names);
  });

  it('fails to open with a clear error when the file cannot be opened', async () => {
    const notAFile = connectSqlite(path.join(dir, 'a-folder', 'kefu.db')).db;
    fs.mkdirSync(path.join(dir, 'a-folder', 'kefu.db'), { recursive: true });
    await expect(sql`select 1`.execute(notAFile)).rejects.toThrow(/cannot open the SQLite database .*kefu\.db/);
    await notAFile.destroy();
  });

  it('fails what is in flight and what comes after when the thread dies, instead of hanging', async () => {
    const doomed = connectSqlite(path.join(dir, 'doomed.db'));
    const fixture = { module: new URL('../../test-support/steps-fixture.mjs', import.meta.url), name: 'endTheThread' };
    await expect(doomed.runSteps(fixture, [] as never)).rejects.toThrow('the SQLite thread exited (code 3)');
    await expect(sql`select 1`.execute(doomed.db)).rejects.toThrow('the SQLite thread exited (code 3)');
    await doomed.db.destroy();
  });

  it('lets a process with an idle connection exit by itself', () => {
    // A script that opens the database, queries once and never closes it must end.
    // The built server's module (npm test builds it first): a plain node process cannot load TypeScript.
    const connect = new URL('../../../dist/storage/sqlite/connect.js', import.meta.url).pathname;
    const script = path.join(dir, 'idle.mjs');
    fs.writeFileSync(script, `
      import { connectSqlite } from ${JSON.stringify(connect)};
      const { db } = connectSqlite(${JSON.stringify(path.join(dir, 'exit.db'))});
      const row = await db.selectNoFrom((eb) => eb.val(42).as('answer')).executeTakeFirstOrThrow();
      console.log(row.answer);
    `);
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('42');
    expect(run.status).toBe(0);
  });

  it('checkpoints beside the writer: the log starts over while writes go on, and none is left after closing', async () => {
    // The writer never checkpoints (its autocheckpoint is off): only the checkpointer's
    // restarts keep the log from holding everything ever written.
    const file = path.join(dir, 'checkpoints.db');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const busy: Kysely<any> = connectSqlite(file).db;
    await sql`create table blobs (id integer primary key, data blob not null)`.execute(busy);
    const row = Buffer.alloc(16 * 1024, 7);
    const started = performance.now();
    let written = 0;
    let largestLog = 0;
    // Past a few restarts (one a second at most, once the log holds 16 MB), paced to about
    // 25 MB a second so that a fast disk does not fill up.
    while (performance.now() - started < 3_500 || written < 64 * 1024 * 1024) {
      await busy.insertInto('blobs').values(Array.from({ length: 10 }, () => ({ data: row }))).execute();
      await new Promise((resolve) => setTimeout(resolve, 5));
      written += 10 * row.length;
      largestLog = Math.max(largestLog, fs.statSync(`${file}-wal`).size);
    }
    expect(largestLog).toBeLessThan(written / 2);
    const { rows } = await sql<{ n: number }>`select count(*) as n from blobs`.execute(busy);
    expect(rows[0]!.n * row.length).toBe(written);
    await busy.destroy();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  }, 30_000);
});
