/** Objects as they travel on the wire. Times are milliseconds since the epoch. */

export type SenderType = 'visitor' | 'agent' | 'system';
export type ConversationStatus = 'open' | 'closed';
export type AgentRole = 'owner' | 'admin' | 'agent';
/** online: connected and active. away: connected, but every tab hidden (or the agent set away). offline: no connection for longer than the grace period. */
export type PresenceStatus = 'online' | 'away' | 'offline';

export interface Presence {
  kind: 'visitor' | 'agent';
  id: string;
  status: PresenceStatus;
}

export interface Message {
  id: string;
  conversationId: string;
  /** 1, 2, 3, ... per conversation, no gaps: the order and the de-duplication key. */
  seq: number;
  /** Made by the sender; a resend with the same id returns the stored message. */
  clientMsgId: string;
  senderType: SenderType;
  senderId: string | null;
  /** The agent's display name, for the visitor's side; null for visitors. */
  senderName: string | null;
  /** For people a plain-English text; for `system` messages the English fallback of `event`. */
  body: string;
  createdAt: number;
  /** What happened, for `system` messages (UIs render it in their own language); absent otherwise. */
  event?: ConversationEvent;
}

/**
 * A system message's meaning. Names are as the visitor sees them (the site's
 * `agentDisplayName` when it has one); agent UIs may look the id up instead.
 */
export type ConversationEvent =
  /** An agent took the conversation, was given it, or it was transferred to them (`fromAgentId` set). */
  | { type: 'assigned'; agentId: string; agentName: string; fromAgentId: string | null }
  | { type: 'closed'; byAgentId: string | null }
  | { type: 'reopened'; byAgentId: string | null }
  /** Nobody answered the visitor's first message in time (`routing.autoReplyAfterSeconds`): the body is the site's text, or AUTO_REPLY_DEFAULT. */
  | { type: 'autoReply' };

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
  /** The team it is routed to (the site's team, a pre-chat choice or a transfer); null: the whole workspace. */
  teamId: string | null;
  /** The seq of the newest message; 0 when empty. */
  lastSeq: number;
  lastMessageAt: number | null;
  lastMessagePreview: string | null;
  createdAt: number;
  /** The visitor has read everything up to this seq. */
  visitorReadSeq: number;
  /** The furthest any agent has read: the visitor's "read" receipts. */
  agentReadSeq: number;
}

/** What the console's inbox lists: the conversation plus who the visitor is. */
export interface ConversationSummary extends Conversation {
  visitorName: string;
  siteName: string;
  /** Each agent's read cursor, by agent id: an agent's unread count is lastSeq minus its own. */
  agentReads: Record<string, number>;
  /** The visitor's presence, in `conversations.list` answers only; `presence.changed` events keep it current. */
  visitorStatus?: PresenceStatus;
  /** Lower-case labels, sorted. */
  tags: string[];
}

/** The inbox's tabs. unassigned / mine / open list open conversations; closed the closed ones. */
export type InboxView = 'unassigned' | 'mine' | 'open' | 'closed';

/** How many conversations each open view holds, for the console's navigation. */
export type InboxCounts = Record<Exclude<InboxView, 'closed'>, number>;

/**
 * An internal note on a conversation: agents only. Kept apart from messages (its own
 * table and events) so that no visitor path can ever read one.
 */
export interface Note {
  id: string;
  conversationId: string;
  /** Made by the author; a resend with the same id returns the stored note. */
  clientNoteId: string;
  agentId: string;
  agentName: string;
  body: string;
  createdAt: number;
}

/** A colleague as the console lists them. */
export interface AgentPresence extends Agent {
  status: PresenceStatus;
}

/**
 * What an agent set themselves to. online: available (away only while every console
 * tab reports idle). away: not taking chats though connected. Offline is having no
 * console open.
 */
export type AgentStatusChoice = 'online' | 'away';

/**
 * A reader's cursor moved: everything up to `seq` is read. Sending a message moves the
 * sender's cursor too, silently: receivers infer it from the message itself.
 */
export interface ReadReceipt {
  conversationId: string;
  readerType: 'visitor' | 'agent';
  readerId: string;
  seq: number;
}

export interface Agent {
  id: string;
  workspaceId: string;
  email: string;
  name: string;
  role: AgentRole;
}

/** An agent as owners and admins manage them (`/api/v1/agents`). */
export interface AgentAccount extends Agent {
  /** Deactivated agents cannot sign in; their sockets were closed and their open chats returned to the queue. */
  active: boolean;
  /** The most open conversations routing gives them at once. */
  maxChats: number;
  teamIds: string[];
  createdAt: number;
}

/** A department: agents who answer the sites (or pre-chat choices) routed to it. */
export interface Team {
  id: string;
  name: string;
  agentIds: string[];
}

