import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

/** A conversation's labels (`conversation_tags`), already normalised by the protocol's schema. */
export class TagsRepo {
  async of(trx: Kysely<Database>, conversationId: string): Promise<string[]> {
    const rows = await trx.selectFrom('conversation_tags').select('tag').where('conversation_id', '=', conversationId).execute();
    return rows.map((r) => r.tag);
  }

  /** The tags on a workspace's conversations, the most used first. */
  async inWorkspace(db: Kysely<Database>, workspaceId: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('conversation_tags as t')
      .innerJoin('conversations as c', 'c.id', 't.conversation_id')
      .where('c.workspace_id', '=', workspaceId)
      .select(['t.tag', (eb) => eb.fn.countAll<number>().as('uses')])
      .groupBy('t.tag')
      .orderBy('uses', 'desc')
      .orderBy('t.tag')
      .limit(limit)
      .execute();
    return rows.map((r) => r.tag);
  }

  async add(trx: Kysely<Database>, conversationId: string, tags: readonly string[], now: number): Promise<void> {
    if (tags.length === 0) return;
    await trx
      .insertInto('conversation_tags')
      .values(tags.map((tag) => ({ conversation_id: conversationId, tag, created_at: now })))
      .onConflict((oc) => oc.columns(['conversation_id', 'tag']).doNothing())
      .execute();
  }

  async remove(trx: Kysely<Database>, conversationId: string, tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await trx.deleteFrom('conversation_tags').where('conversation_id', '=', conversationId).where('tag', 'in', tags).execute();
  }
}
