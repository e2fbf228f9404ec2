import type { Kysely } from 'kysely';

// Frozen. A team on several sites: teams and their members, invitations, each agent's
// capacity and whether they may sign in, the team a conversation is routed to, when
// routing last gave an agent a chat (round-robin among equals), and each site's
// routing settings (JSON, server-side only). One column per ALTER for SQLite.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teams_workspace_name').on('teams').columns(['workspace_id', 'name']).unique().execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('team_members_agent').on('team_members').column('agent_id').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    // sha256 of the link's token, like sessions: a stolen database yields no live links.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    // JSON array of team ids to join on acceptance.
    .addColumn('team_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('invited_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .execute();

  await db.schema.alterTable('agents').addColumn('active', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('agents').addColumn('max_chats', 'integer', (c) => c.notNull().defaultTo(8)).execute();
  await db.schema.alterTable('agents').addColumn('last_assigned_at', 'bigint').execute();

  await db.schema.alterTable('conversations').addColumn('team_id', 'text').execute();
  // When the visitor started waiting for an agent (their first message, or a return to
  // the queue); null while an agent has it. The queue's order, and the reassign timer's start.
  await db.schema.alterTable('conversations').addColumn('waiting_since', 'bigint').execute();

  await db.schema.alterTable('sites').addColumn('routing', 'text', (c) => c.notNull().defaultTo('{}')).execute();
}