/** An invitation link for a new agent (`POST /api/v1/agents/invitations`); the token is shown once. */
export interface Invitation {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  teamIds: string[];
  /** `${publicUrl}/console/#/invite/${token}`: whoever opens it sets their password and is signed in. */
  url: string;
  expiresAt: number;
}

/** A link not used yet and not expired (`GET /api/v1/agents/invitations`); the link itself is never shown again. */
export interface PendingInvitation {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  teamIds: string[];
  /** The owner or admin who made it (null if that account is gone). */
  invitedBy: { id: string; name: string } | null;
  createdAt: number;
  expiresAt: number;
}

export interface VisitorSession {
  visitorId: string;
  /** Keep it and send it in the next handshake to be recognised as the same visitor. */
  visitorToken: string;
  /** The visitor's open conversation on this site, if any. */
  conversation: Conversation | null;
  protocolVersion: number;
  /** The site's widget settings, current as of this connection. */
  site: WidgetConfig;
  /** Whether an agent of the workspace is connected now; `site.availability` events keep it current. */
  agentsOnline: boolean;
  profile: VisitorProfile;
}

export type Locale = 'en' | 'zh-CN';
/** auto: the visitor's browser language decides. */
export type LocaleSetting = Locale | 'auto';

/**
 * When a site is staffed, in its own time zone. Absent (null): always. Outside these
 * hours the widget offers the leave-a-message form.
 */
export interface BusinessHours {
  /** IANA time zone, e.g. "Asia/Shanghai". */
  timeZone: string;
  /** Opening spans; day 0 is Sunday. "HH:MM", 24-hour, `from` before `to` (no span crosses midnight). */
  spans: { day: number; from: string; to: string }[];
}

export type PreChatFieldKey = 'name' | 'email' | 'phone' | 'message';

export interface PreChatField {
  key: PreChatFieldKey;
  required: boolean;
}

/** A site's widget settings: public, sent to every visitor (never the identity secret). */
export interface WidgetConfig {
  siteName: string;
  /** The accent colour, "#rrggbb". */
  color: string;
  /** Which bottom corner the launcher sits in. */
  position: 'right' | 'left';
  locale: LocaleSetting;
  /** The first words a visitor sees; null: the translated default. */
  greeting: string | null;
  /** One name shown for every agent (e.g. "Clay & Co. support"); null: each agent's own name. */
  agentDisplayName: string | null;
  /** https URL of the avatar shown beside agents' messages; null: their initial. */
  agentAvatarUrl: string | null;
  businessHours: BusinessHours | null;
  /** Asked before the first message; empty: no pre-chat form. */
  preChat: PreChatField[];
  /** The teams a visitor picks from in the pre-chat form, in the admin's order (names resolved by the server); fewer than 2: no question. */
  departments: Department[];
}

/** A team as the visitor sees it in the pre-chat form's "Which department?". */
export type Department = Pick<Team, 'id' | 'name'>;

/**
 * Who answers a site's visitors. Server-side only: never in WidgetConfig.
 * auto: a new conversation goes to the online agent (of the team, when set) with the
 * fewest open chats under their capacity, ties broken round-robin; when all are full
 * it waits in the queue and the visitor sees their position. manual: it waits in
 * Unassigned until an agent takes it.
 */
export interface RoutingSettings {
  mode: 'auto' | 'manual';
  /** The team that answers this site; null: every agent of the workspace. */
  teamId: string | null;
  /** An assigned conversation whose visitor has waited this long for an agent's answer goes to someone else; null: never. */
  reassignAfterSeconds: number | null;
  /** Sent (as a system line) when no agent answered a visitor's first message within this long; null: never. */
  autoReplyAfterSeconds: number | null;
  /** The auto-reply's text; null: the translated default. */
  autoReply: string | null;
}

/** What the site's admins may change (`PATCH /api/v1/sites/:id`), plus what only the server sees. */
export interface SiteSettings extends Omit<WidgetConfig, 'siteName' | 'departments'> {
  routing: RoutingSettings;
  /** Team ids of the pre-chat department choice, in the order shown (at most 20); deleted teams drop out. */
  departments: string[];
  id: string;
  publicKey: string;
  name: string;
  allowedOrigins: string[];
  /** Enforce mode: an identify without a valid hash is refused. */
  identityEnforced: boolean;
  /** Present for owners and admins only. */
  identitySecret?: string;
}

/** Custom attributes an integrator sets with `Kefu('set', {...})`; shown to agents. */
export type VisitorAttributes = Record<string, string | number | boolean | null>;

