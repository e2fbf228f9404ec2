import type { Logger } from 'pino';
import type { AppContext } from '../context.js';
import type { Fanout } from '../realtime/fanout.js';
import { parseRouting } from '../sites/settings.js';
import { AUTO_REPLY_CLIENT_MSG_ID } from './repo.js';
import type { Router } from './router.js';

/** Auto-replies written per site and sweep: a backlog is worked off over a few sweeps, not in one burst. */
const AUTO_REPLIES_PER_SWEEP = 100;

/**
 * What routing does with time: the auto-reply to visitors nobody answered within the
 * site's `autoReplyAfterSeconds`, and taking a chat from an agent who has not answered
 * within `reassignAfterSeconds` (auto sites). Every node sweeps; the once-only
 * auto-reply and the locked reassignment make that harmless.
 */
export class RoutingSweeper {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly router: Router,
    private readonly fanout: Fanout,
    intervalMs: number,
    private readonly log: Logger = ctx.log,
  ) {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  async sweep(now = Date.now()): Promise<void> {
    try {
      for (const site of await this.router.repo.routedSites()) {
        if (this.closed) return;
        const routing = parseRouting(site.routing);
        if (routing.autoReplyAfterSeconds !== null) await this.autoReply(site.id, routing.autoReply, now - routing.autoReplyAfterSeconds * 1000);
        if (routing.mode === 'auto' && routing.reassignAfterSeconds !== null) await this.reassign(site.id, now - routing.reassignAfterSeconds * 1000);
      }
    } catch (err) {
      if (!this.closed) this.log.warn({ err }, 'routing sweep failed');
    }
  }

  /** Waits for a sweep under way (shutdown must not close the database under it). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async autoReply(siteId: string, text: string | null, cutoff: number): Promise<void> {
    for (const c of await this.router.repo.unanswered(siteId, cutoff, AUTO_REPLIES_PER_SWEEP)) {
      if (this.closed) return;
      const { db } = this.ctx.storage;
      let message;
      try {
        message = await db.transaction().execute(async (trx) => {
          await this.ctx.conversationsRepo.lock(trx, c.id);
          const options = { clientMsgId: AUTO_REPLY_CLIENT_MSG_ID, ...(text ? { body: text } : {}) };
          return this.ctx.messages.system(trx, c.id, { type: 'autoReply' }, null, options);
        });
      } catch (err) {
        // Another node wrote it first: the unique index refused the second copy.
        this.log.debug({ err, conversationId: c.id }, 'auto-reply not written');
        continue;
      }
      this.fanout.messageCreated(message, c.visitorId, c.workspaceId);
      const summary = await this.ctx.conversationsRepo.summary(c.id);
      if (summary) this.fanout.conversationUpdated(summary, c.workspaceId);
    }
  }

  private async reassign(siteId: string, cutoff: number): Promise<void> {
    for (const c of await this.router.repo.answering(siteId)) {
      if (this.closed) return;
      // Only a visitor still waiting for an answer, since their newest message or the last handover, whichever is later.
      if (c.visitorAt === null || (c.agentAt !== null && c.agentAt >= c.visitorAt)) continue;
      if (Math.max(c.visitorAt, c.assignedAt ?? 0) > cutoff) continue;
      await this.router.reassign(c.workspaceId, c.id, c.assigneeId);
    }
  }
}
