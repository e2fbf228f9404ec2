import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { handle } from '../realtime/handle.js';
import type { AgentSocket } from '../realtime/types.js';

export function agentTeamSockets(socket: AgentSocket, ctx: AppContext): void {
  handle(socket, 'teams.list', schemas.empty, () => ctx.teams.list(socket.data.agent), ctx.log);
}
