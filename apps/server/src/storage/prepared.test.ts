import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test-support/databases.js';
import { openStorage, type Storage } from './connect.js';
import { prepare } from './prepared.js';

interface Tables {
  prepared_test: { name: string; size: number; note: string | null };
}

// A query compiled once runs with each call's own values, on both dialects.
for (const dialect of DIALECTS) {
  describe(`a prepared query on ${dialect}`, () => {
    let testDb: TestDatabase;
    let storage: Storage;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      storage = await openStorage(testDb);
      await sql`create table prepared_test (name text primary key, size integer not null, note text)`.execute(storage.db);
      await sql`insert into prepared_test (name, size, note) values ('a', 1, 'first'), ('b', 2, null), ('c', 3, 'third')`.execute(storage.db);
    });

    afterAll(async () => {
      await storage?.close();
      await testDb?.drop();
    });

    it('runs with the values of each call, a value used twice included', async () => {
      const db = storage.db as unknown as Kysely<Tables>;
      const between = prepare((db: Kysely<Tables>, low: number, high: number) =>
        db.selectFrom('prepared_test').select('name').where('size', '>=', low).where('size', '<=', high).where(sql<boolean>`${low} <= ${high}`).orderBy('name'),
      );
      expect((await between(db, 1, 2)).map((r) => r.name)).toEqual(['a', 'b']);
      expect((await between(db, 2, 3)).map((r) => r.name)).toEqual(['b', 'c']);
      expect(await between(db, 3, 1)).toEqual([]);
    });

    it('keeps the constants the query was built with, and takes null for a value', async () => {
      const db = storage.db as unknown as Kysely<Tables>;
      const setNote = prepare((db: Kysely<Tables>, name: string, note: string | null) =>
        db.updateTable('prepared_test').set({ note: sql`coalesce(${note}, note)`, size: 10 }).where('name', '=', name),
      );
      await setNote(db, 'a', null);
      await setNote(db, 'b', 'second');
      const rows = await db.selectFrom('prepared_test').selectAll().orderBy('name').execute();
      expect(rows).toEqual([
        { name: 'a', size: 10, note: 'first' },
        { name: 'b', size: 10, note: 'second' },
        { name: 'c', size: 3, note: 'third' },
      ]);
    });

    it('refuses a query that does not carry an argument as a value', async () => {
      const db = storage.db as unknown as Kysely<Tables>;
      const shaped = prepare((db: Kysely<Tables>, name: string, unused: string) => db.selectFrom('prepared_test').select('name').where('name', '=', name).$if(unused === 'x', (q) => q));
      await expect(shaped(db, 'a', 'x')).rejects.toThrow(/argument 1 is not a value/);
    });
  });
}
