/**
 * Every event of both Socket.IO namespaces, typed once and used as the generics of
 * `Server`/`Socket` on the server and of the client sockets. Client-to-server events
 * all take an ack: the answer, or an error code, always comes back.
 */
import type { WireError } from './errors.js';
import type {
  AgentSession,
  HistoryPage,
  InboxCounts,
  LiveVisitor,
  Note,
  QueuePosition,
  Team,
  VisitorDetails,
  Conversation,
  ConversationPage,
  ConversationSummary,
  Message,
  MessagePage,
  Presence,
  AgentPresence,
  PageView,
  ReadReceipt,
  Typing,
  VisitorPageView,
  VisitorProfile,
  VisitorSession,
  VisitorUpdated,
  WidgetConfig,
} from './models.js';
import type {
  AgentSend,
  AgentStatusUpdate,
  AssignRequest,
  ConversationListRequest,
  ConversationRef,
  HistoryRequest,
  InviteRequest,
  NoteSend,
  TagsUpdate,
  VisitorRef,
  MarkReadRequest,
  PresenceUpdate,
  SyncRequest,
  ProfileUpdate,
  TypingUpdate,
  VisitorSend,
} from './schemas.js';

export type AckResult<T> = { ok: true; data: T } | { ok: false; error: WireError };
export type Ack<T> = (result: AckResult<T>) => void;

export const NAMESPACES = { visitor: '/visitor', agent: '/agent' } as const;

export interface VisitorClientEvents {
  'session.hello': (payload: Record<string, never>, ack: Ack<VisitorSession>) => void;
  'message.send': (payload: VisitorSend, ack: Ack<Message>) => void;
  'messages.sync': (payload: SyncRequest, ack: Ack<MessagePage>) => void;
  /** Moves the visitor's read cursor (never backwards); answers with the cursor after. */
  'conversation.read': (payload: MarkReadRequest, ack: Ack<{ seq: number }>) => void;
  /** This tab became visible (active) or hidden (idle). */
  'presence.update': (payload: PresenceUpdate, ack: Ack<Presence>) => void;
  /** The visitor is typing (with the draft, for the agents' preview) or stopped. */
  'typing.update': (payload: TypingUpdate, ack: Ack<Record<string, never>>) => void;
  /** Name, email, phone (the pre-chat and leave-a-message forms) and custom attributes (merged; null removes one). */
  'visitor.update': (payload: ProfileUpdate, ack: Ack<VisitorProfile>) => void;
  /** The visitor opened a page of the site (reported by the loader, SPA navigations too). */
  'page.view': (payload: PageView, ack: Ack<Record<string, never>>) => void;
}

export interface VisitorServerEvents {
  'message.created': (message: Message) => void;
  'conversation.updated': (conversation: Conversation) => void;
  'conversation.read': (receipt: ReadReceipt) => void;
  /** An agent is typing (no draft) or stopped. */
  'typing.changed': (typing: Typing) => void;
  /** The server's fan-out link (Redis) was down: live events may be missing, sync now. */
  'session.resync': () => void;
  /** The first agent of the workspace connected, or the last one left (after the grace period). */
  'site.availability': (availability: { agentsOnline: boolean }) => void;
  /** An admin changed the site's widget settings. */
  'site.updated': (config: WidgetConfig) => void;
  /** This visitor's profile changed (in another tab, or by a verified identify). */
  'visitor.updated': (update: VisitorUpdated) => void;
  /** The visitor's conversation waits for a free agent (auto routing, everyone full): their place, live. */
  'queue.position': (position: QueuePosition) => void;
  /** An agent started a chat with this visitor (from the radar): the widget opens on it. */
  'conversation.invited': (invite: { conversation: Conversation; message: Message }) => void;
}

