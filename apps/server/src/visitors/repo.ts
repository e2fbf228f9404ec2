import type { Kysely } from 'kysely';
import type { Database, VisitorRow } from '../storage/database.js';

export class VisitorsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byTokenHash(siteId: string, tokenHash: string): Promise<VisitorRow | null> {
    const row = await this.db
      .selectFrom('visitors')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('site_id', '=', siteId)
      .executeTakeFirst();
    return row ?? null;
  }

  async create(row: VisitorRow): Promise<VisitorRow> {
    await this.db.insertInto('visitors').values(row).execute();
    return row;
  }

  async touch(id: string, now: number): Promise<void> {
    await this.db.updateTable('visitors').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
}
