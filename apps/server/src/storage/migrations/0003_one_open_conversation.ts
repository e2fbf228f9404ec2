import { sql, type Kysely } from 'kysely';

// Frozen. At most one open conversation per visitor: tabs sending their first message
// at once must all land in the same conversation (both dialects support partial indexes).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('conversations_one_open_per_visitor')
    .on('conversations')
    .column('visitor_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();
}
