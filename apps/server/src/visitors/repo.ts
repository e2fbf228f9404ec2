import { sql, type Kysely } from 'kysely';
import type { Database, NewVisitor, VisitorRow } from '../storage/database.js';
import { prepare } from '../storage/prepared.js';
import type { ClientInfo } from './address.js';

/** Contact fields and custom attributes (JSON) as stored; absent fields stay as they are. */
export interface ProfileFields {
  name?: string;
  email?: string;
  phone?: string;
  attributes?: string;
}

// What every visitor's handshake and hello run, compiled once (storage/prepared.ts).
const rowById = prepare((db: Kysely<Database>, id: string) => db.selectFrom('visitors').selectAll().where('id', '=', id));
const rowByTokenHash = prepare((db: Kysely<Database>, siteId: string, tokenHash: string) =>
  db.selectFrom('visitors').selectAll().where('token_hash', '=', tokenHash).where('site_id', '=', siteId),
);
const markConnected = prepare(
  (db: Kysely<Database>, id: string, now: number, userAgent: string | null, ip: string | null, language: string | null, timeZone: string | null, newVisitBefore: number) => {
    const isNewVisit = sql<boolean>`last_seen_at < ${newVisitBefore}`;
    return db
      .updateTable('visitors')
      .set({
        last_seen_at: now,
        user_agent: userAgent,
        ip,
        // Kept when this client did not say (an SDK outside browsers, an older widget).
        language: sql<string | null>`coalesce(${language}, language)`,
        time_zone: sql<string | null>`coalesce(${timeZone}, time_zone)`,
        visits: sql<number>`CASE WHEN ${isNewVisit} THEN visits + 1 ELSE visits END`,
        visit_started_at: sql<number | null>`CASE WHEN ${isNewVisit} THEN ${now} ELSE visit_started_at END`,
      })
      .where('id', '=', id);
  },
);

/** Every visitor's last connection closing writes it (all of a node's at once when it stops). */
const markLastSeen = prepare((db: Kysely<Database>, id: string, now: number) =>
  db.updateTable('visitors').set({ last_seen_at: now }).where('id', '=', id).where('last_seen_at', '<', now),
);

export class VisitorsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byId(id: string): Promise<VisitorRow | null> {
    return (await rowById(this.db, id))[0] ?? null;
  }

  async byTokenHash(siteId: string, tokenHash: string): Promise<VisitorRow | null> {
    return (await rowByTokenHash(this.db, siteId, tokenHash))[0] ?? null;
  }

  async byUserId(siteId: string, userId: string): Promise<VisitorRow | null> {
    const row = await this.db.selectFrom('visitors').selectAll().where('site_id', '=', siteId).where('user_id', '=', userId).executeTakeFirst();
    return row ?? null;
  }

  async create(row: NewVisitor): Promise<VisitorRow> {
    await this.db.insertInto('visitors').values(row).execute();
    return (await this.byId(row.id))!;
  }

  /**
   * A connection: what the browser says of itself, and the visit count. One UPDATE
   * (the handshake is a hot path): SET reads the row as it was, so a last activity
   * before `newVisitBefore` starts a new visit in the same statement.
   */
  async connected(id: string, now: number, info: ClientInfo, newVisitBefore: number): Promise<void> {
    await markConnected(this.db, id, now, info.userAgent, info.ip, info.language, info.timeZone, newVisitBefore);
  }

  /** The last connection closed: the visitor was here until now (the next visit counts from it). */
  async lastSeen(id: string, now: number): Promise<void> {
    await markLastSeen(this.db, id, now);
  }

  /**
   * Links an anonymous visitor to a verified user id. False when it was linked meanwhile;
   * throws on the (site, user) unique index when another visitor got that user first.
   */
  async linkUser(id: string, userId: string): Promise<boolean> {
    const result = await this.db.updateTable('visitors').set({ user_id: userId }).where('id', '=', id).where('user_id', 'is', null).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Replaces the visitor's token: the previous one stops working. */
  async setTokenHash(id: string, tokenHash: string): Promise<void> {
    await this.db.updateTable('visitors').set({ token_hash: tokenHash }).where('id', '=', id).execute();
  }

  async setProfile(id: string, fields: ProfileFields): Promise<void> {
    if (Object.keys(fields).length === 0) return;
    await this.db.updateTable('visitors').set(fields).where('id', '=', id).execute();
  }

  /**
   * Reads the visitor, lets `change` decide what to write from what is stored, and
   * writes it, with the row locked throughout: two tabs merging attributes at once
   * queue, and neither loses its keys. The no-op UPDATE first takes the lock on both
   * dialects (PostgreSQL's row lock; SQLite's write lock). A throwing `change` writes
   * nothing. Null when there is no such visitor.
   */
  async modify(id: string, change: (row: VisitorRow) => ProfileFields): Promise<{ before: VisitorRow; fields: ProfileFields } | null> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('visitors').set((eb) => ({ attributes: eb.ref('attributes') })).where('id', '=', id).execute();
      const before = await trx.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) return null;
      const fields = change(before);
      if (Object.keys(fields).length > 0) await trx.updateTable('visitors').set(fields).where('id', '=', id).execute();
      return { before, fields };
    });
  }
}

