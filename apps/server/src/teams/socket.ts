import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { on, type Events } from '../realtime/events.js';
import type { AgentSocket } from '../realtime/types.js';

export function agentTeamEvents(ctx: AppContext): Events<AgentSocket> {
  return {
    'teams.list': on(schemas.empty, (socket: AgentSocket) => ctx.teams.list(socket.data.agent)),
  };
}
