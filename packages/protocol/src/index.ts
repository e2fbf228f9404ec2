export { PROTOCOL_VERSION } from './version.js';
export * from './limits.js';
export * from './errors.js';
export type * from './models.js';
export * from './events.js';
export type {
  AgentHandshake,
  AgentSend,
  AgentStatusUpdate,
  AssignRequest,
  CannedReplyCreate,
  CannedReplyUpdate,
  ConversationListRequest,
  ConversationRef,
  HistoryRequest,
  InviteRequest,
  NoteSend,
  TagsUpdate,
  VisitorRef,
  Identity,
  LoginRequest,
  MarkReadRequest,
  PresenceUpdate,
  ProfileUpdate,
  SiteSettingsUpdate,
  SiteCreate,
  InvitationCreate,
  InvitationAccept,
  AgentUpdate,
  PasswordReset,
  TeamCreate,
  TeamUpdate,
  SyncRequest,
  TypingUpdate,
  VisitorHandshake,
  VisitorSend,
} from './schemas.js';
export { BRIDGE_UNREAD_MAX, BRIDGE_VERSION } from './bridge.js';
export type { BridgeFrame, BridgeIdentity, BridgeMessage, BridgePage, HostFrame, HostFrameType, LauncherConfig, WidgetFrame, WidgetFrameType } from './bridge.js';
export { openAt } from './hours.js';
export { AUTO_REPLY_DEFAULT, WIDGET_DEFAULTS } from './defaults.js';
export { messagePreview, PREVIEW_MAX_CHARS } from './preview.js';
export { stampOrderedId } from './ordered-id.js';
