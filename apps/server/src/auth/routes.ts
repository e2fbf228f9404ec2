import * as schemas from '@kefu/protocol/schemas';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { parse } from '../validate.js';
import { SESSION_COOKIE, sessionCookieOptions } from './cookie.js';
import { requireSession } from './require.js';
import { SESSION_TTL_MS } from './service.js';

export function authRoutes(app: FastifyInstance, ctx: AppContext, fanout: () => Fanout): void {
  app.post('/api/v1/auth/login', async (req, reply) => {
    const { email, password } = parse(schemas.login, req.body);
    const { token, agent } = await ctx.auth.signIn(email, password);
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx.config.publicUrl, SESSION_TTL_MS));
    return { agent };
  });

  app.post('/api/v1/auth/logout', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) fanout().closeSession(await ctx.auth.signOut(token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/v1/auth/me', async (req) => ({ agent: (await requireSession(ctx, req)).agent }));
}
