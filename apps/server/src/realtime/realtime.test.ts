import { memoryStorage, type Message, PROTOCOL_VERSION, SOCKET_PACKET_MAX_BYTES, VisitorClient } from '@kefu/client';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ask, connectAgent, connectVisitor, rawVisitorSocket } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

describe('the conversation loop over real sockets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('carries a visitor message to the agent and the reply back, with seq order and sender name', async () => {
    const agent = await connectAgent(server);
    const visitor = await connectVisitor(server);
    const arrived: Message[] = [];
    agent.on('message', (m) => arrived.push(m));

    visitor.send('Hello, is anyone there?');
    await waitFor(() => visitor.items().find((i) => i.state === 'sent'), 'the visitor message to be acked');
    const first = await waitFor(() => arrived[0], 'the agent to receive the message');
    expect(first).toMatchObject({ body: 'Hello, is anyone there?', seq: 1, senderType: 'visitor' });

    const inbox = await agent.listConversations();
    expect(inbox.conversations[0]).toMatchObject({ id: first.conversationId, lastMessagePreview: 'Hello, is anyone there?' });

    await agent.open(first.conversationId);
    agent.send(first.conversationId, 'Yes! How can I help?');
    const reply = await waitFor(() => visitor.items().find((i) => i.senderType === 'agent'), 'the visitor to receive the reply');
    expect(reply).toMatchObject({ body: 'Yes! How can I help?', seq: 2, senderName: 'Admin', state: 'sent' });
    expect(agent.items(first.conversationId).map((i) => [i.seq, i.state])).toEqual([[1, 'sent'], [2, 'sent']]);
    visitor.close();
    agent.close();
  });

  it('recognises a returning visitor by token and shows the whole history on every tab', async () => {
    const storage = memoryStorage();
    const first = await connectVisitor(server, { storage });
    first.send('first page');
    await waitFor(() => first.items()[0]?.state === 'sent', 'the first message');
    const visitorId = first.visitorId;
    first.close();

    // "The next page": a new client on the same storage.
    const [tabA, tabB] = await Promise.all([connectVisitor(server, { storage }), connectVisitor(server, { storage })]);
    expect(tabA.visitorId).toBe(visitorId);
    expect(tabB.visitorId).toBe(visitorId);
    await waitFor(() => tabA.items().length === 1 && tabB.items().length === 1, 'both tabs to sync the history');

    const agent = await connectAgent(server);
    await agent.open(tabA.conversation!.id);
    agent.send(tabA.conversation!.id, 'to every tab');
    await waitFor(() => tabA.items().length === 2 && tabB.items().length === 2, 'the reply in both tabs');
    for (const c of [tabA, tabB, agent]) c.close();
  });

  it('resends an unacked message with the same clientMsgId after reconnecting, stored once', async () => {
    const storage = memoryStorage();
    const visitor = await connectVisitor(server, { storage });
    visitor.send('warm-up');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'warm-up');
    visitor.close();
    // Queued while offline: the outbox is in storage, so a new page load sends it.
    const offline = new VisitorClient({ url: server.url, siteKey: server.siteKey, storage, extraHeaders: { origin: 'http://localhost:3000' } });
    const id = offline.send('written offline');
    expect(offline.items().at(-1)).toMatchObject({ key: id, state: 'sending' });
    offline.connect();
    await waitFor(() => offline.items().at(-1)?.state === 'sent', 'the queued message to be sent');

    // A duplicate send of that id returns the stored message and creates nothing.
    const raw = await rawVisitorSocket(server, { visitorToken: storage.get(`kefu:${server.siteKey}:token`) });
    const again = await ask<{ ok: true; data: Message }>(raw, 'message.send', { clientMsgId: id, body: 'written offline' });
    expect(again.data.seq).toBe(offline.items().at(-1)!.seq);
    const rows = await server.app.kefu.storage.db.selectFrom('messages').select('id').where('client_msg_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    raw.close();
    offline.close();
  });

  it('syncs thousands of missed messages in order, page by page', async () => {
    const storage = memoryStorage();
    const visitor = await connectVisitor(server, { storage });
    visitor.send('start');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'start');
    const conversationId = visitor.conversation!.id;
    visitor.close();
    const agent = await connectAgent(server);
    await agent.open(conversationId);
    for (let i = 0; i < 450; i++) agent.send(conversationId, `reply ${i}`);
    await waitFor(() => agent.items(conversationId).every((i) => i.state === 'sent') && agent.items(conversationId).length === 451, 'all replies acked', 30_000);

    const back = await connectVisitor(server, { storage });
    await waitFor(() => back.items().length === 451, 'the returning visitor to sync 451 messages');
    expect(back.items().map((i) => i.seq)).toEqual(Array.from({ length: 451 }, (_, i) => i + 1));
    back.close();
    agent.close();
  });
});

