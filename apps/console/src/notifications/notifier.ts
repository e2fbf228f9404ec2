import type { Message } from '@kefu/client';

/** What the notifier needs from the page, so its rules stay plain and testable. */
export interface NotifierHost {
  /** The connection is live and caught up: events seen otherwise were replays or catch-up. */
  isLive(): boolean;
  /** The agent has this conversation in front of them (open, in a visible and focused tab). */
  isWatching(conversationId: string): boolean;
  /** The console is hidden or another window has the focus. */
  inBackground(): boolean;
  /** This tab is the one that notifies (one tab per browser, so several tabs do not ring together). */
  isLeader(): boolean;
  settings(): { sound: boolean; soundWhenFocused: boolean; desktop: boolean };
  chime(): void;
  desktop(alert: Alert): void;
}

export type Alert =
  | { kind: 'message'; conversationId: string; isNew: boolean; visitorName: string; body: string; count: number }
  | { kind: 'burst'; conversations: number; messages: number };

/** Messages arriving within this window make one alert (a flood after a busy minute, a bulk import). */
export const BURST_WINDOW_MS = 800;
/** From this many conversations in one window on, a single summary replaces per-conversation alerts. */
export const BURST_SUMMARY_FROM = 3;

interface Pending {
  conversationId: string;
  isNew: boolean;
  visitorName: string;
  body: string;
  count: number;
}

/**
 * Decides what rings and what pops up. Only live visitor messages newer than anything
 * already notified for their conversation count: a reconnect's catch-up (sync, listing)
 * never arrives here as live, and a message seen twice never notifies twice. Each
 * conversation has at most one notification on screen (its tag); a burst collapses
 * into one summary and one chime.
 */
export class Notifier {
  private readonly notifiedSeq = new Map<string, number>();
  private pending = new Map<string, Pending>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: NotifierHost) {}

  /** A conversation the agent has just read up to `seq`: nothing at or before it notifies. */
  seen(conversationId: string, seq: number): void {
    if (seq > (this.notifiedSeq.get(conversationId) ?? 0)) this.notifiedSeq.set(conversationId, seq);
  }

  message(message: Message, visitorName: string): void {
    if (message.senderType !== 'visitor' || !this.host.isLive()) return;
    const last = this.notifiedSeq.get(message.conversationId) ?? 0;
    if (message.seq <= last) return;
    this.notifiedSeq.set(message.conversationId, message.seq);
    if (this.host.isWatching(message.conversationId) || !this.host.isLeader()) return;
    const queued = this.pending.get(message.conversationId);
    this.pending.set(message.conversationId, {
      conversationId: message.conversationId,
      isNew: (queued?.isNew ?? false) || message.seq === 1,
      visitorName,
      body: message.body,
      count: (queued?.count ?? 0) + 1,
    });
    this.timer ??= setTimeout(() => this.flush(), BURST_WINDOW_MS);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }

  private flush(): void {
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length === 0) return;
    const settings = this.host.settings();
    const background = this.host.inBackground();
    if (settings.sound && (background || settings.soundWhenFocused)) this.host.chime();
    if (!settings.desktop || !background) return;
    if (batch.length >= BURST_SUMMARY_FROM) {
      this.host.desktop({ kind: 'burst', conversations: batch.length, messages: batch.reduce((n, p) => n + p.count, 0) });
      return;
    }
    for (const p of batch) this.host.desktop({ kind: 'message', ...p });
  }
}
