import type { PageView } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

export interface NewPageView extends PageView {
  id: string;
  visitorId: string;
  siteId: string;
  createdAt: number;
}

export class PageViewsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(view: NewPageView): Promise<void> {
    await this.db
      .insertInto('page_views')
      .values({
        id: view.id,
        visitor_id: view.visitorId,
        site_id: view.siteId,
        url: view.url,
        title: view.title,
        referrer: view.referrer,
        at: view.at,
        created_at: view.createdAt,
      })
      .execute();
  }

  /** The visitor's newest page views first. */
  async recent(visitorId: string, limit: number): Promise<PageView[]> {
    const rows = await this.db
      .selectFrom('page_views')
      .select(['url', 'title', 'referrer', 'at'])
      .where('visitor_id', '=', visitorId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows;
  }

  /** The visitor's first page view stored at or after `since` (the first page of a visit), or null. */
  async firstSince(visitorId: string, since: number): Promise<PageView | null> {
    const row = await this.db
      .selectFrom('page_views')
      .select(['url', 'title', 'referrer', 'at'])
      .where('visitor_id', '=', visitorId)
      .where('created_at', '>=', since)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
    return row ?? null;
  }

  /** Deletes all but the visitor's newest `keep` page views (the (visitor_id, created_at) index serves both halves). */
  async prune(visitorId: string, keep: number): Promise<number> {
    const result = await this.db
      .deleteFrom('page_views')
      .where('visitor_id', '=', visitorId)
      .where('id', 'not in', (eb) =>
        eb.selectFrom('page_views').select('id').where('visitor_id', '=', visitorId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(keep),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
