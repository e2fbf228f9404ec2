import type { AckResult, Conversation, ConversationSummary, HistoryPage, Message } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ask, collect, connectVisitor, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

const ok = <T>(result: AckResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

for (const dialect of DIALECTS) {
  describe(`close, reopen, assign, transfer, tags and history (${dialect})`, () => {
    let server: TestServer;
    let admin: Socket;
    let adminId: string;
    let meiId: string;
    let outsider: Socket;
    let outsiderId: string;
    const sockets: Socket[] = [];

    async function agentSocket(credentials = ADMIN): Promise<Socket> {
      const socket = await rawAgentSocket(server, credentials);
      sockets.push(socket);
      return socket;
    }

    /** A visitor who said something: their socket and conversation. */
    async function visitorWithConversation(body = 'hello'): Promise<{ visitor: Socket; conversationId: string; token: string }> {
      const visitor = await rawVisitorSocket(server);
      sockets.push(visitor);
      const hello = ok(await ask<AckResult<{ visitorToken: string }>>(visitor, 'session.hello', {}));
      const sent = ok(await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body }));
      return { visitor, conversationId: sent.conversationId, token: hello.visitorToken };
    }

    beforeAll(async () => {
      server = await startServer({ dialect });
      const { db } = server.app.kefu.storage;
      const row = await db.selectFrom('agents').select(['id', 'workspace_id']).where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
      adminId = row.id;
      meiId = newId();
      await db.insertInto('agents').values({ id: meiId, workspace_id: row.workspace_id, email: 'mei@example.com', name: 'Mei', password_hash: await hashPassword('mei-password-1'), role: 'agent', created_at: Date.now() }).execute();
      const otherWorkspace = newId();
      outsiderId = newId();
      await db.insertInto('workspaces').values({ id: otherWorkspace, name: 'Other', created_at: Date.now() }).execute();
      await db.insertInto('agents').values({ id: outsiderId, workspace_id: otherWorkspace, email: 'out@example.com', name: 'Out', password_hash: await hashPassword('out-password-1'), role: 'owner', created_at: Date.now() }).execute();
      admin = await agentSocket();
      outsider = await agentSocket({ email: 'out@example.com', password: 'out-password-1' });
    });
    afterAll(async () => {
      for (const s of sockets) s.close();
      await server?.close();
    });

    it('closes with a system message the visitor sees; their send then gets CONVERSATION_CLOSED', async () => {
      const { visitor, conversationId } = await visitorWithConversation();
      const visitorMessages = collect<Message>(visitor, 'message.created');
      const visitorUpdates = collect<Conversation>(visitor, 'conversation.updated');
      const watcher = await agentSocket({ email: 'mei@example.com', password: 'mei-password-1' });
      const agentUpdates = collect<ConversationSummary>(watcher, 'conversation.updated');

      const closed = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.close', { conversationId }));
      expect(closed).toMatchObject({ status: 'closed', lastSeq: 2, lastMessagePreview: 'hello' });
      // Its own action is no unread message for the agent who closed it.
      expect(closed.agentReads[adminId]).toBe(2);
      await waitFor(() => visitorMessages.length === 1 && visitorUpdates.length === 1 && agentUpdates.some((c) => c.status === 'closed'), 'the close to fan out');
      expect(visitorMessages[0]).toMatchObject({ seq: 2, senderType: 'system', senderId: null, body: 'This conversation was closed', event: { type: 'closed', byAgentId: adminId } });
      expect(visitorUpdates[0]).toMatchObject({ id: conversationId, status: 'closed' });

      // Closing again changes nothing.
      expect(ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.close', { conversationId })).lastSeq).toBe(2);
      expect(await ask(visitor, 'message.send', { conversationId, clientMsgId: newId(), body: 'late' })).toMatchObject({ ok: false, error: { code: 'CONVERSATION_CLOSED' } });
      // Without a conversation id the visitor starts a new one.
      const fresh = ok(await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body: 'new question' }));
      expect(fresh.conversationId).not.toBe(conversationId);
      expect(fresh.seq).toBe(1);

      // ... which is why the old one cannot be reopened now.
      expect(await ask(admin, 'conversation.reopen', { conversationId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const sync = ok(await ask<AckResult<{ messages: Message[] }>>(admin, 'messages.sync', { conversationId, afterSeq: 0 }));
      expect(sync.messages.map((m) => m.seq)).toEqual([1, 2]);
      ok(await ask(admin, 'conversation.close', { conversationId: fresh.conversationId }));
      const reopened = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.reopen', { conversationId }));
      expect(reopened).toMatchObject({ status: 'open', lastSeq: 3 });
      await waitFor(() => visitorMessages.some((m) => m.event?.type === 'reopened'), 'the visitor to hear of the reopen');
      expect(visitorMessages.find((m) => m.event?.type === 'reopened')).toMatchObject({ body: 'The conversation was reopened', event: { byAgentId: adminId } });
    });

    it('the visitor SDK starts a new conversation for the next message after a close', async () => {
      const client = await connectVisitor(server);
      client.send('before the close');
      await waitFor(() => client.items()[0]?.state === 'sent', 'the first message');
      const first = client.conversation!.id;
      ok(await ask(admin, 'conversation.close', { conversationId: first }));
      await waitFor(() => client.conversation?.status === 'closed', 'the client to learn of the close');
      client.send('after the close');
      await waitFor(() => client.conversation?.id !== first && client.items().some((i) => i.body === 'after the close' && i.state === 'sent'), 'a new conversation');
      expect(client.items().filter((i) => i.state === 'failed')).toEqual([]);

      // Queued offline for a conversation closed meanwhile: refused, then sent to a new one.
      const second = client.conversation!.id;
      client.suspend();
      await waitFor(() => client.state === 'reconnecting', 'the client to go offline');
      client.send('written offline');
      ok(await ask(admin, 'conversation.close', { conversationId: second }));
      client.wake();
      await waitFor(() => client.conversation?.id !== second && client.items().some((i) => i.body === 'written offline' && i.state === 'sent'), 'the queued message in a third conversation');
      expect(client.items().filter((i) => i.state === 'failed')).toEqual([]);
      const { db } = server.app.kefu.storage;
      const stored = await db.selectFrom('messages').select('conversation_id').where('body', '=', 'written offline').execute();
      expect(stored).toEqual([{ conversation_id: client.conversation!.id }]);
      client.close();
    });

    it('assigns and transfers: the visitor sees who joined under the site’s name, the note stays with agents', async () => {
      const { db } = server.app.kefu.storage;
      const { visitor, conversationId } = await visitorWithConversation();
      const visitorMessages = collect<Message>(visitor, 'message.created');
      const visitorNotes = collect<unknown>(visitor, 'note.created');
      const notes = collect<{ body: string }>(admin, 'note.created');

      const taken = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.assign', { conversationId, assigneeId: adminId }));
      expect(taken).toMatchObject({ assigneeId: adminId, lastSeq: 2 });
      expect(taken.agentReads[adminId]).toBe(2);

      const site = await db.selectFrom('sites').select('id').executeTakeFirstOrThrow();
      await server.app.kefu.sites.update(site.id, { settings: { agentDisplayName: 'Support team' } });
      const moved = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.assign', { conversationId, assigneeId: meiId, note: 'VIP, be nice' }));
      expect(moved).toMatchObject({ assigneeId: meiId, lastSeq: 3 });
      await waitFor(() => visitorMessages.length === 2 && notes.length === 1, 'the system messages and the note');
      expect(visitorMessages.map((m) => m.event)).toEqual([
        { type: 'assigned', agentId: adminId, agentName: 'Admin', fromAgentId: null },
        { type: 'assigned', agentId: meiId, agentName: 'Support team', fromAgentId: adminId },
      ]);
      expect(visitorMessages[1]!.body).toBe('Support team joined the chat');
      expect(notes[0]).toMatchObject({ body: 'VIP, be nice', agentId: adminId, conversationId });
      await server.app.kefu.sites.update(site.id, { settings: { agentDisplayName: null } });

      // Back to the queue: no system message for the visitor.
      expect(ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.assign', { conversationId, assigneeId: null }))).toMatchObject({ assigneeId: null, lastSeq: 3 });
      // Taking what is already yours writes nothing either.
      ok(await ask(admin, 'conversation.assign', { conversationId, assigneeId: adminId }));
      expect(ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.assign', { conversationId, assigneeId: adminId })).lastSeq).toBe(4);
      expect(visitorNotes).toEqual([]);
    });

    it('refuses agents and conversations of another workspace with NOT_FOUND, and bad payloads with BAD_REQUEST', async () => {
      const { conversationId } = await visitorWithConversation();
      expect(await ask(admin, 'conversation.assign', { conversationId, assigneeId: outsiderId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await ask(admin, 'conversation.assign', { conversationId, assigneeId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      for (const [event, payload] of [
        ['conversation.assign', { conversationId, assigneeId: outsiderId }],
        ['conversation.close', { conversationId }],
        ['conversation.reopen', { conversationId }],
        ['conversation.tags', { conversationId, add: ['x'] }],
        ['messages.history', { conversationId }],
        ['conversation.get', { conversationId }],
      ] as const) {
        expect(await ask(outsider, event, payload)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
      expect(await ask(admin, 'conversation.assign', { conversationId })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const summary = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.get', { conversationId }));
      expect(summary).toMatchObject({ assigneeId: null, status: 'open', lastSeq: 1, tags: [] });
    });

    it('settles concurrent assigns: the last one wins and every change is announced in order', async () => {
      const { conversationId } = await visitorWithConversation();
      const mei = await agentSocket({ email: 'mei@example.com', password: 'mei-password-1' });
      const order = Array.from({ length: 12 }, (_, i) => (i % 2 ? { socket: mei, id: meiId } : { socket: admin, id: adminId }));
      await Promise.all(order.map(({ socket, id }) => ask(socket, 'conversation.assign', { conversationId, assigneeId: id === adminId ? meiId : adminId })));
      const summary = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.get', { conversationId }));
      const { messages } = ok(await ask<AckResult<HistoryPage>>(admin, 'messages.history', { conversationId, limit: 200 }));
      expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: summary.lastSeq }, (_, i) => i + 1));
      const events = messages.flatMap((m) => (m.event?.type === 'assigned' ? [m.event] : []));
      expect(events.length).toBeGreaterThan(0);
      // Each change starts from the one before it; the last one is where it stands.
      for (let i = 1; i < events.length; i++) expect(events[i]!.fromAgentId).toBe(events[i - 1]!.agentId);
      expect(events.at(-1)!.agentId).toBe(summary.assigneeId);
    });

    it('tags: normalised, sorted, at most TAGS_MAX, fanned out', async () => {
      const { conversationId } = await visitorWithConversation();
      const mei = await agentSocket({ email: 'mei@example.com', password: 'mei-password-1' });
      const updates = collect<ConversationSummary>(mei, 'conversation.updated');
      const tagged = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.tags', { conversationId, add: [' Billing', 'VIP', 'billing', '退款'] }));
      expect(tagged.tags).toEqual(['billing', 'vip', '退款']);
      await waitFor(() => updates.some((u) => u.id === conversationId && u.tags.length === 3), 'the colleague to see the tags');
      expect(ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.tags', { conversationId, remove: ['VIP'], add: ['later'] })).tags).toEqual(['billing', 'later', '退款']);
      const many = Array.from({ length: 18 }, (_, i) => `t${i}`);
      expect(await ask(admin, 'conversation.tags', { conversationId, add: many })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.get', { conversationId })).tags).toEqual(['billing', 'later', '退款']);
      expect(ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.tags', { conversationId, add: many.slice(0, 17) })).tags).toHaveLength(20);
      expect(await ask(admin, 'conversation.tags', { conversationId, add: ['<b>'] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

      // The inbox's tag filter: every tag of the workspace, the most used first; none of another workspace's.
      const second = await visitorWithConversation();
      ok(await ask(admin, 'conversation.tags', { conversationId: second.conversationId, add: ['billing'] }));
      const inUse = ok(await ask<AckResult<string[]>>(mei, 'tags.list', {}));
      expect(inUse[0]).toBe('billing');
      expect(inUse).toEqual(expect.arrayContaining(['later', '退款', 't0', 't16']));
      expect(inUse).not.toContain('vip');
      expect(ok(await ask<AckResult<string[]>>(outsider, 'tags.list', {}))).toEqual([]);
    });

    it('pages history backwards from the newest', async () => {
      const { visitor, conversationId } = await visitorWithConversation('m1');
      for (let i = 2; i <= 7; i++) ok(await ask(visitor, 'message.send', { conversationId, clientMsgId: newId(), body: `m${i}` }));
      const newest = ok(await ask<AckResult<HistoryPage>>(admin, 'messages.history', { conversationId, limit: 3 }));
      expect(newest).toMatchObject({ hasMore: true });
      expect(newest.messages.map((m) => m.seq)).toEqual([5, 6, 7]);
      const older = ok(await ask<AckResult<HistoryPage>>(admin, 'messages.history', { conversationId, beforeSeq: 5, limit: 3 }));
      expect(older.messages.map((m) => m.seq)).toEqual([2, 3, 4]);
      expect(older.hasMore).toBe(true);
      const oldest = ok(await ask<AckResult<HistoryPage>>(admin, 'messages.history', { conversationId, beforeSeq: 2, limit: 3 }));
      expect(oldest).toMatchObject({ hasMore: false });
      expect(oldest.messages.map((m) => m.body)).toEqual(['m1']);
      expect(ok(await ask<AckResult<HistoryPage>>(admin, 'messages.history', { conversationId, beforeSeq: 1 }))).toEqual({ messages: [], hasMore: false });
      expect(await ask(admin, 'messages.history', { conversationId, beforeSeq: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    });
  });
}