/** What the radar shows of a visitor, as one row of one query. */
export interface LiveRow {
  id: string;
  site_id: string;
  site_name: string;
  workspace_id: string;
  name: string | null;
  user_agent: string | null;
  language: string | null;
  visit_started_at: number | null;
  created_at: number;
  conversation_id: string | null;
  page_url: string | null;
  page_title: string | null;
  page_referrer: string | null;
  page_at: number | null;
}

export type VisitorWithSite = VisitorRow & { site_name: string; workspace_id: string };

export type ConversationBrief = { id: string; status: 'open' | 'closed'; created_at: number; last_message_at: number | null; last_message_preview: string | null };

/** Bound parameters per query stay well under SQLite's and PostgreSQL's limits. */
const IDS_PER_QUERY = 500;

/** Visitors with their site, open conversation and newest page view (see VisitorsReadRepo.live). */
const liveRows = (db: Kysely<Database>) =>
  db
    .selectFrom('visitors as v')
    .innerJoin('sites as s', 's.id', 'v.site_id')
    .leftJoin('conversations as c', (j) => j.onRef('c.visitor_id', '=', 'v.id').on('c.status', '=', 'open'))
    .leftJoin('page_views as p', (j) =>
      j.on((eb) =>
        eb('p.id', '=', eb.selectFrom('page_views as q').select('q.id').whereRef('q.visitor_id', '=', 'v.id').orderBy('q.created_at', 'desc').orderBy('q.id', 'desc').limit(1)),
      ),
    )
    .select([
      'v.id',
      'v.site_id',
      's.name as site_name',
      's.workspace_id',
      'v.name',
      'v.user_agent',
      'v.language',
      'v.visit_started_at',
      'v.created_at',
      'c.id as conversation_id',
      'p.url as page_url',
      'p.title as page_title',
      'p.referrer as page_referrer',
      'p.at as page_at',
    ]);

/** A visitor's arrival reads them at every connection after a while away: compiled once (storage/prepared.ts). */
const liveRow = prepare((db: Kysely<Database>, id: string) => liveRows(db).where('v.id', '=', id));

/** Reads for the console: they join other domains' tables (sites, conversations, page views) and write nothing. */
export class VisitorsReadRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** The visitor with their site, if it is the workspace's. */
  async withSite(id: string, workspaceId: string): Promise<VisitorWithSite | null> {
    const row = await this.db
      .selectFrom('visitors as v')
      .innerJoin('sites as s', 's.id', 'v.site_id')
      .selectAll('v')
      .select(['s.name as site_name', 's.workspace_id'])
      .where('v.id', '=', id)
      .where('s.workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Each visitor with their site, open conversation and newest page view: one query per 500 visitors, not one per visitor. */
  async live(ids: readonly string[]): Promise<LiveRow[]> {
    const rows: LiveRow[] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      rows.push(...(await liveRows(this.db).where('v.id', 'in', ids.slice(i, i + IDS_PER_QUERY)).execute()));
    }
    return rows;
  }

  /** One visitor as live() reads them: what a visitor's arrival announces. */
  async liveOne(id: string): Promise<LiveRow | null> {
    return (await liveRow(this.db, id))[0] ?? null;
  }

  /** The visitor's conversations, newest first. */
  async conversations(visitorId: string, limit: number): Promise<ConversationBrief[]> {
    return this.db
      .selectFrom('conversations')
      .select(['id', 'status', 'created_at', 'last_message_at', 'last_message_preview'])
      .where('visitor_id', '=', visitorId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
  }
}
