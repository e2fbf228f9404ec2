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
  body: string;
  createdAt: number;
}

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  assigneeId: string | null;
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
}

/** A colleague as the console lists them. */
export interface AgentPresence extends Agent {
  status: PresenceStatus;
}

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

export interface VisitorSession {
  visitorId: string;
  /** Keep it and send it in the next handshake to be recognised as the same visitor. */
  visitorToken: string;
  /** The visitor's open conversation on this site, if any. */
  conversation: Conversation | null;
  protocolVersion: number;
}

export interface AgentSession {
  agent: Agent;
  protocolVersion: number;
}

export interface MessagePage {
  messages: Message[];
  /** True when more messages follow the last one returned: ask again after its seq. */
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
