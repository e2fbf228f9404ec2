// @ts-check
// The batch's rules, as steps (storage/steps.mjs) so that SQLite's thread runs the whole
// transaction in one message. Plain JavaScript: the thread loads it as it is.
import * as sql from './batch-sql.mjs';

/**
 * One person's message waiting for the next batch, with who may write where.
 * @typedef {object} PendingMessage
 * @property {string} id
 * @property {string} conversationId
 * @property {string} clientMsgId
 * @property {'visitor' | 'agent'} senderType
 * @property {string} senderId
 * @property {string | null} agentName The agent's own name (shown unless the site has one name for all agents).
 * @property {string} body
 * @property {string} preview The body as the inbox row shows it.
 * @property {number} createdAt
 * @property {{ visitorId: string } | { workspaceId: string }} allowed A visitor writes only in their own conversations, an agent only in their workspace's.
 */

/**
 * @typedef {object} LockedRow
 * @property {string} id
 * @property {string} visitor_id
 * @property {string} workspace_id
 * @property {string} site_id
 * @property {'open' | 'closed'} status
 * @property {string | null} assignee_id
 * @property {number} last_seq
 * @property {string | null} agent_wrote_id The last agent to write (conversations/read-cursors.ts).
 * @property {number} agent_wrote_seq
 */

/**
 * What became of one message. `stored-before`: already stored (a resend), or refused:
 * the caller finds out which, one by one.
 * @typedef {{ kind: 'stored', seq: number }
 *   | { kind: 'stored-before' }
 *   | { kind: 'refused', reason: 'NOT_FOUND' | 'CONVERSATION_CLOSED' }} Decision
 */

/**
 * @typedef {object} BatchResult
 * @property {Decision[]} decisions One per pending message, in order.
 * @property {LockedRow[]} conversations The batch's conversations as they were read.
 * @property {{ id: string, settings: string }[]} sites Their sites' settings, when agents wrote.
 */

/**
 * Whether the message's sender may write in a conversation of this visitor and workspace
 * (the batch's check and the one-by-one path's).
 * @param {Pick<PendingMessage, 'allowed'>} p
 * @param {{ visitorId: string, workspaceId: string }} conversation
 */
export const mayWrite = (p, conversation) =>
  'visitorId' in p.allowed ? conversation.visitorId === p.allowed.visitorId : conversation.workspaceId === p.allowed.workspaceId;

/**
 * The row of a message to insert. Written out: a spread with an added field copies slowly in V8.
 * @param {PendingMessage} p @param {number} seq @returns {sql.MessageRow}
 */
const messageRow = (p, seq) => ({
  id: p.id,
  conversationId: p.conversationId,
  seq,
  clientMsgId: p.clientMsgId,
  senderType: p.senderType,
  senderId: p.senderId,
  body: p.body,
  createdAt: p.createdAt,
});

/**
 * Stores many people's messages in one transaction, in a constant number of statements
 * whatever their number: read (lock, on PostgreSQL) the conversations, skip what is stored
 * already, give each message the next seq of its conversation, then one UPDATE, one INSERT
 * and, when another agent took over a conversation's writing, one cursor upsert. The rules
 * are those of MessagesRepo.insertWithin (seq without gaps, one copy per clientMsgId, the
 * writer has read up to their own message, kept on the conversation's row); doing
 * them per batch instead of per message is what lets a node store thousands a second.
 * @param {sql.Dialect} dialect
 * @param {readonly PendingMessage[]} pending
 * @returns {import('../storage/steps.mjs').Steps<BatchResult>}
 */
export function* storeBatchSteps(dialect, pending) {
  const conversationIds = [...new Set(pending.map((p) => p.conversationId))];
  const agentsWrote = pending.some((p) => p.senderType === 'agent');
  const [lockedRows, storedRows, siteRows] = yield [
    sql.readConversations(dialect, conversationIds),
    sql.storedPairs(dialect, pending),
    ...(agentsWrote ? [sql.readSites(dialect, conversationIds)] : []),
  ];
  const locked = /** @type {LockedRow[]} */ (lockedRows);
  const rows = new Map(locked.map((r) => [r.id, r]));
  const stored = new Set(/** @type {{ conversation_id: string, client_msg_id: string }[]} */ (storedRows).map((r) => `${r.conversation_id}\u0000${r.client_msg_id}`));
  const sites = /** @type {{ id: string, settings: string }[]} */ (siteRows ?? []);

  /** @type {Decision[]} */
  const decisions = [];
  /** @type {Map<string, number>} */
  const seqs = new Map();
  /** @type {{ p: PendingMessage, seq: number }[]} */
  const accepted = [];
  const seen = new Set();
  for (const p of pending) {
    const row = rows.get(p.conversationId);
    const key = `${p.conversationId}\u0000${p.clientMsgId}`;
    if (!row || !mayWrite(p, { visitorId: row.visitor_id, workspaceId: row.workspace_id })) decisions.push({ kind: 'refused', reason: 'NOT_FOUND' });
    else if (stored.has(key) || seen.has(key)) decisions.push({ kind: 'stored-before' });
    else if (row.status === 'closed') decisions.push({ kind: 'refused', reason: 'CONVERSATION_CLOSED' });
    else {
      const seq = (seqs.get(row.id) ?? row.last_seq) + 1;
      seqs.set(row.id, seq);
      seen.add(key);
      accepted.push({ p, seq });
      decisions.push({ kind: 'stored', seq });
    }
  }
  if (accepted.length === 0) return { decisions, conversations: locked, sites };

  // Whoever writes has read everything up to their own message: the conversation's row
  // keeps its visitor's newest seq and the last agent to write with theirs. An agent who
  // stops being the last gets what they had in a cursor row (conversations/read-cursors.ts).
  /** @type {Map<string, sql.ConversationAdvance>} */
  const newest = new Map();
  /** @type {Map<string, sql.CursorRow>} */
  const displaced = new Map();
  for (const { p, seq } of accepted) {
    const row = /** @type {LockedRow} */ (rows.get(p.conversationId));
    const before = newest.get(p.conversationId);
    const advance = { id: p.conversationId, seq, at: p.createdAt, preview: p.preview, visitorWrote: before?.visitorWrote ?? null, agentWrote: before?.agentWrote ?? null };
    if (p.senderType === 'visitor') advance.visitorWrote = seq;
    else {
      const last = advance.agentWrote ?? (row.agent_wrote_id === null ? null : { id: row.agent_wrote_id, seq: row.agent_wrote_seq });
      if (last && last.id !== p.senderId) {
        displaced.set(`${p.conversationId}\u0000${last.id}`, { conversationId: p.conversationId, readerType: 'agent', readerId: last.id, seq: last.seq, at: p.createdAt });
      }
      advance.agentWrote = { id: p.senderId, seq };
    }
    newest.set(p.conversationId, advance);
  }
  yield [
    sql.advanceConversations(dialect, [...newest.values()]),
    sql.insertMessages(dialect, accepted.map(({ p, seq }) => messageRow(p, seq))),
    ...(displaced.size > 0 ? [sql.advanceCursors(dialect, [...displaced.values()])] : []),
  ];
  return { decisions, conversations: locked, sites };
}
