import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../database.js';

/** How often the WAL is copied back into the database file. */
const CHECKPOINT_EVERY_MS = 100;
/**
 * A WAL longer than this many pages (64 MB) is restarted. A PASSIVE checkpoint never
 * blocks the writer, but neither does it let the log start over while the writer keeps
 * appending: under constant load the file grew by gigabytes. RESTART waits for the
 * writer to finish its transaction and keeps it out while copying what the frequent
 * passive passes left (a few milliseconds), after which the log is reused from the start.
 */
const RESTART_AFTER_PAGES = 16_384;

// The worker's own code, as a string: it must run the same from src/ (tests) and dist/.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
// RESTART waits at most this long for the main connection's transaction; PASSIVE never waits.
db.pragma('busy_timeout = 10');
const checkpoint = () => {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    if (passive.log > workerData.restartAfterPages) db.pragma('wal_checkpoint(RESTART)');
  } catch (err) { parentPort.postMessage(String(err)); }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(TRUNCATE)'); } catch (err) { parentPort.postMessage(String(err)); }
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that
 * commits runs a checkpoint each time the WAL passes 1,000 pages, copying pages into
 * the database file inside a commit: at thousands of messages a second that stalls
 * every socket for milliseconds. Here the main connection never checkpoints; a worker
 * thread with its own connection does, every 100 ms, PASSIVE (it never blocks the
 * writer), and restarts a long log (see RESTART_AFTER_PAGES). Should the worker die, the
 * main connection checkpoints again as before.
 */
export async function startCheckpointer(db: Kysely<Database>, file: string, log: Pick<Logger, 'warn'>, restartAfterPages = RESTART_AFTER_PAGES): Promise<{ stop(): Promise<void> }> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs: CHECKPOINT_EVERY_MS, restartAfterPages } });
  worker.unref();
  const restoreAutoCheckpoint = () => sql`pragma wal_autocheckpoint = 1000`.execute(db).catch(() => undefined);
  let stopping = false;
  worker.on('message', (err: string) => log.warn({ err }, 'WAL checkpoint failed'));
  worker.on('error', (err) => {
    log.warn({ err }, 'WAL checkpointer died; checkpointing on commit again');
    void restoreAutoCheckpoint();
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  await sql`pragma wal_autocheckpoint = 0`.execute(db);
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      // Unref'd so as not to keep a process alive; until its last checkpoint, it must.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
