import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE } from './cookie.js';
import type { AgentSessionInfo } from './repo.js';

/** The signed-in agent behind a REST request's session cookie, or UNAUTHENTICATED. */
export async function requireSession(ctx: AppContext, req: FastifyRequest): Promise<AgentSessionInfo> {
  const session = await ctx.auth.resolve(req.cookies[SESSION_COOKIE]);
  if (!session) throw new AppError('UNAUTHENTICATED');
  return session;
}
