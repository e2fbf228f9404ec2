import { PROTOCOL_VERSION, type AgentSession } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { rooms } from '../realtime/fanout.js';
import { on, type Events } from '../realtime/events.js';
import { refusal } from '../realtime/refuse.js';
import { isOwnOrigin } from '../realtime/origin.js';
import type { AgentNamespace, AgentSocket } from '../realtime/types.js';
import { parse } from '../validate.js';
import { SESSION_COOKIE } from './cookie.js';

export function agentSockets(nsp: AgentNamespace, ctx: AppContext, parseCookie: (header: string) => Record<string, string | undefined>): void {
  nsp.use(async (socket, next) => {
    try {
      const hs = parse(schemas.agentHandshake, socket.handshake.auth);
      if (hs.protocolVersion !== PROTOCOL_VERSION) throw new AppError('PROTOCOL_UNSUPPORTED');
      // Cookies ride along on cross-site WebSocket handshakes: only Kefu's own pages may open one.
      const { origin, cookie } = socket.handshake.headers;
      if (origin !== undefined && !isOwnOrigin(origin, socket.handshake.headers, ctx.config.publicUrl)) {
        throw new AppError('ORIGIN_NOT_ALLOWED');
      }
      const session = await ctx.auth.resolve(cookie ? parseCookie(cookie)[SESSION_COOKIE] : undefined);
      if (!session) throw new AppError('UNAUTHENTICATED');
      socket.data = { ...session, presence: 'active' };
      next();
    } catch (err) {
      next(refusal(err, ctx.log, 'agent'));
    }
  });

  nsp.on('connection', (socket) => {
    void socket.join([rooms.workspace(socket.data.agent.workspaceId), rooms.session(socket.data.sessionId), rooms.agent(socket.data.agent.id)]);
  });
}

export function agentSessionEvents(ctx: AppContext): Events<AgentSocket> {
  return {
    'session.hello': on(schemas.empty, async (socket: AgentSocket): Promise<AgentSession> => ({
      agent: socket.data.agent,
      protocolVersion: PROTOCOL_VERSION,
      // Read fresh: it may have changed in another tab since this socket's handshake.
      statusChoice: (await ctx.authRepo.statusChoice(socket.data.agent.id)) ?? 'online',
    })),
  };
}
