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
}

export interface ReadCursorsTable {
  conversation_id: string;
  reader_type: 'visitor' | 'agent';
  reader_id: string;
  /** Everything up to this seq has been read; only ever moves forward. */
  seq: number;
  updated_at: number;
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
}

export type SiteRow = Selectable<SitesTable>;
export type AgentRow = Selectable<AgentsTable>;
export type VisitorRow = Selectable<VisitorsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
