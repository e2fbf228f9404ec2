import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

/** The tags of several conversations at once (one query), each list sorted. */
export async function tagsOf(db: Kysely<Database>, conversationIds: readonly string[]): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
  if (conversationIds.length === 0) return tags;
  const rows = await db
    .selectFrom('conversation_tags')
    .select(['conversation_id', 'tag'])
    .where('conversation_id', 'in', conversationIds)
    .execute();
  for (const row of rows) tags.get(row.conversation_id)!.push(row.tag);
  // Sorted here, by code point: the databases' collations would differ.
  for (const list of tags.values()) list.sort();
  return tags;
}
