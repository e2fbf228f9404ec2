import type { AckResult, ConversationPage, ConversationSummary, InboxCounts, Message } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ask, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';

const ok = <T>(result: AckResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

for (const dialect of DIALECTS) {
  describe(`the inbox: views, filters, search, pages and counts (${dialect})`, () => {
    let server: TestServer;
    let admin: Socket;
    let mei: Socket;
    let meiId: string;
    let adminId: string;
    let otherSiteId: string;
    const conv: Record<string, string> = {};
    const open: Socket[] = [];

    /** A visitor on `siteKey` who says `body` (after giving a profile); returns the conversation id. */
    async function visitorSays(siteKey: string, body: string, profile: Record<string, string> = {}): Promise<string> {
      const socket = await rawVisitorSocket({ url: server.url, siteKey });
      open.push(socket);
      if (Object.keys(profile).length) ok(await ask(socket, 'visitor.update', profile));
      const sent = ok(await ask<AckResult<Message>>(socket, 'message.send', { clientMsgId: newId(), body }));
      return sent.conversationId;
    }

    const list = async (socket: Socket, query: Record<string, unknown> = {}) =>
      ok(await ask<AckResult<ConversationPage>>(socket, 'conversations.list', query)).conversations.map((c) => c.id);

    beforeAll(async () => {
      server = await startServer({ dialect });
      const { db } = server.app.kefu.storage;
      const adminRow = await db.selectFrom('agents').select(['id', 'workspace_id']).where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
      adminId = adminRow.id;
      meiId = newId();
      await db.insertInto('agents').values({ id: meiId, workspace_id: adminRow.workspace_id, email: 'mei@example.com', name: 'Mei', password_hash: await hashPassword('mei-password-1'), role: 'agent', created_at: Date.now() }).execute();
      otherSiteId = newId();
      await server.app.kefu.sites.create({ id: otherSiteId, workspaceId: adminRow.workspace_id, publicKey: 'second-site', name: 'Second', allowedOrigins: ['http://localhost:3000'] });

      conv.li = await visitorSays(server.siteKey, 'Where is my parcel?', { name: 'Li LEI', email: 'lei@example.com' });
      conv.sale = await visitorSays(server.siteKey, 'Is the 50% sale still on?');
      conv.plain = await visitorSays(server.siteKey, 'Is the 500 sale still on? under_score');
      conv.phone = await visitorSays('second-site', 'Call me back', { phone: '+86 138 0013 8000' });
      conv.closed = await visitorSays(server.siteKey, 'Thanks, bye');

      admin = await rawAgentSocket(server);
      mei = await rawAgentSocket(server, { email: 'mei@example.com', password: 'mei-password-1' });
      ok(await ask(admin, 'conversation.assign', { conversationId: conv.li, assigneeId: adminId }));
      ok(await ask(admin, 'conversation.assign', { conversationId: conv.phone, assigneeId: meiId }));
      ok(await ask(admin, 'conversation.close', { conversationId: conv.closed }));
      ok(await ask(admin, 'conversation.tags', { conversationId: conv.sale, add: ['VIP ', 'billing'] }));
    });
    afterAll(async () => {
      for (const s of [...open, admin, mei]) s?.close();
      await server?.close();
    });

    it('lists each view, newest activity first, and keeps the old status field working', async () => {
      const page = ok(await ask<AckResult<ConversationPage>>(admin, 'conversations.list', { view: 'open' })).conversations;
      const keys = page.map((c) => [c.lastMessageAt!, c.id] as const);
      expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : -1)));
      expect(new Set(await list(admin, { view: 'open' }))).toEqual(new Set([conv.li, conv.sale, conv.plain, conv.phone]));
      expect(new Set(await list(admin, { view: 'unassigned' }))).toEqual(new Set([conv.sale, conv.plain]));
      expect(await list(admin, { view: 'mine' })).toEqual([conv.li]);
      expect(await list(mei, { view: 'mine' })).toEqual([conv.phone]);
      expect(await list(admin, { view: 'closed' })).toEqual([conv.closed]);
      expect(await list(admin, { status: 'closed' })).toEqual([conv.closed]);
      expect(await list(admin)).toEqual(await list(admin, { view: 'open' }));
    });

    it('filters by site and tag, and carries every conversation’s tags', async () => {
      expect(await list(admin, { siteId: otherSiteId })).toEqual([conv.phone]);
      expect(await list(admin, { siteId: 'no-such-site' })).toEqual([]);
      expect(await list(admin, { tag: 'vip' })).toEqual([conv.sale]);
      expect(await list(admin, { tag: ' VIP' })).toEqual([conv.sale]);
      const page = ok(await ask<AckResult<ConversationPage>>(admin, 'conversations.list', {}));
      const tagsById = Object.fromEntries(page.conversations.map((c) => [c.id, c.tags]));
      expect(tagsById[conv.sale!]).toEqual(['billing', 'vip']);
      expect(tagsById[conv.li!]).toEqual([]);
    });

    it('searches names, emails, phones and message text, case-insensitively, wildcards taken literally', async () => {
      expect(await list(admin, { query: 'li lei' })).toEqual([conv.li]);
      expect(await list(admin, { query: 'LEI@EXAMPLE' })).toEqual([conv.li]);
      expect(await list(admin, { query: '0013 8000' })).toEqual([conv.phone]);
      expect(await list(admin, { query: 'PARCEL' })).toEqual([conv.li]);
      // "%" and "_" are characters to find, not LIKE's wildcards.
      expect(await list(admin, { query: '50%' })).toEqual([conv.sale]);
      expect(await list(admin, { query: 'r_s' })).toEqual([conv.plain]);
      expect(await list(admin, { query: '%' })).toEqual([conv.sale]);
      expect(await list(admin, { query: '\\' })).toEqual([]);
      // System messages ("Admin joined the chat") are not something anyone wrote.
      expect(await list(admin, { query: 'joined' })).toEqual([]);
      expect(await list(admin, { view: 'closed', query: 'bye' })).toEqual([conv.closed]);
      expect(await list(admin, { view: 'mine', query: 'sale' })).toEqual([]);
    });

    it('pages with a cursor: every conversation once, in order', async () => {
      const all = await list(admin);
      const seen: string[] = [];
      let before: string | null | undefined;
      do {
        const page: ConversationPage = ok(await ask(admin, 'conversations.list', { limit: 1, ...(before ? { before } : {}) }));
        seen.push(...page.conversations.map((c) => c.id));
        before = page.nextCursor;
      } while (before);
      expect(seen).toEqual(all);
    });

    it('counts the open views for the caller', async () => {
      expect(ok(await ask<AckResult<InboxCounts>>(admin, 'conversations.counts', {}))).toEqual({ unassigned: 2, mine: 1, open: 4 });
      expect(ok(await ask<AckResult<InboxCounts>>(mei, 'conversations.counts', {}))).toEqual({ unassigned: 2, mine: 1, open: 4 });
    });

    it('gets one conversation of the workspace, and nothing of another', async () => {
      const one = ok(await ask<AckResult<ConversationSummary>>(admin, 'conversation.get', { conversationId: conv.sale }));
      expect(one).toMatchObject({ id: conv.sale, tags: ['billing', 'vip'], status: 'open', assigneeId: null, visitorStatus: 'online' });
      const { db } = server.app.kefu.storage;
      const workspaceId = newId();
      await db.insertInto('workspaces').values({ id: workspaceId, name: 'Other', created_at: Date.now() }).execute();
      await db.insertInto('agents').values({ id: newId(), workspace_id: workspaceId, email: 'out@example.com', name: 'Out', password_hash: await hashPassword('out-password-1'), role: 'owner', created_at: Date.now() }).execute();
      const outsider = await rawAgentSocket(server, { email: 'out@example.com', password: 'out-password-1' });
      expect(await ask(outsider, 'conversation.get', { conversationId: conv.sale })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await list(outsider, { query: 'sale' })).toEqual([]);
      expect(ok(await ask(outsider, 'conversations.counts', {}))).toEqual({ unassigned: 0, mine: 0, open: 0 });
      outsider.close();
    });

    it('refuses bad filters with BAD_REQUEST', async () => {
      expect(await ask(admin, 'conversations.list', { view: 'everything' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await ask(admin, 'conversations.list', { query: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await ask(admin, 'conversations.list', { tag: 'no<html>' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    });
  });
}
