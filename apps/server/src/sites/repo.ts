import type { Kysely } from 'kysely';
import { newSecret } from '../ids.js';
import type { Database, SiteRow } from '../storage/database.js';
import { prepare } from '../storage/prepared.js';
import { RecentSiteRows } from './recent-rows.js';
import type { RoutingSettings } from '@kefu/protocol';
import { mergeSettings, parseDepartmentIds, parseRouting, parseSettings, resolveDepartments, ROUTING_DEFAULTS, withDefaults, type SiteShape, type StoredSettings } from './settings.js';

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
  settings?: Partial<StoredSettings>;
  /** Replaces the pre-chat department list (team ids, in order). */
  departments?: string[];
  /** Takes a deleted team out of the stored department list (read with the row locked: an admin may be saving the list). */
  withoutDepartment?: string;
  /** Merged into the stored routing settings. */
  routing?: Partial<RoutingSettings>;
  identityEnforced?: boolean;
}

const toSite = (row: SiteRow, teamNames: ReadonlyMap<string, string>): Site => ({
  id: row.id,
  workspaceId: row.workspace_id,
  publicKey: row.public_key,
  name: row.name,
  allowedOrigins: JSON.parse(row.allowed_origins) as string[],
  settings: withDefaults(parseSettings(row.settings), resolveDepartments(parseDepartmentIds(row.settings), teamNames)),
  routing: parseRouting(row.routing),
  identityEnforced: row.identity_enforced === 1,
  identitySecret: row.identity_secret,
});

const departmentsAfter = (json: string, patch: SitePatch): string[] | undefined =>
  patch.withoutDepartment ? parseDepartmentIds(json).filter((id) => id !== patch.withoutDepartment) : patch.departments;

/** Every visitor's handshake and hello read their site: compiled once (storage/prepared.ts). */
const rowByKey = prepare((db: Kysely<Database>, publicKey: string) => db.selectFrom('sites').selectAll().where('public_key', '=', publicKey));
const rowById = prepare((db: Kysely<Database>, id: string) => db.selectFrom('sites').selectAll().where('id', '=', id));

export class SitesRepo {
  private readonly recent = new RecentSiteRows();

  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Sites with their departments' current team names: read with the site, so a renamed
   * team shows its new name and a deleted one is gone wherever a site is read.
   */
  private async toSites(rows: SiteRow[]): Promise<Site[]> {
    const ids = [...new Set(rows.flatMap((r) => parseDepartmentIds(r.settings)))];
    const teams = ids.length === 0 ? [] : await this.db.selectFrom('teams').select(['id', 'name', 'workspace_id']).where('id', 'in', ids).execute();
    return rows.map((row) => toSite(row, new Map(teams.filter((t) => t.workspace_id === row.workspace_id).map((t) => [t.id, t.name]))));
  }

  private async toOne(row: SiteRow | undefined): Promise<Site | null> {
    return row ? (await this.toSites([row]))[0]! : null;
  }

  async byKey(publicKey: string): Promise<Site | null> {
    return this.toOne(await this.recent.read(`key:${publicKey}`, async () => (await rowByKey(this.db, publicKey))[0]));
  }

  /** `fresh`: from the database, not a row read in the last second (a re-check after a change, which another node may have made). */
  async byId(id: string, { fresh = false } = {}): Promise<Site | null> {
    if (fresh) this.recent.forget();
    return this.toOne(await this.recent.read(`id:${id}`, async () => (await rowById(this.db, id))[0]));
  }

  async ofWorkspace(workspaceId: string): Promise<Site[]> {
    return this.toSites(await this.db.selectFrom('sites').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute());
  }

  async idsOfWorkspace(workspaceId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('sites').select('id').where('workspace_id', '=', workspaceId).execute();
    return rows.map((r) => r.id);
  }

  /** The oldest site: the default one made on first start, which the demo page embeds. */
  async firstOfAnyWorkspace(): Promise<Site | null> {
    return this.toOne(await this.db.selectFrom('sites').selectAll().orderBy('created_at').orderBy('id').executeTakeFirst());
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
          settings: patch.settings || patch.departments || patch.withoutDepartment ? mergeSettings(stored.settings, patch.settings, departmentsAfter(stored.settings, patch)) : stored.settings,
          ...(patch.routing ? { routing: JSON.stringify({ ...parseRouting(stored.routing), ...patch.routing }) } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    });
    // After the commit: a read that started before it, still in flight, is not kept either.
    this.recent.forget();
    return this.toOne(row);
  }

  /** A new identity secret: hashes made with the old one stop verifying at once. */
  async rotateSecret(id: string): Promise<string | null> {
    const secret = newSecret();
    const result = await this.db.updateTable('sites').set({ identity_secret: secret }).where('id', '=', id).executeTakeFirst();
    this.recent.forget();
    return result.numUpdatedRows > 0n ? secret : null;
  }
}
