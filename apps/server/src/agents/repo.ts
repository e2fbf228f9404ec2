import type { AgentRole } from '@kefu/protocol';
import { sql, type Kysely } from 'kysely';
import type { AgentRow, Database, InvitationsTable } from '../storage/database.js';
import type { Selectable } from 'kysely';

export type InvitationRow = Selectable<InvitationsTable>;

export interface AgentChange {
  name?: string;
  role?: AgentRole;
  active?: boolean;
  maxChats?: number;
}

/** Agents as owners and admins manage them, and the invitations that bring new ones in. */
export class AgentsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  ofWorkspace(workspaceId: string): Promise<AgentRow[]> {
    return this.db.selectFrom('agents').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
  }

  /** An agent of the workspace; undefined for any other. */
  byId(id: string, workspaceId: string): Promise<AgentRow | undefined> {
    return this.db.selectFrom('agents').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.db.selectFrom('agents').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst()) !== undefined;
  }

  /**
   * Changes an agent, refusing (returning 'last-owner') to leave the workspace without an
   * active owner. The workspace row is locked first (a no-op UPDATE: PostgreSQL's row
   * lock, SQLite's write lock), so two owners demoting each other at once cannot both win.
   */
  async update(id: string, workspaceId: string, change: AgentChange): Promise<AgentRow | 'last-owner' | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('workspaces').set({ name: sql`name` }).where('id', '=', workspaceId).execute();
      const before = await trx.selectFrom('agents').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (!before) return undefined;
      const losesOwner = before.role === 'owner' && before.active === 1 && ((change.role !== undefined && change.role !== 'owner') || change.active === false);
      if (losesOwner) {
        const owners = await trx
          .selectFrom('agents')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .where('role', '=', 'owner')
          .where('active', '=', 1)
          .executeTakeFirstOrThrow();
        if (Number(owners.n) <= 1) return 'last-owner' as const;
      }
      return trx
        .updateTable('agents')
        .set({
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.role !== undefined ? { role: change.role } : {}),
          ...(change.active !== undefined ? { active: change.active ? 1 : 0 } : {}),
          // Always set: an UPDATE needs one column even for an empty change.
          max_chats: change.maxChats ?? before.max_chats,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('agents').set({ password_hash: passwordHash }).where('id', '=', id).execute();
  }

  async insertInvitation(row: InvitationRow): Promise<void> {
    await this.db.insertInto('invitations').values(row).execute();
  }

  /** A link that still works: unused and not expired. */
  usableInvitation(tokenHash: string, now: number): Promise<InvitationRow | undefined> {
    return this.db
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
  }

  /** The workspace's links that still work, newest first, with who sent each. */
  pendingInvitations(workspaceId: string, now: number): Promise<(InvitationRow & { inviter_name: string | null })[]> {
    return this.db
      .selectFrom('invitations as i')
      .leftJoin('agents as a', 'a.id', 'i.invited_by')
      .selectAll('i')
      .select('a.name as inviter_name')
      .where('i.workspace_id', '=', workspaceId)
      .where('i.accepted_at', 'is', null)
      .where('i.expires_at', '>', now)
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id')
      .execute();
  }

  /** An invitation of the workspace not accepted yet (expired ones too); undefined for any other. */
  unacceptedInvitation(id: string, workspaceId: string): Promise<InvitationRow | undefined> {
    return this.db.selectFrom('invitations').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).where('accepted_at', 'is', null).executeTakeFirst();
  }

  /**
   * Deletes the invitation unless it was accepted meanwhile: the link then answers as an
   * unknown one. False when an accept won the race (its conditional UPDATE committed first).
   */
  async deleteInvitation(id: string): Promise<boolean> {
    const deleted = await this.db.deleteFrom('invitations').where('id', '=', id).where('accepted_at', 'is', null).executeTakeFirst();
    return deleted.numDeletedRows === 1n;
  }

  async workspaceName(workspaceId: string): Promise<string> {
    return (await this.db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirstOrThrow()).name;
  }

  /**
   * Accepts an invitation: the link is spent, the agent created and put in its teams,
   * in one transaction. Returns null when the link was spent (or expired) meanwhile:
   * the conditional UPDATE lets exactly one of two racing accepts through.
   */
  async accept(invitation: InvitationRow, agent: { id: string; name: string; passwordHash: string }, teamIds: readonly string[], now: number): Promise<AgentRow | null> {
    return this.db.transaction().execute(async (trx) => {
      const spent = await trx
        .updateTable('invitations')
        .set({ accepted_at: now })
        .where('id', '=', invitation.id)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (spent.numUpdatedRows !== 1n) return null;
      const row = await trx
        .insertInto('agents')
        .values({ id: agent.id, workspace_id: invitation.workspace_id, email: invitation.email, name: agent.name, password_hash: agent.passwordHash, role: invitation.role, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (teamIds.length > 0) await trx.insertInto('team_members').values(teamIds.map((teamId) => ({ team_id: teamId, agent_id: agent.id }))).execute();
      return row;
    });
  }
}
