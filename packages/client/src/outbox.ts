import type { WireError } from '@kefu/protocol';
import type { KeyValueStorage } from './storage.js';

export interface PendingMessage {
  clientMsgId: string;
  /** null: the visitor's open conversation, created by the first message. */
  conversationId: string | null;
  body: string;
  createdAt: number;
  /** Set when the server refused it for good; it stays until retried or discarded. */
  error?: WireError;
}

/**
 * Messages not yet acknowledged, kept in storage so that a reload or a navigation
 * resends them with the same clientMsgId (the server stores each id once).
 *
 * The storage is shared by every tab of the visitor, so each change re-reads it first:
 * a tab that wrote its own list from memory would erase what another tab queued
 * meanwhile (both offline, say), and if that tab then closed, its message would be
 * gone. Sending another tab's message too is harmless: the server stores each id once.
 */
export class Outbox {
  private items: PendingMessage[];

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {
    this.items = Outbox.parse(storage.get(key));
  }

  private static parse(raw: string | null): PendingMessage[] {
    try {
      const value: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(value) ? (value as PendingMessage[]) : [];
    } catch {
      return [];
    }
  }

  /** Re-reads storage: another tab of the same visitor may have sent or queued. */
  reload(): void {
    this.items = Outbox.parse(this.storage.get(this.key));
  }

  all(): readonly PendingMessage[] {
    return this.items;
  }

  /** The next message to send: the oldest one not refused. */
  next(): PendingMessage | undefined {
    return this.items.find((m) => !m.error);
  }

  add(message: PendingMessage): void {
    this.reload();
    this.items.push(message);
    this.save();
  }

  update(clientMsgId: string, change: Partial<PendingMessage>): void {
    this.reload();
    this.items = this.items.map((m) => (m.clientMsgId === clientMsgId ? { ...m, ...change } : m));
    this.save();
  }

  /** Whether it was pending (here, or in storage: another tab may have removed it already). */
  remove(clientMsgId: string): boolean {
    const had = this.items.some((m) => m.clientMsgId === clientMsgId);
    this.reload();
    const before = this.items.length;
    this.items = this.items.filter((m) => m.clientMsgId !== clientMsgId);
    if (this.items.length !== before) this.save();
    return had || this.items.length !== before;
  }

  /** Drops every pending message (the visitor was forgotten: they are not theirs to send any more). */
  clear(): void {
    this.items = [];
    this.save();
  }

  private save(): void {
    if (this.items.length === 0) this.storage.remove(this.key);
    else this.storage.set(this.key, JSON.stringify(this.items));
  }
}
