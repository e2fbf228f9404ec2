// @ts-check
// The SQLite connection, in a worker thread of its own (see thread-driver.ts). Plain
// JavaScript because a worker thread loads its file as it is, from the sources under
// the tests as from dist/ in production: no TypeScript loader runs there.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { runStepsNow, stepsNamed } from '../steps.mjs';
import { configureWriter } from './pragmas.mjs';

/** Compiled statements kept; the app has a few dozen query shapes, batches add one per size. */
const CACHED_MAX = 1_000;

/** @type {{ file: string }} */
const { file } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @returns {import('better-sqlite3').Database} */
function open() {
  const db = new SQLite(file);
  configureWriter(db);
  return db;
}

/** @type {import('better-sqlite3').Database} */
let db;
try {
  db = open();
} catch (err) {
  // A thread's uncaught SqliteError reaches the parent without its message: say it here.
  const { message, code } = /** @type {Error & { code?: string }} */ (err);
  port.postMessage(['failed', { name: 'Error', message: `cannot open the SQLite database ${file}: ${message}`, code }]);
  process.exit(1);
}

/** Set by the checkpointer while it restarts the log, which needs this connection out of a transaction. */
const restarting = new Int32Array(new SharedArrayBuffer(4));
let closing = false;
let checkpointerEnded = false;

/** A RESTART takes a few milliseconds; past this the connection goes on (SQLite's busy handler waits for the rest). */
const RESTART_WAIT_MS = 1_000;

/** Before a transaction (or a statement on its own): wait while the checkpointer restarts the log. */
function waitForRestart() {
  if (!db.inTransaction && Atomics.load(restarting, 0) === 1) Atomics.wait(restarting, 0, 1, RESTART_WAIT_MS);
}

/** If its thread ends before this one closes, this connection checkpoints again, every 4 MB as SQLite does by default. */
function startCheckpointer() {
  const checkpointer = new Worker(new URL('./checkpointer.mjs', import.meta.url), { workerData: { file, restarting } });
  checkpointer.on('error', (err) => console.error('the SQLite checkpointer failed', err));
  checkpointer.on('exit', () => {
    checkpointerEnded = true;
    if (closing) return;
    console.error('the SQLite checkpointer ended; the connection checkpoints by itself');
    db.pragma('wal_autocheckpoint = 1000');
  });
  return checkpointer;
}
const checkpointer = startCheckpointer();

/**
 * better-sqlite3 compiles the SQL on every prepare(): on the hot path that compile was a
 * tenth of the node's time. The compiled statement of the same SQL text is reused (least
 * recently used go first); a fresh one is made while the cached one still iterates rows.
 * @type {Map<string, import('better-sqlite3').Statement>}
 */
const statements = new Map();

/** @param {string} sql */
function prepare(sql) {
  const cached = statements.get(sql);
  if (cached && !cached.busy) {
    // Most recently used last: Map keeps insertion order.
    statements.delete(sql);
    statements.set(sql, cached);
    return cached;
  }
  const statement = db.prepare(sql);
  if (!cached) {
    statements.set(sql, statement);
    if (statements.size > CACHED_MAX) statements.delete(/** @type {string} */ (statements.keys().next().value));
  }
  return statement;
}

/** @param {unknown} err */
const failure = (err) => {
  const { name, message, code } = /** @type {Error & { code?: string }} */ (err);
  return { name, message, code };
};

/**
 * One query: [id, sql, parameters, begin] in, [id, rows] or [id, null, changes,
 * lastInsertRowid] or [id, null, 0, 0, error] out. `begin`: open a transaction first (see
 * thread-driver.ts); if that fails the query does not run. The error keeps SQLite's code
 * (e.g. SQLITE_CONSTRAINT_UNIQUE).
 * @param {Query} request
 */
function query([id, sql, parameters, begin]) {
  try {
    waitForRestart();
    if (begin) prepare('begin immediate').run();
    const statement = prepare(sql);
    if (statement.reader) return [id, statement.all(parameters)];
    const { changes, lastInsertRowid } = statement.run(parameters);
    return [id, null, changes, Number(lastInsertRowid)];
  } catch (err) {
    return [id, null, 0, 0, failure(err)];
  }
}

/** @param {import('../steps.mjs').Statement} statement */
const rowsOf = ({ sql, parameters }) => {
  const statement = prepare(sql);
  if (statement.reader) return statement.all(parameters);
  statement.run(parameters);
  return [];
};

/**
 * A transaction written as steps (steps.mjs), whole: ['steps', id, module, name, args] in,
 * [id, result] or [id, null, 0, 0, error] out. All or nothing: an error rolls it back.
 * @param {Steps} request
 * @param {Record<string, unknown>} module
 */
function steps([, id, href, name, args], module) {
  try {
    const make = stepsNamed(module, name, href);
    waitForRestart();
    return [id, db.transaction(() => runStepsNow(make(...args), rowsOf)).immediate()];
  } catch (err) {
    return [id, null, 0, 0, failure(err)];
  }
}

/** @typedef {[id: number, sql: string, parameters: unknown[], begin?: boolean]} Query */
/** @typedef {['steps', id: number, module: string, name: string, args: unknown[]]} Steps */

/** Modules of steps, loaded once each, by URL. @type {Map<string, any>} */
const modules = new Map();

/**
 * Answers a request; a promise while a module of steps loads (the first time it is used).
 * @param {Query | Steps} request
 * @returns {Promise<void> | undefined}
 */
function answer(request) {
  if (request[0] !== 'steps') return void port.postMessage(query(request));
  const module = modules.get(request[2]);
  if (module) return void port.postMessage(steps(request, module));
  return import(request[2]).then(
    (loaded) => {
      modules.set(request[2], loaded);
      port.postMessage(steps(request, loaded));
    },
    (err) => port.postMessage([request[1], null, 0, 0, failure(err)]),
  );
}

// A request that arrives while a module of steps loads waits for it (and for those before
// it): requests are answered in the order they came. `chained` counts those not answered yet.
/** @type {Promise<void>} */
let chain = Promise.resolve();
let chained = 0;
port.on('message', (/** @type {Query | Steps | 'close'} */ request) => {
  if (request === 'close') {
    // The checkpointer's connection first: the last one to close checkpoints and removes the log.
    closing = true;
    const close = () => {
      statements.clear();
      db.close();
      port.close();
    };
    if (checkpointerEnded) close();
    else {
      checkpointer.once('exit', close);
      checkpointer.postMessage('close');
    }
    return;
  }
  if (chained === 0) {
    const later = answer(request);
    if (!later) return;
    chain = later;
  } else {
    chain = chain.then(() => answer(request));
  }
  chained++;
  void chain.then(() => chained--);
});
port.postMessage('ready');
