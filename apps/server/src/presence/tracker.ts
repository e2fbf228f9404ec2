import type { AgentStatusChoice, Presence, PresenceStatus } from '@kefu/protocol';
import type { Logger } from 'pino';
import { rooms, type Fanout } from '../realtime/fanout.js';
import type { AgentNamespace, VisitorNamespace } from '../realtime/types.js';
import type { Availability } from './availability.js';

export type PresenceKind = Presence['kind'];
/** What one connection says of its person: a visible tab / an agent at work, or not. */
export type ConnectionState = 'active' | 'idle';

/** The status agents chose for themselves (the database's word, so every node agrees). */
export type StatusChoices = (agentIds: readonly string[]) => Promise<Map<string, AgentStatusChoice>>;

/**
 * Who is online, derived from live sockets on every node (Socket.IO's fetchSockets
 * goes through the Redis adapter when there is one), so no node keeps a copy that
 * could drift. A person is online if any of their connections is active, away if all
 * are idle, offline when none is left for `graceMs`: moving to the next page or a
 * short network drop is not leaving. An agent who chose "away" is away while connected.
 */
export class PresenceTracker {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Each person's newest announcement still looking their state up, by its number. */
  private readonly announcing = new Map<string, number>();
  private announcements = 0;
  /** Shutting down: announce nothing more (the fan-out link may be gone, and a failed publish would crash the node). */
  private closed = false;
  /** Told of every agent status announced (routing: drain when one comes, reassign when one is gone). */
  private readonly agentListeners: ((agentId: string, workspaceId: string, status: PresenceStatus) => void)[] = [];

  constructor(
    private readonly visitors: VisitorNamespace,
    private readonly agents: AgentNamespace,
    private readonly fanout: Fanout,
    private readonly availability: Availability,
    private readonly graceMs: number,
    private readonly log: Logger,
    private readonly choices: StatusChoices,
  ) {}

  async statuses(kind: PresenceKind, ids: readonly string[]): Promise<Map<string, PresenceStatus>> {
    const result = new Map<string, PresenceStatus>(ids.map((id) => [id, 'offline']));
    if (ids.length === 0) return result;
    const nsp = kind === 'visitor' ? this.visitors : this.agents;
    const roomOf = kind === 'visitor' ? rooms.visitor : rooms.agent;
    const sockets = await nsp.in(ids.map(roomOf)).fetchSockets();
    for (const socket of sockets) {
      const data = socket.data as { presence: ConnectionState; visitorId?: string; agent?: { id: string } };
      const id = kind === 'visitor' ? data.visitorId : data.agent?.id;
      if (!id || !result.has(id)) continue;
      if (data.presence === 'active') result.set(id, 'online');
      else if (result.get(id) === 'offline') result.set(id, 'away');
    }
    if (kind === 'agent') {
      const online = [...result].filter(([, status]) => status === 'online').map(([id]) => id);
      const chosen = await this.choices(online);
      for (const id of online) if (chosen.get(id) === 'away') result.set(id, 'away');
    }
    return result;
  }

  /** A connection opened or changed state: tell the workspace now. */
  changed(kind: PresenceKind, id: string, workspaceId: string): void {
    this.cancel(kind, id);
    void this.announce(kind, id, workspaceId);
  }

  /** A connection closed: tell the workspace only if nothing replaced it within the grace period. */
  disconnected(kind: PresenceKind, id: string, workspaceId: string): void {
    this.cancel(kind, id);
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.pending.delete(`${kind}:${id}`);
      void this.announce(kind, id, workspaceId);
    }, this.graceMs);
    timer.unref();
    this.pending.set(`${kind}:${id}`, timer);
  }

  onAgentStatus(listener: (agentId: string, workspaceId: string, status: PresenceStatus) => void): void {
    this.agentListeners.push(listener);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private cancel(kind: PresenceKind, id: string): void {
    const key = `${kind}:${id}`;
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
  }

  private async announce(kind: PresenceKind, id: string, workspaceId: string): Promise<void> {
    // Lookups take their own time (an agent's choice is read from the database only while
    // a tab is active): a later change's lookup can finish first. Only the newest
    // announcement of a person speaks, so the last word is their present state.
    const key = `${kind}:${id}`;
    const turn = ++this.announcements;
    this.announcing.set(key, turn);
    try {
      const status = (await this.statuses(kind, [id])).get(id) ?? 'offline';
      if (this.announcing.get(key) !== turn) return;
      this.announcing.delete(key);
      if (this.closed) return;
      this.fanout.presenceChanged({ kind, id, status }, workspaceId);
      // Whether anyone answers the widgets follows agents' presence, grace period included.
      if (kind === 'agent') {
        this.availability.recheck(workspaceId);
        for (const listener of this.agentListeners) listener(id, workspaceId, status);
      }
    } catch (err) {
      if (this.announcing.get(key) === turn) this.announcing.delete(key);
      this.log.warn({ err, kind, id }, 'presence lookup failed');
    }
  }
}
