import type { Note, WireError } from '@kefu/protocol';

/**
 * An internal note as the console shows it: stored (`sent`), or written here and not
 * yet acknowledged (`sending`, resent with the same clientNoteId after a reconnect),
 * or refused for good (`failed`). Key lists by `clientNoteId`: a pending note's `id`
 * is its clientNoteId until the server answers.
 */
export interface NoteItem extends Note {
  state: 'sending' | 'sent' | 'failed';
  error: WireError | null;
}

interface PendingNote {
  conversationId: string;
  clientNoteId: string;
  body: string;
  createdAt: number;
  error?: WireError;
}

/** The notes of followed conversations, de-duplicated by id, plus the ones still being sent. */
export class NoteBook {
  private readonly stored = new Map<string, Map<string, Note>>();
  private readonly pending = new Map<string, PendingNote>();

  follow(conversationId: string): void {
    if (!this.stored.has(conversationId)) this.stored.set(conversationId, new Map());
  }

  forget(conversationId: string): void {
    this.stored.delete(conversationId);
  }

  following(): string[] {
    return [...this.stored.keys()];
  }

  /** Replaces what is known of a conversation's notes (a fresh `notes.list`). */
  reset(conversationId: string, notes: readonly Note[]): void {
    this.stored.set(conversationId, new Map(notes.map((n) => [n.id, n])));
    for (const n of notes) this.pending.delete(n.clientNoteId);
  }

  /** A stored note arrived (an ack or `note.created`); false when already known. */
  add(note: Note): boolean {
    const ofConversation = this.stored.get(note.conversationId);
    const wasPending = this.pending.delete(note.clientNoteId);
    if (!ofConversation || ofConversation.has(note.id)) return wasPending;
    ofConversation.set(note.id, note);
    return true;
  }

  queue(note: PendingNote): void {
    this.pending.set(note.clientNoteId, note);
  }

  /** Pending notes to send, oldest first (refused ones stay until retried). */
  toSend(): PendingNote[] {
    return [...this.pending.values()].filter((p) => !p.error).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** A refused note may be sent again (after the cause was fixed). */
  retry(clientNoteId: string): string | null {
    const p = this.pending.get(clientNoteId);
    if (!p) return null;
    this.pending.set(clientNoteId, { ...p, error: undefined });
    return p.conversationId;
  }

  refuse(clientNoteId: string, error: WireError): void {
    const p = this.pending.get(clientNoteId);
    if (p) this.pending.set(clientNoteId, { ...p, error });
  }

  items(conversationId: string, author: { id: string; name: string } | null): NoteItem[] {
    const stored = [...(this.stored.get(conversationId)?.values() ?? [])].map((n): NoteItem => ({ ...n, state: 'sent', error: null }));
    const known = new Set(stored.map((n) => n.clientNoteId));
    const pending = [...this.pending.values()]
      .filter((p) => p.conversationId === conversationId && !known.has(p.clientNoteId))
      .map((p): NoteItem => ({
        id: p.clientNoteId,
        conversationId,
        clientNoteId: p.clientNoteId,
        agentId: author?.id ?? '',
        agentName: author?.name ?? '',
        body: p.body,
        createdAt: p.createdAt,
        state: p.error ? 'failed' : 'sending',
        error: p.error ?? null,
      }));
    return [...stored, ...pending].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
