// @ts-check
// SQLite's checkpoints, on a thread and a connection of their own (thread.mjs starts it).
// A checkpoint copies the log into the database file and fsyncs both. On the writer's own
// connection that held up every batch behind it for 30 to 350 ms, twice a second under
// load (docs/benchmarks.md). Here PASSIVE checkpoints copy the log beside the writer,
// never blocking it. They cannot let the log start over while the writer keeps adding to
// it, so the log would grow without end: once it is past RESTART_PAST_FRAMES, at most once
// a second, a RESTART copies what the last PASSIVE left (a few milliseconds' worth) and
// makes the next write start the log from its beginning. The writer waits for that alone;
// `restarting` tells it when to go on, so that it does not sleep in SQLite's busy handler
// (1, 2, 5, 10 ms and so on).
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const PASSIVE_EVERY_MS = 100;
const RESTART_EVERY_MS = 1_000;
/** Restarts that found readers in the way come at most this rarely (doubling from RESTART_EVERY_MS). */
const RESTART_BACKOFF_MAX_MS = 60_000;
/** About 16 MB of log (4 KB pages); below that the log may keep its size until it next empties by itself. */
const RESTART_PAST_FRAMES = 4_096;

/** @type {{ file: string, restarting: Int32Array }} */
const { file, restarting } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

const db = new SQLite(file);
// The same durability as the writer's: the log is fsynced before it is copied, the file after.
db.pragma('synchronous = NORMAL');
// A RESTART holds writers off while it waits for the writer's transaction and for readers
// to leave the log: this long at most. A long reader (a backup, another process's report)
// makes it give up, and restarts then back off so that writers are not held up each second.
db.pragma('busy_timeout = 100');

/** @typedef {[{ busy: number, log: number, checkpointed: number }]} CheckpointResult */

let lastRestart = 0;
let restartEvery = RESTART_EVERY_MS;

function checkpoint() {
  const [{ log }] = /** @type {CheckpointResult} */ (db.pragma('wal_checkpoint(PASSIVE)'));
  if (log < RESTART_PAST_FRAMES || performance.now() - lastRestart < restartEvery) return;
  lastRestart = performance.now();
  Atomics.store(restarting, 0, 1);
  try {
    const [{ busy }] = /** @type {CheckpointResult} */ (db.pragma('wal_checkpoint(RESTART)'));
    restartEvery = busy ? Math.min(restartEvery * 2, RESTART_BACKOFF_MAX_MS) : RESTART_EVERY_MS;
  } finally {
    Atomics.store(restarting, 0, 0);
    Atomics.notify(restarting, 0);
  }
}

const timer = setInterval(() => {
  try {
    checkpoint();
  } catch (err) {
    // E.g. a full disk: the next round tries again; the writer's log keeps everything meanwhile.
    console.error('SQLite checkpoint failed', err);
  }
}, PASSIVE_EVERY_MS);

port.on('message', (/** @type {'close'} */ request) => {
  if (request !== 'close') return;
  clearInterval(timer);
  db.close();
  port.close();
});
