import { messagePreview as preview, type Message, type SenderType } from '@kefu/protocol';
import { sql, type Kysely } from 'kysely';
import { agentDisplayNameOf } from '../sites/settings.js';
import type { Dialect } from '../storage/connect.js';
import type { Database } from '../storage/database.js';

/** One person's message waiting for the next batch, with who may write where. */
export interface PendingMessage {
  id: string;
  conversationId: string;
  clientMsgId: string;
  senderType: Exclude<SenderType, 'system'>;
  senderId: string;
  /** The agent's own name (shown unless the site has one name for all agents). */
  agentName: string | null;
  body: string;
  createdAt: number;
  /** A visitor writes only in their own conversations, an agent only in their workspace's. */
  allowed: { visitorId: string } | { workspaceId: string };
}

/** The conversation a stored message belongs to, as fan-out and routing need it. */
export interface ConversationHead {
  visitorId: string;
  workspaceId: string;
  assigneeId: string | null;
}

export type BatchOutcome =
  | { kind: 'stored'; message: Message; conversation: ConversationHead }
  /** Already stored (a resend), or refused: the caller finds out which, one by one. */
  | { kind: 'stored-before' }
  | { kind: 'refused'; reason: 'NOT_FOUND' | 'CONVERSATION_CLOSED' };

interface LockedRow {
  id: string;
  visitor_id: string;
  workspace_id: string;
  site_id: string;
  status: 'open' | 'closed';
  assignee_id: string | null;
  last_seq: number;
}

/**
 * Stores many people's messages in one transaction, in a constant number of statements
 * whatever their number: lock and read the conversations, skip what is stored already,
 * give each message the next seq of its conversation, then one UPDATE, one INSERT and
 * one cursor upsert. The rules are those of MessagesRepo.insertWithin (seq without gaps,
 * one copy per clientMsgId, the writer's cursor moves past their own message); doing them
 * per batch instead of per message is what lets a node store thousands a second.
 */
export async function storeBatch(trx: Kysely<Database>, dialect: Dialect, pending: readonly PendingMessage[]): Promise<BatchOutcome[]> {
  const conversationIds = [...new Set(pending.map((p) => p.conversationId))];
  const read = trx
    .selectFrom('conversations')
    .select(['id', 'visitor_id', 'workspace_id', 'site_id', 'status', 'assignee_id', 'last_seq'])
    .where('id', 'in', conversationIds);
  // PostgreSQL: lock the rows, in id order so that two nodes' batches never deadlock.
  // SQLite has one writer at a time already (and a no-op UPDATE would rewrite four indexes).
  const locked = await (dialect === 'postgres' ? read.orderBy('id').forUpdate() : read).execute();
  const rows = new Map(locked.map((r) => [r.id, r as LockedRow]));
  const stored = await storedBefore(trx, pending);

  const outcomes: (BatchOutcome | undefined)[] = [];
  const seqs = new Map<string, number>();
  const accepted: Accepted[] = [];
  const seen = new Set<string>();
  for (const [index, p] of pending.entries()) {
    const row = rows.get(p.conversationId);
    const key = `${p.conversationId}\u0000${p.clientMsgId}`;
    if (!row || !mayWrite(p, row)) outcomes[index] = { kind: 'refused', reason: 'NOT_FOUND' };
    else if (stored.has(key) || seen.has(key)) outcomes[index] = { kind: 'stored-before' };
    else if (row.status === 'closed') outcomes[index] = { kind: 'refused', reason: 'CONVERSATION_CLOSED' };
    else {
      const seq = (seqs.get(row.id) ?? row.last_seq) + 1;
      seqs.set(row.id, seq);
      seen.add(key);
      accepted.push({ index, p, row, seq });
    }
  }
  if (accepted.length === 0) return outcomes as BatchOutcome[];

  await advanceConversations(trx, accepted);
  await trx
    .insertInto('messages')
    .values(accepted.map(({ p, seq }) => ({
      id: p.id,
      conversation_id: p.conversationId,
      seq,
      client_msg_id: p.clientMsgId,
      sender_type: p.senderType,
      sender_id: p.senderId,
      body: p.body,
      created_at: p.createdAt,
      event: null,
    })))
    .execute();
  await advanceWritersCursors(trx, accepted);

  const names = await agentNamesBySite(trx, accepted);
  for (const { index, p, row, seq } of accepted) {
    const message: Message = {
      id: p.id,
      conversationId: p.conversationId,
      seq,
      clientMsgId: p.clientMsgId,
      senderType: p.senderType,
      senderId: p.senderId,
      senderName: p.senderType === 'agent' ? names.get(row.site_id) ?? p.agentName : null,
      body: p.body,
      createdAt: p.createdAt,
    };
    outcomes[index] = { kind: 'stored', message, conversation: head(row) };
  }
  return outcomes as BatchOutcome[];
}

