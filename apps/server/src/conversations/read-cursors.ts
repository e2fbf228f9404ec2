import { sql, type Kysely, type OnConflictBuilder } from 'kysely';
import type { Database } from '../storage/database.js';

export type ReaderType = 'visitor' | 'agent';

export interface ReadState {
  visitorReadSeq: number;
  /** Each agent's cursor, by agent id. */
  agentReads: Record<string, number>;
}

export const agentReadSeq = (reads: Record<string, number>) => Math.max(0, ...Object.values(reads));

/*
 * A reader's cursor is the greater of two places: their read_cursors row, moved when
 * they say they read (markRead), and what they wrote, kept on the conversation's row by
 * every message (visitor_wrote_seq; agent_wrote_id and agent_wrote_seq for the last
 * agent to write): whoever writes has read everything up to their own message. Keeping
 * the second on the row a message writes anyway saves a page of the log a message
 * (migrations/0009_writers_read_their_own.ts). An agent who stops being the last to
 * write gets that seq in their row (`advanceCursor`), so nobody's cursor goes back.
 */

/** A cursor row's upsert moves it forward, never back (ON CONFLICT ... DO UPDATE ... WHERE: SQLite and PostgreSQL both). */
const forwardOnly = (oc: OnConflictBuilder<Database, 'read_cursors'>) =>
  oc
    .columns(['conversation_id', 'reader_type', 'reader_id'])
    .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), updated_at: eb.ref('excluded.updated_at') }))
    .where((eb) => eb('read_cursors.seq', '<', eb.ref('excluded.seq')));

/** Moves a reader's cursor row forward to `seq` (never back). Returns true when it moved. */
export async function advanceCursor(
  db: Kysely<Database>,
  conversationId: string,
  readerType: ReaderType,
  readerId: string,
  seq: number,
  now = Date.now(),
): Promise<boolean> {
  const moved = await db
    .insertInto('read_cursors')
    .values({ conversation_id: conversationId, reader_type: readerType, reader_id: readerId, seq, updated_at: now })
    .onConflict(forwardOnly)
    .returning('seq')
    .executeTakeFirst();
  return moved !== undefined;
}

/**
 * A reader says they read up to `seq`: their cursor moves if that is past both their row
 * and what they wrote. Returns true when it moved. One statement: the row is inserted
 * from a SELECT of the conversation that only yields when `seq` is past what they wrote.
 */
export async function markCursorRead(db: Kysely<Database>, conversationId: string, readerType: ReaderType, readerId: string, seq: number, now = Date.now()): Promise<boolean> {
  const wrote =
    readerType === 'visitor'
      ? sql<number>`c.visitor_wrote_seq`
      : sql<number>`case when c.agent_wrote_id = ${readerId} then c.agent_wrote_seq else 0 end`;
  const moved = await db
    .insertInto('read_cursors')
    .columns(['conversation_id', 'reader_type', 'reader_id', 'seq', 'updated_at'])
    .expression(
      db
        .selectFrom('conversations as c')
        .select([
          'c.id',
          // Typed: PostgreSQL takes a bare parameter in a SELECT list for text.
          sql<ReaderType>`cast(${readerType} as text)`.as('reader_type'),
          sql<string>`cast(${readerId} as text)`.as('reader_id'),
          sql<number>`cast(${seq} as integer)`.as('seq'),
          sql<number>`cast(${now} as bigint)`.as('updated_at'),
        ])
        .where('c.id', '=', conversationId)
        .where(sql<boolean>`${wrote} < cast(${seq} as integer)`),
    )
    .onConflict(forwardOnly)
    .returning('seq')
    .executeTakeFirst();
  return moved !== undefined;
}

/** The read state of several conversations at once (one query: the cursor rows, then what each conversation's writers wrote). */
export async function readStates(db: Kysely<Database>, conversationIds: readonly string[]): Promise<Map<string, ReadState>> {
  const states = new Map<string, ReadState>(conversationIds.map((id) => [id, { visitorReadSeq: 0, agentReads: {} }]));
  if (conversationIds.length === 0) return states;
  const rows = await db
    .selectFrom('read_cursors')
    .select(['conversation_id', 'reader_type', 'reader_id', 'seq'])
    .where('conversation_id', 'in', conversationIds)
    .unionAll(
      db
        .selectFrom('conversations')
        .select(['id as conversation_id', sql<ReaderType>`'visitor'`.as('reader_type'), 'visitor_id as reader_id', 'visitor_wrote_seq as seq'])
        .where('id', 'in', conversationIds)
        .where('visitor_wrote_seq', '>', 0),
    )
    .unionAll(
      db
        .selectFrom('conversations')
        .select(['id as conversation_id', sql<ReaderType>`'agent'`.as('reader_type'), sql<string>`agent_wrote_id`.as('reader_id'), 'agent_wrote_seq as seq'])
        .where('id', 'in', conversationIds)
        .where('agent_wrote_id', 'is not', null),
    )
    .execute();
  for (const row of rows) {
    const state = states.get(row.conversation_id)!;
    if (row.reader_type === 'visitor') state.visitorReadSeq = Math.max(state.visitorReadSeq, row.seq);
    else state.agentReads[row.reader_id] = Math.max(state.agentReads[row.reader_id] ?? 0, row.seq);
  }
  return states;
}
