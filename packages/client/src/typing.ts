import { TYPING_TTL_MS, type Typing } from '@kefu/protocol';

/** How often a typist's draft goes out at most; the last one always does. */
export const TYPING_SEND_INTERVAL_MS = 250;

/**
 * Sends "typing" (with the draft) at most every TYPING_SEND_INTERVAL_MS while the
 * text changes, then once more with the final text; "stopped" at once when the text
 * is emptied or sent. A typist who pauses longer than TYPING_TTL_MS fades out at the
 * receivers by itself, and comes back with the next keystroke.
 */
export class TypingSender {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSentAt = 0;
  private pending: string | null = null;
  private typing = false;

  constructor(private readonly send: (typing: boolean, draft: string) => void) {}

  update(draft: string): void {
    if (draft.trim() === '') return this.stop();
    this.pending = draft;
    const wait = this.lastSentAt + TYPING_SEND_INTERVAL_MS - Date.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  stop(): void {
    this.clear();
    this.pending = null;
    if (!this.typing) return;
    this.typing = false;
    this.send(false, '');
  }

  private flush(): void {
    this.clear();
    if (this.pending === null) return;
    this.typing = true;
    this.lastSentAt = Date.now();
    this.send(true, this.pending);
    this.pending = null;
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Who is typing where, as heard; entries expire after TYPING_TTL_MS without news. */
export class TypingBoard {
  private readonly entries = new Map<string, { typing: Typing; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly onChange: (conversationId: string) => void) {}

  apply(typing: Typing): void {
    const key = `${typing.conversationId}:${typing.senderId}`;
    const old = this.entries.get(key);
    if (old) clearTimeout(old.timer);
    if (!typing.typing) {
      if (old) this.entries.delete(key);
    } else {
      const timer = setTimeout(() => this.clear(typing.conversationId, typing.senderId), TYPING_TTL_MS);
      this.entries.set(key, { typing, timer });
    }
    this.onChange(typing.conversationId);
  }

  /** A message from this sender arrived: whatever they were typing is now sent. */
  clear(conversationId: string, senderId: string | null): void {
    const key = `${conversationId}:${senderId}`;
    const old = this.entries.get(key);
    if (!old) return;
    clearTimeout(old.timer);
    this.entries.delete(key);
    this.onChange(conversationId);
  }

  in(conversationId: string): Typing[] {
    return [...this.entries.values()].map((e) => e.typing).filter((t) => t.conversationId === conversationId);
  }
}
