import { memoryStorage, type Message } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, connectAgent, connectVisitor, rawVisitorSocket } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

describe('read cursors and receipts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('shows each side when the other has read, and clears unread in every tab', async () => {
    const storage = memoryStorage();
    const tabA = await connectVisitor(server, { storage });
    tabA.send('one');
    tabA.send('two');
    await waitFor(() => tabA.items().length === 2 && tabA.items().every((i) => i.state === 'sent'), 'both sent');
    const tabB = await connectVisitor(server, { storage });
    const conversationId = tabA.conversation!.id;

    const agent = await connectAgent(server);
    const [summary] = (await agent.listConversations()).conversations;
    expect(agent.unreadCount(summary!)).toBe(2);
    await agent.open(conversationId);
    await agent.markRead(conversationId);
    expect(agent.unreadCount(summary!)).toBe(0);
    await waitFor(() => tabA.items().every((i) => i.state === 'read'), 'the visitor to see "read"');
    await waitFor(() => tabB.items().every((i) => i.state === 'read'), 'the other tab too');

    agent.send(conversationId, 'reply');
    await waitFor(() => tabA.unreadCount() === 1 && tabB.unreadCount() === 1, 'one unread in both tabs');
    expect(agent.items(conversationId).at(-1)?.state).toBe('sent');
    await tabA.markRead();
    await waitFor(() => tabB.unreadCount() === 0, 'reading in one tab to clear the other');
    await waitFor(() => agent.items(conversationId).at(-1)?.state === 'read', 'the agent to see its reply read');

    // The visitor writes again: one unread for the agent, whose reply moved its own cursor.
    const seen: Message[] = [];
    agent.on('message', (m) => seen.push(m));
    tabB.send('three');
    await waitFor(() => seen.length === 1, 'the new message');
    expect(agent.unreadCount({ id: conversationId, lastSeq: seen[0]!.seq })).toBe(1);
    for (const c of [tabA, tabB, agent]) c.close();
  });

  it('never moves a cursor back or past the last message, and only for your own conversation', async () => {
    const a = await rawVisitorSocket(server);
    const sent = await ask<{ ok: true; data: Message }>(a, 'message.send', { clientMsgId: 'read-test-0001', body: 'hi' });
    const conversationId = sent.data.conversationId;
    expect(await ask(a, 'conversation.read', { conversationId, seq: 999 })).toEqual({ ok: true, data: { seq: 1 } });
    expect(await ask(a, 'conversation.read', { conversationId, seq: 0 })).toEqual({ ok: true, data: { seq: 1 } });
    expect(await ask(a, 'conversation.read', { conversationId, seq: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const b = await rawVisitorSocket(server);
    expect(await ask(b, 'conversation.read', { conversationId, seq: 1 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    a.close();
    b.close();
  });
});
