import type { Conversation, ConversationStatus, ConversationSummary, InboxCounts, InboxView } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { Dialect } from '../storage/connect.js';
import type { ConversationRow, Database } from '../storage/database.js';
import { prepare } from '../storage/prepared.js';

/** A new conversation's row: routing fills team_id and waiting_since when it has them. */
export type NewConversation = Omit<ConversationRow, 'last_seq' | 'team_id' | 'waiting_since' | WritersColumns> & Partial<Pick<ConversationRow, 'team_id' | 'waiting_since'>>;

/** Kept by every message (see read-cursors.ts); a new conversation starts without. */
type WritersColumns = 'visitor_wrote_seq' | 'agent_wrote_id' | 'agent_wrote_seq';
import { agentReadSeq, markCursorRead, readStates, type ReadState, type ReaderType } from './read-cursors.js';
import { containsFolded, likePattern } from './search.js';
import { tagsOf } from './tags.js';

export const toConversation = (r: ConversationRow, reads: ReadState = NO_READS): Conversation => ({
  id: r.id,
  siteId: r.site_id,
  visitorId: r.visitor_id,
  status: r.status,
  assigneeId: r.assignee_id,
  teamId: r.team_id,
  lastSeq: r.last_seq,
  lastMessageAt: r.last_message_at,
  lastMessagePreview: r.last_message_preview,
  createdAt: r.created_at,
  visitorReadSeq: reads.visitorReadSeq,
  agentReadSeq: agentReadSeq(reads.agentReads),
});

const NO_READS: ReadState = { visitorReadSeq: 0, agentReads: {} };

type SummaryRow = ConversationRow & { visitor_name: string | null; site_name: string };

const toSummary = (r: SummaryRow, reads: ReadState = NO_READS, tags: string[] = []): ConversationSummary => ({
  ...toConversation(r, reads),
  visitorName: visitorHandle(r.visitor_id, r.visitor_name),
  siteName: r.site_name,
  agentReads: reads.agentReads,
  tags,
});

export interface ListQuery {
  workspaceId: string;
  view: InboxView;
  /** Who asks: the `mine` view's assignee. */
  agentId: string;
  siteId?: string;
  teamId?: string;
  tag?: string;
  /** Visitor name, email or phone, or any message's text (see search.ts). */
  query?: string;
  /** Cursor from the previous page: `${lastMessageAt}:${id}` of its last row. */
  before?: string;
  limit: number;
}

/** Visitors have no name until they give one; show a stable short handle instead. */
export const visitorHandle = (visitorId: string, name: string | null) => name ?? `Visitor ${visitorId.slice(0, 6)}`;

/** Every visitor's hello reads it: compiled once (storage/prepared.ts). */
const openOfVisitor = prepare((db: Kysely<Database>, visitorId: string) =>
  db.selectFrom('conversations').selectAll().where('visitor_id', '=', visitorId).where('status', '=', 'open').orderBy('created_at', 'desc').limit(1),
);

