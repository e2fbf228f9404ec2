import { messagePreview as preview, type ConversationEvent, type Message, type SenderType } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import { advanceCursor, type ReaderType } from '../conversations/read-cursors.js';
import { agentDisplayNameOf } from '../sites/settings.js';
import type { Database } from '../storage/database.js';

export interface NewMessageInput {
  id: string;
  conversationId: string;
  clientMsgId: string;
  senderType: SenderType;
  senderId: string | null;
  body: string;
  createdAt: number;
  /** What a system message means (stored as JSON); absent for people's messages. */
  event?: ConversationEvent;
}

type Row = {
  id: string;
  conversation_id: string;
  seq: number;
  client_msg_id: string;
  sender_type: SenderType;
  sender_id: string | null;
  agent_name: string | null;
  site_settings: string;
  body: string;
  created_at: number;
  event: string | null;
};

/**
 * The site's one name for agents, from its settings JSON. The rows of a sync page share
 * one site: remembering the last JSON parses it once a page instead of once a row.
 */
let lastSettings: string | null = null;
let lastDisplayName: string | null = null;
function displayNameOf(settingsJson: string): string | null {
  if (settingsJson !== lastSettings) {
    lastSettings = settingsJson;
    lastDisplayName = agentDisplayNameOf(settingsJson);
  }
  return lastDisplayName;
}

/** An agent's name as the visitor sees it: the site's one name for agents when set (see WidgetConfig.agentDisplayName). */
const senderName = (r: Row): string | null => (r.sender_type === 'agent' ? displayNameOf(r.site_settings) ?? r.agent_name : null);

const toMessage = (r: Row): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: r.seq,
  clientMsgId: r.client_msg_id,
  senderType: r.sender_type,
  senderId: r.sender_id,
  senderName: senderName(r),
  body: r.body,
  createdAt: r.created_at,
  ...(r.event ? { event: JSON.parse(r.event) as ConversationEvent } : {}),
});

export class MessagesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  private select(db: Kysely<Database> = this.db) {
    return db
      .selectFrom('messages as m')
      .leftJoin('agents as a', (j) => j.onRef('a.id', '=', 'm.sender_id').on('m.sender_type', '=', 'agent'))
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .innerJoin('sites as s', 's.id', 'c.site_id')
      .select([
        'm.id',
        'm.conversation_id',
        'm.seq',
        'm.client_msg_id',
        'm.sender_type',
        'm.sender_id',
        'a.name as agent_name',
        's.settings as site_settings',
        'm.body',
        'm.created_at',
        'm.event',
      ]);
  }

  /** Who a conversation belongs to and who has it; null when there is none. */
  async head(conversationId: string): Promise<{ visitorId: string; workspaceId: string; assigneeId: string | null; status: 'open' | 'closed' } | null> {
    const row = await this.db
      .selectFrom('conversations')
      .select(['visitor_id as visitorId', 'workspace_id as workspaceId', 'assignee_id as assigneeId', 'status'])
      .where('id', '=', conversationId)
      .executeTakeFirst();
    return row ?? null;
  }

  async byClientMsgId(conversationId: string, clientMsgId: string, db: Kysely<Database> = this.db): Promise<Message | null> {
    const row = await this.select(db)
      .where('m.conversation_id', '=', conversationId)
      .where('m.client_msg_id', '=', clientMsgId)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  /**
   * Stores a message with the conversation's next seq, in one transaction: the
   * UPDATE ... RETURNING takes the conversation row's lock, so concurrent senders
   * (on any node) queue behind it and seqs stay 1, 2, 3 ... without gaps. A retry of
   * a stored clientMsgId returns the stored message and `created: false`.
   */
  async insert(input: NewMessageInput): Promise<{ message: Message; created: boolean }> {
    const existing = await this.byClientMsgId(input.conversationId, input.clientMsgId);
    if (existing) return { message: existing, created: false };
    try {
      const message = await this.db.transaction().execute((trx) => this.insertWithin(trx, input));
      return { message, created: true };
    } catch (err) {
      // Two concurrent sends of one clientMsgId: the loser's transaction rolled back
      // (its seq with it); answer with the winner's message.
      const winner = await this.byClientMsgId(input.conversationId, input.clientMsgId);
      if (winner) return { message: winner, created: false };
      throw err;
    }
  }

  /**
   * The insert itself, inside the caller's transaction: system messages are written in
   * the same transaction as the change they announce (close, reopen, assign), so a
   * failure leaves neither. `readerId`: who has read up to it (the writer; for a system
   * message, the agent who caused it), kept on the conversation's row (read-cursors.ts).
   */
  async insertWithin(trx: Kysely<Database>, input: NewMessageInput, readerId: string | null = input.senderId): Promise<Message> {
    const system = input.senderType === 'system';
    const readerType: ReaderType | null = readerId === null ? null : system ? 'agent' : (input.senderType as ReaderType);
    const written = await trx
      .updateTable('conversations')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', 1),
        last_message_at: input.createdAt,
        // The inbox previews what people wrote, not "Mei joined the chat".
        ...(system ? {} : { last_message_preview: preview(input.body) }),
        ...(readerType === 'visitor' ? { visitor_wrote_seq: eb('last_seq', '+', 1) } : {}),
      }))
      .where('id', '=', input.conversationId)
      .returning(['last_seq', 'agent_wrote_id', 'agent_wrote_seq'])
      .executeTakeFirstOrThrow();
    const seq = written.last_seq;
    await trx
      .insertInto('messages')
      .values({
        id: input.id,
        conversation_id: input.conversationId,
        seq,
        client_msg_id: input.clientMsgId,
        sender_type: input.senderType,
        sender_id: input.senderId,
        body: input.body,
        created_at: input.createdAt,
        event: input.event ? JSON.stringify(input.event) : null,
      })
      .execute();
    if (readerType === 'agent' && readerId) {
      // The agent who wrote before keeps what they had read in a cursor row of their own.
      if (written.agent_wrote_id !== null && written.agent_wrote_id !== readerId) {
        await advanceCursor(trx, input.conversationId, 'agent', written.agent_wrote_id, written.agent_wrote_seq, input.createdAt);
      }
      await trx.updateTable('conversations').set({ agent_wrote_id: readerId, agent_wrote_seq: seq }).where('id', '=', input.conversationId).execute();
    }
    return (await this.byClientMsgId(input.conversationId, input.clientMsgId, trx))!;
  }

  /** The newest messages before `beforeSeq` (all when omitted), oldest first; `hasMore` when older ones remain. */
  async before(conversationId: string, beforeSeq: number | undefined, limit: number): Promise<{ messages: Message[]; hasMore: boolean }> {
    let query = this.select().where('m.conversation_id', '=', conversationId);
    if (beforeSeq !== undefined) query = query.where('m.seq', '<', beforeSeq);
    const rows = await query.orderBy('m.seq', 'desc').limit(limit + 1).execute();
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore: rows.length > limit };
  }

  /** Messages after `afterSeq`, oldest first; one more than `limit` is read to tell whether more follow. */
  async after(conversationId: string, afterSeq: number, limit: number): Promise<{ messages: Message[]; hasMore: boolean }> {
    const rows = await this.select()
      .where('m.conversation_id', '=', conversationId)
      .where('m.seq', '>', afterSeq)
      .orderBy('m.seq')
      .limit(limit + 1)
      .execute();
    return { messages: rows.slice(0, limit).map(toMessage), hasMore: rows.length > limit };
  }
}
