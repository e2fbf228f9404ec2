import type { Kysely } from 'kysely';

// Frozen. One row per reader of a conversation: how far they have read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('read_cursors')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('reader_type', 'text', (c) => c.notNull())
    .addColumn('reader_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('read_cursors_pk', ['conversation_id', 'reader_type', 'reader_id'])
    .execute();
}
