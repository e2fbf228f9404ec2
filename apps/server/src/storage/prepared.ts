import { CompiledQuery, type Compilable, type Kysely } from 'kysely';

/**
 * A query Kysely builds and compiles once, then runs with new values each call.
 * Kysely builds a tree and compiles it on every call. For the few queries every
 * connection makes (its site, its visitor, its open conversation) that was a seventh
 * of a node's time in a reconnect storm, more than SQLite running them
 * (docs/benchmarks.md). The batch's SQL (messages/batch-sql.mjs) is written once per
 * shape for the same reason.
 *
 * `build` gets the database and a placeholder for each argument, and must use each one
 * as a value (a comparison, a column set), never to choose the query's shape: a value
 * that decides the SQL, such as a list whose length varies or a branch on null, must be
 * written so the SQL stays the same (e.g. `coalesce(?, column)`). A placeholder the
 * compiled query does not carry is refused when the query is first run.
 */
export function prepare<DB, Args extends unknown[], Row>(
  build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>,
): (db: Kysely<DB>, ...args: Args) => Promise<Row[]> {
  // Per database handle: SQLite and PostgreSQL compile differently, and tests open both.
  const compiled = new WeakMap<Kysely<DB>, Compiled>();
  return async (db, ...args) => {
    let query = compiled.get(db);
    if (!query) compiled.set(db, (query = compile(db, build, args.length)));
    const { sql, parameters, slots } = query;
    const values = parameters.map((value, i) => (slots[i]! >= 0 ? args[slots[i]!] : value));
    return (await db.executeQuery<Row>(CompiledQuery.raw(sql, values))).rows;
  };
}

interface Compiled {
  sql: string;
  parameters: readonly unknown[];
  /** For each parameter, the argument it takes (-1: a constant of the query). */
  slots: number[];
}

function compile<DB, Args extends unknown[]>(db: Kysely<DB>, build: (db: Kysely<DB>, ...args: Args) => Compilable<unknown>, arity: number): Compiled {
  // Strings no caller's value can equal, so each parameter is known for what it is.
  const markers = Array.from({ length: arity }, (_, i) => `\u0000kefu-placeholder-${i}\u0000`);
  const { sql, parameters } = build(db, ...(markers as Args)).compile();
  const slots = parameters.map((value) => (typeof value === 'string' ? markers.indexOf(value) : -1));
  const unused = markers.findIndex((_, i) => !slots.includes(i));
  if (unused >= 0) throw new Error(`prepared query: argument ${unused} is not a value of the query (${sql})`);
  return { sql, parameters, slots };
}
