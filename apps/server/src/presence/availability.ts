import type { Logger } from 'pino';
import { rooms, type Fanout } from '../realtime/fanout.js';
import type { AgentNamespace } from '../realtime/types.js';
import type { StatusChoices } from './tracker.js';

/**
 * Whether a workspace has an agent connected who chose to be online (idle tabs still
 * count: a console in the background still rings; "away" chosen does not), for the widgets of
 * its sites: "we reply in minutes" or the leave-a-message form. Derived from live
 * sockets on every node (fetchSockets crosses nodes through the Redis adapter), like
 * presence. Widgets get the value in `site.availability` when it flips, and in
 * `session.hello` the last value announced: an agent reloading the console is still
 * "online" during the presence grace period, so a visitor arriving meanwhile must not
 * be told otherwise (nor wait for a flip back that is never announced). Each node
 * remembers the last value per workspace, its own announcements and other nodes'
 * (`availability.changed`), so that it announces changes only (several nodes
 * announcing the same change is harmless).
 */
export class Availability {
  private readonly last = new Map<string, boolean>();
  /** One recheck at a time per workspace, so a connect and a disconnect cannot land out of order. */
  private readonly queue = new Map<string, Promise<void>>();
  /** Shutting down: announce nothing more (see PresenceTracker.close). */
  private closed = false;

  constructor(
    private readonly agents: AgentNamespace,
    private readonly fanout: Fanout,
    private readonly siteIdsOf: (workspaceId: string) => Promise<string[]>,
    private readonly log: Logger,
    private readonly choices: StatusChoices,
    /** Tells the other nodes of an announcement (absent on a single node). */
    private readonly tellNodes?: (workspaceId: string, online: boolean) => void,
  ) {}

  /** As last announced, or, for a workspace not heard of since this node started, as the sockets say now. */
  async agentsOnline(workspaceId: string): Promise<boolean> {
    return this.last.get(workspaceId) ?? this.connected(workspaceId);
  }

  close(): void {
    this.closed = true;
  }

  /** Another node announced a flip. */
  heard(workspaceId: string, online: boolean): void {
    this.last.set(workspaceId, online);
  }

  private async connected(workspaceId: string): Promise<boolean> {
    const sockets = await this.agents.in(rooms.workspace(workspaceId)).fetchSockets();
    const ids = [...new Set(sockets.map((s) => s.data.agent.id))];
    if (ids.length === 0) return false;
    const chosen = await this.choices(ids);
    return ids.some((id) => chosen.get(id) === 'online');
  }

  /** An agent's presence was announced (connected, changed, or gone after the grace period): tell the sites if the answer flipped. */
  recheck(workspaceId: string): void {
    const previous = this.queue.get(workspaceId) ?? Promise.resolve();
    const next = previous.then(() => this.announce(workspaceId));
    this.queue.set(workspaceId, next);
    void next.then(() => {
      if (this.queue.get(workspaceId) === next) this.queue.delete(workspaceId);
    });
  }

  private async announce(workspaceId: string): Promise<void> {
    try {
      const online = await this.connected(workspaceId);
      if (this.closed || this.last.get(workspaceId) === online) return;
      this.last.set(workspaceId, online);
      const siteIds = await this.siteIdsOf(workspaceId);
      if (this.closed) return;
      this.tellNodes?.(workspaceId, online);
      this.fanout.siteAvailability(siteIds, online);
    } catch (err) {
      this.log.warn({ err, workspaceId }, 'availability lookup failed');
    }
  }
}
