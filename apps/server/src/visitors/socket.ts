import { PROTOCOL_VERSION, type VisitorSession } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { rooms } from '../realtime/fanout.js';
import { handle } from '../realtime/handle.js';
import { refusal } from '../realtime/refuse.js';
import { isOwnOrigin } from '../realtime/origin.js';
import type { VisitorNamespace, VisitorSocket } from '../realtime/types.js';
import { originAllowed } from '../sites/origins.js';
import type { Site } from '../sites/repo.js';
import { parse } from '../validate.js';

/**
 * Whether a visitor's handshake comes from a page the site allows. A page using the
 * SDK directly sends its own Origin. Kefu's widget iframe (and Kefu's own pages)
 * send Kefu's origin plus `hostOrigin`, the embedding page, which must be allowed
 * too (the iframe itself can only be framed by allowed origins: see web/routes.ts).
 * Clients outside browsers send no Origin; nothing could stop them forging one.
 */
function checkOrigin(socket: VisitorSocket, site: Site, hostOrigin: string | undefined, publicUrl: string): void {
  const { origin } = socket.handshake.headers;
  const own = origin !== undefined && isOwnOrigin(origin, socket.handshake.headers, publicUrl);
  const page = own ? hostOrigin : origin ?? hostOrigin;
  if (page === undefined || (own && page === origin)) return;
  if (!originAllowed(page, site.allowedOrigins)) throw new AppError('ORIGIN_NOT_ALLOWED', `Origin ${page} is not allowed for this site.`);
}

export function visitorSockets(nsp: VisitorNamespace, ctx: AppContext): void {
  nsp.use(async (socket, next) => {
    try {
      const hs = parse(schemas.visitorHandshake, socket.handshake.auth);
      if (hs.protocolVersion !== PROTOCOL_VERSION) throw new AppError('PROTOCOL_UNSUPPORTED');
      const site = await ctx.sites.byKey(hs.siteKey);
      if (!site) throw new AppError('SITE_NOT_FOUND');
      checkOrigin(socket, site, hs.hostOrigin, ctx.config.publicUrl);
      const { visitor, token } = await ctx.visitors.identify(site.id, hs.visitorToken);
      socket.data = { visitorId: visitor.id, siteId: site.id, workspaceId: site.workspaceId, visitorToken: token, presence: 'active' };
      next();
    } catch (err) {
      next(refusal(err, ctx.log, 'visitor'));
    }
  });

  nsp.on('connection', (socket) => {
    void socket.join(rooms.visitor(socket.data.visitorId));
    handle(socket, 'session.hello', schemas.empty, async (): Promise<VisitorSession> => ({
      visitorId: socket.data.visitorId,
      visitorToken: socket.data.visitorToken,
      conversation: await ctx.conversationsRepo.openForVisitor(socket.data.visitorId),
      protocolVersion: PROTOCOL_VERSION,
    }), ctx.log);
  });
}
