import type { Logger } from 'pino';
import type { Fanout } from '../realtime/fanout.js';
import type { ConversationsRepo } from './repo.js';

/** Rows read in one go at most (the statement's size). */
const READ_MAX = 500;

/**
 * Keeps every agent's inbox rows current after messages, at a bounded cost. A
 * conversation quiet for `intervalMs` has its row sent at once; while messages keep
 * coming, at most once per interval (the last state, read when it is sent). The rows due
 * in one turn of the event loop are read together. The assignee and whoever has the
 * conversation open get each message itself at once (Fanout.messageCreated) and the SDK
 * moves their row with it; this is what everyone else's inbox sees, e.g. a supervisor's
 * "All open", and the unread counts. Changes of hands and status are not throttled: the
 * actions send their row themselves.
 */
export class SummaryPublisher {
  /** Conversations inside their interval: dirty when a message came since their row was sent. */
  private readonly windows = new Map<string, { workspaceId: string; dirty: boolean }>();
  private readonly due = new Map<string, string>();
  private flushing = false;
  private closed = false;

  constructor(
    private readonly repo: ConversationsRepo,
    private readonly fanout: Fanout,
    private readonly log: Logger,
    private readonly intervalMs: number,
  ) {}

  /** A message was stored in the conversation. */
  touch(conversationId: string, workspaceId: string): void {
    const window = this.windows.get(conversationId);
    if (window) {
      window.dirty = true;
      return;
    }
    this.open(conversationId, workspaceId);
  }

  close(): void {
    this.closed = true;
  }

  private open(conversationId: string, workspaceId: string): void {
    const window = { workspaceId, dirty: false };
    this.windows.set(conversationId, window);
    this.publish(conversationId, workspaceId);
    setTimeout(() => {
      this.windows.delete(conversationId);
      if (window.dirty) this.open(conversationId, workspaceId);
    }, this.intervalMs).unref();
  }

  private publish(conversationId: string, workspaceId: string): void {
    this.due.set(conversationId, workspaceId);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing || this.closed) return;
    this.flushing = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const due = [...this.due].slice(0, READ_MAX);
    for (const [id] of due) this.due.delete(id);
    const workspaces = new Map(due);
    try {
      const summaries = await this.repo.summariesOf([...workspaces.keys()]);
      if (!this.closed) for (const summary of summaries) this.fanout.conversationUpdated(summary, workspaces.get(summary.id)!);
    } catch (err) {
      this.log.error({ err }, 'inbox rows failed');
    } finally {
      this.flushing = false;
      if (this.due.size > 0) this.schedule();
    }
  }
}
