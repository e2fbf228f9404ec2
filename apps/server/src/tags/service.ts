import { TAGS_MAX, WORKSPACE_TAGS_MAX } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { Database } from '../storage/database.js';
import type { TagsRepo } from './repo.js';

export interface TagsChange {
  add?: readonly string[];
  remove?: readonly string[];
}

export class TagsService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly repo: TagsRepo,
    /** Takes the conversation row's lock for the transaction (see ConversationsRepo.lock). */
    private readonly lock: (trx: Kysely<Database>, conversationId: string) => Promise<unknown>,
  ) {}

  inWorkspace(workspaceId: string): Promise<string[]> {
    return this.repo.inWorkspace(this.db, workspaceId, WORKSPACE_TAGS_MAX);
  }

  /**
   * Adds, then removes (a tag in both ends up removed). Under the conversation's lock,
   * so two agents tagging at once cannot pass TAGS_MAX between them; beyond it the
   * whole change is refused and nothing is written.
   */
  async update(conversationId: string, change: TagsChange): Promise<string[]> {
    const add = [...new Set(change.add ?? [])];
    const remove = [...new Set(change.remove ?? [])];
    return this.db.transaction().execute(async (trx) => {
      await this.lock(trx, conversationId);
      const after = new Set(await this.repo.of(trx, conversationId));
      for (const tag of add) after.add(tag);
      for (const tag of remove) after.delete(tag);
      if (after.size > TAGS_MAX) throw new AppError('BAD_REQUEST', `A conversation carries at most ${TAGS_MAX} tags.`, 'add');
      await this.repo.add(trx, conversationId, add.filter((t) => !remove.includes(t)), Date.now());
      await this.repo.remove(trx, conversationId, remove);
      return [...after].sort();
    });
  }
}
