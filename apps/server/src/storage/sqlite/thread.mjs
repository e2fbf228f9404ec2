// @ts-check
// The SQLite connection, in a worker thread of its own (see thread-driver.ts). Plain
// JavaScript because a worker thread loads its file as it is, from the sources under
// the tests as from dist/ in production: no TypeScript loader runs there.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

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
  // A busy node's indexes (messages by conversation, inbox rows) stay in memory: 64 MB of
  // page cache instead of 2 MB, and reads through a memory map instead of read() calls.
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
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

/**
 * One query: [id, sql, parameters, begin] in, [id, rows] or [id, null, changes,
 * lastInsertRowid] or [id, null, 0, 0, error] out. `begin`: open a transaction first (see
 * thread-driver.ts); if that fails the query does not run. The error keeps SQLite's code
 * (e.g. SQLITE_CONSTRAINT_UNIQUE).
 * @param {Request} request
 */
function run([id, sql, parameters, begin]) {
  try {
    if (begin) prepare('begin').run();
    const statement = prepare(sql);
    if (statement.reader) return [id, statement.all(parameters)];
    const { changes, lastInsertRowid } = statement.run(parameters);
    return [id, null, changes, Number(lastInsertRowid)];
  } catch (err) {
    const { name, message, code } = /** @type {Error & { code?: string }} */ (err);
    return [id, null, 0, 0, { name, message, code }];
  }
}

/** @typedef {[id: number, sql: string, parameters: unknown[], begin?: boolean]} Request */

port.on('message', (/** @type {Request | 'close'} */ request) => {
  if (request === 'close') {
    statements.clear();
    db.close();
    port.close();
    return;
  }
  port.postMessage(run(request));
});
port.postMessage('ready');
