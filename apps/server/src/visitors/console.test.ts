import type { ConversationSummary, LiveVisitor, Message, VisitorDetails } from '@kefu/client';
import { PROTOCOL_VERSION, type Conversation } from '@kefu/protocol';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, collect, connectAgent, connectVisitor, rawAgentSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { addWorkspace, type Credentials } from '../test-support/workspaces.js';

const GRACE_MS = 1000;
const WECHAT_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN';

/** A visitor socket with the headers a browser behind a proxy would bring. */
async function browserVisitor(server: TestServer, auth: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Socket> {
  const socket = io(`${server.url}/visitor`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { origin: 'http://localhost:3000', 'user-agent': WECHAT_UA, 'x-forwarded-for': '203.0.113.7, 10.0.0.2', ...headers },
    auth: { protocolVersion: PROTOCOL_VERSION, siteKey: server.siteKey, language: 'zh-CN', timeZone: 'Asia/Shanghai', ...auth },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

const hello = async (socket: Socket) => (await ask<{ ok: true; data: { visitorId: string; visitorToken: string } }>(socket, 'session.hello', {})).data;

for (const dialect of DIALECTS) {
  describe(`visitors in the console (${dialect})`, () => {
    let server: TestServer;
    let other: { siteKey: string; owner: Credentials };
    beforeAll(async () => {
      server = await startServer({ dialect, config: { presenceGraceMs: GRACE_MS } });
      other = await addWorkspace(server);
    });
    afterAll(() => server?.close());

    const row = (id: string) => server.app.kefu.storage.db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    it('stores what the handshake says of the browser, and counts a visit only after 30 minutes away', async () => {
      const first = await browserVisitor(server);
      const { visitorId, visitorToken } = await hello(first);
      expect(await row(visitorId)).toMatchObject({ user_agent: WECHAT_UA, ip: '203.0.113.7', language: 'zh-CN', time_zone: 'Asia/Shanghai', visits: 1, visit_started_at: null });

      // The next page, from another address and without a language: the address follows, the language stays.
      let closedAt = Date.now();
      first.close();
      await waitFor(async () => (await row(visitorId)).last_seen_at >= closedAt, 'the disconnect to be stored');
      const next = await browserVisitor(server, { visitorToken, language: undefined }, { 'x-forwarded-for': '198.51.100.4' });
      expect(await row(visitorId)).toMatchObject({ ip: '198.51.100.4', language: 'zh-CN', visits: 1, visit_started_at: null });

      closedAt = Date.now();
      next.close();
      await waitFor(async () => (await row(visitorId)).last_seen_at >= closedAt, 'the disconnect to be stored');
      await server.app.kefu.storage.db.updateTable('visitors').set({ last_seen_at: Date.now() - 31 * 60_000 }).where('id', '=', visitorId).execute();
      const before = Date.now();
      const back = await browserVisitor(server, { visitorToken });
      const after = await row(visitorId);
      expect(after.visits).toBe(2);
      expect(after.visit_started_at).toBeGreaterThanOrEqual(before);
      back.close();
    });

    it('shows an agent the visitor panel, and another workspace nothing', async () => {
      const visitor = await browserVisitor(server);
      const { visitorId } = await hello(visitor);
      await ask(visitor, 'page.view', { url: 'https://shop.example.com/', title: 'Shop', referrer: 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D', at: Date.now() });
      await ask(visitor, 'page.view', { url: 'https://shop.example.com/pricing', title: 'Pricing', referrer: 'https://shop.example.com/', at: Date.now() });
      const sent = await ask<{ ok: true; data: Message }>(visitor, 'message.send', { clientMsgId: `panel-${dialect}-0001`, body: 'How much is it?' });

      const agent = await connectAgent(server);
      const details: VisitorDetails = await agent.visitorDetails(visitorId);
      expect(details).toMatchObject({
        visitorId,
        status: 'online',
        verified: false,
        ip: '203.0.113.7',
        language: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        visits: 1,
        conversationId: sent.data.conversationId,
        device: { browser: 'WeChat 8.0', os: 'iOS 17.1', type: 'mobile', userAgent: WECHAT_UA },
        source: { referrer: 'https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D', searchEngine: 'baidu', searchKeyword: '客服' },
        currentPage: { url: 'https://shop.example.com/pricing', title: 'Pricing' },
      });
      expect(details.pageTrail.map((p) => p.title)).toEqual(['Pricing', 'Shop']);
      expect(details.previousConversations).toEqual([expect.objectContaining({ id: sent.data.conversationId, status: 'open', lastMessagePreview: 'How much is it?' })]);

      const stranger = await connectAgent(server, other.owner);
      await expect(stranger.visitorDetails(visitorId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(agent.visitorDetails('no-such-visitor')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await stranger.liveVisitors()).map((v) => v.visitorId)).not.toContain(visitorId);
      const live = await agent.liveVisitors();
      expect(live.find((v) => v.visitorId === visitorId)).toMatchObject({ status: 'online', conversationId: sent.data.conversationId, currentPage: { title: 'Pricing' }, language: 'zh-CN' });
      for (const c of [visitor, agent, stranger]) c.close();
    });

    it('announces an arrival once, not for a reconnect within the grace period', async () => {
      const agent = await rawAgentSocket(server);
      const arrived = collect<LiveVisitor>(agent, 'visitor.arrived');
      const visitor = await browserVisitor(server);
      const { visitorId, visitorToken } = await hello(visitor);
      await waitFor(() => arrived.some((v) => v.visitorId === visitorId), 'the arrival');
      expect(arrived.find((v) => v.visitorId === visitorId)).toMatchObject({ status: 'online', device: { browser: 'WeChat 8.0' }, conversationId: null });

      visitor.close();
      const again = await browserVisitor(server, { visitorToken });
      // Another visitor's arrival, and the grace period, go by: still one for the first.
      const newcomer = await browserVisitor(server);
      const { visitorId: newcomerId } = await hello(newcomer);
      await waitFor(() => arrived.some((v) => v.visitorId === newcomerId), "the newcomer's arrival");
      await new Promise((r) => setTimeout(r, GRACE_MS));
      expect(arrived.filter((v) => v.visitorId === visitorId)).toHaveLength(1);
      for (const s of [again, newcomer, agent]) s.close();
    });

    it('invites a visitor without a conversation: a new one assigned to the agent, their widget told first', async () => {
      const visitor = await connectVisitor(server);
      const invitations: { conversation: Conversation; message: Message }[] = [];
      visitor.on('invited', (i) => invitations.push(i));
      const agent = await connectAgent(server);
      const updates: ConversationSummary[] = [];
      agent.on('conversation', (c) => updates.push(c));

      const { conversation, message } = await agent.invite(visitor.visitorId!, 'Hello! Can I help you find anything?');
      expect(conversation).toMatchObject({ visitorId: visitor.visitorId, assigneeId: agent.agent!.id, status: 'open', lastSeq: 1 });
      expect(message).toMatchObject({ seq: 1, senderType: 'agent', body: 'Hello! Can I help you find anything?' });
      await waitFor(() => invitations.length === 1, 'conversation.invited');
      expect(invitations[0]!.conversation.id).toBe(conversation.id);
      expect(visitor.conversation?.id).toBe(conversation.id);
      expect(visitor.items().map((i) => i.body)).toEqual(['Hello! Can I help you find anything?']);
      await waitFor(() => updates.some((u) => u.id === conversation.id), 'conversation.updated for agents');

      // A resend of the same invitation stores nothing new.
      const raw = await rawAgentSocket(server);
      const p = { visitorId: visitor.visitorId, clientMsgId: `invite-${dialect}-0001`, body: 'Once' };
      const one = await ask<{ ok: true; data: { message: Message } }>(raw, 'visitor.invite', p);
      const two = await ask<{ ok: true; data: { message: Message } }>(raw, 'visitor.invite', p);
      expect(two.data.message.id).toBe(one.data.message.id);
      expect(one.data.message.seq).toBe(2);
      raw.close();

      // The visitor answers in the same conversation.
      visitor.send('Yes please');
      await waitFor(() => visitor.items().at(-1)?.state === 'sent', 'the reply');
      expect(visitor.items().at(-1)?.seq).toBe(3);
      expect((await server.app.kefu.messages.page(conversation.id, 2, 10)).messages.map((m) => m.body)).toEqual(['Yes please']);
      visitor.close();
      agent.close();
    });

    it('invites a visitor into their open conversation, and refuses another workspace', async () => {
      const visitor = await browserVisitor(server);
      const invited = collect<{ conversation: Conversation; message: Message }>(visitor, 'conversation.invited');
      const { visitorId } = await hello(visitor);
      const sent = await ask<{ ok: true; data: Message }>(visitor, 'message.send', { clientMsgId: `open-${dialect}-0001`, body: 'Anyone there?' });

      const stranger = await connectAgent(server, other.owner);
      await expect(stranger.invite(visitorId, 'Not your visitor')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const agent = await connectAgent(server);
      const { conversation, message } = await agent.invite(visitorId, 'Yes, I am here.');
      expect(conversation.id).toBe(sent.data.conversationId);
      expect(conversation.assigneeId).toBeNull();
      expect(message.seq).toBe(2);
      await waitFor(() => invited.length === 1, 'conversation.invited');
      expect(invited[0]).toMatchObject({ conversation: { id: conversation.id }, message: { seq: 2, body: 'Yes, I am here.' } });
      const stored = await server.app.kefu.messages.page(conversation.id, 0, 10);
      expect(stored.messages.map((m) => m.body)).toEqual(['Anyone there?', 'Yes, I am here.']);
      for (const c of [visitor, agent, stranger]) c.close();
    });
  });
}
