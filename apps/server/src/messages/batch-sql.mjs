// @ts-check
// Plain JavaScript: SQLite's thread runs the batch (batch-steps.mjs), and a worker thread
// loads its files as they are (see storage/sqlite/thread.mjs).

/** @typedef {import('../storage/steps.mjs').Statement} Statement */
/** @typedef {'sqlite' | 'postgres'} Dialect */

/**
 * The batch's statements (see batch-steps.mjs) as SQL text, written once per dialect,
 * statement and row count. A busy node runs them hundreds of times a second; building them
 * with Kysely each time (a tree per row, then compiled) cost more than SQLite running them.
 * Same SQL on both dialects but for the placeholders (`?` or `$n`) and the row locks.
 * @type {Map<string, string>}
 */
const texts = new Map();

/** @param {string} key @param {() => string} make */
function text(key, make) {
  let sql = texts.get(key);
  if (sql === undefined) {
    sql = make();
    texts.set(key, sql);
  }
  return sql;
}

/**
 * Placeholders for `rows` tuples of `width` values: "(?, ?), (?, ?)" or "($1, $2), ($3, $4)".
 * @param {Dialect} dialect @param {number} rows @param {number} width
 * @param {(marks: string[]) => string} [wrap]
 */
function tuples(dialect, rows, width, wrap = (m) => `(${m.join(', ')})`) {
  const out = [];
  for (let r = 0; r < rows; r++) {
    const marks = Array.from({ length: width }, (_, c) => (dialect === 'postgres' ? `$${1 + r * width + c}` : '?'));
    out.push(wrap(marks));
  }
  return out.join(', ');
}

/** @param {Dialect} dialect @param {number} n */
const list = (dialect, n) => tuples(dialect, n, 1, (m) => m.join(''));

/**
 * `v.column` where a table is probed for each row of a VALUES list `v`. Without statistics
 * SQLite's planner takes the list for the bigger side: it scanned the whole table (every
 * message, every conversation, ever more as a node ages) and looked each row up in an
 * index built on `v`. A unary + keeps `v` from being indexed, so `v` is the outer loop and
 * the table's index is probed once per row. PostgreSQL plans with statistics (and has no
 * unary + for text).
 * @param {Dialect} dialect @param {string} column
 */
const outer = (dialect, column) => (dialect === 'sqlite' ? `+${column}` : column);

/**
 * The conversations of the batch; locked on PostgreSQL, in id order so that two nodes' batches never deadlock.
 * @param {Dialect} dialect @param {readonly string[]} ids @returns {Statement}
 */
export const readConversations = (dialect, ids) => ({
  sql: text(`read:${dialect}:${ids.length}`, () =>
    `select id, visitor_id, workspace_id, site_id, status, assignee_id, last_seq, agent_wrote_id, agent_wrote_seq from conversations where id in (${list(dialect, ids.length)})` +
    (dialect === 'postgres' ? ' order by id for update' : ''),
  ),
  parameters: [...ids],
});

/**
 * The settings of the batch's conversations' sites (usually one): the one name a site may show for all its agents.
 * @param {Dialect} dialect @param {readonly string[]} conversationIds @returns {Statement}
 */
export const readSites = (dialect, conversationIds) => ({
  sql: text(`sites:${dialect}:${conversationIds.length}`, () =>
    `select id, settings from sites where id in (select site_id from conversations where id in (${list(dialect, conversationIds.length)}))`,
  ),
  parameters: [...conversationIds],
});

/**
 * Which of the batch's (conversation, clientMsgId) pairs are stored already. The pairs are
 * joined from a VALUES list, one exact probe of the unique index each: `conversation_id in
 * (...) and client_msg_id in (...)` made SQLite read every message of each conversation.
 * @param {Dialect} dialect @param {readonly { conversationId: string; clientMsgId: string }[]} pairs @returns {Statement}
 */
