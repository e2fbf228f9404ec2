import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen. A resend is found by its (conversation, clientMsgId) pair. Indexed conversation
// first, every message wrote a page in the middle of that index: its conversation's.
// Clients now make time-ordered ids (packages/client/src/ids.ts), so indexed clientMsgId
// first, new entries land at the index's end, where one page takes a whole batch's
// (docs/benchmarks.md, "Fewer pages a message"). An id made otherwise still works, in
// whichever page it sorts to. SQLite cannot drop a table's constraint: the table is
// rebuilt, once (a few seconds per million messages), its definition restated as it
// stands after 0005: a frozen migration borrows no other's code.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await db.schema.alterTable('messages').dropConstraint('messages_conversation_client_msg').execute();
    await db.schema.alterTable('messages').addUniqueConstraint('messages_client_msg_conversation', ['client_msg_id', 'conversation_id']).execute();
    return;
  }
  await db.schema
    .createTable('messages_rebuilt')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('client_msg_id', 'text', (c) => c.notNull())
    .addColumn('sender_type', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('event', 'text')
    .addUniqueConstraint('messages_conversation_seq', ['conversation_id', 'seq'])
    .addUniqueConstraint('messages_client_msg_conversation', ['client_msg_id', 'conversation_id'])
    .execute();
  const columns = sql.raw('id, conversation_id, seq, client_msg_id, sender_type, sender_id, body, created_at, event');
  await sql`insert into messages_rebuilt (${columns}) select ${columns} from messages order by id`.execute(db);
  await db.schema.dropTable('messages').execute();
  await db.schema.alterTable('messages_rebuilt').renameTo('messages').execute();
}
