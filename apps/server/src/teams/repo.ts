import type { Team } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

/** Teams and their members. Names are unique per workspace (the index `teams_workspace_name`). */
export class TeamsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async ofWorkspace(workspaceId: string): Promise<Team[]> {
    const teams = await this.db.selectFrom('teams').select(['id', 'name']).where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
    if (teams.length === 0) return [];
    const members = await this.db
      .selectFrom('team_members')
      .select(['team_id', 'agent_id'])
      .where('team_id', 'in', teams.map((t) => t.id))
      .orderBy('agent_id')
      .execute();
    return teams.map((t) => ({ id: t.id, name: t.name, agentIds: members.filter((m) => m.team_id === t.id).map((m) => m.agent_id) }));
  }

  async byId(id: string, workspaceId: string): Promise<Team | null> {
    return (await this.ofWorkspace(workspaceId)).find((t) => t.id === id) ?? null;
  }

  /** Which of `ids` are teams of the workspace. */
  async existing(workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  }

  async nameTaken(workspaceId: string, name: string, exceptId: string | null): Promise<boolean> {
    let query = this.db.selectFrom('teams').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  /** Creates or changes a team; `agentIds`, when given, replaces the members. One transaction: never half a team. */
  async save(team: { id: string; workspaceId: string; name?: string; agentIds?: readonly string[] }, create: boolean, now = Date.now()): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (create) {
        await trx.insertInto('teams').values({ id: team.id, workspace_id: team.workspaceId, name: team.name!, created_at: now }).execute();
      } else if (team.name !== undefined) {
        await trx.updateTable('teams').set({ name: team.name }).where('id', '=', team.id).execute();
      }
      if (team.agentIds === undefined) return;
      await trx.deleteFrom('team_members').where('team_id', '=', team.id).execute();
      const ids = [...new Set(team.agentIds)];
      if (ids.length > 0) await trx.insertInto('team_members').values(ids.map((agentId) => ({ team_id: team.id, agent_id: agentId }))).execute();
    });
  }

  /**
   * Deletes a team: its members go, and conversations routed to it go back to the
   * whole workspace. Sites' routing (JSON) is the caller's to clear.
   */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('conversations').set({ team_id: null }).where('team_id', '=', id).execute();
      await trx.deleteFrom('team_members').where('team_id', '=', id).execute();
      await trx.deleteFrom('teams').where('id', '=', id).execute();
    });
  }

  /** Team ids per agent, for the agents' accounts. */
  async teamsOfAgents(agentIds: readonly string[]): Promise<Map<string, string[]>> {
    const byAgent = new Map<string, string[]>(agentIds.map((id) => [id, []]));
    if (agentIds.length === 0) return byAgent;
    const rows = await this.db.selectFrom('team_members').select(['team_id', 'agent_id']).where('agent_id', 'in', agentIds).orderBy('team_id').execute();
    for (const r of rows) byAgent.get(r.agent_id)?.push(r.team_id);
    return byAgent;
  }
}
