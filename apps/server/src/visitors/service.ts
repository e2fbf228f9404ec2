import type { Identity, ProfileUpdate, VisitorProfile } from '@kefu/protocol';
import { AppError } from '../errors.js';
import { hashSecret, newId, newSecret } from '../ids.js';
import type { VisitorRow } from '../storage/database.js';
import type { ClientInfo } from './address.js';
import { verifyIdentity } from './identity.js';
import { mergeAttributes, parseAttributes, toProfile } from './profile.js';
import type { ProfileFields, VisitorsRepo } from './repo.js';

/** What of a site the handshake needs to verify an identity. */
export interface IdentitySite {
  id: string;
  identitySecret: string | null;
  identityEnforced: boolean;
}

export interface Recognised {
  visitor: VisitorRow;
  /** The token to give back to the client: the one it sent, or a new one. */
  token: string;
  /** Whether the identity was proven by its hash (the visitor is that user's). */
  verified: boolean;
  /** The stored profile changed: the name or email given with the identity, or the user id of an adopted visitor. */
  changed: boolean;
  nameChanged: boolean;
  /** When the visitor was last seen before this connection; null for a visitor created by it. */
  previousSeenAt: number | null;
}

/** A connection this long after the visitor's last activity starts a new visit. */
export const NEW_VISIT_AFTER_MS = 30 * 60_000;

const NO_CLIENT_INFO: ClientInfo = { userAgent: null, ip: null, language: null, timeZone: null };

/** Who a handshake resolved to; `created` when this connection made the visitor. */
interface Resolved {
  visitor: VisitorRow;
  token: string;
  created?: true;
}

export interface ProfileChange {
  profile: VisitorProfile;
  changed: boolean;
  /** The inbox shows the name: its rows need refreshing. */
  nameChanged: boolean;
}

export class VisitorsService {
  constructor(private readonly repo: VisitorsRepo) {}

  /**
   * Who a handshake is. A valid identity makes the visitor that user's, on every device.
   * An identity without a valid hash is refused in enforce mode, and otherwise links
   * nothing: its name and email only describe the current anonymous visitor. An
   * identified visitor's token counts only together with a valid hash of that user, so
   * whoever uses the device after them (signed out, or never signed in) starts afresh
   * instead of reading their chat. An unknown token without a valid identity is refused
   * (UNAUTHENTICATED) rather than silently replaced, so the client can tell it was
   * forgotten and start over on purpose.
   */
  async recognise(site: IdentitySite, token: string | undefined, identity: Identity | undefined, info: ClientInfo = NO_CLIENT_INFO): Promise<Recognised> {
    const verified = identity !== undefined && verifyIdentity(site.identitySecret, identity.userId, identity.hash);
    if (identity && !verified && site.identityEnforced) throw new AppError('IDENTITY_REJECTED');
    const now = Date.now();
    const current = token ? await this.repo.byTokenHash(site.id, hashSecret(token)) : null;
    let resolved: Resolved;
    if (verified) {
      resolved = await this.asUser(site.id, identity.userId, current, token, now, info);
    } else if (token && !current) {
      throw new AppError('UNAUTHENTICATED', 'Unknown visitor token.');
    } else if (current && token && current.user_id === null) {
      resolved = { visitor: current, token };
    } else {
      resolved = await this.create(site.id, null, now, info);
    }
    // A visitor created just now was created with all of it.
    const previousSeenAt = resolved.created ? null : resolved.visitor.last_seen_at;
    if (previousSeenAt !== null) await this.repo.connected(resolved.visitor.id, now, info, now - NEW_VISIT_AFTER_MS);
    const contact = await this.applyContact(resolved.visitor, identity);
    // An adopted visitor's profile changed too: it now carries the verified user id.
    const adopted = current !== null && resolved.visitor.id === current.id && current.user_id !== resolved.visitor.user_id;
    const { created: _created, ...who } = resolved;
    return { ...who, ...contact, changed: contact.changed || adopted, verified, previousSeenAt };
  }

