import type {
  AgentClientEvents,
  AgentServerEvents,
  ErrorEvents,
  InterServerEvents,
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
  /** This tab is visible (active) or hidden (idle); see presence/tracker.ts. */
  presence: 'active' | 'idle';
}

export interface AgentSocketData extends AgentSessionInfo {
  /** At work (active) or away (idle) on this connection. */
  presence: 'active' | 'idle';
}

export type VisitorNamespace = Namespace<VisitorClientEvents, VisitorServerEvents & ErrorEvents, InterServerEvents, VisitorSocketData>;
export type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents & ErrorEvents, InterServerEvents, AgentSocketData>;
export type VisitorSocket = Socket<VisitorClientEvents, VisitorServerEvents & ErrorEvents, InterServerEvents, VisitorSocketData>;
export type AgentSocket = Socket<AgentClientEvents, AgentServerEvents & ErrorEvents, InterServerEvents, AgentSocketData>;
