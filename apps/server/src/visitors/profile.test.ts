import { ATTRIBUTES_MAX_KEYS, type ConversationSummary, type Message, type VisitorPageView, type VisitorProfile, type VisitorSession, type VisitorUpdated } from '@kefu/client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, collect, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

type Ok<T> = { ok: true; data: T };

describe("a visitor's profile and page views over real sockets", () => {
  let server: TestServer;
  let agent: Socket;
  const opened: Socket[] = [];
  const visitor = async (auth: Record<string, unknown> = {}) => {
    const socket = await rawVisitorSocket(server, auth);
    opened.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startServer();
    agent = await rawAgentSocket(server);
    opened.push(agent);
  });
  afterAll(async () => {
    for (const socket of opened) socket.close();
    await server?.close();
  });

  it('updates name, email and phone, merges attributes, and tells agents and the other tabs', async () => {
    const tabA = await visitor();
    const { visitorToken, visitorId } = (await ask<Ok<VisitorSession>>(tabA, 'session.hello', {})).data;
    const tabB = await visitor({ visitorToken });
    const inTabA = collect<VisitorUpdated>(tabA, 'visitor.updated');
    const inTabB = collect<VisitorUpdated>(tabB, 'visitor.updated');
    const toAgents = collect<VisitorUpdated>(agent, 'visitor.updated');
    const rows = collect<ConversationSummary>(agent, 'conversation.updated');
    await ask(tabA, 'message.send', { clientMsgId: 'profile-0001', body: 'hello' });

    const first = await ask<Ok<VisitorProfile>>(tabA, 'visitor.update', { name: ' Ann Lee ', email: 'ANN@example.com', phone: '+86 138-0000-0000', attributes: { plan: 'pro', seats: 3, trial: false } });
    expect(first.data).toEqual({ name: 'Ann Lee', email: 'ann@example.com', phone: '+86 138-0000-0000', userId: null, attributes: { plan: 'pro', seats: 3, trial: false } });
    const second = await ask<Ok<VisitorProfile>>(tabB, 'visitor.update', { attributes: { plan: null, orderId: 'A-1093' } });
    expect(second.data.attributes).toEqual({ seats: 3, trial: false, orderId: 'A-1093' });
    expect(second.data.name).toBe('Ann Lee');

    await waitFor(() => toAgents.length === 2, 'agents to get both updates');
    expect(toAgents.map((u) => u.visitorId)).toEqual([visitorId, visitorId]);
    expect(toAgents[1]!.profile).toEqual(second.data);
    // Each tab hears of the other's change, not of its own (it has the ack).
    await waitFor(() => inTabB.length === 1 && inTabA.length === 1, 'each tab to hear of the other');
    expect(inTabB[0]!.profile.name).toBe('Ann Lee');
    expect(inTabA[0]!.profile.attributes.orderId).toBe('A-1093');
    // The inbox row shows the name.
    await waitFor(() => rows.find((r) => r.visitorId === visitorId && r.visitorName === 'Ann Lee'), 'the inbox row to show the name');

    // Nothing new: no fan-out.
    expect((await ask<Ok<VisitorProfile>>(tabA, 'visitor.update', { name: 'Ann Lee' })).data.name).toBe('Ann Lee');
    await new Promise((r) => setTimeout(r, 100));
    expect(toAgents).toHaveLength(2);
  });

  it('refuses bad profile updates with a code and the field, and keeps what was stored', async () => {
    const socket = await visitor();
    const keys = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, i]));
    await ask(socket, 'visitor.update', { name: 'Kept', attributes: keys(ATTRIBUTES_MAX_KEYS - 10, 'a') });
    expect(await ask(socket, 'visitor.update', { email: 'not-an-email' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'email' } });
    expect(await ask(socket, 'visitor.update', { phone: 'call me' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'phone' } });
    expect(await ask(socket, 'visitor.update', { name: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'name' } });
    expect(await ask(socket, 'visitor.update', { attributes: { 'bad key!': 1 } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await ask(socket, 'visitor.update', { attributes: { nested: { a: 1 } } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'attributes.nested' } });
    expect(await ask(socket, 'visitor.update', { attributes: keys(ATTRIBUTES_MAX_KEYS + 1, 'b') })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'attributes' } });
    expect(await ask(socket, 'visitor.update', { attributes: { long: 'x'.repeat(1001) } })).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', path: 'attributes.long' } });
    expect(await ask(socket, 'visitor.update', { userId: 'u-1' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // 40 stored + 11 new = 51: refused as a whole, with a message saying how many.
    const merged = await ask<{ ok: false; error: { code: string; path: string; message: string } }>(socket, 'visitor.update', { name: 'Changed', attributes: keys(11, 'c') });
    expect(merged.error).toMatchObject({ code: 'BAD_REQUEST', path: 'attributes' });
    expect(merged.error.message).toContain(`at most ${ATTRIBUTES_MAX_KEYS}`);
    const profile = (await ask<Ok<VisitorSession>>(socket, 'session.hello', {})).data.profile;
    expect(profile.name).toBe('Kept');
    expect(Object.keys(profile.attributes)).toHaveLength(ATTRIBUTES_MAX_KEYS - 10);
    // Removing some makes room.
    const room = await ask<Ok<VisitorProfile>>(socket, 'visitor.update', { attributes: { ...keys(11, 'c'), a0: null } });
    expect(Object.keys(room.data.attributes)).toHaveLength(ATTRIBUTES_MAX_KEYS);
  });

  it('stores page views and shows them to agents, refusing non-web URLs', async () => {
    const socket = await visitor();
    const { visitorId } = (await ask<Ok<VisitorSession>>(socket, 'session.hello', {})).data;
    const pages = collect<VisitorPageView>(agent, 'visitor.page');
    const view = { url: 'https://shop.example.com/mugs?color=blue', title: 'Mugs · 杯子', referrer: 'https://www.google.com/', at: 1_700_000_000_000 };
    expect(await ask(socket, 'page.view', view)).toEqual({ ok: true, data: {} });
    const seen = await waitFor(() => pages.find((p) => p.visitorId === visitorId), 'the agent to see the page');
    expect(seen).toEqual({ ...view, visitorId, siteId: expect.any(String) });
    expect(await server.app.kefu.pageViews.recent(visitorId)).toEqual([view]);
    expect(await ask(socket, 'page.view', { ...view, url: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'url' } });
    expect(await ask(socket, 'page.view', { ...view, url: 'not a url' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'url' } });
    expect(await ask(socket, 'page.view', { ...view, title: 'x'.repeat(600) })).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', path: 'title' } });
    expect(await ask(socket, 'page.view', { ...view, at: -1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', path: 'at' } });
    expect(await server.app.kefu.pageViews.recent(visitorId)).toHaveLength(1);
  });

  it('greets a visitor with the site config, whether agents are online and their profile', async () => {
    const socket = await visitor();
    const session = (await ask<Ok<VisitorSession>>(socket, 'session.hello', {})).data;
    expect(session).toMatchObject({
      site: { siteName: 'Demo site', color: '#2563eb', position: 'right', locale: 'auto', greeting: null, agentDisplayName: null, agentAvatarUrl: null, businessHours: null, preChat: [] },
      agentsOnline: true,
      profile: { name: null, email: null, phone: null, userId: null, attributes: {} },
    });
    expect(Object.keys(session.site)).not.toContain('identitySecret');
    const sent = await ask<Ok<Message>>(socket, 'message.send', { clientMsgId: 'profile-0009', body: 'hi' });
    expect(sent.data.senderName).toBeNull();
  });
});
