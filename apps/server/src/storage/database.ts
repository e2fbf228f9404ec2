/** Table types for Kysely. Times are integer milliseconds since the epoch. */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: number;
}

export interface SitesTable {
  id: string;
  workspace_id: string;
  /** The public key in the embed snippet. */
  public_key: string;
  name: string;
  /** JSON array of origins, e.g. ["https://shop.example.com", "http://localhost:*"]. */
  allowed_origins: string;
  created_at: number;
  /** JSON object: the widget settings an admin set (WidgetConfig minus siteName); absent keys take the defaults. */
  settings: Generated<string>;
  /** Keys the HMAC of `identify` hashes. Filled for every site (migration 0004, creation); null would verify nothing. */
  identity_secret: string | null;
  /** 1: a handshake whose identity has no valid hash is refused. */
  identity_enforced: Generated<number>;
  /** JSON RoutingSettings (absent keys take the defaults); never sent to visitors. */
  routing: Generated<string>;
}

export interface AgentsTable {
  id: string;
  workspace_id: string;
  /** Stored lower-cased. */
  email: string;
  name: string;
  /** argon2id, PHC string. */
  password_hash: string;
  role: 'owner' | 'admin' | 'agent';
  created_at: number;
  /** AgentStatusChoice: what the agent set themselves to. */
  status_choice: Generated<'online' | 'away'>;
  /** 0: deactivated (cannot sign in; routing skips them). */
  active: Generated<number>;
  /** The most open conversations routing gives them at once. */
  max_chats: Generated<number>;
  /** When routing last gave them a conversation: round-robin among agents with equally few chats. */
  last_assigned_at: number | null;
}

export interface AgentSessionsTable {
  /** sha256 of the cookie's token: a stolen database does not yield live sessions. */
  id: string;
  agent_id: string;
  created_at: number;
  expires_at: number;
}

export interface VisitorsTable {
  id: string;
  site_id: string;
  /** sha256 of the visitor token. */
  token_hash: string;
  name: string | null;
  created_at: number;
  last_seen_at: number;
  /** The site's own user id, set only by a verified identify; unique per site. */
  user_id: string | null;
  /** As the visitor or the site said; never verified, never used to link visitors. */
  email: string | null;
  phone: string | null;
  /** JSON object of custom attributes (VisitorAttributes). */
  attributes: Generated<string>;
  /** As the newest connection reported them (the visitor panel). */
  user_agent: string | null;
  ip: string | null;
  language: string | null;
  time_zone: string | null;
  /** Connections more than 30 minutes after the last activity start a new visit. */
  visits: Generated<number>;
  /** When the current visit began; null: at created_at. */
  visit_started_at: number | null;
}

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  site_id: string;
  visitor_id: string;
  status: 'open' | 'closed';
  assignee_id: string | null;
  /** The seq of the newest message; the next message takes last_seq + 1 in the same transaction. */
  last_seq: Generated<number>;
  last_message_at: number | null;
  last_message_preview: string | null;
  created_at: number;
  /** The team it is routed to; null: the whole workspace. */
  team_id: Generated<string | null>;
  /** Since when the visitor waits for an agent (queue order, reassign timer); null while an agent has it. */
  waiting_since: Generated<number | null>;
  /** The seq of the visitor's newest message (0: none): they have read up to it (conversations/read-cursors.ts). */
  visitor_wrote_seq: Generated<number>;
  /** The agent who wrote (or caused) the newest agent-side message, and its seq: they have read up to it. */
  agent_wrote_id: Generated<string | null>;
  agent_wrote_seq: Generated<number>;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_msg_id: string;
  sender_type: 'visitor' | 'agent' | 'system';
  sender_id: string | null;
  body: string;
  created_at: number;
  /** JSON ConversationEvent of a system message; null for people's messages. */
  event: string | null;
}

export interface ReadCursorsTable {
  conversation_id: string;
  reader_type: 'visitor' | 'agent';
  reader_id: string;
  /** Everything up to this seq has been read; only ever moves forward. */
  seq: number;
  updated_at: number;
}

export interface PageViewsTable {
  id: string;
  visitor_id: string;
  site_id: string;
  url: string;
  title: string;
  referrer: string | null;
  /** When the page was shown, by the visitor's clock. */
  at: number;
  created_at: number;
}

export interface NotesTable {
  id: string;
  conversation_id: string;
  agent_id: string;
  client_note_id: string;
  body: string;
  created_at: number;
}

export interface ConversationTagsTable {
  conversation_id: string;
  /** Lower-cased, trimmed. */
  tag: string;
  created_at: number;
}

export interface CannedRepliesTable {
  id: string;
  workspace_id: string;
  owner_id: string;
  scope: 'shared' | 'personal';
  /** Lower-case; unique per workspace (shared) or per owner (personal). */
  shortcut: string;
  body: string;
  created_at: number;
  updated_at: number;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: number;
}

export interface TeamMembersTable {
  team_id: string;
  agent_id: string;
}

export interface InvitationsTable {
  id: string;
  workspace_id: string;
  /** sha256 of the link's token. */
  token_hash: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'agent';
  /** JSON array of team ids. */
  team_ids: Generated<string>;
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export interface Database {
  workspaces: WorkspacesTable;
  sites: SitesTable;
  agents: AgentsTable;
  agent_sessions: AgentSessionsTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  read_cursors: ReadCursorsTable;
  page_views: PageViewsTable;
  notes: NotesTable;
  conversation_tags: ConversationTagsTable;
  canned_replies: CannedRepliesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  invitations: InvitationsTable;
}

export type SiteRow = Selectable<SitesTable>;
export type AgentRow = Selectable<AgentsTable>;
export type NewAgent = Insertable<AgentsTable>;
export type VisitorRow = Selectable<VisitorsTable>;
export type NewVisitor = Insertable<VisitorsTable>;
export type PageViewRow = Selectable<PageViewsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type NoteRow = Selectable<NotesTable>;
export type CannedReplyRow = Selectable<CannedRepliesTable>;
