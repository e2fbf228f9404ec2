import type { AckResult, ConversationSummary, Message } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { ask, collect, connectAgent, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addAgent, firstWorkspaceId, type Credentials } from '../test-support/workspaces.js';

const ok = <T>(result: AckResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

/**
 * Who receives a message: the visitor's tabs, its assignee and the agents that opened
 * it; every agent only while nobody has it. Everyone's inbox row follows, throttled.
 */
describe('message fan-out to the agents concerned', () => {
  let server: TestServer;
  let bea: Credentials & { id: string };
  let cho: Credentials & { id: string };
  const sockets: Socket[] = [];
  const agentSocket = async (credentials: Credentials) => {
    const socket = await rawAgentSocket(server, credentials);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer({ config: { inboxRowIntervalMs: 300 } });
    const workspaceId = await firstWorkspaceId(server);
    bea = await addAgent(server, workspaceId, 'agent', 'Bea');
    cho = await addAgent(server, workspaceId, 'agent', 'Cho');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
  });

  it('reaches everyone while unassigned, then only the assignee and those who opened it; rows reach those listing all open chats', async () => {
    const [admin, beaSocket, choSocket] = await Promise.all([agentSocket(ADMIN), agentSocket(bea), agentSocket(cho)]);
    // Cho watches "All open"; Bea her own chats.
    ok(await ask(choSocket, 'conversations.list', { view: 'open' }));
    ok(await ask(beaSocket, 'conversations.list', { view: 'mine' }));
    const received = [admin, beaSocket, choSocket].map((s) => collect<Message>(s, 'message.created'));
    const rows = [admin, beaSocket, choSocket].map((s) => {
      const one = collect<ConversationSummary>(s, 'conversation.updated');
      const gathered = collect<ConversationSummary[]>(s, 'conversations.updated');
      return { some: (match: (c: ConversationSummary) => boolean) => one.some(match) || gathered.flat().some(match) };
    });
    const visitor = await rawVisitorSocket(server);
    sockets.push(visitor);
    ok(await ask(visitor, 'session.hello', {}));
    const first = ok(await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body: 'anyone there?' }));
    const conversationId = first.conversationId;
    await waitFor(() => received.every((r) => r.some((m) => m.id === first.id)), 'the unassigned message at every agent');

    // Bea takes it; the admin opens it (reads its history); Cho does neither.
    ok(await ask(beaSocket, 'conversation.assign', { conversationId, assigneeId: bea.id }));
    ok(await ask(admin, 'messages.history', { conversationId }));
    const second = ok(await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body: 'second', conversationId }));
    const reply = ok(await ask<AckResult<Message>>(beaSocket, 'message.send', { clientMsgId: newId(), body: 'hi, Bea here', conversationId }));
    // The sending socket has its message from the ack: not a second time.
    await waitFor(() => received[0]!.some((m) => m.id === reply.id) && received[0]!.some((m) => m.id === second.id) && received[1]!.some((m) => m.id === second.id), 'the admin gets both, the assignee the visitor\'s');
    expect(received[1]!.some((m) => m.id === reply.id)).toBe(false);
    // Cho's "All open" row shows the newest message (gathered, not per message); Bea has the messages themselves.
    await waitFor(() => rows[2]!.some((c) => c.id === conversationId && c.lastSeq === reply.seq && c.lastMessagePreview === 'hi, Bea here'), 'the All open row at the reply');
    expect(received[2]!.filter((m) => m.conversationId === conversationId && m.senderType !== 'system').map((m) => m.body)).toEqual(['anyone there?']);
  });

  it('moves an agent SDK row at once from the message, and keeps it when an older row arrives', async () => {
    const agent = await connectAgent(server, bea);
    const visitor = await rawVisitorSocket(server);
    sockets.push(visitor);
    ok(await ask(visitor, 'session.hello', {}));
    const first = ok(await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body: 'row one' }));
    await waitFor(async () => (await agent.listConversations({ view: 'unassigned' })).conversations.some((c) => c.id === first.conversationId), 'listed');
    const seen: ConversationSummary[] = [];
    agent.on('conversation', (c) => c.id === first.conversationId && seen.push(c));
    await ask(visitor, 'message.send', { clientMsgId: newId(), body: 'row   two\nlines', conversationId: first.conversationId });
    await waitFor(() => seen.some((c) => c.lastSeq === 2 && c.lastMessagePreview === 'row two lines'), 'the row moved by the message');
    // Never back: no row after the move shows fewer messages.
    const moved = seen.findIndex((c) => c.lastSeq === 2);
    expect(seen.slice(moved).every((c) => c.lastSeq === 2)).toBe(true);
    agent.close();
  });
});