  /** The visitor of a verified user: the one they already have, the device's anonymous one adopted, or a new one. */
  private async asUser(siteId: string, userId: string, current: VisitorRow | null, token: string | undefined, now: number, info: ClientInfo): Promise<Resolved> {
    if (current && token && current.user_id === userId) return { visitor: current, token };
    let user = await this.repo.byUserId(siteId, userId);
    if (!user && current && token && current.user_id === null) {
      // The user's first verified visit: the pre-login conversation carries over.
      try {
        if (await this.repo.linkUser(current.id, userId)) return { visitor: { ...current, user_id: userId }, token };
      } catch (err) {
        // Another device linked this user first (the unique index said no): use theirs.
        if (!(await this.repo.byUserId(siteId, userId))) throw err;
      }
      user = await this.repo.byUserId(siteId, userId);
    }
    if (!user) {
      try {
        return await this.create(siteId, userId, now, info);
      } catch (err) {
        user = await this.repo.byUserId(siteId, userId);
        if (!user) throw err;
      }
    }
    if (current && token && user.id === current.id) return { visitor: user, token };
    // This device joins the user's visitor with a token of its own. The previous token
    // stops working; the user's other devices come back with their valid hash anyway.
    const fresh = newSecret();
    await this.repo.setTokenHash(user.id, hashSecret(fresh));
    return { visitor: user, token: fresh };
  }

  private async create(siteId: string, userId: string | null, now: number, info: ClientInfo): Promise<Resolved> {
    const token = newSecret();
    const visitor = await this.repo.create({
      id: newId(),
      site_id: siteId,
      token_hash: hashSecret(token),
      name: null,
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      user_agent: info.userAgent,
      ip: info.ip,
      language: info.language,
      time_zone: info.timeZone,
    });
    return { visitor, token, created: true };
  }

  /** The name and email given with an identity (verified or not) describe the visitor it resolved to. */
  private async applyContact(visitor: VisitorRow, identity: Identity | undefined): Promise<{ visitor: VisitorRow; changed: boolean; nameChanged: boolean }> {
    const fields: ProfileFields = {};
    if (identity?.name !== undefined && identity.name !== visitor.name) fields.name = identity.name;
    if (identity?.email !== undefined && identity.email !== visitor.email) fields.email = identity.email;
    if (Object.keys(fields).length === 0) return { visitor, changed: false, nameChanged: false };
    await this.repo.setProfile(visitor.id, fields);
    return { visitor: { ...visitor, ...fields }, changed: true, nameChanged: fields.name !== undefined };
  }

  /** The visitor's last connection closed. */
  left(visitorId: string, now = Date.now()): Promise<void> {
    return this.repo.lastSeen(visitorId, now);
  }

  async profile(visitorId: string): Promise<VisitorProfile> {
    const row = await this.repo.byId(visitorId);
    if (!row) throw new AppError('NOT_FOUND');
    return toProfile(row);
  }

  /**
   * Name, email and phone replace the stored ones; attributes merge (null removes a
   * key), with the row locked so that two tabs setting different keys both keep theirs.
   */
  async updateProfile(visitorId: string, update: ProfileUpdate): Promise<ProfileChange> {
    const result = await this.repo.modify(visitorId, (row) => {
      const fields: ProfileFields = {};
      if (update.name !== undefined && update.name !== row.name) fields.name = update.name;
      if (update.email !== undefined && update.email !== row.email) fields.email = update.email;
      if (update.phone !== undefined && update.phone !== row.phone) fields.phone = update.phone;
      if (update.attributes) {
        const merged = JSON.stringify(mergeAttributes(parseAttributes(row.attributes), update.attributes));
        if (merged !== row.attributes) fields.attributes = merged;
      }
      return fields;
    });
    if (!result) throw new AppError('NOT_FOUND');
    const changed = Object.keys(result.fields).length > 0;
    return { profile: toProfile({ ...result.before, ...result.fields }), changed, nameChanged: result.fields.name !== undefined };
  }
}