interface Accepted {
  /** Where its outcome goes. */
  index: number;
  p: PendingMessage;
  row: LockedRow;
  seq: number;
}

const mayWrite = (p: PendingMessage, row: LockedRow) =>
  'visitorId' in p.allowed ? row.visitor_id === p.allowed.visitorId : row.workspace_id === p.allowed.workspaceId;

const head = (row: LockedRow): ConversationHead => ({ visitorId: row.visitor_id, workspaceId: row.workspace_id, assigneeId: row.assignee_id });

/** `conversationId \0 clientMsgId` of the batch's messages that are stored already (resends). */
async function storedBefore(trx: Kysely<Database>, pending: readonly PendingMessage[]): Promise<Set<string>> {
  const found = await trx
    .selectFrom('messages')
    .select(['conversation_id', 'client_msg_id'])
    .where('conversation_id', 'in', [...new Set(pending.map((p) => p.conversationId))])
    .where('client_msg_id', 'in', pending.map((p) => p.clientMsgId))
    .execute();
  return new Set(found.map((r) => `${r.conversation_id}\u0000${r.client_msg_id}`));
}

/** Each conversation's new last seq, time and preview, in one UPDATE ... FROM (SQLite and PostgreSQL both have it). */
async function advanceConversations(trx: Kysely<Database>, accepted: readonly Accepted[]): Promise<void> {
  const newest = new Map<string, { seq: number; at: number; body: string }>();
  for (const { p, seq } of accepted) newest.set(p.conversationId, { seq, at: p.createdAt, body: p.body });
  const values = sql.join(
    [...newest].map(([id, n]) => sql`(cast(${id} as text), cast(${n.seq} as integer), cast(${n.at} as bigint), cast(${preview(n.body)} as text))`),
  );
  await sql`with v(id, seq, at, preview) as (values ${values})
    update conversations set last_seq = v.seq, last_message_at = v.at, last_message_preview = v.preview
    from v where conversations.id = v.id`.execute(trx);
}

/** Whoever writes has read everything up to their own message: one upsert, each reader's highest seq once. */
async function advanceWritersCursors(trx: Kysely<Database>, accepted: readonly Accepted[]): Promise<void> {
  const cursors = new Map<string, { conversation_id: string; reader_type: 'visitor' | 'agent'; reader_id: string; seq: number; updated_at: number }>();
  for (const { p, seq } of accepted) {
    cursors.set(`${p.conversationId}\u0000${p.senderType}\u0000${p.senderId}`, {
      conversation_id: p.conversationId,
      reader_type: p.senderType,
      reader_id: p.senderId,
      seq,
      updated_at: p.createdAt,
    });
  }
  await trx
    .insertInto('read_cursors')
    .values([...cursors.values()])
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'reader_type', 'reader_id'])
        .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), updated_at: eb.ref('excluded.updated_at') }))
        .where((eb) => eb('read_cursors.seq', '<', eb.ref('excluded.seq'))),
    )
    .execute();
}

/** The one name a site shows for all its agents, for the sites of the batch's agent messages. */
async function agentNamesBySite(trx: Kysely<Database>, accepted: readonly Accepted[]): Promise<Map<string, string>> {
  const siteIds = [...new Set(accepted.filter((a) => a.p.senderType === 'agent').map((a) => a.row.site_id))];
  const names = new Map<string, string>();
  if (siteIds.length === 0) return names;
  const sites = await trx.selectFrom('sites').select(['id', 'settings']).where('id', 'in', siteIds).execute();
  for (const site of sites) {
    const name = agentDisplayNameOf(site.settings);
    if (name) names.set(site.id, name);
  }
  return names;
}
