import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen. Widget settings and identity verification per site; who a visitor is
// (a verified user id, contact fields, custom attributes); the pages they view.
// One column per ALTER: SQLite adds only one at a time.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  // Nullable in SQL (SQLite cannot add a NOT NULL column without a constant default);
  // every existing row is filled here and every new site gets one at creation.
  await db.schema.alterTable('sites').addColumn('identity_secret', 'text').execute();
  await db.schema.alterTable('sites').addColumn('identity_enforced', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  const sites = await db.selectFrom('sites').select('id').execute();
  for (const site of sites) {
    await db.updateTable('sites').set({ identity_secret: randomBytes(32).toString('base64url') }).where('id', '=', site.id).execute();
  }

  await db.schema.alterTable('visitors').addColumn('user_id', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('email', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('phone', 'text').execute();
  await db.schema.alterTable('visitors').addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  // One visitor per logged-in user of a site: every device of theirs shares it.
  await db.schema
    .createIndex('visitors_site_user')
    .on('visitors')
    .columns(['site_id', 'user_id'])
    .unique()
    .where(sql.ref('user_id'), 'is not', null)
    .execute();

  await db.schema
    .createTable('page_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text')
    // The visitor's clock, as reported; created_at is the server's.
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('page_views_visitor').on('page_views').columns(['visitor_id', 'created_at']).execute();
}
