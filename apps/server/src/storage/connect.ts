import path from 'node:path';
import { CompiledQuery, Migrator, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import { connectPostgres } from './postgres/connect.js';
import { connectSqlite } from './sqlite/connect.js';
import { runSteps, stepsNamed, type Steps } from './steps.mjs';

export type Dialect = 'sqlite' | 'postgres';

/** A function of steps (steps.mjs) by where it is: its module and export name. */
export interface StepsRef {
  module: URL;
  name: string;
}

type StepsFunction = (...args: never[]) => Steps<unknown>;
type StepsResult<F extends StepsFunction> = ReturnType<F> extends Steps<infer T> ? T : never;

/** Runs a transaction written as steps where the connection is: in one message to SQLite's thread, one round trip a step on PostgreSQL. */
export type RunSteps = <F extends StepsFunction>(ref: StepsRef, args: Parameters<F>) => Promise<StepsResult<F>>;

export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  runSteps: RunSteps;
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
  const { db, runSteps } = options.databaseUrl ? withSteps(connectPostgres(options.databaseUrl)) : connectSqlite(path.join(options.dataDir, 'kefu.db'));
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, dialect, runSteps, close: () => db.destroy() };
}

/** Steps run here, in a Kysely transaction, each step's statements sent together. */
function withSteps(db: Kysely<Database>): { db: Kysely<Database>; runSteps: RunSteps } {
  // Loaded once each: a busy node runs the message batch hundreds of times a second.
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const load = (href: string) => {
    let module = modules.get(href);
    if (!module) {
      module = (import(href) as Promise<Record<string, unknown>>).catch((err: unknown) => {
        modules.delete(href); // the next batch tries again
        throw err;
      });
      modules.set(href, module);
    }
    return module;
  };
  const runHere = async (ref: StepsRef, args: readonly unknown[]) => {
    const make = stepsNamed(await load(ref.module.href), ref.name, ref.module.href);
    return db.transaction().execute((trx) => runSteps(make(...args), async ({ sql, parameters }) => (await trx.executeQuery(CompiledQuery.raw(sql, [...parameters]))).rows));
  };
  return { db, runSteps: runHere as RunSteps };
}

export async function migrate(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
