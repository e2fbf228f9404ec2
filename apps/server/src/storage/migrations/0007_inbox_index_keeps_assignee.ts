import type { Kysely } from 'kysely';

// Frozen. Every message moved its conversation in two indexes sorted by last activity:
// conversations_inbox and conversations_assignee (for the Unassigned and Mine views).
// Each move is a page written to the log, so the second index cost a busy node about a
// seventh of its writes (docs/benchmarks.md, "Fewer pages a message"). The inbox index
// now carries the assignee at its end: those views walk it in order and skip other
// agents' rows without reading the table. conversations_assignee keeps what routing
// counts (open chats per agent), which no message changes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('conversations_inbox').execute();
  await db.schema
    .createIndex('conversations_inbox')
    .on('conversations')
    .columns(['workspace_id', 'status', 'last_message_at', 'id', 'assignee_id'])
    .execute();
  await db.schema.dropIndex('conversations_assignee').execute();
  await db.schema.createIndex('conversations_assignee').on('conversations').columns(['workspace_id', 'status', 'assignee_id']).execute();
}
