import * as schemas from '@kefu/protocol/schemas';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/cookie.js';
import { requireSession } from '../auth/require.js';
import { SESSION_TTL_MS } from '../auth/service.js';
import type { AppContext } from '../context.js';
import type { Realtime } from '../realtime/io.js';
import { parse } from '../validate.js';

interface AgentParams {
  id: string;
}

interface InvitationParams {
  id: string;
}

interface TokenParams {
  token: string;
}

/** Agent accounts (owners and admins), invitation links, and accepting one (public: the link is the credential). */
export function agentRoutes(app: FastifyInstance, ctx: AppContext, realtime: () => Realtime): void {
  // The change itself is saved; a routing hiccup is logged, and the next event drains again.
  const afterwards = async (what: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      ctx.log.error({ err }, `routing after ${what} failed`);
    }
  };

  app.get('/api/v1/agents', async (req) => {
    const { agent } = await requireSession(ctx, req);
    return { agents: await ctx.agents.list(agent) };
  });

  app.post('/api/v1/agents/invitations', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    const invitation = await ctx.agents.invite(agent, parse(schemas.invitationCreate, req.body ?? {}));
    // Other admins' pending lists show it.
    realtime().fanout.workspaceChanged(agent.workspaceId, { agents: true });
    return reply.code(201).send({ invitation });
  });

  app.get('/api/v1/agents/invitations', async (req) => {
    const { agent } = await requireSession(ctx, req);
    return { invitations: await ctx.agents.invitations(agent) };
  });

  app.delete<{ Params: InvitationParams }>('/api/v1/agents/invitations/:id', async (req, reply) => {
    const { agent } = await requireSession(ctx, req);
    await ctx.agents.revoke(agent, req.params.id);
    realtime().fanout.workspaceChanged(agent.workspaceId, { agents: true });
    return reply.code(204).send();
  });

  app.get<{ Params: TokenParams }>('/api/v1/invitations/:token', async (req) => ({ invitation: await ctx.agents.invitationInfo(req.params.token) }));

  app.post<{ Params: TokenParams }>('/api/v1/invitations/:token/accept', async (req, reply) => {
    const input = parse(schemas.invitationAccept, req.body ?? {});
    const agent = await ctx.agents.accept(req.params.token, input);
    // Signed in at once, exactly like /api/v1/auth/login.
    reply.setCookie(SESSION_COOKIE, await ctx.auth.openSession(agent.id), sessionCookieOptions(ctx.config.publicUrl, SESSION_TTL_MS));
    realtime().fanout.workspaceChanged(agent.workspaceId, { agents: true, teams: true });
    return { agent };
  });

  app.patch<{ Params: AgentParams }>('/api/v1/agents/:id', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const change = parse(schemas.agentUpdate, req.body ?? {});
    const { account, deactivated, capacityChanged, endedSessions } = await ctx.agents.update(agent, req.params.id, change);
    const { fanout } = realtime();
    if (deactivated) {
      for (const sessionId of endedSessions) fanout.closeSession(sessionId);
      fanout.closeAgent(account.id);
      // Their open chats go back to the queue (and to whoever is free).
      await afterwards('deactivation', () => realtime().routing.agentGone(agent.workspaceId, account.id));
    } else if (capacityChanged) {
      // More room: they may take what waits.
      await afterwards('a capacity change', () => realtime().routing.drain(agent.workspaceId));
    }
    fanout.workspaceChanged(agent.workspaceId, { agents: true });
    return { agent: account };
  });

  app.post<{ Params: AgentParams }>('/api/v1/agents/:id/password', async (req) => {
    const { agent } = await requireSession(ctx, req);
    const { password } = parse(schemas.passwordReset, req.body ?? {});
    const { fanout } = realtime();
    for (const sessionId of await ctx.agents.resetPassword(agent, req.params.id, password)) fanout.closeSession(sessionId);
    fanout.workspaceChanged(agent.workspaceId, { agents: true });
    return { ok: true };
  });
}
