import type { ConversationSummary } from '@kefu/protocol';
import type { Logger } from 'pino';
import type { Fanout } from '../realtime/fanout.js';
import type { ConversationsRepo } from './repo.js';

/** Rows read in one query at most (the statement's size). */
const READ_MAX = 500;

/**
 * Keeps every agent's inbox rows current after messages, at a bounded cost. Rows that
 * messages changed are gathered and sent once per interval, all of a workspace's in one
 * packet per agent socket (`conversations.updated`), each read once, as it is then. A
 * new conversation's row goes at once (`conversation.updated`): the queue must show it.
 *
 * Why not each row after each message: with 2,000 chats and 50 agents that is 50 socket
 * writes per message, which is what limited a node before (see docs/benchmarks.md). The
 * agents who get a message itself (its assignee, whoever has it open, everyone while it
 * is unassigned) move its row at once in the SDK; this is what everyone else's inbox
 * sees, e.g. a supervisor's "All open". Changes of hands, status and tags are not
 * gathered: the actions send their row themselves.
 */
export class SummaryPublisher {
  /** Conversations changed since the last send, with their workspace. */
  private dirty = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;
  private sending = false;

  constructor(
    private readonly repo: ConversationsRepo,
    private readonly fanout: Fanout,
    private readonly log: Logger,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.send(), intervalMs);
    this.timer.unref();
  }

  /**
   * A message was stored in the conversation; `seq` 1 opened it. Nothing is kept for a
   * workspace whose open chats nobody lists (whoever starts listing reads the list then):
   * a busy node's entries would outlive a young-generation collection or two, each
   * copied and promoted, only to be dropped when sent.
   */
  touch(conversationId: string, workspaceId: string, seq: number): void {
    if (seq === 1) {
      this.repo
        .summary(conversationId)
        .then((summary) => summary && this.fanout.conversationUpdated(summary, workspaceId))
        .catch((err: unknown) => this.log.error({ err }, 'inbox row failed'));
      return;
    }
    if (!this.fanout.inboxWatched(workspaceId)) return;
    this.dirty.set(conversationId, workspaceId);
  }

  close(): void {
    clearInterval(this.timer);
    this.dirty.clear();
  }

  private async send(): Promise<void> {
    if (this.sending || this.dirty.size === 0) return;
    const due = this.dirty;
    this.dirty = new Map();
    // Nobody lists the workspace's open chats: nothing to read (whoever starts listing reads the list then).
    for (const [id, workspaceId] of due) if (!this.fanout.inboxWatched(workspaceId)) due.delete(id);
    if (due.size === 0) return;
    this.sending = true;
    try {
      const ids = [...due.keys()];
      const byWorkspace = new Map<string, ConversationSummary[]>();
      for (let i = 0; i < ids.length; i += READ_MAX) {
        for (const summary of await this.repo.summariesOf(ids.slice(i, i + READ_MAX))) {
          const workspaceId = due.get(summary.id)!;
          const rows = byWorkspace.get(workspaceId) ?? [];
          if (rows.length === 0) byWorkspace.set(workspaceId, rows);
          rows.push(summary);
        }
      }
      for (const [workspaceId, summaries] of byWorkspace) this.fanout.conversationsUpdated(summaries, workspaceId);
    } catch (err) {
      this.log.error({ err }, 'inbox rows failed');
    } finally {
      this.sending = false;
    }
  }
}
