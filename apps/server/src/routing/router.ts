import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AppContext } from '../context.js';
import type { ActionResult } from '../conversations/actions.js';
import { fanOutAction } from '../conversations/fan-out.js';
import { rooms, type Fanout } from '../realtime/fanout.js';
import type { AgentNamespace, VisitorSocket } from '../realtime/types.js';
import { parseRouting } from '../sites/settings.js';
import type { Database } from '../storage/database.js';
import { WorkspaceLocks } from './lock.js';
import { pickAgent } from './pick.js';
import { nextStamp, RoutingRepo, type Waiting } from './repo.js';

/**
 * Conversations assigned per locked transaction of a drain: a burst (a campaign, a push
 * notification) is assigned in a few commits, while the lock (and SQLite's one writer)
 * is never held long enough to stall messages.
 */
const DRAIN_ROUND = 100;

/**
 * Who answers whom. A conversation nobody has waits in its workspace's queue (per
 * team); on a site in auto mode it goes to the best free agent (see pick.ts) as soon as
 * there is one: when it starts, and whenever capacity frees (a chat closed or moved,
 * an agent online, a capacity raised). Waiting visitors hear their place, live. Every
 * decision of a workspace runs one at a time (see lock.ts).
 */
export class Router {
  readonly repo: RoutingRepo;
  private readonly locks: WorkspaceLocks;
  /** Per workspace, the place last sent to each waiting conversation's visitor: only changes are sent. */
  private readonly sent = new Map<string, Map<string, { visitorId: string; position: number }>>();
  /** A drain queued behind the running one: later callers share it (it will see their change too). */
  private readonly queuedDrains = new Map<string, Promise<void>>();
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly agents: AgentNamespace,
    private readonly fanout: Fanout,
    private readonly log: Logger = ctx.log,
  ) {
    this.repo = new RoutingRepo(ctx.storage.db);
    this.locks = new WorkspaceLocks(ctx.storage.db, ctx.storage.dialect);
  }

  /** Gives what waits to whoever is free (auto sites), then tells waiting visitors their place. */
  drain(workspaceId: string): Promise<void> {
    const queued = this.queuedDrains.get(workspaceId);
    if (queued) return queued;
    const next = this.locks.serial(workspaceId, async () => {
      this.queuedDrains.delete(workspaceId);
      await this.drainNow(workspaceId);
    });
    this.queuedDrains.set(workspaceId, next);
    return next.catch((err: unknown) => {
      if (!this.closed) this.log.warn({ err, workspaceId }, 'routing drain failed');
    });
  }

  /** An agent went offline or was deactivated: their open chats wait again (from now), then go to whoever is free. */
  async agentGone(workspaceId: string, agentId: string): Promise<void> {
    await this.locks.serial(workspaceId, async () => {
      for (const conversationId of await this.repo.openAssignedTo(agentId)) {
        const result = await this.ctx.conversationActions.assign(conversationId, workspaceId, null, null);
        fanOutAction(this.fanout, result, workspaceId);
      }
    });
    await this.drain(workspaceId);
  }

  /** After an agent's action (close, assign, transfer): a visitor who has someone now stops waiting; freed capacity drains. */
  changed(workspaceId: string, result: ActionResult): void {
    if (result.conversation.assigneeId !== null || result.conversation.status === 'closed') this.leftQueue(workspaceId, result.conversation.id, result.conversation.visitorId);
    void this.drain(workspaceId);
  }

  /**
   * Takes the conversation from its agent, who has kept its visitor waiting too long:
   * to another free agent, or back to the queue when nobody else is.
   */
  reassign(workspaceId: string, conversationId: string, fromAgentId: string): Promise<void> {
    return this.locks.serial(workspaceId, async () => {
      const online = await this.connectedAgents(workspaceId);
      const result = await this.locks.transaction(workspaceId, async (trx) => {
        const row = await this.ctx.conversationsRepo.lock(trx, conversationId);
        if (!row || row.status !== 'open' || row.assignee_id !== fromAgentId) return null;
        const pick = pickAgent(await this.repo.candidates(trx, workspaceId, online, row.team_id), fromAgentId);
        if (pick) await this.repo.touch(trx, workspaceId, pick.id);
        return this.ctx.conversationActions.assign(conversationId, workspaceId, null, pick?.id ?? null, undefined, { within: trx });
      });
      if (!result) return;
      fanOutAction(this.fanout, result, workspaceId);
      if (result.conversation.assigneeId !== null) this.leftQueue(workspaceId, conversationId, result.conversation.visitorId);
      await this.publishPositions(workspaceId);
    });
  }

  /** A visitor connected (a page load): if they wait in an automatic queue, their place now, on this socket only. */
  async welcome(socket: VisitorSocket): Promise<void> {
    const own = await this.repo.waitingOf(socket.data.visitorId);
    if (!own || parseRouting(own.routing).mode !== 'auto') return;
    const queue = (await this.autoQueue(own.workspaceId)).filter((c) => c.teamId === own.teamId);
    const position = queue.findIndex((c) => c.id === own.id) + 1;
    if (position > 0 && socket.connected) socket.emit('queue.position', { conversationId: own.id, position });
  }

  close(): void {
    this.closed = true;
  }

  private async drainNow(workspaceId: string): Promise<void> {
    if (this.closed) return;
    const waiting = await this.autoQueue(workspaceId);
    let online: string[] | null = null;
    // A team whose agents are all full stays full for the rest of this drain.
    const full = new Set<string | null>();
    for (let start = 0; start < waiting.length; start += DRAIN_ROUND) {
      if (this.closed) return;
      const round = waiting.slice(start, start + DRAIN_ROUND).filter((c) => !full.has(c.teamId));
      if (round.length === 0) continue;
      online ??= await this.connectedAgents(workspaceId);
      if (online.length === 0) break;
      const assigned = await this.assignRound(workspaceId, round, online, full);
      for (const { waiting: conversation, result } of assigned) {
        fanOutAction(this.fanout, result, workspaceId);
        this.leftQueue(workspaceId, conversation.id, conversation.visitorId);
      }
    }
    await this.publishPositions(workspaceId);
  }

  /**
   * Picks and assigns a round of the queue in one locked transaction: the candidates,
   * their open chats and the latest stamp are read once and counted on in memory (the
   * lock keeps every other routing decision out meanwhile), instead of a query, a
   * commit and a lock per conversation. Teams found full are added to `full`.
   */
  private async assignRound(workspaceId: string, round: readonly Waiting[], online: readonly string[], full: Set<string | null>) {
    return this.locks.transaction(workspaceId, async (trx) => {
      const candidates = await this.repo.candidates(trx, workspaceId, online, null);
      const members = new Map<string, Set<string>>();
      let latest = await this.repo.latestStamp(trx, workspaceId);
      const assigned: { waiting: Waiting; result: ActionResult }[] = [];
      for (const waiting of round) {
        if (full.has(waiting.teamId)) continue;
        const row = await this.ctx.conversationsRepo.lock(trx, waiting.id);
        // Taken or closed since the queue was read: nothing to do, and the team is not full.
        if (!row || row.status !== 'open' || row.assignee_id !== null) continue;
        const team = row.team_id ? (members.get(row.team_id) ?? (await this.membersOf(trx, row.team_id, members))) : null;
        const pick = pickAgent(team ? candidates.filter((c) => team.has(c.id)) : candidates);
        if (!pick) {
          full.add(waiting.teamId);
          continue;
        }
        latest = nextStamp(latest);
        await this.repo.stamp(trx, pick.id, latest);
        pick.lastAssignedAt = latest;
        pick.openChats += 1;
        assigned.push({ waiting, result: await this.ctx.conversationActions.assign(waiting.id, workspaceId, null, pick.id, undefined, { within: trx }) });
      }
      return assigned;
    });
  }

  private async membersOf(trx: Kysely<Database>, teamId: string, cache: Map<string, Set<string>>): Promise<Set<string>> {
    const members = await this.repo.teamMembers(trx, teamId);
    cache.set(teamId, members);
    return members;
  }

  /** Agents with a socket on any node (fetchSockets crosses nodes through the Redis adapter). */
  private async connectedAgents(workspaceId: string): Promise<string[]> {
    const sockets = await this.agents.in(rooms.workspace(workspaceId)).fetchSockets();
    return [...new Set(sockets.map((s) => s.data.agent.id))];
  }

  private sentOf(workspaceId: string) {
    let sent = this.sent.get(workspaceId);
    if (!sent) this.sent.set(workspaceId, (sent = new Map()));
    return sent;
  }

  /** The visitor has an agent (or the chat closed): they are told at once, whichever node told them their place. */
  private leftQueue(workspaceId: string, conversationId: string, visitorId: string): void {
    this.sentOf(workspaceId).delete(conversationId);
    this.fanout.queuePosition(visitorId, { conversationId, position: null });
  }

  /**
   * What waits on sites with automatic routing: a queue in the proper sense. On manual
   * sites every agent sees the same Unassigned list and picks; a place in line would
   * promise an order nobody keeps, so those visitors are told none.
   */
  private async autoQueue(workspaceId: string) {
    return (await this.repo.waiting(workspaceId)).filter((c) => parseRouting(c.routing).mode === 'auto');
  }

  /** Every waiting visitor of the workspace whose place changed hears the new one. */
  private async publishPositions(workspaceId: string): Promise<void> {
    const waiting = await this.autoQueue(workspaceId);
    if (this.closed) return;
    const sent = this.sentOf(workspaceId);
    const counts = new Map<string | null, number>();
    const now = new Set<string>();
    for (const conversation of waiting) {
      const position = (counts.get(conversation.teamId) ?? 0) + 1;
      counts.set(conversation.teamId, position);
      now.add(conversation.id);
      if (sent.get(conversation.id)?.position === position) continue;
      sent.set(conversation.id, { visitorId: conversation.visitorId, position });
      this.fanout.queuePosition(conversation.visitorId, { conversationId: conversation.id, position });
    }
    for (const [conversationId, { visitorId }] of sent) if (!now.has(conversationId)) this.leftQueue(workspaceId, conversationId, visitorId);
    if (sent.size === 0) this.sent.delete(workspaceId);
  }
}