describe('refusals: every bad handshake and payload gets an error code and the server keeps serving', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('refuses a page origin the site does not allow', async () => {
    const visitor = await connectVisitor(server, { extraHeaders: { origin: 'https://evil.example' } });
    expect(visitor.state).toBe('failed');
    expect(visitor.lastError?.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('checks the embedding page of the widget iframe (own origin + hostOrigin)', async () => {
    const own = new URL(server.url).origin;
    const bad = await connectVisitor(server, { extraHeaders: { origin: own }, hostOrigin: 'https://evil.example' });
    expect(bad.lastError?.code).toBe('ORIGIN_NOT_ALLOWED');
    const good = await connectVisitor(server, { extraHeaders: { origin: own }, hostOrigin: 'http://localhost:5173' });
    expect(good.state).toBe('ready');
    good.close();
  });

  it('refuses an unknown site key and an unsupported protocol version', async () => {
    const visitor = await connectVisitor(server, { siteKey: 'no-such-site' });
    expect(visitor.lastError?.code).toBe('SITE_NOT_FOUND');
    const err = await rawVisitorSocket(server, { protocolVersion: PROTOCOL_VERSION + 1 }).catch((e: { data?: { code: string } }) => e);
    expect((err as { data: { code: string } }).data.code).toBe('PROTOCOL_UNSUPPORTED');
  });

  it('forgets an unknown visitor token and issues a new one', async () => {
    const storage = memoryStorage();
    storage.set(`kefu:${server.siteKey}:token`, 'forged-token');
    const visitor = await connectVisitor(server, { storage });
    await waitFor(() => visitor.state === 'ready', 'a fresh identity');
    expect(storage.get(`kefu:${server.siteKey}:token`)).not.toBe('forged-token');
    visitor.close();
  });

  it('answers malformed, oversized and ack-less payloads with error codes', async () => {
    const socket = await rawVisitorSocket(server);
    expect(await ask(socket, 'message.send', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'clientMsgId' } });
    expect(await ask(socket, 'message.send', 'just a string')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await ask(socket, 'message.send', { clientMsgId: 'abcdefgh-1', body: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'body' } });
    expect(await ask(socket, 'message.send', { clientMsgId: 'abcdefgh-2', body: 'x'.repeat(6000) })).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', path: 'body' } });
    expect(await ask(socket, 'message.send', { clientMsgId: 'abcdefgh-3', body: 'ok', admin: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await ask(socket, 'messages.sync', { conversationId: 'x', afterSeq: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'afterSeq' } });

    const error = new Promise((resolve) => socket.once('error', resolve));
    socket.emit('message.send', { clientMsgId: 'abcdefgh-4', body: 'no ack' });
    expect(await error).toMatchObject({ code: 'BAD_REQUEST' });

    // Still serving this very socket.
    expect(await ask(socket, 'message.send', { clientMsgId: 'abcdefgh-5', body: 'fine' })).toMatchObject({ ok: true, data: { seq: 1 } });
    socket.close();
  });

  it('answers every event of a socket through one listener, and refuses an event the namespace does not have', async () => {
    const socket = await rawVisitorSocket(server);
    const local = server.app.realtime.io.of('/visitor').sockets.get(socket.id!)!;
    // No closure per event and socket (see realtime/events.ts): one shared listener.
    expect(local.listenersAny()).toHaveLength(1);
    expect(local.listeners('message.send')).toHaveLength(0);
    expect(await ask(socket, 'visitor.lookup', {})).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'unknown event visitor.lookup' } });
    expect(await ask(socket, 'session.hello', {})).toMatchObject({ ok: true });
    socket.close();
  });

  it('drops only the socket that sends a packet over the size limit', async () => {
    const [big, bystander] = await Promise.all([rawVisitorSocket(server), rawVisitorSocket(server)]);
    const closed = new Promise((resolve) => big.once('disconnect', resolve));
    big.emit('message.send', { clientMsgId: 'abcdefgh-6', body: 'x'.repeat(SOCKET_PACKET_MAX_BYTES + 10) }, () => {});
    await closed;
    expect(await ask(bystander, 'message.send', { clientMsgId: 'abcdefgh-7', body: 'still here' })).toMatchObject({ ok: true });
    bystander.close();
  });

  it("never shows one visitor another visitor's conversation", async () => {
    const a = await rawVisitorSocket(server);
    const b = await rawVisitorSocket(server);
    const sent = await ask<{ ok: true; data: Message }>(a, 'message.send', { clientMsgId: 'private-0001', body: 'my secret' });
    expect(await ask(b, 'messages.sync', { conversationId: sent.data.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await ask(b, 'message.send', { conversationId: sent.data.conversationId, clientMsgId: 'private-0002', body: 'intrude' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    a.close();
    b.close();
  });

  it('refuses agent sockets without a session or from another origin', async () => {
    const noCookie = io(`${server.url}/agent`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { protocolVersion: PROTOCOL_VERSION } });
    const err = await new Promise<{ data: { code: string } }>((resolve) => noCookie.once('connect_error', resolve as never));
    expect(err.data.code).toBe('UNAUTHENTICATED');

    const agent = await connectAgent(server);
    const cookie = (agent as unknown as { options: { extraHeaders: { cookie: string } } }).options.extraHeaders.cookie;
    const crossSite = io(`${server.url}/agent`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie, origin: 'https://evil.example' }, auth: { protocolVersion: PROTOCOL_VERSION } });
    const err2 = await new Promise<{ data: { code: string } }>((resolve) => crossSite.once('connect_error', resolve as never));
    expect(err2.data.code).toBe('ORIGIN_NOT_ALLOWED');
    agent.close();
  });

  it("keeps workspaces apart: another workspace's agent sees nothing", async () => {
    const db = server.app.kefu.storage.db;
    const workspaceId = newId();
    await db.insertInto('workspaces').values({ id: workspaceId, name: 'Other', created_at: Date.now() }).execute();
    const other = { email: 'other@example.com', password: 'other-password-1' };
    await db.insertInto('agents').values({ id: newId(), workspace_id: workspaceId, email: other.email, name: 'Other', password_hash: await hashPassword(other.password), role: 'owner', created_at: Date.now() }).execute();

    const outsider = await connectAgent(server, other);
    const seen: Message[] = [];
    outsider.on('message', (m) => seen.push(m));
    const insider = await connectAgent(server);
    const inside: Message[] = [];
    insider.on('message', (m) => inside.push(m));

    const visitor = await connectVisitor(server);
    visitor.send('for workspace one only');
    await waitFor(() => inside.length > 0, 'the insider to receive it');
    expect(seen).toEqual([]);
    expect((await outsider.listConversations()).conversations).toEqual([]);
    await expect(outsider.open(visitor.conversation!.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const c of [outsider, insider, visitor]) c.close();
  });

  it('closes the sockets of a session when the agent signs out', async () => {
    const agent = await connectAgent(server);
    const cookie = (agent as unknown as { options: { extraHeaders: { cookie: string } } }).options.extraHeaders.cookie;
    const res = await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    await waitFor(() => agent.state === 'failed', 'the socket to be closed');
    expect(agent.lastError?.code).toBe('UNAUTHENTICATED');
  });
});
