import { memoryStorage, type Message, type SiteSettings, type Typing, type VisitorSession, type WidgetConfig } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ask, collect, connectAgent, connectVisitor, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { WIDGET_DEFAULTS } from './settings.js';

describe('sites over REST: read by agents, changed by owners and admins', () => {
  let server: TestServer;
  let owner: string;
  let plainAgent: string;
  let outsider: string;
  let site: SiteSettings;
  let otherSiteId: string;
  const AGENT = { email: 'plain-agent@example.com', password: 'plain-agent-pass-1' };
  const OUTSIDER = { email: 'outsider@example.com', password: 'outsider-pass-1' };

  const login = async (credentials: { email: string; password: string }) => {
    const res = await server.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: credentials });
    return (res.headers['set-cookie'] as string).split(';')[0]!;
  };
  const api = (cookie: string | null, method: 'GET' | 'PATCH' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    server.app.inject({ method, url, headers: { ...(cookie ? { cookie } : {}), ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeAll(async () => {
    server = await startServer();
    const { kefu } = server.app;
    const workspaceId = (await kefu.storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    await kefu.authRepo.createAgent({ id: newId(), workspace_id: workspaceId, email: AGENT.email, name: 'Plain Agent', password_hash: await hashPassword(AGENT.password), role: 'agent', created_at: Date.now() });
    const otherWorkspace = newId();
    await kefu.storage.db.insertInto('workspaces').values({ id: otherWorkspace, name: 'Other', created_at: Date.now() }).execute();
    await kefu.authRepo.createAgent({ id: newId(), workspace_id: otherWorkspace, email: OUTSIDER.email, name: 'Outsider', password_hash: await hashPassword(OUTSIDER.password), role: 'owner', created_at: Date.now() });
    otherSiteId = (await kefu.sites.create({ id: newId(), workspaceId: otherWorkspace, publicKey: `site_${newId()}`, name: 'Other site', allowedOrigins: [] })).id;
    [owner, plainAgent, outsider] = await Promise.all([login(ADMIN), login(AGENT), login(OUTSIDER)]);
  });
  afterAll(() => server?.close());

  it("lists the workspace's sites, with the identity secret for owners and admins only", async () => {
    const res = await api(owner, 'GET', '/api/v1/sites');
    expect(res.statusCode).toBe(200);
    const { sites } = res.json() as { sites: SiteSettings[] };
    expect(sites).toHaveLength(1);
    site = sites[0]!;
    expect(site).toMatchObject({ publicKey: server.siteKey, name: 'Demo site', identityEnforced: false, ...WIDGET_DEFAULTS });
    expect(site.identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const asAgent = (await api(plainAgent, 'GET', '/api/v1/sites')).json() as { sites: SiteSettings[] };
    expect(asAgent.sites[0]).toEqual({ ...site, identitySecret: undefined });
    expect(Object.keys(asAgent.sites[0]!)).not.toContain('identitySecret');
    expect((await api(outsider, 'GET', '/api/v1/sites')).json().sites.map((s: SiteSettings) => s.id)).toEqual([otherSiteId]);
    expect((await api(null, 'GET', '/api/v1/sites')).json().error.code).toBe('UNAUTHENTICATED');
  });

  it('saves an owner\'s changes and repaints connected widgets with site.updated', async () => {
    const visitor = await rawVisitorSocket(server);
    const updates = collect<WidgetConfig>(visitor, 'site.updated');
    const patch = {
      color: '#FF6600',
      position: 'left',
      locale: 'zh-CN',
      greeting: '  您好！有什么可以帮您？ ',
      businessHours: { timeZone: 'Asia/Shanghai', spans: [{ day: 1, from: '09:00', to: '18:00' }] },
      preChat: [{ key: 'name', required: true }, { key: 'email', required: false }],
      allowedOrigins: ['https://shop.example.com', 'http://localhost:*', 'http://localhost:*'],
    };
    const res = await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, patch);
    expect(res.statusCode).toBe(200);
    expect(res.json().site).toMatchObject({ ...patch, color: '#ff6600', greeting: '您好！有什么可以帮您？', allowedOrigins: ['https://shop.example.com', 'http://localhost:*'] });
    const config = await waitFor(() => updates[0], 'site.updated');
    expect(config).toMatchObject({ siteName: 'Demo site', color: '#ff6600', position: 'left', locale: 'zh-CN', preChat: patch.preChat });
    expect(Object.keys(config)).not.toContain('identitySecret');
    expect(Object.keys(config)).not.toContain('allowedOrigins');
    expect((await ask<{ ok: true; data: VisitorSession }>(visitor, 'session.hello', {})).data.site).toEqual(config);

    // Changing only what visitors do not see tells them nothing.
    await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, { allowedOrigins: patch.allowedOrigins });
    const renamed = await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, { name: 'Clay & Co.' });
    expect(renamed.json().site.name).toBe('Clay & Co.');
    await waitFor(() => updates.length === 2, 'the rename');
    expect(updates[1]!.siteName).toBe('Clay & Co.');
    visitor.close();
  });

  it('refuses agents (FORBIDDEN), other workspaces (NOT_FOUND), bad bodies (BAD_REQUEST with the field) and cross-site requests', async () => {
    const forbidden = await api(plainAgent, 'PATCH', `/api/v1/sites/${site.id}`, { color: '#000000' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    const foreign = await api(owner, 'PATCH', `/api/v1/sites/${otherSiteId}`, { color: '#000000' });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('NOT_FOUND');
    expect((await api(owner, 'PATCH', '/api/v1/sites/no-such-site', { color: '#000000' })).json().error.code).toBe('NOT_FOUND');
    expect((await api(outsider, 'PATCH', `/api/v1/sites/${site.id}`, { color: '#000000' })).json().error.code).toBe('NOT_FOUND');

    const bad = async (body: unknown, path: string) => {
      const res = await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error, JSON.stringify(body)).toMatchObject({ code: 'BAD_REQUEST', path });
    };
    await bad({ color: 'red' }, 'color');
    await bad({ position: 'top' }, 'position');
    await bad({ agentAvatarUrl: 'javascript:alert(1)' }, 'agentAvatarUrl');
    await bad({ businessHours: { timeZone: 'Mars/Olympus', spans: [] } }, 'businessHours.timeZone');
    await bad({ businessHours: { timeZone: 'UTC', spans: [{ day: 1, from: '18:00', to: '09:00' }] } }, 'businessHours.spans.0');
    await bad({ preChat: [{ key: 'name', required: true }, { key: 'name', required: false }] }, 'preChat');
    await bad({ allowedOrigins: ['https://ok.example.com', "https://x.com; script-src 'unsafe-inline'"] }, 'allowedOrigins.1');
    await bad({ allowedOrigins: ['https://shop.example.com/path'] }, 'allowedOrigins.0');
    await bad({ identitySecret: 'mine' }, 'identitySecret');
    await bad({ colour: '#000000' }, 'colour');
    await bad({ preChat: [{ key: 'name', required: true, label: 'x' }] }, 'preChat.0.label');
    const broken = await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, '{"color":', { 'content-type': 'application/json' });
    expect(broken.json().error.code).toBe('BAD_REQUEST');
    const crossSite = await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, { color: '#000000' }, { origin: 'https://evil.example' });
    expect(crossSite.json().error.code).toBe('CSRF_REJECTED');
    // Nothing of the refused changes was saved.
    const after = (await api(owner, 'GET', '/api/v1/sites')).json().sites[0] as SiteSettings;
    expect(after.color).toBe('#ff6600');
  });

  it('rotates the identity secret for owners only; old hashes stop verifying', async () => {
    expect((await api(plainAgent, 'POST', `/api/v1/sites/${site.id}/identity-secret`, {})).json().error.code).toBe('FORBIDDEN');
    expect((await api(outsider, 'POST', `/api/v1/sites/${site.id}/identity-secret`, {})).json().error.code).toBe('NOT_FOUND');
    const res = await api(owner, 'POST', `/api/v1/sites/${site.id}/identity-secret`, {});
    expect(res.statusCode).toBe(200);
    const { identitySecret } = res.json() as { identitySecret: string };
    expect(identitySecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(identitySecret).not.toBe(site.identitySecret);
    expect((await api(owner, 'GET', '/api/v1/sites')).json().sites[0].identitySecret).toBe(identitySecret);
  });

  it("shows visitors the site's agent display name on messages and typing; colleagues see the real name", async () => {
    await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, { agentDisplayName: 'Clay & Co. support' });
    const storage = memoryStorage();
    const visitor = await connectVisitor(server, { storage });
    visitor.send('anyone?');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'the visitor message');
    const conversationId = visitor.conversation!.id;
    const visitorSocket = await rawVisitorSocket(server, { visitorToken: storage.get(`kefu:${server.siteKey}:token`) });
    const typingSeen = collect<Typing>(visitorSocket, 'typing.changed');
    const colleague = await rawAgentSocket(server, AGENT);
    const colleagueTyping = collect<Typing>(colleague, 'typing.changed');

    const agent = await connectAgent(server);
    await agent.open(conversationId);
    agent.setDraft(conversationId, 'Hel');
    const typing = await waitFor(() => typingSeen.find((t) => t.typing), 'the visitor to see the agent typing');
    expect(typing.senderName).toBe('Clay & Co. support');
    expect((await waitFor(() => colleagueTyping.find((t) => t.typing), 'the colleague to see it')).senderName).toBe('Admin');

    agent.send(conversationId, 'Hello from support');
    const reply = await waitFor(() => visitor.items().find((i) => i.senderType === 'agent'), 'the reply');
    expect(reply.senderName).toBe('Clay & Co. support');
    const synced = await ask<{ ok: true; data: { messages: Message[] } }>(visitorSocket, 'messages.sync', { conversationId, afterSeq: 0 });
    expect(synced.data.messages.map((m) => m.senderName)).toEqual([null, 'Clay & Co. support']);

    await api(owner, 'PATCH', `/api/v1/sites/${site.id}`, { agentDisplayName: null });
    const plain = await ask<{ ok: true; data: { messages: Message[] } }>(visitorSocket, 'messages.sync', { conversationId, afterSeq: 0 });
    expect(plain.data.messages[1]!.senderName).toBe('Admin');
    for (const c of [visitor, agent]) c.close();
    for (const s of [visitorSocket, colleague]) s.close();
  });
});
