import type { Server as HttpServer } from 'node:http';
import { NAMESPACES, SOCKET_PACKET_MAX_BYTES } from '@kefu/protocol';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { agentSessionEvents, agentSockets } from '../auth/socket.js';
import type { AppContext } from '../context.js';
import { agentConversationEvents, visitorConversationEvents } from '../conversations/socket.js';
import { SummaryPublisher } from '../conversations/summary-publisher.js';
import { agentMessageEvents, visitorMessageEvents } from '../messages/socket.js';
import { agentNoteEvents } from '../notes/socket.js';
import { visitorPageViewEvents } from '../page-views/socket.js';
import { Availability } from '../presence/availability.js';
import { agentPresenceEvents, trackAgent, trackVisitor, visitorPresenceEvents } from '../presence/socket.js';
import { PresenceTracker } from '../presence/tracker.js';
import { SiteGuard } from '../sites/live.js';
import { agentTagEvents } from '../tags/socket.js';
import { agentTeamEvents } from '../teams/socket.js';
import { agentTypingEvents, visitorTypingEvents } from '../typing/socket.js';
import { agentVisitorEvents } from '../visitors/agent-socket.js';
import { Router } from '../routing/router.js';
import { RoutingSweeper } from '../routing/sweeper.js';
import { Radar } from '../visitors/radar.js';
import { visitorSessionEvents, visitorSockets } from '../visitors/socket.js';
import { answering } from './events.js';
import { Fanout } from './fanout.js';
import { socketParser } from './encoder.js';
import { releaseSentPackets } from './sent-packets.js';
import type { AgentNamespace, AgentSocket, VisitorNamespace, VisitorSocket } from './types.js';

export interface Realtime {
  io: Server;
  fanout: Fanout;
  presence: PresenceTracker;
  availability: Availability;
  /** Who answers whom: `drain(workspaceId)` after capacity frees, `agentGone(workspaceId, agentId)` when one is deactivated. */
  routing: Router;
  /** Drops visitor sockets that a narrowed site setting would now refuse (see sites/live.ts). */
  siteGuard: SiteGuard;
  close(): Promise<void>;
}

/** Lets the re-subscription settle before clients sync, so nothing falls between the two. */
const RESYNC_AFTER_REDIS_MS = 500;

