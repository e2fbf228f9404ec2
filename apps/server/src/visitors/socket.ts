import { PROTOCOL_VERSION, type VisitorProfile, type VisitorSession } from '@kefu/protocol';
import * as schemas from '@kefu/protocol/schemas';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Availability } from '../presence/availability.js';
import { rooms, type Fanout } from '../realtime/fanout.js';
import { on, type Events } from '../realtime/events.js';
import { refusal } from '../realtime/refuse.js';
import { isOwnOrigin } from '../realtime/origin.js';
import type { VisitorNamespace, VisitorSocket } from '../realtime/types.js';
import { originAllowed } from '../sites/origins.js';
import type { Site } from '../sites/repo.js';
import { widgetConfig } from '../sites/settings.js';
import { parse } from '../validate.js';
import { clientInfo } from './address.js';
import { toProfile } from './profile.js';
import type { Radar } from './radar.js';

/**
 * Whether a visitor's handshake comes from a page the site allows. A page using the
 * SDK directly sends its own Origin. Kefu's widget iframe (and Kefu's own pages)
 * send Kefu's origin plus `hostOrigin`, the embedding page, which must be allowed
 * too (the iframe itself can only be framed by allowed origins: see web/routes.ts).
 * Clients outside browsers send no Origin; nothing could stop them forging one.
 */
export function checkOrigin(socket: Pick<VisitorSocket, 'handshake'>, site: Pick<Site, 'allowedOrigins'>, hostOrigin: string | undefined, publicUrl: string): void {
  const { origin } = socket.handshake.headers;
  const own = origin !== undefined && isOwnOrigin(origin, socket.handshake.headers, publicUrl);
  const page = own ? hostOrigin : origin ?? hostOrigin;
  if (page === undefined || (own && page === origin)) return;
  if (!originAllowed(page, site.allowedOrigins)) throw new AppError('ORIGIN_NOT_ALLOWED', `Origin ${page} is not allowed for this site.`);
}

interface Who {
  visitorId: string;
  workspaceId: string;
}

/** A profile changed: agents and the visitor's other tabs hear of it; the inbox rows show the new name. */
function announceProfile(ctx: AppContext, fanout: Fanout, who: Who, profile: VisitorProfile, nameChanged: boolean, exceptSocketId?: string): void {
  fanout.visitorUpdated({ visitorId: who.visitorId, profile }, who.workspaceId, exceptSocketId);
  if (!nameChanged) return;
  void ctx.conversationsRepo
    .openForVisitor(who.visitorId)
    .then((open) => open && ctx.conversationsRepo.summary(open.id))
    .then((summary) => summary && fanout.conversationUpdated(summary, who.workspaceId))
    .catch((err: unknown) => ctx.log.error({ err }, 'conversation summary failed'));
}

/**
 * A visitor came online after being offline (`visitor.arrived`, for the radar): gone
 * longer than the presence grace period (or new), and no other connection anywhere.
 * A page change or a quick reconnect is not an arrival, and skips the cross-node
 * socket lookup altogether.
 */
async function announceArrival(ctx: AppContext, fanout: Fanout, radar: Radar, socket: VisitorSocket, previousSeenAt: number | null): Promise<void> {
  const { visitorId, workspaceId } = socket.data;
  if (previousSeenAt !== null && Date.now() - previousSeenAt <= ctx.config.presenceGraceMs) return;
  if (!(await radar.isArrival(visitorId, { id: socket.id, issued: socket.handshake.issued }))) return;
  const visitor = await radar.one(visitorId, socket.data.presence === 'active' ? 'online' : 'away');
  if (visitor && socket.connected) fanout.visitorArrived(visitor, workspaceId);
}

export function visitorSockets(nsp: VisitorNamespace, ctx: AppContext, fanout: Fanout, radar: Radar): void {
  /** From the handshake to the connection handler: when the visitor was last seen before. */
  const previousSeen = new WeakMap<VisitorSocket, number | null>();
  nsp.use(async (socket, next) => {
    try {
      const hs = parse(schemas.visitorHandshake, socket.handshake.auth);
      if (hs.protocolVersion !== PROTOCOL_VERSION) throw new AppError('PROTOCOL_UNSUPPORTED');
      const site = await ctx.sites.byKey(hs.siteKey);
      if (!site) throw new AppError('SITE_NOT_FOUND');
      checkOrigin(socket, site, hs.hostOrigin, ctx.config.publicUrl);
      const info = clientInfo(socket.handshake.headers, socket.handshake.address, hs);
      const { visitor, token, changed, nameChanged, previousSeenAt } = await ctx.visitors.recognise(site, hs.visitorToken, hs.identity, info);
      previousSeen.set(socket, previousSeenAt);
      socket.data = { visitorId: visitor.id, siteId: site.id, workspaceId: site.workspaceId, visitorToken: token, presence: 'active' };
      // Before this socket joins its rooms: the others hear of it, this one reads it in session.hello.
      if (changed) announceProfile(ctx, fanout, socket.data, toProfile(visitor), nameChanged);
      next();
    } catch (err) {
      next(refusal(err, ctx.log, 'visitor'));
    }
  });

  nsp.on('connection', (socket) => {
    const { visitorId, siteId } = socket.data;
    void socket.join([rooms.visitor(visitorId), rooms.site(siteId)]);
    const seenAt = previousSeen.get(socket) ?? null;
    previousSeen.delete(socket);
    announceArrival(ctx, fanout, radar, socket, seenAt).catch((err: unknown) => ctx.log.warn({ err }, 'visitor arrival lookup failed'));
    // The next visit counts from the end of this one.
    socket.on('disconnect', () => void ctx.visitors.left(visitorId).catch((err: unknown) => ctx.log.debug({ err }, 'last seen not stored')));
  });
}

export function visitorSessionEvents(ctx: AppContext, fanout: Fanout, availability: Availability): Events<VisitorSocket> {
  return {
    'session.hello': on(schemas.empty, async (socket: VisitorSocket): Promise<VisitorSession> => {
      const { visitorId, siteId, workspaceId } = socket.data;
      const [conversation, site, agentsOnline, profile] = await Promise.all([
        ctx.conversationsRepo.openForVisitor(visitorId),
        ctx.sites.byId(siteId),
        availability.agentsOnline(workspaceId),
        ctx.visitors.profile(visitorId),
      ]);
      if (!site) throw new AppError('SITE_NOT_FOUND');
      return {
        visitorId,
        visitorToken: socket.data.visitorToken,
        conversation,
        protocolVersion: PROTOCOL_VERSION,
        site: widgetConfig(site),
        agentsOnline,
        profile,
      };
    }),

    'visitor.update': on(schemas.profileUpdate, async (socket: VisitorSocket, p): Promise<VisitorProfile> => {
      const change = await ctx.visitors.updateProfile(socket.data.visitorId, p);
      if (change.changed) announceProfile(ctx, fanout, socket.data, change.profile, change.nameChanged, socket.id);
      return change.profile;
    }),
  };
}
