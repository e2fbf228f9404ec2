import type {
  AgentClientEvents,
  AgentServerEvents,
  ErrorEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '@kefu/protocol';
import type { Namespace, Socket } from 'socket.io';
import type { AgentSessionInfo } from '../auth/repo.js';

export interface VisitorSocketData {
  visitorId: string;
  siteId: string;
  workspaceId: string;
  /** Given back in `session.hello`: the same token, or a newly issued one. */
  visitorToken: string;
}

export type AgentSocketData = AgentSessionInfo;

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents & ErrorEvents, object, VisitorSocketData>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents & ErrorEvents, object, AgentSocketData>;
export type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents & ErrorEvents, object, VisitorSocketData>;
export type AgentSocket = Socket<AgentClientEvents, AgentServerEvents & ErrorEvents, object, AgentSocketData>;
