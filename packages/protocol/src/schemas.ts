/**
 * Runtime schemas for every payload a client may send. The server validates each
 * one at its edge; clients import only the inferred types, so zod stays out of the
 * widget bundle.
 */
import { z } from 'zod';
import {
  ATTRIBUTE_KEY_MAX_CHARS,
  ATTRIBUTE_VALUE_MAX_CHARS,
  ATTRIBUTES_MAX_KEYS,
  CONVERSATION_PAGE_MAX,
  DEPARTMENTS_MAX,
  MESSAGE_BODY_MAX_CHARS,
  NOTE_BODY_MAX_CHARS,
  PAGE_TITLE_MAX_CHARS,
  PAGE_URL_MAX_CHARS,
  SYNC_PAGE_MAX,
  TAG_MAX_CHARS,
  TAGS_MAX,
} from './limits.js';

const id = z.string().min(1).max(64);
/** Client-made message ids: UUIDs in practice; any short url-safe token is accepted. */
const clientMsgId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 url-safe characters');
const body = z.string().max(MESSAGE_BODY_MAX_CHARS).refine((s) => s.trim().length > 0, 'must not be blank');

const name = z.string().trim().min(1).max(120);
const email = z.string().trim().toLowerCase().email().max(254);
/** Digits with the usual separators and an optional leading +; 5 to 20 digits. */
const phone = z
  .string()
  .trim()
  .max(32)
  .regex(/^\+?[0-9 ()./-]+$/, 'expected a phone number')
  .refine((s) => { const digits = s.replace(/\D/g, '').length; return digits >= 5 && digits <= 20; }, 'expected 5-20 digits');

/**
 * A logged-in user of the site (`Kefu('identify', ...)`). `hash` is the lower-case hex
 * HMAC-SHA256 of `userId` keyed with the site's identity secret, made by the site's
 * server. Without a valid hash the claim links nothing: in enforce mode it is refused.
 */
export const identity = z.object({
  userId: z.string().min(1).max(128),
  hash: z.string().max(128).optional(),
  name: name.optional(),
  email: email.optional(),
}).strict();

export const visitorHandshake = z.object({
  protocolVersion: z.number().int(),
  siteKey: z.string().min(1).max(64),
  visitorToken: z.string().max(128).optional(),
  /** The embedding page's origin, when the client runs inside Kefu's iframe. */
  hostOrigin: z.string().max(255).optional(),
  identity: identity.optional(),
  /** The browser's IANA time zone and language, for the agents' visitor panel. */
  timeZone: z.string().max(64).optional(),
  language: z.string().max(35).optional(),
});

export const attributes = z
  .record(
    z.string().min(1).max(ATTRIBUTE_KEY_MAX_CHARS).regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, _ . -'),
    z.union([z.string().max(ATTRIBUTE_VALUE_MAX_CHARS), z.number().finite(), z.boolean(), z.null()]),
  )
  .refine((r) => Object.keys(r).length <= ATTRIBUTES_MAX_KEYS, `at most ${ATTRIBUTES_MAX_KEYS} attributes`);

/** Fields left out stay as they are; `attributes` merge into the stored ones (null removes a key). */
export const profileUpdate = z.object({
  name: name.optional(),
  email: email.optional(),
  phone: phone.optional(),
  attributes: attributes.optional(),
}).strict();

export const pageView = z.object({
  url: z.string().max(PAGE_URL_MAX_CHARS).url(),
  title: z.string().max(PAGE_TITLE_MAX_CHARS),
  referrer: z.string().max(PAGE_URL_MAX_CHARS).nullable(),
  at: z.number().int().min(0),
}).strict();

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'expected HH:MM');

export const businessHours = z.object({
  timeZone: z.string().min(1).max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone'),
  spans: z.array(z.object({ day: z.number().int().min(0).max(6), from: hhmm, to: hhmm }).strict().refine((s) => s.from < s.to, '`from` must be before `to`')).max(50),
}).strict();

