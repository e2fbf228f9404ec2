import type { Kysely } from 'kysely';
import type { CannedRepliesTable, CannedReplyRow, Database } from '../storage/database.js';

export type CannedScope = CannedRepliesTable['scope'];

export type CannedFields = Partial<Pick<CannedReplyRow, 'shortcut' | 'body' | 'scope' | 'updated_at'>>;

export class CannedRepliesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** The workspace's shared replies and the agent's personal ones, by shortcut (shared first on a tie). */
  visibleTo(workspaceId: string, agentId: string): Promise<CannedReplyRow[]> {
    return this.db
      .selectFrom('canned_replies')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where((eb) => eb.or([eb('scope', '=', 'shared'), eb.and([eb('scope', '=', 'personal'), eb('owner_id', '=', agentId)])]))
      .orderBy('shortcut')
      .orderBy('scope', 'desc')
      .execute();
  }

  async byId(id: string, workspaceId: string): Promise<CannedReplyRow | null> {
    return (await this.db.selectFrom('canned_replies').selectAll().where('id', '=', id).where('workspace_id', '=', workspaceId).executeTakeFirst()) ?? null;
  }

  /** Whether another reply already has this shortcut in the scope: the workspace's shared ones, or the owner's personal ones. */
  async taken(workspaceId: string, ownerId: string, scope: CannedScope, shortcut: string, exceptId: string | null): Promise<boolean> {
    let query = this.db.selectFrom('canned_replies').select('id').where('workspace_id', '=', workspaceId).where('scope', '=', scope).where('shortcut', '=', shortcut);
    if (scope === 'personal') query = query.where('owner_id', '=', ownerId);
    if (exceptId) query = query.where('id', '!=', exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  }

  async insert(row: CannedReplyRow): Promise<void> {
    await this.db.insertInto('canned_replies').values(row).execute();
  }

  async update(id: string, fields: CannedFields): Promise<void> {
    await this.db.updateTable('canned_replies').set(fields).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('canned_replies').where('id', '=', id).execute();
  }
}
