// @ts-check
// The SQLite connection, in a worker thread of its own (see thread-driver.ts). Plain
// JavaScript because a worker thread loads its file as it is, from the sources under
// the tests as from dist/ in production: no TypeScript loader runs there.
import fs from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { runStepsNow, stepsNamed } from '../steps.mjs';

/** Compiled statements kept; the app has a few dozen query shapes, batches add one per size. */
const CACHED_MAX = 1_000;

/** @type {{ file: string }} */
const { file } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @returns {import('better-sqlite3').Database} */
function open() {
  const db = new SQLite(file);
  // WAL: readers never block the writer; NORMAL sync is durable across process crashes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // A checkpoint (copying the log into the file) fsyncs the log first, which stalls the
  // thread for everything written since the last one: 100 to 350 ms on a shared disk. So
  // checkpoints come every 40 MB instead of every 4 MB (several a second at 2,500
  // messages/s), and flushLog() keeps the log flushed meanwhile (docs/benchmarks.md).
  db.pragma('wal_autocheckpoint = 10000');
  // A busy node's indexes (messages by conversation, inbox rows) stay in memory: 64 MB of
  // page cache instead of 2 MB, and reads through a memory map instead of read() calls.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  // A batch's UPDATE ... FROM (VALUES ...) materialises its list: in memory, not in a
  // temporary file created, written (about 500 write() calls) and removed for each batch,
  // which was a seventh of a batch's time.
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** How often the log is flushed to disk between checkpoints. */
const FLUSH_EVERY_MS = 100;

let flushing = false;
/**
 * fdatasync() of the log from the thread pool, off this thread's JavaScript: when a
 * checkpoint then fsyncs it, little is left to write (a checkpoint of 88 MB of log took
 * 15 ms after a flush against 81-101 ms without). It only makes committed data durable
 * sooner. The file is opened each time: SQLite may remove it when the database closes.
 */
async function flushLog() {
  if (flushing) return;
  flushing = true;
  try {
    const log = await fs.open(`${file}-wal`, 'r+');
    try {
      await log.datasync();
    } finally {
      await log.close();
    }
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'ENOENT') console.error('flushing the SQLite log failed', err);
  } finally {
    flushing = false;
  }
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
    if (begin) prepare('begin').run();
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
    return [id, db.transaction(() => runStepsNow(make(...args), rowsOf))()];
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
    statements.clear();
    db.close();
    port.close();
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
setInterval(() => void flushLog(), FLUSH_EVERY_MS).unref();
port.postMessage('ready');