export const storedPairs = (dialect, pairs) => ({
  sql: text(`stored:${dialect}:${pairs.length}`, () =>
    `with v(conversation_id, client_msg_id) as (values ${tuples(dialect, pairs.length, 2, ([a, b]) => `(cast(${a} as text), cast(${b} as text))`)}) ` +
    `select m.conversation_id, m.client_msg_id from v join messages m on m.conversation_id = ${outer(dialect, 'v.conversation_id')} and m.client_msg_id = ${outer(dialect, 'v.client_msg_id')}`,
  ),
  parameters: pairs.flatMap((p) => [p.conversationId, p.clientMsgId]),
});

/**
 * @typedef {object} ConversationAdvance
 * @property {string} id
 * @property {number} seq
 * @property {number} at
 * @property {string} preview
 * @property {number | null} visitorWrote The seq of the visitor's newest message in the batch, if any.
 * @property {{ id: string, seq: number } | null} agentWrote The last agent to write in the batch and their newest seq, if any.
 */

/**
 * Each conversation's new last seq, time and preview, and who wrote up to where
 * (conversations/read-cursors.ts), in one UPDATE ... FROM (SQLite and PostgreSQL both have it).
 * @param {Dialect} dialect @param {readonly ConversationAdvance[]} rows @returns {Statement}
 */
export const advanceConversations = (dialect, rows) => ({
  sql: text(`advance:${dialect}:${rows.length}`, () =>
    `with v(id, seq, at, preview, visitor_wrote, agent_id, agent_seq) as (values ${tuples(dialect, rows.length, 7, ([a, b, c, d, e, f, g]) => `(cast(${a} as text), cast(${b} as integer), cast(${c} as bigint), cast(${d} as text), cast(${e} as integer), cast(${f} as text), cast(${g} as integer))`)}) ` +
    'update conversations set last_seq = v.seq, last_message_at = v.at, last_message_preview = v.preview, ' +
    'visitor_wrote_seq = coalesce(v.visitor_wrote, visitor_wrote_seq), agent_wrote_id = coalesce(v.agent_id, agent_wrote_id), agent_wrote_seq = coalesce(v.agent_seq, agent_wrote_seq) ' +
    `from v where conversations.id = ${outer(dialect, 'v.id')}`,
  ),
  parameters: rows.flatMap((r) => [r.id, r.seq, r.at, r.preview, r.visitorWrote, r.agentWrote?.id ?? null, r.agentWrote?.seq ?? null]),
});

/**
 * @typedef {object} MessageRow
 * @property {string} id
 * @property {string} conversationId
 * @property {number} seq
 * @property {string} clientMsgId
 * @property {string} senderType
 * @property {string} senderId
 * @property {string} body
 * @property {number} createdAt
 */

/** @param {Dialect} dialect @param {readonly MessageRow[]} rows @returns {Statement} */
export const insertMessages = (dialect, rows) => ({
  sql: text(`insert:${dialect}:${rows.length}`, () =>
    `insert into messages (id, conversation_id, seq, client_msg_id, sender_type, sender_id, body, created_at) values ${tuples(dialect, rows.length, 8)}`,
  ),
  parameters: rows.flatMap((r) => [r.id, r.conversationId, r.seq, r.clientMsgId, r.senderType, r.senderId, r.body, r.createdAt]),
});

/**
 * @typedef {object} CursorRow
 * @property {string} conversationId
 * @property {'visitor' | 'agent'} readerType
 * @property {string} readerId
 * @property {number} seq
 * @property {number} at
 */

/**
 * Moves cursor rows forward (never back): those of agents who were the last to write in
 * a conversation until another agent wrote in this batch.
 * @param {Dialect} dialect @param {readonly CursorRow[]} rows @returns {Statement}
 */
export const advanceCursors = (dialect, rows) => ({
  sql: text(`cursors:${dialect}:${rows.length}`, () =>
    `insert into read_cursors (conversation_id, reader_type, reader_id, seq, updated_at) values ${tuples(dialect, rows.length, 5)} ` +
    'on conflict (conversation_id, reader_type, reader_id) do update set seq = excluded.seq, updated_at = excluded.updated_at where read_cursors.seq < excluded.seq',
  ),
  parameters: rows.flatMap((r) => [r.conversationId, r.readerType, r.readerId, r.seq, r.at]),
});
