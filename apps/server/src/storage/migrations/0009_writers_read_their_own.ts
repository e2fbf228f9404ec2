import type { Kysely } from 'kysely';

// Frozen. Whoever writes has read everything up to their own message. That was a
// read_cursors upsert with every message: a page of the log each, somewhere in the
// middle of that table (docs/benchmarks.md, "Fewer pages a message"). The conversation's
// row, which every message writes anyway, now keeps its visitor's last message's seq and
// the last agent to write with theirs; a reader's cursor is the greater of their
// read_cursors row and these (conversations/read-cursors.ts). When another agent writes,
// the one before gets their row. Rows written before this keep their cursors as they are.
// One column per ALTER for SQLite.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('visitor_wrote_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('conversations').addColumn('agent_wrote_id', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('agent_wrote_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
