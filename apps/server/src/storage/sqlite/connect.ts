import fs from 'node:fs';
import path from 'node:path';
import { Kysely } from 'kysely';
import type { Database } from '../database.js';
import { SqliteThreadDialect } from './thread-driver.js';

/** Opens (creating if needed) the SQLite file in WAL mode, on a thread of its own (thread.mjs says how). */
export function connectSqlite(file: string): Kysely<Database> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new Kysely<Database>({ dialect: new SqliteThreadDialect(file) });
}
