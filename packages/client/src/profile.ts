import type { ProfileUpdate } from '@kefu/protocol';
import type { KeyValueStorage } from './storage.js';

/**
 * Profile changes not yet acknowledged (the pre-chat and leave-a-message forms,
 * `Kefu('set', ...)`), merged into one update and kept in storage like the outbox, so
 * that a reload or a dead network loses none of them.
 */
export class PendingProfile {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {}

  get(): ProfileUpdate | null {
    try {
      const raw = this.storage.get(this.key);
      const value: unknown = raw ? JSON.parse(raw) : null;
      return typeof value === 'object' && value !== null ? (value as ProfileUpdate) : null;
    } catch {
      return null;
    }
  }

  merge(update: ProfileUpdate): void {
    const current = this.get() ?? {};
    const attributes = update.attributes || current.attributes ? { ...current.attributes, ...update.attributes } : undefined;
    this.storage.set(this.key, JSON.stringify({ ...current, ...update, ...(attributes ? { attributes } : {}) }));
  }

  /** Removes the update once sent, unless it changed meanwhile (that change goes next). */
  settle(sent: ProfileUpdate): void {
    if (JSON.stringify(this.get()) === JSON.stringify(sent)) this.clear();
  }

  clear(): void {
    this.storage.remove(this.key);
  }
}
