import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../storage/database.js';

export interface Site {
  id: string;
  workspaceId: string;
  publicKey: string;
  name: string;
  allowedOrigins: string[];
}

const toSite = (row: SiteRow): Site => ({
  id: row.id,
  workspaceId: row.workspace_id,
  publicKey: row.public_key,
  name: row.name,
  allowedOrigins: JSON.parse(row.allowed_origins) as string[],
});

export class SitesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byKey(publicKey: string): Promise<Site | null> {
    const row = await this.db.selectFrom('sites').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
    return row ? toSite(row) : null;
  }

  /** The oldest site: the default one made on first start, which the demo page embeds. */
  async firstOfAnyWorkspace(): Promise<Site | null> {
    const row = await this.db.selectFrom('sites').selectAll().orderBy('created_at').orderBy('id').executeTakeFirst();
    return row ? toSite(row) : null;
  }

  async create(site: Site, now = Date.now()): Promise<Site> {
    await this.db
      .insertInto('sites')
      .values({
        id: site.id,
        workspace_id: site.workspaceId,
        public_key: site.publicKey,
        name: site.name,
        allowed_origins: JSON.stringify(site.allowedOrigins),
        created_at: now,
      })
      .execute();
    return site;
  }
}