export async function createRealtime(
  httpServer: HttpServer,
  ctx: AppContext,
  parseCookie: (header: string) => Record<string, string | undefined>,
): Promise<Realtime> {
  const io = new Server(httpServer, {
    maxHttpBufferSize: SOCKET_PACKET_MAX_BYTES,
    // Dead connections (a phone in a lift) are found within pingInterval + pingTimeout;
    // the client applies the same bound to the server's pings.
    pingInterval: ctx.config.pingIntervalMs,
    pingTimeout: ctx.config.pingTimeoutMs,
    // Origins are checked per namespace against each site's list (see visitors/socket.ts);
    // CORS for long-polling must let those pages through to reach that check.
    cors: { origin: true, credentials: true },
    serveClient: false,
    // A stored message becomes JSON once for its ack and all its copies (see encoder.ts).
    parser: socketParser,
  });
  releaseSentPackets(io);

  let redis: Redis[] = [];
  if (ctx.config.redisUrl) {
    const pub = new Redis(ctx.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    const sub = pub.duplicate();
    redis = [pub, sub];
    for (const client of redis) client.on('error', (err) => ctx.log.warn({ err: err.message }, 'redis connection error'));
    await Promise.all(redis.map((c) => c.connect()));
    io.adapter(createAdapter(pub, sub, { key: 'kefu' }));
    // While the subscriber was away, other nodes' broadcasts went nowhere; the messages
    // are in the database. Once it is back (and has re-subscribed), tell this node's
    // clients to sync instead of waiting for their next message to reveal the gap.
    sub.on('ready', () => setTimeout(() => askClientsToResync(), RESYNC_AFTER_REDIS_MS).unref());
  }

  const visitors = io.of(NAMESPACES.visitor) as unknown as VisitorNamespace;
  const agents = io.of(NAMESPACES.agent) as unknown as AgentNamespace;
  const askClientsToResync = () => {
    ctx.log.warn('fan-out link restored: asking local clients to resync');
    visitors.local.emit('session.resync');
    agents.local.emit('session.resync');
  };
  const fanout = new Fanout(visitors, agents, redis.length > 0);
  const summaries = new SummaryPublisher(ctx.conversationsRepo, fanout, ctx.log, ctx.config.inboxRowIntervalMs);
  const tellNodes = redis.length ? (workspaceId: string, online: boolean) => agents.serverSideEmit('availability.changed', workspaceId, online) : undefined;
  const statusChoices = (agentIds: readonly string[]) => ctx.authRepo.statusChoices(agentIds);
  const availability = new Availability(agents, fanout, (workspaceId) => ctx.sites.idsOfWorkspace(workspaceId), ctx.log, statusChoices, tellNodes);
  agents.on('availability.changed', (workspaceId, online) => availability.heard(workspaceId, online));
  const presence = new PresenceTracker(visitors, agents, fanout, availability, ctx.config.presenceGraceMs, ctx.log, statusChoices);
  const routing = new Router(ctx, agents, fanout);
  const sweeper = new RoutingSweeper(ctx, routing, fanout, ctx.config.routingSweepMs);
  // Offline after the grace period: their chats go to others. Back, or choosing online: they take what waits.
  presence.onAgentStatus((agentId, workspaceId, status) => {
    const done = status === 'offline' ? routing.agentGone(workspaceId, agentId) : routing.drain(workspaceId);
    done.catch((err: unknown) => ctx.log.warn({ err, agentId }, 'routing after a presence change failed'));
  });
  const radar = new Radar(visitors, ctx.visitorReads, (workspaceId) => ctx.sites.idsOfWorkspace(workspaceId));

  const siteGuard = new SiteGuard(visitors, (id) => ctx.sites.byId(id, { fresh: true }), ctx.config.publicUrl, ctx.log, redis.length > 0);

  visitorSockets(visitors, ctx, fanout, radar);
  const answerVisitor = answering<VisitorSocket>(
    [
      visitorSessionEvents(ctx, fanout, availability),
      visitorMessageEvents(ctx, fanout, summaries, routing),
      visitorPageViewEvents(ctx, fanout),
      visitorConversationEvents(ctx, fanout),
      visitorPresenceEvents(presence),
      visitorTypingEvents(ctx, fanout),
    ],
    ctx.log,
  );
  visitors.on('connection', (socket) => {
    answerVisitor(socket);
    trackVisitor(socket, presence);
    routing.welcome(socket).catch((err: unknown) => ctx.log.warn({ err }, 'queue position lookup failed'));
  });
  agentSockets(agents, ctx, parseCookie);
  const answerAgent = answering<AgentSocket>(
    [
      agentSessionEvents(ctx),
      agentMessageEvents(ctx, fanout, summaries),
      agentConversationEvents(ctx, fanout, presence, routing),
      agentNoteEvents(ctx, fanout),
      agentTagEvents(ctx, fanout),
      agentPresenceEvents(ctx, presence),
      agentVisitorEvents(ctx, fanout, presence, radar),
      agentTypingEvents(ctx, fanout),
      agentTeamEvents(ctx),
    ],
    ctx.log,
  );
  agents.on('connection', (socket) => {
    answerAgent(socket);
    trackAgent(socket, presence);
  });

  return {
    io,
    fanout,
    presence,
    availability,
    siteGuard,
    routing,
    async close() {
      // Nothing deferred may broadcast once Redis is quit: the adapter publishes without
      // catching, and a rejected publish would crash the node instead of a clean exit.
      routing.close();
      summaries.close();
      await sweeper.close();
      presence.close();
      availability.close();
      // Clients see a transport close (not a server kick), so they reconnect, to another node if need be.
      for (const nsp of [visitors, agents]) for (const socket of nsp.sockets.values()) socket.conn.close();
      await io.close();
      await Promise.all(redis.map((c) => c.quit().catch(() => undefined)));
    },
  };
}

