import { AgentClient, memoryStorage, signIn, VisitorClient, type KeyValueStorage, type VisitorClientOptions } from '@kefu/client';
import { PROTOCOL_VERSION } from '@kefu/protocol';
import { io, type Socket } from 'socket.io-client';
import { ADMIN, type TestServer } from './server.js';
import { waitFor } from './wait.js';

/** A visitor on an allowed page of the default site (the Origin a browser would send). */
export async function connectVisitor(
  server: Pick<TestServer, 'url' | 'siteKey'>,
  options: Partial<VisitorClientOptions> & { storage?: KeyValueStorage } = {},
): Promise<VisitorClient> {
  const client = new VisitorClient({
    url: server.url,
    siteKey: server.siteKey,
    storage: memoryStorage(),
    extraHeaders: { origin: 'http://localhost:3000' },
    ...options,
  });
  client.connect();
  await waitFor(() => client.state === 'ready' || client.state === 'failed', 'visitor to connect');
  return client;
}

export async function connectAgent(server: Pick<TestServer, 'url'>, credentials = ADMIN): Promise<AgentClient> {
  const { cookie } = await signIn(server.url, credentials.email, credentials.password);
  const client = new AgentClient({ url: server.url, extraHeaders: { cookie: cookie! }, storage: memoryStorage() });
  client.connect();
  await waitFor(() => client.state === 'ready' || client.state === 'failed', 'agent to connect');
  return client;
}

/** A bare Socket.IO client, for sending what the SDK never would. */
export async function rawVisitorSocket(server: Pick<TestServer, 'url' | 'siteKey'>, auth: Record<string, unknown> = {}): Promise<Socket> {
  const socket = io(`${server.url}/visitor`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: 'http://localhost:3000' },
    auth: { protocolVersion: PROTOCOL_VERSION, siteKey: server.siteKey, ...auth },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** A bare agent socket, signed in, for events the SDK does not surface (yet). */
export async function rawAgentSocket(server: Pick<TestServer, 'url'>, credentials = ADMIN): Promise<Socket> {
  const { cookie } = await signIn(server.url, credentials.email, credentials.password);
  const socket = io(`${server.url}/agent`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: cookie! },
    auth: { protocolVersion: PROTOCOL_VERSION },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Everything `socket` receives of `event` from now on. */
export function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Emits with an ack and resolves with whatever comes back. */
export function ask<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<T>;
}
