/**
 * Runtime schemas for every payload a client may send. The server validates each
 * one at its edge; clients import only the inferred types, so zod stays out of the
 * widget bundle.
 */
import { z } from 'zod';
import { CONVERSATION_PAGE_MAX, MESSAGE_BODY_MAX_CHARS, SYNC_PAGE_MAX } from './limits.js';

const id = z.string().min(1).max(64);
/** Client-made message ids: UUIDs in practice; any short url-safe token is accepted. */
const clientMsgId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 url-safe characters');
const body = z.string().max(MESSAGE_BODY_MAX_CHARS).refine((s) => s.trim().length > 0, 'must not be blank');

export const visitorHandshake = z.object({
  protocolVersion: z.number().int(),
  siteKey: z.string().min(1).max(64),
  visitorToken: z.string().max(128).optional(),
  /** The embedding page's origin, when the client runs inside Kefu's iframe. */
  hostOrigin: z.string().max(255).optional(),
});

export const agentHandshake = z.object({
  protocolVersion: z.number().int(),
});

export const empty = z.object({}).strict();

export const visitorSend = z.object({
  clientMsgId,
  body,
  /** Omitted: the visitor's open conversation, created on the first message. */
  conversationId: id.optional(),
}).strict();

export const agentSend = z.object({ clientMsgId, body, conversationId: id }).strict();

export const sync = z.object({
  conversationId: id,
  afterSeq: z.number().int().min(0),
  limit: z.number().int().min(1).max(SYNC_PAGE_MAX).optional(),
}).strict();

export const markRead = z.object({ conversationId: id, seq: z.number().int().min(0) }).strict();

export const typingUpdate = z.object({
  conversationId: id,
  typing: z.boolean(),
  /** The visitor's unsent text, for the agents' typing preview. */
  draft: z.string().max(MESSAGE_BODY_MAX_CHARS).optional(),
}).strict();

/** active: a visible tab (visitor) or an agent at work; idle: hidden tabs, or an agent who set "away". */
export const presenceUpdate = z.object({ state: z.enum(['active', 'idle']) }).strict();

export const conversationList = z.object({
  status: z.enum(['open', 'closed']).optional(),
  before: z.string().max(128).optional(),
  limit: z.number().int().min(1).max(CONVERSATION_PAGE_MAX).optional(),
}).strict();

export const login = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
}).strict();

export type VisitorHandshake = z.infer<typeof visitorHandshake>;
export type AgentHandshake = z.infer<typeof agentHandshake>;
export type VisitorSend = z.infer<typeof visitorSend>;
export type AgentSend = z.infer<typeof agentSend>;
export type SyncRequest = z.infer<typeof sync>;
export type MarkReadRequest = z.infer<typeof markRead>;
export type TypingUpdate = z.infer<typeof typingUpdate>;
export type PresenceUpdate = z.infer<typeof presenceUpdate>;
export type ConversationListRequest = z.infer<typeof conversationList>;
export type LoginRequest = z.infer<typeof login>;
