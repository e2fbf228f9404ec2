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
    this.items.push(message);
    this.save();
  }

  update(clientMsgId: string, change: Partial<PendingMessage>): void {
    this.items = this.items.map((m) => (m.clientMsgId === clientMsgId ? { ...m, ...change } : m));
    this.save();
  }

  remove(clientMsgId: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((m) => m.clientMsgId !== clientMsgId);
    if (this.items.length === before) return false;
    this.save();
    return true;
  }

  private save(): void {
    if (this.items.length === 0) this.storage.remove(this.key);
    else this.storage.set(this.key, JSON.stringify(this.items));
  }
}
