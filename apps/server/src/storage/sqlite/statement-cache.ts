import type { Database as SQLite, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Compiled statements kept; the app has a few dozen query shapes, batches add one per size. */
const CACHED_MAX = 1_000;

/**
 * Kysely prepares every query it runs, and better-sqlite3 compiles the SQL on every
 * prepare(): on the hot path that compile was a tenth of the node's time. This hands
 * Kysely the compiled statement of the same SQL text when it has one (least recently
 * used go first), or a fresh one when the cached one is still iterating rows.
 */
export function cachingStatements(db: SQLite): SqliteDatabase {
  const cache = new Map<string, Statement>();
  return {
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached && !cached.busy) {
        // Most recently used last: Map keeps insertion order.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = db.prepare(sql);
      if (!cached) {
        cache.set(sql, statement);
        if (cache.size > CACHED_MAX) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}
