import path from 'node:path';
import { Migrator, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import { connectPostgres } from './postgres/connect.js';
import { connectSqlite } from './sqlite/connect.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** postgres://... or null for SQLite. */
  databaseUrl: string | null;
  /** The SQLite file's folder. */
  dataDir: string;
}

/** Connects to SQLite or PostgreSQL and runs pending migrations. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const dialect: Dialect = options.databaseUrl ? 'postgres' : 'sqlite';
  const db = options.databaseUrl ? connectPostgres(options.databaseUrl) : connectSqlite(path.join(options.dataDir, 'kefu.db'));
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, dialect, close: () => db.destroy() };
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