/** Who the visitor is, as far as they or the site said. */
export interface VisitorProfile {
  name: string | null;
  email: string | null;
  phone: string | null;
  /** The site's own user id, from a verified identify; null for anonymous visitors. */
  userId: string | null;
  attributes: VisitorAttributes;
}

/** A page the visitor opened (the loader reports every one, SPA navigations included). */
export interface PageView {
  url: string;
  title: string;
  referrer: string | null;
  /** When the page was shown, by the visitor's clock. */
  at: number;
}

/** A visitor's page view as agents receive it. */
export interface VisitorPageView extends PageView {
  visitorId: string;
  siteId: string;
}

/** Where a waiting visitor is in the queue (1: next); null once an agent has it. */
export interface QueuePosition {
  conversationId: string;
  position: number | null;
}

/** A visitor's profile changed (identify, set, the pre-chat or leave-a-message form). */
export interface VisitorUpdated {
  visitorId: string;
  profile: VisitorProfile;
}

export interface AgentSession {
  agent: Agent;
  protocolVersion: number;
  /** The status this agent chose (kept across sign-ins). */
  statusChoice: AgentStatusChoice;
}

/** The browser and device behind a visitor, parsed from the User-Agent. */
export interface DeviceInfo {
  /** e.g. "Chrome 131", "Safari 17.1", "WeChat 8.0"; null when unknown. */
  browser: string | null;
  /** e.g. "Windows 10", "iOS 17.1", "Android 14", "macOS"; null when unknown. */
  os: string | null;
  type: 'desktop' | 'mobile' | 'tablet' | 'unknown';
  userAgent: string | null;
}

/** Where a visit came from: the first page's referrer, and the search words when it was a search engine. */
export interface VisitSource {
  referrer: string | null;
  /** e.g. "google", "baidu", "bing"; null when the referrer is not a known search engine. */
  searchEngine: string | null;
  /** The words searched, when the engine still passes them (Baidu and Bing often do; Google rarely). */
  searchKeyword: string | null;
}

/** A visitor as the radar (live visitors) shows them. */
export interface LiveVisitor {
  visitorId: string;
  siteId: string;
  siteName: string;
  /** The visitor's name, or a stable handle such as "Visitor 3fa9c2". */
  name: string;
  status: PresenceStatus;
  /** The page they are on now (the newest page view), or null before the first one. */
  currentPage: PageView | null;
  /** Server time when this visit began (the first connection after 30 minutes away). */
  visitStartedAt: number;
  /** Their open conversation, if any: "chatting". */
  conversationId: string | null;
  device: DeviceInfo;
  /** e.g. "zh-CN", from the browser; null when unknown. */
  language: string | null;
}

/** Everything the console's visitor panel shows. */
export interface VisitorDetails extends LiveVisitor {
  profile: VisitorProfile;
  /** Linked by a verified identify (the site's HMAC), not just a claim. */
  verified: boolean;
  /** IANA time zone reported by the browser (for the visitor's local time); null when unknown. */
  timeZone: string | null;
  /** The address the visitor connected from (the proxy's X-Forwarded-For when trusted). */
  ip: string | null;
  /** How many visits: connections more than 30 minutes after the previous activity start a new one. */
  visits: number;
  firstSeenAt: number;
  lastSeenAt: number;
  source: VisitSource;
  /** The newest page views first, at most 50. */
  pageTrail: PageView[];
  /** The visitor's other conversations, newest first, at most 20. */
  previousConversations: Pick<Conversation, 'id' | 'status' | 'createdAt' | 'lastMessageAt' | 'lastMessagePreview'>[];
}

/** A saved reply agents insert with `/shortcut`. Shared ones are the workspace's; personal ones their owner's. */
export interface CannedReply {
  id: string;
  /** Lower-case letters, digits, - and _; unique within its scope (shared, or one agent's personal ones). */
  shortcut: string;
  body: string;
  scope: 'shared' | 'personal';
  /** Who made it; for personal replies, the only agent who sees it. */
  ownerId: string;
  createdAt: number;
  updatedAt: number;
}

export interface MessagePage {
  messages: Message[];
  /** True when more messages follow the last one returned: ask again after its seq. */
  hasMore: boolean;
}

/** Older messages (`messages.history`), oldest first. */
export interface HistoryPage {
  messages: Message[];
  /** True when still older messages exist: ask again before the first one's seq. */
  hasMore: boolean;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/**
 * Someone is typing in a conversation. Agents also get the visitor's `draft`: the text
 * as typed, not yet sent ("typing preview"). Visitors never get drafts.
 */
export interface Typing {
  conversationId: string;
  senderType: 'visitor' | 'agent';
  senderId: string;
  /** The agent's display name, for the visitor's "Admin is typing…". */
  senderName: string | null;
  typing: boolean;
  draft?: string;
}