/** `PATCH /api/v1/sites/:id`: any subset of the settings. */
export const siteSettingsUpdate = z.object({
  name: z.string().trim().min(1).max(120),
  allowedOrigins: z.array(z.string().min(1).max(255)).max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected #rrggbb').transform((c) => c.toLowerCase()),
  position: z.enum(['right', 'left']),
  locale: z.enum(['auto', 'en', 'zh-CN']),
  greeting: z.string().trim().max(500).nullable(),
  agentDisplayName: z.string().trim().min(1).max(120).nullable(),
  agentAvatarUrl: z.string().max(1024).url().refine((u) => u.startsWith('https://') || u.startsWith('http://'), 'expected an http(s) URL').nullable(),
  businessHours: businessHours.nullable(),
  preChat: z.array(z.object({ key: z.enum(['name', 'email', 'phone', 'message']), required: z.boolean() }).strict()).max(4)
    .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'each field once'),
  /** Team ids for the pre-chat "Which department?", in order; the server checks they are the workspace's. */
  departments: z.array(id).max(DEPARTMENTS_MAX).refine((ids) => new Set(ids).size === ids.length, 'each team once'),
  identityEnforced: z.boolean(),
  routing: z.object({
    mode: z.enum(['auto', 'manual']),
    teamId: id.nullable(),
    reassignAfterSeconds: z.number().int().min(30).max(86_400).nullable(),
    autoReplyAfterSeconds: z.number().int().min(5).max(3_600).nullable(),
    autoReply: z.string().trim().min(1).max(1000).nullable(),
  }).partial().strict(),
}).partial().strict();

/** `POST /api/v1/sites`: a new site (its key and identity secret are made by the server). */
export const siteCreate = z.object({
  name: z.string().trim().min(1).max(120),
  allowedOrigins: z.array(z.string().min(1).max(255)).max(100).optional(),
}).strict();

const role = z.enum(['owner', 'admin', 'agent']);
const password = z.string().min(10, 'at least 10 characters').max(1024);

/** `POST /api/v1/agents/invitations` (owners and admins; only owners invite owners). */
export const invitationCreate = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  name: z.string().trim().min(1).max(120),
  role,
  teamIds: z.array(id).max(50).optional(),
}).strict();

/** `POST /api/v1/invitations/:token/accept`: the new agent's password (and name, if they change it). */
export const invitationAccept = z.object({ password, name: z.string().trim().min(1).max(120).optional() }).strict();

/** `PATCH /api/v1/agents/:id`. */
export const agentUpdate = z.object({
  name: z.string().trim().min(1).max(120),
  role,
  active: z.boolean(),
  maxChats: z.number().int().min(1).max(100),
}).partial().strict();

/** `POST /api/v1/agents/:id/password`: an admin sets a new password (the agent's sessions end). */
export const passwordReset = z.object({ password }).strict();

/** `POST /api/v1/teams`, `PATCH /api/v1/teams/:id`. */
export const teamCreate = z.object({ name: z.string().trim().min(1).max(80), agentIds: z.array(id).max(500).optional() }).strict();
export const teamUpdate = teamCreate.partial().strict();

export const agentHandshake = z.object({
  protocolVersion: z.number().int(),
});

export const empty = z.object({}).strict();

