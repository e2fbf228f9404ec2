import type { Agent, CannedReply, CannedReplyCreate, CannedReplyUpdate } from '@kefu/protocol';
import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { CannedReplyRow } from '../storage/database.js';
import type { CannedFields, CannedRepliesRepo, CannedScope } from './repo.js';

const toCannedReply = (r: CannedReplyRow): CannedReply => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
  scope: r.scope,
  ownerId: r.owner_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** What changed, so that the right agents are told (both scopes when a reply moved between them). */
export interface CannedChange {
  reply: CannedReply;
  scopes: CannedScope[];
}

const manages = (agent: Agent) => agent.role === 'owner' || agent.role === 'admin';

/**
 * Saved replies. Anyone makes personal or shared ones. A personal reply is its owner's
 * alone: anyone else is told NOT_FOUND, as if it did not exist. A shared one is read by
 * the whole workspace and changed by its author, owners and admins (FORBIDDEN for the
 * other agents). A shortcut names one reply per scope: CONFLICT otherwise.
 */
export class CannedRepliesService {
  constructor(private readonly repo: CannedRepliesRepo) {}

  async list(agent: Agent): Promise<CannedReply[]> {
    return (await this.repo.visibleTo(agent.workspaceId, agent.id)).map(toCannedReply);
  }

  async create(agent: Agent, input: CannedReplyCreate, now = Date.now()): Promise<CannedChange> {
    const row: CannedReplyRow = { id: newId(), workspace_id: agent.workspaceId, owner_id: agent.id, scope: input.scope, shortcut: input.shortcut, body: input.body, created_at: now, updated_at: now };
    await this.unique(row, () => this.repo.insert(row));
    return { reply: toCannedReply(row), scopes: [row.scope] };
  }

  async update(agent: Agent, id: string, change: CannedReplyUpdate, now = Date.now()): Promise<CannedChange> {
    const before = await this.editable(agent, id);
    // A shared reply made personal would vanish for everyone but its author: theirs to decide.
    if (change.scope === 'personal' && before.scope === 'shared' && before.owner_id !== agent.id) {
      throw new AppError('FORBIDDEN', 'Only its author may make a shared reply personal.');
    }
    const fields: CannedFields = { ...change, updated_at: now };
    const after: CannedReplyRow = { ...before, ...fields };
    await this.unique(after, () => this.repo.update(id, fields));
    return { reply: toCannedReply(after), scopes: [...new Set([before.scope, after.scope])] };
  }

  async delete(agent: Agent, id: string): Promise<CannedChange> {
    const before = await this.editable(agent, id);
    await this.repo.delete(id);
    return { reply: toCannedReply(before), scopes: [before.scope] };
  }

  private async editable(agent: Agent, id: string): Promise<CannedReplyRow> {
    const row = await this.repo.byId(id, agent.workspaceId);
    if (!row || (row.scope === 'personal' && row.owner_id !== agent.id)) throw new AppError('NOT_FOUND');
    if (row.scope === 'shared' && row.owner_id !== agent.id && !manages(agent)) {
      throw new AppError('FORBIDDEN', 'Only its author, owners and admins may change a shared reply.');
    }
    return row;
  }

  /** Runs the write unless the shortcut is taken in the row's scope; a concurrent taker is caught by the unique index. */
  private async unique(row: CannedReplyRow, write: () => Promise<void>): Promise<void> {
    const conflict = () => new AppError('CONFLICT', `The shortcut /${row.shortcut} is already taken.`, 'shortcut');
    if (await this.repo.taken(row.workspace_id, row.owner_id, row.scope, row.shortcut, row.id)) throw conflict();
    try {
      await write();
    } catch (err) {
      if (await this.repo.taken(row.workspace_id, row.owner_id, row.scope, row.shortcut, row.id)) throw conflict();
      throw err;
    }
  }
}
