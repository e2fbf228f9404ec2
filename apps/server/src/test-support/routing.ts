import type { RoutingSettings } from '@kefu/protocol';
import { newId } from '../ids.js';
import type { TestServer } from './server.js';
import { addAgent, firstWorkspaceId, type Credentials } from './workspaces.js';

type Server = Pick<TestServer, 'app' | 'siteKey'>;

/**
 * Sets the default site's routing through the repository: tests may use timers below
 * the API's minimums (seconds instead of minutes).
 */
export async function setRouting(server: Server, routing: Partial<RoutingSettings>): Promise<string> {
  const site = (await server.app.kefu.sites.byKey(server.siteKey))!;
  await server.app.kefu.sites.update(site.id, { routing });
  return site.id;
}

/** An agent of the first workspace who takes at most `maxChats` chats. */
export async function routedAgent(server: Server, maxChats: number, name?: string): Promise<Credentials & { id: string }> {
  const agent = await addAgent(server, await firstWorkspaceId(server), 'agent', name);
  await server.app.kefu.storage.db.updateTable('agents').set({ max_chats: maxChats }).where('id', '=', agent.id).execute();
  return agent;
}

export async function addTeam(server: Server, agentIds: string[]): Promise<string> {
  const id = newId();
  const db = server.app.kefu.storage.db;
  await db.insertInto('teams').values({ id, workspace_id: await firstWorkspaceId(server), name: `Team ${id.slice(0, 6)}`, created_at: Date.now() }).execute();
  if (agentIds.length) await db.insertInto('team_members').values(agentIds.map((agent_id) => ({ team_id: id, agent_id }))).execute();
  return id;
}

export async function openChats(server: Server, agentId: string): Promise<number> {
  const rows = await server.app.kefu.storage.db.selectFrom('conversations').select('id').where('assignee_id', '=', agentId).where('status', '=', 'open').execute();
  return rows.length;
}
