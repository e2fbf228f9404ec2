import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

export type ReaderType = 'visitor' | 'agent';

export interface ReadState {
  visitorReadSeq: number;
  /** Each agent's cursor, by agent id. */
  agentReads: Record<string, number>;
}

export const agentReadSeq = (reads: Record<string, number>) => Math.max(0, ...Object.values(reads));

/**
 * Moves a reader's cursor forward to `seq` (never back). Returns true when it moved.
 * Portable upsert: ON CONFLICT ... DO UPDATE ... WHERE works on SQLite and PostgreSQL.
 */
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
    .onConflict((oc) =>
      oc
        .columns(['conversation_id', 'reader_type', 'reader_id'])
        .doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), updated_at: eb.ref('excluded.updated_at') }))
        .where((eb) => eb('read_cursors.seq', '<', eb.ref('excluded.seq'))),
    )
    .returning('seq')
    .executeTakeFirst();
  return moved !== undefined;
}

/** The read state of several conversations at once (one query). */
export async function readStates(db: Kysely<Database>, conversationIds: readonly string[]): Promise<Map<string, ReadState>> {
  const states = new Map<string, ReadState>(conversationIds.map((id) => [id, { visitorReadSeq: 0, agentReads: {} }]));
  if (conversationIds.length === 0) return states;
  const rows = await db
    .selectFrom('read_cursors')
    .select(['conversation_id', 'reader_type', 'reader_id', 'seq'])
    .where('conversation_id', 'in', conversationIds)
    .execute();
  for (const row of rows) {
    const state = states.get(row.conversation_id)!;
    if (row.reader_type === 'visitor') state.visitorReadSeq = Math.max(state.visitorReadSeq, row.seq);
    else state.agentReads[row.reader_id] = row.seq;
  }
  return states;
}
