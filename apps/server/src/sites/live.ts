import * as schemas from '@kefu/protocol/schemas';
import type { Logger } from 'pino';
import { rooms } from '../realtime/fanout.js';
import type { VisitorNamespace, VisitorSocket } from '../realtime/types.js';
import { verifyIdentity } from '../visitors/identity.js';
import { checkOrigin } from '../visitors/socket.js';
import type { Site } from './repo.js';

/**
 * Whether a connected visitor's handshake would be refused under the site's settings
 * now: its page origin is no longer allowed, or enforce mode is on and the identity it
 * claimed does not verify (with the current secret). Anonymous visitors stay welcome,
 * as at the handshake.
 */
export function refusedNow(socket: Pick<VisitorSocket, 'handshake'>, site: Site, publicUrl: string): boolean {
  const hs = schemas.visitorHandshake.safeParse(socket.handshake.auth);
  if (!hs.success) return true;
  try {
    checkOrigin(socket, site, hs.data.hostOrigin, publicUrl);
  } catch {
    return true;
  }
  const identity = hs.data.identity;
  return site.identityEnforced && identity !== undefined && !verifyIdentity(site.identitySecret, identity.userId, identity.hash);
}

/**
 * Makes narrowing admin changes (allowed origins, enforce mode, a rotated secret) take
 * effect on open widgets: each node closes the transport of its visitor sockets that
 * would now be refused. A closed transport (not a server kick) makes the client
 * reconnect, and that handshake gets the refusal with its proper code
 * (ORIGIN_NOT_ALLOWED, IDENTITY_REJECTED), which the widget shows.
 */
export class SiteGuard {
  constructor(
    private readonly visitors: VisitorNamespace,
    private readonly siteById: (id: string) => Promise<Site | null>,
    private readonly publicUrl: string,
    private readonly log: Logger,
    /** With Redis: the other nodes hear of it too (the in-memory adapter has no other nodes). */
    private readonly crossNode: boolean,
  ) {
    visitors.on('site.recheck', (siteId) => void this.recheckHere(siteId));
  }

  /** Re-checks the site's visitor sockets on every node; resolves once this node's are done. */
  async recheck(siteId: string): Promise<void> {
    if (this.crossNode) this.visitors.serverSideEmit('site.recheck', siteId);
    await this.recheckHere(siteId);
  }

  private async recheckHere(siteId: string): Promise<void> {
    try {
      const site = await this.siteById(siteId);
      if (!site) return;
      const sockets = await this.visitors.local.in(rooms.site(siteId)).fetchSockets();
      for (const remote of sockets) {
        if (!refusedNow(remote, site, this.publicUrl)) continue;
        // Local sockets only, so the real socket is here and its transport can be closed.
        this.visitors.sockets.get(remote.id)?.conn.close();
      }
    } catch (err) {
      this.log.error({ err, siteId }, 'site recheck failed');
    }
  }
}