export class ConversationsRepo {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect = 'sqlite',
  ) {}

  async byId(id: string, db: Kysely<Database> = this.db): Promise<Conversation | null> {
    const row = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.withReads(row, db) : null;
  }

  private async withReads(row: ConversationRow, db: Kysely<Database> = this.db): Promise<Conversation> {
    return toConversation(row, (await readStates(db, [row.id])).get(row.id));
  }

  async workspaceOf(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('conversations').select('workspace_id').where('id', '=', id).executeTakeFirst();
    return row?.workspace_id ?? null;
  }

  async openForVisitor(visitorId: string): Promise<Conversation | null> {
    const [row] = await openOfVisitor(this.db, visitorId);
    return row ? this.withReads(row) : null;
  }

  async create(row: NewConversation): Promise<Conversation> {
    await this.db.insertInto('conversations').values(row).execute();
    return toConversation({ team_id: null, waiting_since: null, visitor_wrote_seq: 0, agent_wrote_id: null, agent_wrote_seq: 0, ...row, last_seq: 0 });
  }

  /** Moves a reader's cursor, capped at the conversation's last seq (and never behind what they wrote); returns the cursor after, and whether it moved. */
  async markRead(conversation: Conversation, readerType: ReaderType, readerId: string, seq: number): Promise<{ seq: number; moved: boolean }> {
    const capped = Math.min(seq, conversation.lastSeq);
    const moved = capped > 0 && (await markCursorRead(this.db, conversation.id, readerType, readerId, capped));
    if (moved) return { seq: capped, moved };
    const state = (await readStates(this.db, [conversation.id])).get(conversation.id)!;
    return { seq: readerType === 'visitor' ? state.visitorReadSeq : state.agentReads[readerId] ?? 0, moved: false };
  }

  private summaries(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
      .innerJoin('sites as s', 's.id', 'c.site_id')
      .selectAll('c')
      .select(['v.name as visitor_name', 's.name as site_name']);
  }

  async summary(id: string, db: Kysely<Database> = this.db): Promise<ConversationSummary | null> {
    const row = await this.summaries(db).where('c.id', '=', id).executeTakeFirst();
    if (!row) return null;
    const [reads, tags] = await Promise.all([readStates(db, [id]), tagsOf(db, [id])]);
    return toSummary(row, reads.get(id), tags.get(id));
  }

  /** Several conversations' inbox rows at once (three queries whatever their number); gone ones are left out. */
  async summariesOf(ids: readonly string[]): Promise<ConversationSummary[]> {
    if (ids.length === 0) return [];
    const rows = await this.summaries().where('c.id', 'in', ids).execute();
    const found = rows.map((r) => r.id);
    const [reads, tags] = await Promise.all([readStates(this.db, found), tagsOf(this.db, found)]);
    return rows.map((r) => toSummary(r, reads.get(r.id), tags.get(r.id)));
  }

  /**
   * Newest activity first; keyset-paginated so that deep pages stay fast: every view
   * walks conversations_inbox in order and stops after `limit` rows; filters only skip
   * rows (the assignee is in the index: Unassigned and Mine skip without the table).
   */
  async list(q: ListQuery): Promise<{ conversations: ConversationSummary[]; nextCursor: string | null }> {
    const rows = await this.listQuery(q).execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const ids = page.map((r) => r.id);
    const [reads, tags] = await Promise.all([readStates(this.db, ids), tagsOf(this.db, ids)]);
    return {
      conversations: page.map((r) => toSummary(r, reads.get(r.id), tags.get(r.id))),
      nextCursor: rows.length > q.limit && last ? `${last.last_message_at}:${last.id}` : null,
    };
  }

  /** The page's query, one row more than `limit` (is there a next page?); public for the query-plan test. */
  listQuery(q: ListQuery) {
    let query = this.summaries().where('c.workspace_id', '=', q.workspaceId).where('c.status', '=', q.view === 'closed' ? 'closed' : 'open');
    if (q.view === 'unassigned') query = query.where('c.assignee_id', 'is', null);
    if (q.view === 'mine') query = query.where('c.assignee_id', '=', q.agentId);
    if (q.siteId) query = query.where('c.site_id', '=', q.siteId);
    if (q.teamId) query = query.where('c.team_id', '=', q.teamId);
    if (q.tag) {
      const tag = q.tag;
      query = query.where((eb) =>
        eb.exists(eb.selectFrom('conversation_tags as t').select('t.tag').whereRef('t.conversation_id', '=', 'c.id').where('t.tag', '=', tag)),
      );
    }
    if (q.query) {
      const pattern = likePattern(q.query);
      query = query.where((eb) =>
        eb.or([
          containsFolded(this.dialect, eb.ref('v.name'), pattern),
          containsFolded(this.dialect, eb.ref('v.email'), pattern),
          containsFolded(this.dialect, eb.ref('v.phone'), pattern),
          eb.exists(
            eb
              .selectFrom('messages as m')
              .select('m.id')
              .whereRef('m.conversation_id', '=', 'c.id')
              // "Mei joined the chat" is not something anyone wrote.
              .where('m.sender_type', '!=', 'system')
              .where((mb) => containsFolded(this.dialect, mb.ref('m.body'), pattern)),
          ),
        ]),
      );
    }
    const cursor = q.before ? parseCursor(q.before) : null;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('c.last_message_at', '<', cursor.at),
          eb.and([eb('c.last_message_at', '=', cursor.at), eb('c.id', '<', cursor.id)]),
        ]),
      );
    }
    return query
      .where('c.last_message_at', 'is not', null)
      .orderBy('c.last_message_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(q.limit + 1);
  }

  /** How many conversations each open view lists (the same rows `list` would walk). */
  async counts(workspaceId: string, agentId: string): Promise<InboxCounts> {
    const row = await this.db
      .selectFrom('conversations')
      .select((eb) => [
        eb.fn.countAll<number | string>().as('open'),
        eb.fn.sum<number | string | null>(eb.case().when('assignee_id', 'is', null).then(1).else(0).end()).as('unassigned'),
        eb.fn.sum<number | string | null>(eb.case().when('assignee_id', '=', agentId).then(1).else(0).end()).as('mine'),
      ])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'open')
      .where('last_message_at', 'is not', null)
      .executeTakeFirstOrThrow();
    // PostgreSQL answers bigint counts and numeric sums as strings.
    return { unassigned: Number(row.unassigned ?? 0), mine: Number(row.mine ?? 0), open: Number(row.open) };
  }

  /**
   * Locks the conversation's row for the rest of `trx` (a no-op UPDATE: portable, where
   * SELECT ... FOR UPDATE is PostgreSQL's only) and reads it. Concurrent changes of one
   * conversation (assign, close, tags, messages) queue behind each other.
   */
  async lock(trx: Kysely<Database>, id: string): Promise<ConversationRow | null> {
    const row = await trx.updateTable('conversations').set((eb) => ({ status: eb.ref('status') })).where('id', '=', id).returningAll().executeTakeFirst();
    return row ?? null;
  }

  async setStatus(trx: Kysely<Database>, id: string, status: ConversationStatus): Promise<void> {
    await trx.updateTable('conversations').set({ status }).where('id', '=', id).execute();
  }

  /** Nobody's (null): it waits in the queue from now; somebody's: it waits no more. */
  async setAssignee(trx: Kysely<Database>, id: string, assigneeId: string | null, now = Date.now()): Promise<void> {
    await trx.updateTable('conversations').set({ assignee_id: assigneeId, waiting_since: assigneeId === null ? now : null }).where('id', '=', id).execute();
  }

  /** Routed to a team (null: the whole workspace). */
  async setTeam(trx: Kysely<Database>, id: string, teamId: string | null): Promise<void> {
    await trx.updateTable('conversations').set({ team_id: teamId }).where('id', '=', id).execute();
  }

  /** Whether the team is one of the workspace's (a transfer to it). */
  async teamInWorkspace(teamId: string, workspaceId: string): Promise<boolean> {
    const row = await this.db.selectFrom('teams').select('id').where('id', '=', teamId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row !== undefined;
  }

  /** An agent of the workspace with the name the visitor sees for them on this conversation's site. */
  async agentFor(conversationId: string, workspaceId: string, agentId: string, db: Kysely<Database> = this.db): Promise<{ id: string; name: string; siteSettings: string } | null> {
    const row = await db
      .selectFrom('agents as a')
      .innerJoin('conversations as c', 'c.workspace_id', 'a.workspace_id')
      .innerJoin('sites as s', 's.id', 'c.site_id')
      .select(['a.id', 'a.name', 's.settings as siteSettings'])
      .where('a.id', '=', agentId)
      .where('a.workspace_id', '=', workspaceId)
      .where('c.id', '=', conversationId)
      .executeTakeFirst();
    return row ?? null;
  }
}

function parseCursor(cursor: string): { at: number; id: string } | null {
  const i = cursor.indexOf(':');
  const at = Number(cursor.slice(0, i));
  return i > 0 && Number.isFinite(at) ? { at, id: cursor.slice(i + 1) } : null;
}