export interface AgentClientEvents {
  'session.hello': (payload: Record<string, never>, ack: Ack<AgentSession>) => void;
  'conversations.list': (payload: ConversationListRequest, ack: Ack<ConversationPage>) => void;
  'message.send': (payload: AgentSend, ack: Ack<Message>) => void;
  'messages.sync': (payload: SyncRequest, ack: Ack<MessagePage>) => void;
  /** Moves this agent's read cursor (never backwards); answers with the cursor after. */
  'conversation.read': (payload: MarkReadRequest, ack: Ack<{ seq: number }>) => void;
  /** The agent is at work (active) or away (idle), for this connection. */
  'presence.update': (payload: PresenceUpdate, ack: Ack<Presence>) => void;
  /** The agent is typing (the draft is ignored: visitors never see drafts) or stopped. */
  'typing.update': (payload: TypingUpdate, ack: Ack<Record<string, never>>) => void;
  /** Every agent of the workspace with their presence. */
  'agents.list': (payload: Record<string, never>, ack: Ack<AgentPresence[]>) => void;
  /** One conversation of the workspace (a deep link to one not on the loaded pages). */
  'conversation.get': (payload: ConversationRef, ack: Ack<ConversationSummary>) => void;
  /** How many open conversations each view holds. */
  'conversations.counts': (payload: Record<string, never>, ack: Ack<InboxCounts>) => void;
  /** Older messages, for scrolling up: the newest ones when `beforeSeq` is omitted. */
  'messages.history': (payload: HistoryRequest, ack: Ack<HistoryPage>) => void;
  /** Closes an open conversation (the visitor sees it; their next message starts a new one). */
  'conversation.close': (payload: ConversationRef, ack: Ack<ConversationSummary>) => void;
  /** Reopens a closed one; CONFLICT when the visitor already has another open conversation. */
  'conversation.reopen': (payload: ConversationRef, ack: Ack<ConversationSummary>) => void;
  /** Takes, gives, transfers or unassigns; the visitor is told who joined, the note goes to agents only. */
  'conversation.assign': (payload: AssignRequest, ack: Ack<ConversationSummary>) => void;
  'conversation.tags': (payload: TagsUpdate, ack: Ack<ConversationSummary>) => void;
  /** Every tag in use on the workspace's conversations, the most used first (for the inbox's tag filter). */
  'tags.list': (payload: Record<string, never>, ack: Ack<string[]>) => void;
  /** Every internal note of a conversation, oldest first. */
  'notes.list': (payload: ConversationRef, ack: Ack<Note[]>) => void;
  /** Adds an internal note (agents only; idempotent by clientNoteId). */
  'note.send': (payload: NoteSend, ack: Ack<Note>) => void;
  /** Everyone on the workspace's sites right now (the radar). */
  'visitors.live': (payload: Record<string, never>, ack: Ack<LiveVisitor[]>) => void;
  /** The visitor panel: profile, device, page trail, visits, previous conversations. */
  'visitor.get': (payload: VisitorRef, ack: Ack<VisitorDetails>) => void;
  /** Starts a chat with a visitor on the site: their open conversation (or a new one, assigned to this agent) gets the message. */
  'visitor.invite': (payload: InviteRequest, ack: Ack<{ conversation: ConversationSummary; message: Message }>) => void;
  /** The workspace's teams (every agent may read them: transfer to a team, the team filter). */
  'teams.list': (payload: Record<string, never>, ack: Ack<Team[]>) => void;
  /** Sets this agent's chosen status; answers with their presence after. */
  'agent.status': (payload: AgentStatusUpdate, ack: Ack<AgentPresence>) => void;
}

export interface AgentServerEvents {
  'message.created': (message: Message) => void;
  'conversation.updated': (conversation: ConversationSummary) => void;
  /** The rows that messages changed since the last such event, once a second at most (a new conversation, assignments and closes come at once as conversation.updated). */
  'conversations.updated': (conversations: ConversationSummary[]) => void;
  'conversation.read': (receipt: ReadReceipt) => void;
  /** A visitor or a colleague came online, went away, or went offline (after the grace period). */
  'presence.changed': (presence: Presence) => void;
  /** A visitor (with their draft) or a colleague is typing, or stopped. */
  'typing.changed': (typing: Typing) => void;
  /** The server's fan-out link (Redis) was down: live events may be missing, sync now. */
  'session.resync': () => void;
  /** A visitor of the workspace opened a page. */
  'visitor.page': (view: VisitorPageView) => void;
  /** A visitor's profile changed. */
  'visitor.updated': (update: VisitorUpdated) => void;
  /** An internal note was added (agents only). */
  'note.created': (note: Note) => void;
  /** A visitor came online (their first connection after being offline), for the radar. */
  'visitor.arrived': (visitor: LiveVisitor) => void;
  /** The workspace's canned replies changed (shared ones, or this agent's own): list them again. */
  'canned.changed': () => void;
  /** An admin changed teams, agents or sites: list them again. */
  'workspace.changed': (what: { teams?: true; agents?: true; sites?: true }) => void;
}

/** Between Kefu's nodes (Socket.IO's serverSideEmit, through the Redis adapter). */
export interface InterServerEvents {
  /** A node announced that a workspace's widgets flipped between "agents online" and not: the others remember it. */
  'availability.changed': (workspaceId: string, agentsOnline: boolean) => void;
  /** An admin narrowed a site's allowed origins or turned on enforce mode: each node drops its visitor sockets that would now be refused. */
  'site.recheck': (siteId: string) => void;
}

/** Events a client's own bad packet provokes when there is no ack to answer on. */
export interface ErrorEvents {
  error: (error: WireError) => void;
}
