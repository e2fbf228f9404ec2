import type { Conversation, ConversationStatus, ConversationSummary } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { ConversationRow, Database } from '../storage/database.js';
import { advanceCursor, agentReadSeq, readStates, type ReadState, type ReaderType } from './read-cursors.js';

export const toConversation = (r: ConversationRow, reads: ReadState = NO_READS): Conversation => ({
  id: r.id,
  siteId: r.site_id,
  visitorId: r.visitor_id,
  status: r.status,
  assigneeId: r.assignee_id,
  lastSeq: r.last_seq,
  lastMessageAt: r.last_message_at,
  lastMessagePreview: r.last_message_preview,
  createdAt: r.created_at,
  visitorReadSeq: reads.visitorReadSeq,
  agentReadSeq: agentReadSeq(reads.agentReads),
});

const NO_READS: ReadState = { visitorReadSeq: 0, agentReads: {} };

type SummaryRow = ConversationRow & { visitor_name: string | null; site_name: string };

const toSummary = (r: SummaryRow, reads: ReadState = NO_READS): ConversationSummary => ({
  ...toConversation(r, reads),
  visitorName: visitorHandle(r.visitor_id, r.visitor_name),
  siteName: r.site_name,
  agentReads: reads.agentReads,
});

export interface ListQuery {
  workspaceId: string;
  status: ConversationStatus;
  /** Cursor from the previous page: `${lastMessageAt}:${id}` of its last row. */
  before?: string;
  limit: number;
}

/** Visitors have no name until they give one; show a stable short handle instead. */
export const visitorHandle = (visitorId: string, name: string | null) => name ?? `Visitor ${visitorId.slice(0, 6)}`;

export class ConversationsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async byId(id: string): Promise<Conversation | null> {
    const row = await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.withReads(row) : null;
  }

  private async withReads(row: ConversationRow): Promise<Conversation> {
    return toConversation(row, (await readStates(this.db, [row.id])).get(row.id));
  }

  async workspaceOf(id: string): Promise<string | null> {
    const row = await this.db.selectFrom('conversations').select('workspace_id').where('id', '=', id).executeTakeFirst();
    return row?.workspace_id ?? null;
  }

  async openForVisitor(visitorId: string): Promise<Conversation | null> {
    const row = await this.db
      .selectFrom('conversations')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('status', '=', 'open')
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return row ? this.withReads(row) : null;
  }

  async create(row: Omit<ConversationRow, 'last_seq'>): Promise<Conversation> {
    await this.db.insertInto('conversations').values(row).execute();
    return toConversation({ ...row, last_seq: 0 });
  }

  /** Moves a reader's cursor, capped at the conversation's last seq; returns the cursor after, and whether it moved. */
  async markRead(conversation: Conversation, readerType: ReaderType, readerId: string, seq: number): Promise<{ seq: number; moved: boolean }> {
    const capped = Math.min(seq, conversation.lastSeq);
    const moved = capped > 0 && (await advanceCursor(this.db, conversation.id, readerType, readerId, capped));
    if (moved) return { seq: capped, moved };
    const state = (await readStates(this.db, [conversation.id])).get(conversation.id)!;
    return { seq: readerType === 'visitor' ? state.visitorReadSeq : state.agentReads[readerId] ?? 0, moved: false };
  }

  private summaries() {
    return this.db
      .selectFrom('conversations as c')
      .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
      .innerJoin('sites as s', 's.id', 'c.site_id')
      .selectAll('c')
      .select(['v.name as visitor_name', 's.name as site_name']);
  }

  async summary(id: string): Promise<ConversationSummary | null> {
    const row = await this.summaries().where('c.id', '=', id).executeTakeFirst();
    return row ? toSummary(row, (await readStates(this.db, [id])).get(id)) : null;
  }

  /** Newest activity first; keyset-paginated so that deep pages stay fast. */
  async list(q: ListQuery): Promise<{ conversations: ConversationSummary[]; nextCursor: string | null }> {
    let query = this.summaries().where('c.workspace_id', '=', q.workspaceId).where('c.status', '=', q.status);
    const cursor = q.before ? parseCursor(q.before) : null;
    if (cursor) {
      query = query.where((eb) =>
        eb.or([
          eb('c.last_message_at', '<', cursor.at),
          eb.and([eb('c.last_message_at', '=', cursor.at), eb('c.id', '<', cursor.id)]),
        ]),
      );
    }
    const rows = await query
      .where('c.last_message_at', 'is not', null)
      .orderBy('c.last_message_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(q.limit + 1)
      .execute();
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const reads = await readStates(this.db, page.map((r) => r.id));
    return {
      conversations: page.map((r) => toSummary(r, reads.get(r.id))),
      nextCursor: rows.length > q.limit && last ? `${last.last_message_at}:${last.id}` : null,
    };
  }
}

function parseCursor(cursor: string): { at: number; id: string } | null {
  const i = cursor.indexOf(':');
  const at = Number(cursor.slice(0, i));
  return i > 0 && Number.isFinite(at) ? { at, id: cursor.slice(i + 1) } : null;
}
