import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AuthRepo } from '../auth/repo.js';
import { hashPassword } from '../auth/passwords.js';
import type { Config } from '../config.js';
import { newId } from '../ids.js';
import { SitesRepo } from '../sites/repo.js';
import type { Storage } from '../storage/connect.js';

export const DEFAULT_ADMIN_EMAIL = 'admin@kefu.local';

export interface FirstStart {
  adminEmail: string;
  /** Set only when this start generated or reset it; otherwise it was shown on first start. */
  adminPassword: string | null;
  siteKey: string;
}

/** Origins the default site accepts: Kefu's own (the demo page) and any local development server. */
export const defaultAllowedOrigins = (publicUrl: string) => [
  new URL(publicUrl).origin,
  'http://localhost:*',
  'http://127.0.0.1:*',
];

/**
 * On first start: a workspace, a default site and the first admin (owner). On later
 * starts: KEFU_ADMIN_PASSWORD, when set, resets that admin's password, so a
 * forgotten password is one restart away for whoever runs the server.
 */
export async function bootstrap({ db, dialect }: Storage, config: Config): Promise<FirstStart> {
  const email = (config.adminEmail ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  const password = config.adminPassword ?? randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);

  return db.transaction().execute(async (trx) => {
    // Several nodes may start at once on one PostgreSQL: only one may create the workspace.
    if (dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(trx);
    }
    const auth = new AuthRepo(trx);
    const sites = new SitesRepo(trx);
    const existing = await trx.selectFrom('workspaces').select('id').orderBy('created_at').executeTakeFirst();
    if (existing) {
      const admin = await auth.byEmail(email);
      if (admin && config.adminPassword) await auth.setPassword(admin.id, passwordHash);
      const site = await sites.firstOfAnyWorkspace();
      return {
        adminEmail: admin ? email : '(see the log of the first start)',
        adminPassword: admin ? config.adminPassword : null,
        siteKey: site?.publicKey ?? '',
      };
    }

    const now = Date.now();
    const workspaceId = newId();
    const siteKey = `site_${randomBytes(9).toString('base64url')}`;
    await trx.insertInto('workspaces').values({ id: workspaceId, name: 'My workspace', created_at: now }).execute();
    await sites.create({ id: newId(), workspaceId, publicKey: siteKey, name: 'Demo site', allowedOrigins: defaultAllowedOrigins(config.publicUrl) }, now);
    await auth.createAgent({ id: newId(), workspace_id: workspaceId, email, name: 'Admin', password_hash: passwordHash, role: 'owner', created_at: now });
    return { adminEmail: email, adminPassword: password, siteKey };
  });
}

/** An arbitrary constant naming the bootstrap's advisory lock. */
const BOOTSTRAP_LOCK = 715_001;
