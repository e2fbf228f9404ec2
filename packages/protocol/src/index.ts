export { PROTOCOL_VERSION } from './version.js';
export * from './limits.js';
export * from './errors.js';
export type * from './models.js';
export * from './events.js';
export type {
  AgentHandshake,
  AgentSend,
  ConversationListRequest,
  LoginRequest,
  MarkReadRequest,
  PresenceUpdate,
  SyncRequest,
  TypingUpdate,
  VisitorHandshake,
  VisitorSend,
} from './schemas.js';
export { BRIDGE_UNREAD_MAX, BRIDGE_VERSION } from './bridge.js';
export type { BridgeFrame, HostFrame, HostFrameType, WidgetFrame, WidgetFrameType } from './bridge.js';