export const visitorSend = z.object({
  clientMsgId,
  body,
  /** Omitted: the visitor's open conversation, created on the first message. */
  conversationId: id.optional(),
  /** The department chosen in the pre-chat form (one of WidgetConfig.departments); read only when this message opens a conversation. */
  teamId: id.optional(),
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

/** Lower-cased, trimmed labels: letters (any script), digits, space, - _ . : */
export const tag = z.string().trim().toLowerCase().min(1).max(TAG_MAX_CHARS).regex(/^[\p{L}\p{N} _.:-]+$/u, 'expected letters, digits, space, - _ . :');

export const conversationList = z.object({
  /** Default `open`. */
  view: z.enum(['unassigned', 'mine', 'open', 'closed']).optional(),
  /** Kept for older clients: `closed` is the closed view, `open` the open one. */
  status: z.enum(['open', 'closed']).optional(),
  siteId: id.optional(),
  teamId: id.optional(),
  tag: tag.optional(),
  /** Matches the visitor's name, email or phone, or any message's text (case-insensitive, substring). */
  query: z.string().trim().min(1).max(200).optional(),
  before: z.string().max(128).optional(),
  limit: z.number().int().min(1).max(CONVERSATION_PAGE_MAX).optional(),
}).strict();

export const conversationRef = z.object({ conversationId: id }).strict();

/** Older messages: before `beforeSeq` (omitted: the newest ones). */
export const history = z.object({
  conversationId: id,
  beforeSeq: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(SYNC_PAGE_MAX).optional(),
}).strict();

/**
 * Take (your own id), give or transfer (another agent's), or put back in the queue
 * (null). With `teamId` (and `assigneeId: null`) it is transferred to a team: routing
 * picks one of its agents. The note is for agents only.
 */
export const assign = z.object({
  conversationId: id,
  assigneeId: id.nullable(),
  teamId: id.nullable().optional(),
  note: z.string().trim().min(1).max(NOTE_BODY_MAX_CHARS).optional(),
}).strict();

export const tagsUpdate = z.object({
  conversationId: id,
  add: z.array(tag).max(TAGS_MAX).optional(),
  remove: z.array(tag).max(TAGS_MAX).optional(),
}).strict();

export const noteSend = z.object({
  conversationId: id,
  clientNoteId: clientMsgId,
  body: z.string().max(NOTE_BODY_MAX_CHARS).refine((s) => s.trim().length > 0, 'must not be blank'),
}).strict();

export const visitorRef = z.object({ visitorId: id }).strict();

/** An agent starts a chat with a visitor on the site (from the radar); their widget opens with it. */
export const invite = z.object({ visitorId: id, clientMsgId, body }).strict();

export const agentStatus = z.object({ status: z.enum(['online', 'away']) }).strict();

const shortcut = z.string().trim().toLowerCase().min(1).max(32).regex(/^[a-z0-9_-]+$/, 'expected a-z, 0-9, - and _');

export const cannedReplyCreate = z.object({
  shortcut,
  body: z.string().max(MESSAGE_BODY_MAX_CHARS).refine((s) => s.trim().length > 0, 'must not be blank'),
  scope: z.enum(['shared', 'personal']),
}).strict();

export const cannedReplyUpdate = cannedReplyCreate.partial().strict();

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
export type ConversationRef = z.infer<typeof conversationRef>;
export type HistoryRequest = z.infer<typeof history>;
export type AssignRequest = z.infer<typeof assign>;
export type TagsUpdate = z.infer<typeof tagsUpdate>;
export type NoteSend = z.infer<typeof noteSend>;
export type VisitorRef = z.infer<typeof visitorRef>;
export type InviteRequest = z.infer<typeof invite>;
export type AgentStatusUpdate = z.infer<typeof agentStatus>;
export type CannedReplyCreate = z.infer<typeof cannedReplyCreate>;
export type CannedReplyUpdate = z.infer<typeof cannedReplyUpdate>;
export type LoginRequest = z.infer<typeof login>;
export type Identity = z.infer<typeof identity>;
export type ProfileUpdate = z.infer<typeof profileUpdate>;
export type SiteSettingsUpdate = z.infer<typeof siteSettingsUpdate>;
export type SiteCreate = z.infer<typeof siteCreate>;
export type InvitationCreate = z.infer<typeof invitationCreate>;
export type InvitationAccept = z.infer<typeof invitationAccept>;
export type AgentUpdate = z.infer<typeof agentUpdate>;
export type PasswordReset = z.infer<typeof passwordReset>;
export type TeamCreate = z.infer<typeof teamCreate>;
export type TeamUpdate = z.infer<typeof teamUpdate>;
