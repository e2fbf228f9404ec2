import type { AgentPresence, Presence } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { on, type Events } from '../realtime/events.js';
import type { AgentSocket, VisitorSocket } from '../realtime/types.js';
import type { PresenceTracker } from './tracker.js';

/** A visitor socket connected: presence counts it until it disconnects. */
export function trackVisitor(socket: VisitorSocket, presence: PresenceTracker): void {
  const { visitorId, workspaceId } = socket.data;
  presence.changed('visitor', visitorId, workspaceId);
  socket.on('disconnect', () => presence.disconnected('visitor', visitorId, workspaceId));
}

export function visitorPresenceEvents(presence: PresenceTracker): Events<VisitorSocket> {
  return {
    'presence.update': on(schemas.presenceUpdate, async (socket: VisitorSocket, p): Promise<Presence> => {
      const { visitorId, workspaceId } = socket.data;
      socket.data.presence = p.state;
      presence.changed('visitor', visitorId, workspaceId);
      const status = (await presence.statuses('visitor', [visitorId])).get(visitorId)!;
      return { kind: 'visitor', id: visitorId, status };
    }),
  };
}

/** An agent socket connected: presence counts it until it disconnects. */
export function trackAgent(socket: AgentSocket, presence: PresenceTracker): void {
  const { agent } = socket.data;
  presence.changed('agent', agent.id, agent.workspaceId);
  socket.on('disconnect', () => presence.disconnected('agent', agent.id, agent.workspaceId));
}

export function agentPresenceEvents(ctx: AppContext, presence: PresenceTracker): Events<AgentSocket> {
  return {
    'presence.update': on(schemas.presenceUpdate, async (socket: AgentSocket, p): Promise<Presence> => {
      const { agent } = socket.data;
      socket.data.presence = p.state;
      presence.changed('agent', agent.id, agent.workspaceId);
      const status = (await presence.statuses('agent', [agent.id])).get(agent.id)!;
      return { kind: 'agent', id: agent.id, status };
    }),

    // The choice is the agent's, not the tab's: every tab and node reads it from the database.
    'agent.status': on(schemas.agentStatus, async (socket: AgentSocket, p): Promise<AgentPresence> => {
      const { agent } = socket.data;
      await ctx.authRepo.setStatusChoice(agent.id, p.status);
      presence.changed('agent', agent.id, agent.workspaceId);
      const status = (await presence.statuses('agent', [agent.id])).get(agent.id)!;
      return { ...agent, status };
    }),

    'agents.list': on(schemas.empty, async (socket: AgentSocket): Promise<AgentPresence[]> => {
      const agents = await ctx.authRepo.agentsOf(socket.data.agent.workspaceId);
      const statuses = await presence.statuses('agent', agents.map((a) => a.id));
      return agents.map((a) => ({ ...a, status: statuses.get(a.id)! }));
    }),
  };
}
