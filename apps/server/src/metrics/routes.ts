import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import type { Metrics } from './metrics.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether an Authorization header carries the token; compared in constant time (digests of equal length). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/i.exec(header ?? '')?.[1]?.trim();
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * GET /metrics in Prometheus's text format, for a scraper holding the token
 * (KEFU_METRICS_TOKEN; docs/deployment.md). Without a token configured there is no
 * such route: a node's figures are not for everyone who can reach its port.
 */
export function metricsRoutes(app: FastifyInstance, metrics: Metrics | null, token: string | null): void {
  if (!metrics || !token) return;
  app.get('/metrics', async (req, reply) => {
    if (!bearerMatches(req.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="kefu metrics"');
      throw new AppError('UNAUTHENTICATED');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
