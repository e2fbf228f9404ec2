import { CompiledQuery } from 'kysely';
import type { Dialect } from '../storage/connect.js';

/**
 * The batch's statements (see storeBatch) as SQL text, written once per dialect, statement
 * and row count. A busy node runs them hundreds of times a second; building them with
 * Kysely each time (a tree per row, then compiled) cost more than SQLite running them.
 * Same SQL on both dialects but for the placeholders (`?` or `$n`) and the row locks.
 */
const texts = new Map<string, string>();

function text(key: string, make: () => string): string {
  let sql = texts.get(key);
  if (sql === undefined) {
    sql = make();
    texts.set(key, sql);
  }
  return sql;
}

/** Placeholders for `rows` tuples of `width` values: "(?, ?), (?, ?)" or "($1, $2), ($3, $4)", numbered from `first`. */
function tuples(dialect: Dialect, rows: number, width: number, first = 1, wrap: (marks: string[]) => string = (m) => `(${m.join(', ')})`): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const marks = Array.from({ length: width }, (_, c) => (dialect === 'postgres' ? `$${first + r * width + c}` : '?'));
    out.push(wrap(marks));
  }
  return out.join(', ');
}

const list = (dialect: Dialect, n: number) => tuples(dialect, n, 1, 1, (m) => m[0]!);

/**
 * `v.column` where a table is probed for each row of a VALUES list `v`. Without statistics
 * SQLite's planner takes the list for the bigger side: it scanned the whole table (every
 * message, every conversation, ever more as a node ages) and looked each row up in an
 * index built on `v`. A unary + keeps `v` from being indexed, so `v` is the outer loop and
 * the table's index is probed once per row. PostgreSQL plans with statistics (and has no
 * unary + for text).
 */
const outer = (dialect: Dialect, column: string) => (dialect === 'sqlite' ? `+${column}` : column);

/** The conversations of the batch; locked on PostgreSQL, in id order so that two nodes' batches never deadlock. */
export const readConversations = (dialect: Dialect, ids: readonly string[]) =>
  CompiledQuery.raw(
    text(`read:${dialect}:${ids.length}`, () =>
      `select id, visitor_id, workspace_id, site_id, status, assignee_id, last_seq from conversations where id in (${list(dialect, ids.length)})` +
      (dialect === 'postgres' ? ' order by id for update' : ''),
    ),
    [...ids],
  );

/**
 * Which of the batch's (conversation, clientMsgId) pairs are stored already. The pairs are
 * joined from a VALUES list, one exact probe of the unique index each: `conversation_id in
 * (...) and client_msg_id in (...)` made SQLite read every message of each conversation.
 */
export const storedPairs = (dialect: Dialect, pairs: readonly { conversationId: string; clientMsgId: string }[]) =>
  CompiledQuery.raw(
    text(`stored:${dialect}:${pairs.length}`, () =>
      `with v(conversation_id, client_msg_id) as (values ${tuples(dialect, pairs.length, 2, 1, ([a, b]) => `(cast(${a} as text), cast(${b} as text))`)}) ` +
      `select m.conversation_id, m.client_msg_id from v join messages m on m.conversation_id = ${outer(dialect, 'v.conversation_id')} and m.client_msg_id = ${outer(dialect, 'v.client_msg_id')}`,
    ),
    pairs.flatMap((p) => [p.conversationId, p.clientMsgId]),
  );

/** Each conversation's new last seq, time and preview, in one UPDATE ... FROM (SQLite and PostgreSQL both have it). */
export const advanceConversations = (dialect: Dialect, rows: readonly { id: string; seq: number; at: number; preview: string }[]) =>
  CompiledQuery.raw(
    text(`advance:${dialect}:${rows.length}`, () =>
      `with v(id, seq, at, preview) as (values ${tuples(dialect, rows.length, 4, 1, ([a, b, c, d]) => `(cast(${a} as text), cast(${b} as integer), cast(${c} as bigint), cast(${d} as text))`)}) ` +
      `update conversations set last_seq = v.seq, last_message_at = v.at, last_message_preview = v.preview from v where conversations.id = ${outer(dialect, 'v.id')}`,
    ),
    rows.flatMap((r) => [r.id, r.seq, r.at, r.preview]),
  );

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  clientMsgId: string;
  senderType: string;
  senderId: string;
  body: string;
  createdAt: number;
}

export const insertMessages = (dialect: Dialect, rows: readonly MessageRow[]) =>
  CompiledQuery.raw(
    text(`insert:${dialect}:${rows.length}`, () =>
      `insert into messages (id, conversation_id, seq, client_msg_id, sender_type, sender_id, body, created_at) values ${tuples(dialect, rows.length, 8)}`,
    ),
    rows.flatMap((r) => [r.id, r.conversationId, r.seq, r.clientMsgId, r.senderType, r.senderId, r.body, r.createdAt]),
  );

export interface CursorRow {
  conversationId: string;
  readerType: 'visitor' | 'agent';
  readerId: string;
  seq: number;
  at: number;
}

/** Moves each writer's cursor forward to their own message (never back). */
export const advanceCursors = (dialect: Dialect, rows: readonly CursorRow[]) =>
  CompiledQuery.raw(
    text(`cursors:${dialect}:${rows.length}`, () =>
      `insert into read_cursors (conversation_id, reader_type, reader_id, seq, updated_at) values ${tuples(dialect, rows.length, 5)} ` +
      'on conflict (conversation_id, reader_type, reader_id) do update set seq = excluded.seq, updated_at = excluded.updated_at where read_cursors.seq < excluded.seq',
    ),
    rows.flatMap((r) => [r.conversationId, r.readerType, r.readerId, r.seq, r.at]),
  );
