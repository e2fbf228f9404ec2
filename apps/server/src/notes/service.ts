import type { Note } from '@kefu/protocol';
import type { Kysely } from 'kysely';
import { newOrderedId } from '../ids.js';
import type { Database } from '../storage/database.js';
import type { NotesRepo } from './repo.js';

export class NotesService {
  constructor(private readonly repo: NotesRepo) {}

  /** Stores the note once; `created` is false for a resend of a stored clientNoteId. */
  add(conversationId: string, agentId: string, clientNoteId: string, body: string, trx?: Kysely<Database>): Promise<{ note: Note; created: boolean }> {
    // Ordered ids: notes made in the same millisecond still list in the order written.
    return this.repo.insert({ id: newOrderedId(), conversationId, agentId, clientNoteId, body, createdAt: Date.now() }, trx);
  }

  list(conversationId: string): Promise<Note[]> {
    return this.repo.list(conversationId);
  }
}
