export { AgentClient, type AgentClientEvents, type AgentClientOptions } from './agent.js';
export type { ChatItem, MessageState } from './chat.js';
export type { NoteItem } from './notes.js';
export type { ConnectionState, ConnectionOptions, Transport } from './connection.js';
export { KefuError, type ClientErrorCode } from './errors.js';
export { newClientMsgId } from './ids.js';
export {
  acceptInvitation,
  createCannedReply,
  createSite,
  createTeam,
  currentAgent,
  deleteCannedReply,
  deleteTeam,
  invitationInfo,
  inviteAgent,
  listAgentAccounts,
  listCannedReplies,
  listInvitations,
  listSites,
  listTeams,
  resetAgentPassword,
  revokeInvitation,
  rotateIdentitySecret,
  signIn,
  signOut,
  updateAgent,
  updateCannedReply,
  updateSite,
  updateTeam,
  type InvitationInfo,
  type SignInResult,
} from './rest.js';
export { browserStorage, memoryStorage, type KeyValueStorage } from './storage.js';
export { VisitorClient, type VisitorClientEvents, type VisitorClientOptions } from './visitor.js';
export * from '@kefu/protocol';
