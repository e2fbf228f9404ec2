import type { ChatItem, KeyValueStorage } from '@kefu/client';

/**
 * Which agent messages the visitor has seen: everything up to a `seq`, remembered per
 * conversation so that a reload (which replays the history) does not count old
 * messages again.
 */
export class SeenCursor {
  private seenSeq: number;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
  ) {
    this.seenSeq = Number(storage.get(key)) || 0;
  }

  /** Agents' messages after the cursor. */
  unread(items: readonly ChatItem[]): number {
    let count = 0;
    for (const item of items) if (item.senderType === 'agent' && item.seq !== null && item.seq > this.seenSeq) count++;
    return count;
  }

  /** The visitor is looking: everything shown so far is seen. */
  markSeen(items: readonly ChatItem[]): void {
    let last = this.seenSeq;
    for (const item of items) if (item.seq !== null && item.seq > last) last = item.seq;
    if (last === this.seenSeq) return;
    this.seenSeq = last;
    this.storage.set(this.key, String(last));
  }
}
