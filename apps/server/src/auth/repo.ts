import type { Agent, AgentStatusChoice } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { AgentRow, Database, NewAgent } from '../storage/database.js';

export const toAgent = (row: Pick<AgentRow, 'id' | 'workspace_id' | 'email' | 'name' | 'role'>): Agent => ({
  id: row.id,
  workspaceId: row.workspace_id,
  email: row.email,
  name: row.name,
  role: row.role,
});

export interface AgentSessionInfo {
  sessionId: string;
  agent: Agent;
}

export class AuthRepo {
  constructor(private readonly db: Kysely<Database>) {}

  byEmail(email: string): Promise<AgentRow | undefined> {
    return this.db.selectFrom('agents').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  async agentsOf(workspaceId: string): Promise<Agent[]> {
    const rows = await this.db
      .selectFrom('agents')
      .select(['id', 'workspace_id', 'email', 'name', 'role'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('name')
      .execute();
    return rows.map(toAgent);
  }

  async createAgent(row: NewAgent): Promise<Agent> {
    await this.db.insertInto('agents').values({ ...row, email: row.email.toLowerCase() }).execute();
    return toAgent(row);
  }

  /** What the agent chose to be (online or away); null for no such agent. */
  async statusChoice(agentId: string): Promise<AgentStatusChoice | null> {
    const row = await this.db.selectFrom('agents').select('status_choice').where('id', '=', agentId).executeTakeFirst();
    return row?.status_choice ?? null;
  }

  async setStatusChoice(agentId: string, choice: AgentStatusChoice): Promise<void> {
    await this.db.updateTable('agents').set({ status_choice: choice }).where('id', '=', agentId).execute();
  }

  /** The chosen status of several agents at once; agents not found are absent. */
  async statusChoices(agentIds: readonly string[]): Promise<Map<string, AgentStatusChoice>> {
    if (agentIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('agents').select(['id', 'status_choice']).where('id', 'in', agentIds).execute();
    return new Map(rows.map((r) => [r.id, r.status_choice]));
  }

  async setPassword(agentId: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('agents').set({ password_hash: passwordHash }).where('id', '=', agentId).execute();
  }

  async createSession(sessionId: string, agentId: string, now: number, expiresAt: number): Promise<void> {
    await this.db.insertInto('agent_sessions').values({ id: sessionId, agent_id: agentId, created_at: now, expires_at: expiresAt }).execute();
  }

  async session(sessionId: string, now: number): Promise<AgentSessionInfo | null> {
    const row = await this.db
      .selectFrom('agent_sessions as s')
      .innerJoin('agents as a', 'a.id', 's.agent_id')
      .select(['s.id as session_id', 'a.id', 'a.workspace_id', 'a.email', 'a.name', 'a.role'])
      .where('s.id', '=', sessionId)
      .where('s.expires_at', '>', now)
      // A deactivated agent's cookies stop working at once, even one whose session row survived.
      .where('a.active', '=', 1)
      .executeTakeFirst();
    return row ? { sessionId: row.session_id, agent: toAgent(row) } : null;
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('agent_sessions').where('id', '=', sessionId).execute();
  }

  /** Ends every sign-in of an agent (deactivated, or a new password); returns the session ids so their sockets can be closed. */
  async deleteSessionsOf(agentId: string): Promise<string[]> {
    const rows = await this.db.deleteFrom('agent_sessions').where('agent_id', '=', agentId).returning('id').execute();
    return rows.map((r) => r.id);
  }

  async deleteExpiredSessions(now: number): Promise<void> {
    await this.db.deleteFrom('agent_sessions').where('expires_at', '<=', now).execute();
  }
}
