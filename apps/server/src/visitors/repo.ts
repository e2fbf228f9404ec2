import type { Kysely } from 'kysely';
import type { Database, NewVisitor, VisitorRow } from '../storage/database.js';

/** Contact fields and custom attributes (JSON) as stored; absent fields stay as they are. */
export interface ProfileFields {
  name?: string;
  email?: string;
  phone?: string;
  attributes?: string;
}

export class VisitorsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byId(id: string): Promise<VisitorRow | null> {
    return (await this.db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  async byTokenHash(siteId: string, tokenHash: string): Promise<VisitorRow | null> {
    const row = await this.db
      .selectFrom('visitors')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    return row ?? null;
  }

  async byUserId(siteId: string, userId: string): Promise<VisitorRow | null> {
    const row = await this.db.selectFrom('visitors').selectAll().where('site_id', '=', siteId).where('user_id', '=', userId).executeTakeFirst();
    return row ?? null;
  }

  async create(row: NewVisitor): Promise<VisitorRow> {
    await this.db.insertInto('visitors').values(row).execute();
    return (await this.byId(row.id))!;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.db.updateTable('visitors').set({ last_seen_at: now }).where('id', '=', id).execute();
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
