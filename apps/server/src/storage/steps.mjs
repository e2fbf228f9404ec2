// @ts-check
// A transaction written as steps, so that it runs where the connection is: on SQLite's
// thread in one message (storage/sqlite/thread.mjs), on PostgreSQL one round trip per
// step. Plain JavaScript because the thread loads such modules as they are.

/**
 * One statement: SQL text and its parameters.
 * @typedef {{ sql: string, parameters: readonly unknown[] }} Statement
 */

/**
 * A generator that yields the statements it needs run next (together: none depends on
 * another's result), gets back their rows in the same order (none for a statement without
 * rows), and returns the transaction's result. It must not touch anything but its
 * arguments: on SQLite it runs on another thread, whose reply is a structured clone.
 * @template T
 * @typedef {Generator<Statement[], T, unknown[][]>} Steps
 */

/**
 * The function of steps a module exports under `name`, or a clear error.
 * @param {Record<string, unknown>} module @param {string} name @param {string} href where the module is, for the error
 * @returns {(...args: unknown[]) => Steps<unknown>}
 */
export function stepsNamed(module, name, href) {
  const make = module[name];
  if (typeof make !== 'function') throw new Error(`no steps named ${name} in ${href}`);
  return /** @type {(...args: unknown[]) => Steps<unknown>} */ (make);
}

/**
 * Runs steps with statements that answer at once (SQLite's thread, in a transaction).
 * @template T
 * @param {Steps<T>} steps
 * @param {(statement: Statement) => unknown[]} run
 * @returns {T}
 */
export function runStepsNow(steps, run) {
  /** @type {unknown[][]} */
  let rows = [];
  for (;;) {
    const step = steps.next(rows);
    if (step.done) return step.value;
    rows = step.value.map(run);
  }
}

/**
 * Runs steps with statements that answer later (PostgreSQL), each step's together.
 * @template T
 * @param {Steps<T>} steps
 * @param {(statement: Statement) => Promise<unknown[]>} run
 * @returns {Promise<T>}
 */
export async function runSteps(steps, run) {
  /** @type {unknown[][]} */
  let rows = [];
  for (;;) {
    const step = steps.next(rows);
    if (step.done) return step.value;
    rows = await Promise.all(step.value.map(run));
  }
}
