import type { Typing } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { ask, connectAgent, connectVisitor, rawVisitorSocket } from '../test-support/clients.js';
import { waitFor } from '../test-support/wait.js';

describe('typing indicators and the typing preview', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());

  it('shows agents what the visitor is typing, and the visitor only that an agent types', async () => {
    const db = server.app.kefu.storage.db;
    const workspaceId = (await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const colleague = { email: 'typist@example.com', password: 'typist-pass-1' };
    await db.insertInto('agents').values({ id: newId(), workspace_id: workspaceId, email: colleague.email, name: 'Mei', password_hash: await hashPassword(colleague.password), role: 'agent', created_at: Date.now() }).execute();

    const visitor = await connectVisitor(server);
    visitor.send('hello');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'a conversation');
    const conversationId = visitor.conversation!.id;
    const agent = await connectAgent(server, ADMIN);
    const other = await connectAgent(server, colleague);

    visitor.setDraft('I would like to ret');
    visitor.setDraft('I would like to return my order');
    const preview = await waitFor(() => agent.typingIn(conversationId).find((t) => t.draft === 'I would like to return my order'), 'the final draft');
    expect(preview).toMatchObject({ senderType: 'visitor', typing: true });

    visitor.send('I would like to return my order');
    await waitFor(() => agent.typingIn(conversationId).length === 0, 'the preview to go once sent');

    const heard: Typing[] = [];
    const raw = await rawVisitorSocket(server, {});
    raw.on('typing.changed', (t: Typing) => heard.push(t));
    other.setDraft(conversationId, 'secret internal wording');
    const seenByVisitor = await waitFor(() => visitor.agentTyping(), 'the visitor to see the agent typing');
    expect(seenByVisitor).toBe('Mei');
    const seenByColleague = await waitFor(() => agent.typingIn(conversationId)[0], 'the colleague to see it');
    expect(seenByColleague.draft).toBeUndefined();
    expect(other.typingIn(conversationId)).toEqual([]); // never echoed to the typist
    expect(heard).toEqual([]); // another visitor hears nothing
    for (const c of [visitor, agent, other]) c.close();
    raw.close();
  });

  it("refuses typing into someone else's conversation", async () => {
    const a = await rawVisitorSocket(server);
    const b = await rawVisitorSocket(server);
    const sent = await ask<{ ok: true; data: { conversationId: string } }>(a, 'message.send', { clientMsgId: 'typing-0001', body: 'x' });
    expect(await ask(b, 'typing.update', { conversationId: sent.data.conversationId, typing: true, draft: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    a.close();
    b.close();
  });
});
