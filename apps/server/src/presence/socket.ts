import type { AgentPresence, Presence } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';
import type { PresenceTracker } from './tracker.js';

export function visitorPresenceSockets(socket: VisitorSocket, ctx: AppContext, presence: PresenceTracker): void {
  const { visitorId, workspaceId } = socket.data;
  presence.changed('visitor', visitorId, workspaceId);
  socket.on('disconnect', () => presence.disconnected('visitor', visitorId, workspaceId));
  handle(socket, 'presence.update', schemas.presenceUpdate, async (p): Promise<Presence> => {
    socket.data.presence = p.state;
    presence.changed('visitor', visitorId, workspaceId);
    const status = (await presence.statuses('visitor', [visitorId])).get(visitorId)!;
    return { kind: 'visitor', id: visitorId, status };
  }, ctx.log);
}

export function agentPresenceSockets(socket: AgentSocket, ctx: AppContext, presence: PresenceTracker): void {
  const { agent } = socket.data;
  presence.changed('agent', agent.id, agent.workspaceId);
  socket.on('disconnect', () => presence.disconnected('agent', agent.id, agent.workspaceId));
  handle(socket, 'presence.update', schemas.presenceUpdate, async (p): Promise<Presence> => {
    socket.data.presence = p.state;
    presence.changed('agent', agent.id, agent.workspaceId);
    const status = (await presence.statuses('agent', [agent.id])).get(agent.id)!;
    return { kind: 'agent', id: agent.id, status };
  }, ctx.log);

  // The choice is the agent's, not the tab's: every tab and node reads it from the database.
  handle(socket, 'agent.status', schemas.agentStatus, async (p): Promise<AgentPresence> => {
    await ctx.authRepo.setStatusChoice(agent.id, p.status);
    presence.changed('agent', agent.id, agent.workspaceId);
    const status = (await presence.statuses('agent', [agent.id])).get(agent.id)!;
    return { ...agent, status };
  }, ctx.log);

  handle(socket, 'agents.list', schemas.empty, async (): Promise<AgentPresence[]> => {
    const agents = await ctx.authRepo.agentsOf(agent.workspaceId);
    const statuses = await presence.statuses('agent', agents.map((a) => a.id));
    return agents.map((a) => ({ ...a, status: statuses.get(a.id)! }));
  }, ctx.log);
}
