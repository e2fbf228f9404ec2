import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { isOwnOrigin } from '../realtime/origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie-authenticated APIs accept state changes only from Kefu's own pages: a
 * browser always sends Origin on cross-site POSTs, and SameSite=Lax keeps the cookie
 * off them anyway; this refuses them outright (login CSRF included).
 */
export function csrfGuard(app: FastifyInstance, publicUrl: string): void {
  app.addHook('onRequest', async (req) => {
    if (SAFE_METHODS.has(req.method) || !req.url.startsWith('/api/')) return;
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, req.headers, publicUrl)) throw new AppError('CSRF_REJECTED');
    if (origin === undefined && req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CSRF_REJECTED');
  });
}
