import { messagePreview as preview, type Message, type SenderType } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import { agentDisplayNameOf } from '../sites/settings.js';
import type { Dialect } from '../storage/connect.js';
import type { Database } from '../storage/database.js';
import * as sql from './batch-sql.js';

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
  // PostgreSQL locks the rows; SQLite has one writer at a time already (and a no-op
  // UPDATE to lock would rewrite four indexes).
  // Statements that do not need each other's results go together: on SQLite's thread
  // (storage/sqlite/thread-driver.ts) each round trip waits for the event loop's turn.
  const [{ rows: locked }, stored] = await Promise.all([
    trx.executeQuery<LockedRow>(sql.readConversations(dialect, conversationIds)),
    storedBefore(trx, dialect, pending),
  ]);
  const rows = new Map(locked.map((r) => [r.id, r]));

  const outcomes: (BatchOutcome | undefined)[] = [];
  const seqs = new Map<string, number>();
  const accepted: Accepted[] = [];
  const seen = new Set<string>();
  for (const [index, p] of pending.entries()) {
    const row = rows.get(p.conversationId);
    const key = `${p.conversationId}\u0000${p.clientMsgId}`;
    if (!row || !mayWrite(p, head(row))) outcomes[index] = { kind: 'refused', reason: 'NOT_FOUND' };
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

  const newest = new Map<string, { id: string; seq: number; at: number; preview: string }>();
  for (const { p, seq } of accepted) newest.set(p.conversationId, { id: p.conversationId, seq, at: p.createdAt, preview: preview(p.body) });
  // Whoever writes has read everything up to their own message: each writer's highest seq, once.
  const cursors = new Map<string, sql.CursorRow>();
  for (const { p, seq } of accepted) {
    cursors.set(`${p.conversationId}\u0000${p.senderType}\u0000${p.senderId}`, { conversationId: p.conversationId, readerType: p.senderType, readerId: p.senderId, seq, at: p.createdAt });
  }
  const [names] = await Promise.all([
    agentNamesBySite(trx, accepted),
    trx.executeQuery(sql.advanceConversations(dialect, [...newest.values()])),
    trx.executeQuery(sql.insertMessages(dialect, accepted.map(({ p, seq }) => ({ ...p, seq })))),
    trx.executeQuery(sql.advanceCursors(dialect, [...cursors.values()])),
  ]);
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

/** Whether the message's sender may write in a conversation of this visitor and workspace (the batch's check and the one-by-one path's). */
export const mayWrite = (p: Pick<PendingMessage, 'allowed'>, conversation: { visitorId: string; workspaceId: string }) =>
  'visitorId' in p.allowed ? conversation.visitorId === p.allowed.visitorId : conversation.workspaceId === p.allowed.workspaceId;

const head = (row: LockedRow): ConversationHead => ({ visitorId: row.visitor_id, workspaceId: row.workspace_id, assigneeId: row.assignee_id });

/** `conversationId \0 clientMsgId` of the batch's messages that are stored already (resends). */
async function storedBefore(trx: Kysely<Database>, dialect: Dialect, pending: readonly PendingMessage[]): Promise<Set<string>> {
  const { rows } = await trx.executeQuery<{ conversation_id: string; client_msg_id: string }>(sql.storedPairs(dialect, pending));
  return new Set(rows.map((r) => `${r.conversation_id}\u0000${r.client_msg_id}`));
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
