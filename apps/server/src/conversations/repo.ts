import type { Conversation, ConversationStatus, ConversationSummary } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { ConversationRow, Database } from '../storage/database.js';

export const toConversation = (r: ConversationRow): Conversation => ({
  id: r.id,
  siteId: r.site_id,
  visitorId: r.visitor_id,
  status: r.status,
  assigneeId: r.assignee_id,
  lastSeq: r.last_seq,
  lastMessageAt: r.last_message_at,
  lastMessagePreview: r.last_message_preview,
  createdAt: r.created_at,
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
    return row ? toConversation(row) : null;
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
    return row ? toConversation(row) : null;
  }

  async create(row: Omit<ConversationRow, 'last_seq'>): Promise<Conversation> {
    await this.db.insertInto('conversations').values(row).execute();
    return toConversation({ ...row, last_seq: 0 });
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
    return row ? { ...toConversation(row), visitorName: visitorHandle(row.visitor_id, row.visitor_name), siteName: row.site_name } : null;
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
    return {
      conversations: page.map((r) => ({ ...toConversation(r), visitorName: visitorHandle(r.visitor_id, r.visitor_name), siteName: r.site_name })),
      nextCursor: rows.length > q.limit && last ? `${last.last_message_at}:${last.id}` : null,
    };
  }
}

function parseCursor(cursor: string): { at: number; id: string } | null {
  const i = cursor.indexOf(':');
  const at = Number(cursor.slice(0, i));
  return i > 0 && Number.isFinite(at) ? { at, id: cursor.slice(i + 1) } : null;
}
