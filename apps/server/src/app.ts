import fastifyCookie from '@fastify/cookie';
import { NAMESPACES } from '@kefu/protocol';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import { agentRoutes } from './agents/routes.js';
import { csrfGuard } from './auth/csrf.js';
import { authRoutes } from './auth/routes.js';
import { cannedRoutes } from './canned/routes.js';
import type { Config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { AppError } from './errors.js';
import { metricsRoutes } from './metrics/routes.js';
import { createRealtime, type Realtime } from './realtime/io.js';
import { siteRoutes } from './sites/routes.js';
import { teamRoutes } from './teams/routes.js';
import { openStorage } from './storage/connect.js';
import { webRoutes } from './web/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    kefu: AppContext;
    realtime: Realtime;
  }
}

/** Largest JSON body the REST API reads. */
const BODY_MAX_BYTES = 64 * 1024;

function replyError(err: FastifyError | AppError): AppError {
  if (err instanceof AppError) return err;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('BAD_REQUEST', err.message);
  return new AppError('INTERNAL');
}

/**
 * The whole server, ready to listen: storage opened and migrated, routes and
 * Socket.IO attached. Never listens itself, so tests can build many.
 */
export async function buildApp(config: Config, log: Logger = pino({ level: config.logLevel })): Promise<FastifyInstance> {
  const storage = await openStorage(config);
  const ctx = createContext(config, storage, log);
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, bodyLimit: BODY_MAX_BYTES, trustProxy: true });
  app.decorate('kefu', ctx);

  await app.register(fastifyCookie);
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const error = replyError(err);
    if (error.code === 'INTERNAL') req.log.error({ err }, 'request failed');
    return reply.code(error.status).send({ error: error.toWire() });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: new AppError('NOT_FOUND').toWire() }));

  csrfGuard(app, config.publicUrl);
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await sql`select 1`.execute(storage.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ error: new AppError('NOT_READY').toWire() });
    }
  });

  const realtime = await createRealtime(app.server, ctx, (header) => app.parseCookie(header));
  app.decorate('realtime', realtime);
  ctx.metrics?.countConnections(() => ({ visitor: realtime.io.of(NAMESPACES.visitor).sockets.size, agent: realtime.io.of(NAMESPACES.agent).sockets.size }));
  metricsRoutes(app, ctx.metrics, ctx.config.metricsToken);
  authRoutes(app, ctx, () => realtime.fanout);
  siteRoutes(app, ctx, () => realtime);
  agentRoutes(app, ctx, () => realtime);
  teamRoutes(app, ctx, () => realtime.fanout);
  cannedRoutes(app, ctx, () => realtime.fanout);
  await webRoutes(app, ctx);

  app.addHook('preClose', async () => {
    await realtime.close();
  });
  app.addHook('onClose', async () => {
    await storage.close();
  });
  return app;
}
