import type { LiveVisitor, VisitorDetails } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import type { PresenceTracker } from '../presence/tracker.js';
import { on, type Events } from '../realtime/events.js';
import type { Fanout } from '../realtime/fanout.js';
import type { AgentSocket } from '../realtime/types.js';
import { visitorDetails } from './details.js';
import { invite, type Invitation } from './invite.js';
import type { Radar } from './radar.js';

/** The console's side of visitors: the radar, the visitor panel and invitations. Every one is the agent's workspace's, or NOT_FOUND. */
export function agentVisitorEvents(ctx: AppContext, fanout: Fanout, presence: PresenceTracker, radar: Radar): Events<AgentSocket> {
  const sources = {
    reads: ctx.visitorReads,
    pageViews: ctx.pageViews,
    radar,
    statusOf: async (id: string) => (await presence.statuses('visitor', [id])).get(id)!,
  };
  return {
    'visitors.live': on(schemas.empty, (socket: AgentSocket): Promise<LiveVisitor[]> => radar.live(socket.data.agent.workspaceId)),
    'visitor.get': on(schemas.visitorRef, (socket: AgentSocket, p): Promise<VisitorDetails> => visitorDetails(sources, p.visitorId, socket.data.agent.workspaceId)),
    'visitor.invite': on(schemas.invite, (socket: AgentSocket, p): Promise<Invitation> => invite(ctx, fanout, socket.data.agent, p)),
  };
}
