import type { Note } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database.js';

export interface NewNoteInput {
  id: string;
  conversationId: string;
  agentId: string;
  clientNoteId: string;
  body: string;
  createdAt: number;
}

type Row = { id: string; conversation_id: string; agent_id: string; agent_name: string; client_note_id: string; body: string; created_at: number };

const toNote = (r: Row): Note => ({
  id: r.id,
  conversationId: r.conversation_id,
  clientNoteId: r.client_note_id,
  agentId: r.agent_id,
  agentName: r.agent_name,
  body: r.body,
  createdAt: r.created_at,
});

/** Internal notes: their own table, read only by agent handlers (no visitor path touches it). */
export class NotesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  private select(db: Kysely<Database>) {
    return db
      .selectFrom('notes as n')
      .innerJoin('agents as a', 'a.id', 'n.agent_id')
      .select(['n.id', 'n.conversation_id', 'n.agent_id', 'a.name as agent_name', 'n.client_note_id', 'n.body', 'n.created_at']);
  }

  async byClientNoteId(conversationId: string, clientNoteId: string, db: Kysely<Database> = this.db): Promise<Note | null> {
    const row = await this.select(db).where('n.conversation_id', '=', conversationId).where('n.client_note_id', '=', clientNoteId).executeTakeFirst();
    return row ? toNote(row) : null;
  }

  /**
   * Stores a note once per (conversation, clientNoteId): a resend, or two racing sends
   * of one id, get the stored note and `created: false`. `trx`: inside the caller's
   * transaction (a transfer's note is written with the transfer).
   */
  async insert(input: NewNoteInput, trx?: Kysely<Database>): Promise<{ note: Note; created: boolean }> {
    const db = trx ?? this.db;
    const inserted = await db
      .insertInto('notes')
      .values({
        id: input.id,
        conversation_id: input.conversationId,
        agent_id: input.agentId,
        client_note_id: input.clientNoteId,
        body: input.body,
        created_at: input.createdAt,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'client_note_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    const note = await this.byClientNoteId(input.conversationId, input.clientNoteId, db);
    return { note: note!, created: inserted !== undefined };
  }

  /** Oldest first. */
  async list(conversationId: string): Promise<Note[]> {
    const rows = await this.select(this.db).where('n.conversation_id', '=', conversationId).orderBy('n.created_at').orderBy('n.id').execute();
    return rows.map(toNote);
  }
}
