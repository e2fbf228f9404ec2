import type { LiveVisitor, PresenceStatus } from '@kefu/protocol';
import { rooms } from '../realtime/fanout.js';
import type { VisitorNamespace } from '../realtime/types.js';
import { parseDevice } from './device.js';
import type { LiveRow, VisitorsReadRepo } from './repo.js';

/** The inbox's stable handle for a visitor without a name (the same as conversations/repo.ts `visitorHandle`). */
export const visitorName = (visitorId: string, name: string | null) => name ?? `Visitor ${visitorId.slice(0, 6)}`;

export function toLiveVisitor(row: LiveRow, status: PresenceStatus): LiveVisitor {
  return {
    visitorId: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    name: visitorName(row.id, row.name),
    status,
    currentPage: row.page_url === null ? null : { url: row.page_url, title: row.page_title ?? '', referrer: row.page_referrer, at: row.page_at ?? 0 },
    visitStartedAt: row.visit_started_at ?? row.created_at,
    conversationId: row.conversation_id,
    device: parseDevice(row.user_agent),
    language: row.language,
  };
}

interface SocketView {
  id: string;
  data: { visitorId: string; presence: 'active' | 'idle' };
}

/** Each visitor's status from their live sockets: online if any tab is visible, else away. */
function statusesOf(sockets: readonly SocketView[]): Map<string, PresenceStatus> {
  const statuses = new Map<string, PresenceStatus>();
  for (const { data } of sockets) {
    if (data.presence === 'active') statuses.set(data.visitorId, 'online');
    else if (!statuses.has(data.visitorId)) statuses.set(data.visitorId, 'away');
  }
  return statuses;
}

/**
 * Everyone on a workspace's sites right now: the live sockets of its sites' rooms on
 * every node (fetchSockets goes through the Redis adapter, as presence does), then one
 * query for all their rows.
 */
export class Radar {
  constructor(
    private readonly visitors: VisitorNamespace,
    private readonly reads: VisitorsReadRepo,
    private readonly siteIdsOf: (workspaceId: string) => Promise<string[]>,
  ) {}

  /** Newest visit first. */
  async live(workspaceId: string): Promise<LiveVisitor[]> {
    const siteIds = await this.siteIdsOf(workspaceId);
    if (siteIds.length === 0) return [];
    const statuses = statusesOf(await this.visitors.in(siteIds.map(rooms.site)).fetchSockets());
    const rows = await this.reads.live([...statuses.keys()]);
    return rows
      .filter((row) => row.workspace_id === workspaceId)
      .map((row) => toLiveVisitor(row, statuses.get(row.id)!))
      .sort((a, b) => b.visitStartedAt - a.visitStartedAt || a.visitorId.localeCompare(b.visitorId));
  }

  /** One visitor as the radar shows them, with the status given. */
  async one(visitorId: string, status: PresenceStatus): Promise<LiveVisitor | null> {
    const row = await this.reads.liveOne(visitorId);
    return row ? toLiveVisitor(row, status) : null;
  }

  /**
   * Whether a connection that just joined its rooms is an arrival: the visitor had no
   * other connection anywhere. Of several tabs opened at once, the one issued first
   * (then the smaller id) counts, so exactly one of them announces.
   */
  async isArrival(visitorId: string, socket: { id: string; issued: number }): Promise<boolean> {
    const sockets = await this.visitors.in(rooms.visitor(visitorId)).fetchSockets();
    return !sockets.some((s) => s.id !== socket.id && (s.handshake.issued < socket.issued || (s.handshake.issued === socket.issued && s.id < socket.id)));
  }
}
