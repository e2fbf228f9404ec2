import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { RunSteps } from '../connect.js';
import { SqliteThreadDialect } from './thread-driver.js';

/** Opens (creating if needed) the SQLite file in WAL mode, on a thread of its own (thread.mjs says how). */
export function connectSqlite(file: string): { db: Kysely<Database>; runSteps: RunSteps } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const dialect = new SqliteThreadDialect(file);
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    // Holding the connection as Kysely's callers do: no transaction of theirs is open meanwhile.
    runSteps: (ref, args) => db.connection().execute(() => dialect.runSteps(ref.module, ref.name, args)) as never,
  };
}
