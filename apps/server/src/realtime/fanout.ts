/**
 * Who receives what, in one place. Rooms: `visitor:<id>` holds every tab and
 * device of a visitor; `conversation:<id>` the agent sockets that opened a conversation
 * (read its history or synced it); `inbox:<id>` the agent sockets listing all open chats; `site:<id>` every visitor socket of a site (its widget
 * settings, whether agents are there); `workspace:<id>` every agent socket of a
 * workspace; `session:<id>` the sockets of one agent sign-in (closed on sign-out);
 * `agent:<id>` every socket of one agent (for presence). With Redis the adapter
 * carries these across nodes.
 */
import type {
  Conversation,
  ConversationSummary,
  LiveVisitor,
  Message,
  Note,
  Presence,
  QueuePosition,
  ReadReceipt,
  Typing,
  VisitorPageView,
  VisitorUpdated,
  WidgetConfig,
} from '@kefu/protocol';
import type { AgentNamespace, VisitorNamespace } from './types.js';

export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  site: (siteId: string) => `site:${siteId}`,
  workspace: (workspaceId: string) => `workspace:${workspaceId}`,
  session: (sessionId: string) => `session:${sessionId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Agent sockets listing all open chats of the workspace (the "All open" view). */
  inbox: (workspaceId: string) => `inbox:${workspaceId}`,
};

/** An agent socket that reads a conversation receives its messages live from now on (until it disconnects). */
export function followConversation(socket: { join(room: string): unknown }, conversationId: string): void {
  void socket.join(rooms.conversation(conversationId));
}

export class Fanout {
  /** `acrossNodes`: rooms span nodes (the Redis adapter), so this node cannot tell who is in one. */
  constructor(
    private readonly visitors: VisitorNamespace,
    private readonly agents: AgentNamespace,
    private readonly acrossNodes = false,
  ) {}

  /** Whether anyone may be listing the workspace's open chats (see conversationsUpdated): if not, no row needs reading. */
  inboxWatched(workspaceId: string): boolean {
    return this.mayReach(this.agents, [rooms.inbox(workspaceId)], undefined);
  }

  /**
   * A stored message: every tab of the visitor, and the agents concerned: its assignee
   * and whoever opened the conversation; while nobody has it (assigneeId null, and
   * system lines, which announce changes of hands), every agent of the workspace. Not
   * every message to every agent: with 50 agents that would be 50 writes per message,
   * the cost that sinks peers at scale; the others' inbox rows follow through
   * SummaryPublisher. `senderSocketId`: the socket that sent it, which has it from its
   * ack (the sender's other tabs get it; receivers de-duplicate by seq anyway).
   */
  messageCreated(message: Message, visitorId: string, workspaceId: string, assigneeId: string | null = null, senderSocketId?: string): void {
    const concerned = assigneeId && message.senderType !== 'system' ? [rooms.agent(assigneeId), rooms.conversation(message.conversationId)] : [rooms.workspace(workspaceId)];
    const visitorRoom = [rooms.visitor(visitorId)];
    if (this.mayReach(this.visitors, visitorRoom, senderSocketId)) this.visitors.to(visitorRoom).except(senderSocketId ?? []).emit('message.created', message);
    if (this.mayReach(this.agents, concerned, senderSocketId)) this.agents.to(concerned).except(senderSocketId ?? []).emit('message.created', message);
  }

  /**
   * Whether the rooms hold a socket other than the sender's. Most often they do not (a
   * visitor's one tab, an agent's reply that only the visitor gets), and a broadcast
   * encodes its packet before it looks for receivers: skipping those halved the time a
   * node spent encoding and in the adapter (docs/benchmarks.md). Across nodes this node
   * cannot tell, so it sends.
   */
  private mayReach(namespace: VisitorNamespace | AgentNamespace, roomNames: string[], senderSocketId: string | undefined): boolean {
    if (this.acrossNodes) return true;
    for (const name of roomNames) {
      const room = namespace.adapter.rooms.get(name);
      if (room && room.size > (senderSocketId !== undefined && room.has(senderSocketId) ? 1 : 0)) return true;
    }
    return false;
  }

  /** The inbox row changed (new message, status, assignee): agents of the workspace. */
  conversationUpdated(summary: ConversationSummary, workspaceId: string): void {
    this.agents.to(rooms.workspace(workspaceId)).emit('conversation.updated', summary);
  }

  /** Rows that messages moved, gathered: one packet per socket listing all open chats, however many rows (see SummaryPublisher). */
  conversationsUpdated(summaries: ConversationSummary[], workspaceId: string): void {
    if (summaries.length > 0) this.agents.to(rooms.inbox(workspaceId)).emit('conversations.updated', summaries);
  }

  /** An internal note: the workspace's agents only, never a visitor room. */
  noteCreated(note: Note, workspaceId: string): void {
    this.agents.to(rooms.workspace(workspaceId)).emit('note.created', note);
  }

  /** The visitor's own view of their conversation changed: all their tabs. */
  visitorConversation(conversation: Conversation): void {
    this.visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation.updated', conversation);
  }

  /** A read cursor moved: the visitor's tabs (receipts, or unread cleared in every tab) and the workspace's agents. */
  readReceipt(receipt: ReadReceipt, visitorId: string, workspaceId: string): void {
    this.visitors.to(rooms.visitor(visitorId)).emit('conversation.read', receipt);
    this.agents.to(rooms.workspace(workspaceId)).emit('conversation.read', receipt);
  }

  /** Someone's presence changed: the workspace's agents (visitors do not see presence yet). */
  presenceChanged(presence: Presence, workspaceId: string): void {
    this.agents.to(rooms.workspace(workspaceId)).emit('presence.changed', presence);
  }

  /**
   * Typing never echoes to the sender. A visitor's draft goes to agents only; an
   * agent's typing goes to the visitor (without any draft, under the site's
   * `publicName` for agents when it has one) and to the other agents (real name).
   */
  typing(typing: Typing, visitorId: string, workspaceId: string, publicName: string | null = null): void {
    if (typing.senderType === 'visitor') {
      this.agents.to(rooms.workspace(workspaceId)).emit('typing.changed', typing);
      return;
    }
    const { draft: _draft, ...withoutDraft } = typing;
    this.visitors.to(rooms.visitor(visitorId)).emit('typing.changed', { ...withoutDraft, senderName: publicName ?? typing.senderName });
    this.agents.to(rooms.workspace(workspaceId)).except(rooms.agent(typing.senderId)).emit('typing.changed', withoutDraft);
  }

  /** A visitor's profile changed: the workspace's agents and the visitor's other tabs and devices (the sender got the ack). */
  visitorUpdated(update: VisitorUpdated, workspaceId: string, exceptSocketId?: string): void {
    this.agents.to(rooms.workspace(workspaceId)).emit('visitor.updated', update);
    const tabs = this.visitors.to(rooms.visitor(update.visitorId));
    (exceptSocketId ? tabs.except(exceptSocketId) : tabs).emit('visitor.updated', update);
  }

  /** A visitor opened a page: the workspace's agents only. */
  visitorPage(view: VisitorPageView, workspaceId: string): void {
    this.agents.to(rooms.workspace(workspaceId)).emit('visitor.page', view);
  }

  /** The first agent of the workspace connected or the last one left: every visitor of its sites. */
  siteAvailability(siteIds: readonly string[], agentsOnline: boolean): void {
    if (siteIds.length === 0) return;
    this.visitors.to(siteIds.map(rooms.site)).emit('site.availability', { agentsOnline });
  }

  /** An admin changed the widget settings: every visitor of the site repaints. */
  siteUpdated(siteId: string, config: WidgetConfig): void {
    this.visitors.to(rooms.site(siteId)).emit('site.updated', config);
  }

  /** A visitor came online after being offline: the workspace's agents (the radar). */
  visitorArrived(visitor: LiveVisitor, workspaceId: string): void {
    this.agents.to(rooms.workspace(workspaceId)).emit('visitor.arrived', visitor);
  }

  /** An agent invited the visitor: every tab of theirs opens the chat on it (sent before the message itself). */
  conversationInvited(conversation: Conversation, message: Message): void {
    this.visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation.invited', { conversation, message });
  }

  /** Canned replies changed: shared ones concern the whole workspace, personal ones only their owner's tabs. */
  cannedChanged(scope: 'shared' | 'personal', workspaceId: string, ownerId: string): void {
    this.agents.to(scope === 'shared' ? rooms.workspace(workspaceId) : rooms.agent(ownerId)).emit('canned.changed');
  }

  /** A waiting visitor's place in the queue (null: an agent has it now): every tab of theirs. */
  queuePosition(visitorId: string, position: QueuePosition): void {
    this.visitors.to(rooms.visitor(visitorId)).emit('queue.position', position);
  }

  /** Signed out: that sign-in's sockets close, on every node. */
  closeSession(sessionId: string): void {
    this.agents.in(rooms.session(sessionId)).disconnectSockets(true);
  }

  /** Deactivated: every socket of the agent closes, on every node (their sessions are gone, so they stay out). */
  closeAgent(agentId: string): void {
    this.agents.in(rooms.agent(agentId)).disconnectSockets(true);
  }

  /** An admin changed teams, agents or sites: the workspace's consoles list them again. */
  workspaceChanged(workspaceId: string, what: { teams?: true; agents?: true; sites?: true }): void {
    this.agents.to(rooms.workspace(workspaceId)).emit('workspace.changed', what);
  }
}
