import { sql, type Kysely } from 'kysely';

// Frozen. What the agent console needs: internal notes, tags, canned replies, system
// messages' events, each agent's chosen status, and what the visitor panel shows of a
// visitor's browser and visits. One column per ALTER: SQLite adds only one at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('client_note_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('notes_conversation_client_note', ['conversation_id', 'client_note_id'])
    .execute();
  await db.schema.createIndex('notes_conversation').on('notes').columns(['conversation_id', 'created_at']).execute();

  await db.schema
    .createTable('conversation_tags')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_tags_pk', ['conversation_id', 'tag'])
    .execute();
  await db.schema.createIndex('conversation_tags_tag').on('conversation_tags').columns(['tag', 'conversation_id']).execute();

  await db.schema
    .createTable('canned_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // A shortcut names one shared reply per workspace, and one personal reply per agent.
  await db.schema
    .createIndex('canned_replies_shared_shortcut')
    .on('canned_replies')
    .columns(['workspace_id', 'shortcut'])
    .unique()
    .where(sql.ref('scope'), '=', 'shared')
    .execute();
  await db.schema
    .createIndex('canned_replies_personal_shortcut')
    .on('canned_replies')
    .columns(['owner_id', 'shortcut'])
    .unique()
    .where(sql.ref('scope'), '=', 'personal')
    .execute();

  // JSON of a system message's ConversationEvent; null for people's messages.
  await db.schema.alterTable('messages').addColumn('event', 'text').execute();

  await db.schema.alterTable('agents').addColumn('status_choice', 'text', (c) => c.notNull().defaultTo('online')).execute();

  await db.schema.alterTable('visitors').addColumn('user_agent', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('ip', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('language', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('time_zone', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('visits', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  // Null: the visit began at created_at.
  await db.schema.alterTable('visitors').addColumn('visit_started_at', 'bigint').execute();

  // The Unassigned and Mine views.
  await db.schema
    .createIndex('conversations_assignee')
    .on('conversations')
    .columns(['workspace_id', 'status', 'assignee_id', 'last_message_at'])
    .execute();
}
