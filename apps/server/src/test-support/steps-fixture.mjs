// @ts-check
// Steps for storage/steps.test.ts (plain JavaScript, as SQLite's thread loads them).

/**
 * Inserts the names, reads them back, then fails if asked to: after the failure nothing of it may remain.
 * @param {'sqlite' | 'postgres'} dialect @param {string[]} names @param {boolean} fail
 * @returns {import('../storage/steps.mjs').Steps<{ names: string[], before: number }>}
 */
export function* insertAndRead(dialect, names, fail) {
  const mark = (/** @type {number} */ i) => (dialect === 'postgres' ? `$${i}` : '?');
  const [counted] = yield [{ sql: 'select count(*) as n from steps_test', parameters: [] }];
  yield names.map((name) => ({ sql: `insert into steps_test (name) values (${mark(1)})`, parameters: [name] }));
  const [rows] = yield [{ sql: 'select name from steps_test order by name', parameters: [] }];
  // A second row of the first name breaks the unique index.
  if (fail) yield [{ sql: `insert into steps_test (name) values (${mark(1)})`, parameters: [names[0]] }];
  return { names: /** @type {{ name: string }[]} */ (rows).map((r) => r.name), before: Number(/** @type {{ n: number }[]} */ (counted)[0]?.n) };
}

/**
 * Ends the thread that runs it, as a native crash would (process.exit in a worker ends the worker).
 * @returns {import('../storage/steps.mjs').Steps<never>}
 */
// eslint-disable-next-line require-yield
export function* endTheThread() {
  process.exit(3);
}
