import type { Kysely } from 'kysely';
import { newSecret } from '../ids.js';
import type { Database, SiteRow } from '../storage/database.js';
import type { RoutingSettings } from '@kefu/protocol';
import { parseRouting, parseSettings, ROUTING_DEFAULTS, withDefaults, type SiteShape, type WidgetSettings } from './settings.js';

export interface Site extends SiteShape {
  workspaceId: string;
}

export interface NewSite {
  id: string;
  workspaceId: string;
  publicKey: string;
  name: string;
  allowedOrigins: string[];
}

/** What an admin may change; absent fields stay as they are. `settings` merge into the stored ones. */
export interface SitePatch {
  name?: string;
  allowedOrigins?: string[];
  settings?: Partial<WidgetSettings>;
  /** Merged into the stored routing settings. */
  routing?: Partial<RoutingSettings>;
  identityEnforced?: boolean;
}

const toSite = (row: SiteRow): Site => ({
  id: row.id,
  workspaceId: row.workspace_id,
  publicKey: row.public_key,
  name: row.name,
  allowedOrigins: JSON.parse(row.allowed_origins) as string[],
  settings: withDefaults(parseSettings(row.settings)),
  routing: parseRouting(row.routing),
  identityEnforced: row.identity_enforced === 1,
  identitySecret: row.identity_secret,
});

export class SitesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byKey(publicKey: string): Promise<Site | null> {
    const row = await this.db.selectFrom('sites').selectAll().where('public_key', '=', publicKey).executeTakeFirst();
    return row ? toSite(row) : null;
  }

  async byId(id: string): Promise<Site | null> {
    const row = await this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSite(row) : null;
  }

  async ofWorkspace(workspaceId: string): Promise<Site[]> {
    const rows = await this.db.selectFrom('sites').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toSite);
  }

  async idsOfWorkspace(workspaceId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('sites').select('id').where('workspace_id', '=', workspaceId).execute();
    return rows.map((r) => r.id);
  }

  /** The oldest site: the default one made on first start, which the demo page embeds. */
  async firstOfAnyWorkspace(): Promise<Site | null> {
    const row = await this.db.selectFrom('sites').selectAll().orderBy('created_at').orderBy('id').executeTakeFirst();
    return row ? toSite(row) : null;
  }

  /** A new site with default widget settings and an identity secret of its own. */
  async create(site: NewSite, now = Date.now()): Promise<Site> {
    const identitySecret = newSecret();
    await this.db
      .insertInto('sites')
      .values({
        id: site.id,
        workspace_id: site.workspaceId,
        public_key: site.publicKey,
        name: site.name,
        allowed_origins: JSON.stringify(site.allowedOrigins),
        created_at: now,
        settings: '{}',
        identity_secret: identitySecret,
        identity_enforced: 0,
      })
      .execute();
    return { ...site, settings: withDefaults({}), routing: { ...ROUTING_DEFAULTS }, identityEnforced: false, identitySecret };
  }

  /**
   * Applies an admin's changes. The settings merge into the stored ones with the row
   * locked (the no-op UPDATE takes PostgreSQL's row lock, SQLite's write lock), so two
   * admins saving different fields at once both keep their change.
   */
  async update(id: string, patch: SitePatch): Promise<Site | null> {
    const row = await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('sites').set((eb) => ({ settings: eb.ref('settings') })).where('id', '=', id).execute();
      const stored = await trx.selectFrom('sites').select(['settings', 'routing']).where('id', '=', id).executeTakeFirst();
      if (!stored) return undefined;
      return trx
        .updateTable('sites')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.allowedOrigins !== undefined ? { allowed_origins: JSON.stringify(patch.allowedOrigins) } : {}),
          ...(patch.identityEnforced !== undefined ? { identity_enforced: patch.identityEnforced ? 1 : 0 } : {}),
          // Always set: an UPDATE needs one column even when only the lock was wanted.
          settings: patch.settings ? JSON.stringify({ ...parseSettings(stored.settings), ...patch.settings }) : stored.settings,
          ...(patch.routing ? { routing: JSON.stringify({ ...parseRouting(stored.routing), ...patch.routing }) } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    });
    return row ? toSite(row) : null;
  }

  /** A new identity secret: hashes made with the old one stop verifying at once. */
  async rotateSecret(id: string): Promise<string | null> {
    const secret = newSecret();
    const result = await this.db.updateTable('sites').set({ identity_secret: secret }).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n ? secret : null;
  }
}
