import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test-support/databases.js';
import type { insertAndRead } from '../test-support/steps-fixture.mjs';
import { openStorage, type Storage } from './connect.js';

const FIXTURE = new URL('../test-support/steps-fixture.mjs', import.meta.url);

// A transaction written as steps runs whole where the connection is (SQLite's thread, or
// PostgreSQL step by step): later steps see earlier ones' rows, a failure undoes it all.
for (const dialect of DIALECTS) {
  describe(`a transaction of steps on ${dialect}`, () => {
    let testDb: TestDatabase;
    let storage: Storage;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      storage = await openStorage(testDb);
      await sql`create table steps_test (name text primary key)`.execute(storage.db);
    });

    afterAll(async () => {
      await storage?.close();
      await testDb?.drop();
    });

    const run = (names: string[], fail: boolean) => storage.runSteps<typeof insertAndRead>({ module: FIXTURE, name: 'insertAndRead' }, [dialect, names, fail]);

    it('gives each step the rows of the one before, and returns the result', async () => {
      expect(await run(['b', 'a'], false)).toEqual({ names: ['a', 'b'], before: 0 });
    });

    it('undoes every step when one fails, with the database error', async () => {
      const failure = await run(['c', 'd'], true).catch((err: unknown) => err);
      expect(failure).toMatchObject({ message: expect.stringMatching(/unique|duplicate/i) });
      const { rows } = await sql<{ name: string }>`select name from steps_test order by name`.execute(storage.db);
      expect(rows.map((r) => r.name)).toEqual(['a', 'b']);
    });

    it('runs between other callers, never inside their transaction', async () => {
      const inside = storage.db.transaction().execute(async (trx) => {
        await sql`insert into steps_test (name) values ('in-transaction')`.execute(trx);
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('give up');
      });
      const steps = run(['e'], false);
      await expect(inside).rejects.toThrow('give up');
      expect((await steps).names).toEqual(['a', 'b', 'e']);
    });

    it('says so when the module has no such steps', async () => {
      await expect(storage.runSteps({ module: FIXTURE, name: 'noSuchSteps' }, [])).rejects.toThrow(/no steps named noSuchSteps/);
    });
  });
}
