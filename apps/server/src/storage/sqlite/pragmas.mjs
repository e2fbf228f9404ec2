// @ts-check
// How Kefu's writing connection to SQLite is set up: by thread.mjs, and by the storage
// bench (bench/storage/batch.mjs) so that it measures what a node runs. Plain JavaScript:
// a worker thread loads it as it is.

/**
 * Sets the writer's connection up (the reasons beside each line).
 * @param {import('better-sqlite3').Database} db
 */
export function configureWriter(db) {
  // WAL: readers never block the writer; NORMAL sync is durable across process crashes.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Checkpoints run on a connection of their own (checkpointer.mjs); this one only
  // checkpoints if that thread is gone (see thread.mjs's startCheckpointer).
  db.pragma('wal_autocheckpoint = 0');
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
}
