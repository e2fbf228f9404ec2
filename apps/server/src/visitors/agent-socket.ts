import type { LiveVisitor, VisitorDetails } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import type { PresenceTracker } from '../presence/tracker.js';
import type { Fanout } from '../realtime/fanout.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket } from '../realtime/types.js';
import { visitorDetails } from './details.js';
import { invite, type Invitation } from './invite.js';
import type { Radar } from './radar.js';

/** The console's side of visitors: the radar, the visitor panel and invitations. Every one is the agent's workspace's, or NOT_FOUND. */
export function agentVisitorSockets(socket: AgentSocket, ctx: AppContext, fanout: Fanout, presence: PresenceTracker, radar: Radar): void {
  const { agent } = socket.data;

  handle(socket, 'visitors.live', schemas.empty, (): Promise<LiveVisitor[]> => radar.live(agent.workspaceId), ctx.log);

  handle(socket, 'visitor.get', schemas.visitorRef, (p): Promise<VisitorDetails> =>
    visitorDetails(
      {
        reads: ctx.visitorReads,
        pageViews: ctx.pageViews,
        radar,
        statusOf: async (id) => (await presence.statuses('visitor', [id])).get(id)!,
      },
      p.visitorId,
      agent.workspaceId,
    ), ctx.log);

  handle(socket, 'visitor.invite', schemas.invite, (p): Promise<Invitation> => invite(ctx, fanout, agent, p), ctx.log);
}
