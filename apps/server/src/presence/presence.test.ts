import { memoryStorage, type Presence } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ask, connectAgent, connectVisitor, rawVisitorSocket } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

// Long enough that a reconnect on a loaded CI machine lands inside it.
const GRACE_MS = 1000;

describe('presence with a grace period', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { presenceGraceMs: GRACE_MS } });
  });
  afterAll(() => server?.close());

  it('keeps a visitor online across a page change and marks them offline only after the grace period', async () => {
    const agent = await connectAgent(server);
    const events: Presence[] = [];
    agent.on('presence', (p) => events.push(p));
    const storage = memoryStorage();
    const page1 = await connectVisitor(server, { storage });
    const visitorId = page1.visitorId!;
    await waitFor(() => agent.presenceOf('visitor', visitorId) === 'online', 'online');

    // "Navigation": the old page's socket closes, the next page's opens within the grace period.
    page1.close();
    const page2 = await connectVisitor(server, { storage });
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(events.filter((e) => e.id === visitorId).map((e) => e.status)).not.toContain('offline');

    page2.close();
    const closedAt = Date.now();
    await waitFor(() => agent.presenceOf('visitor', visitorId) === 'offline', 'offline after the grace period');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    agent.close();
  });

  it('shows a visitor whose every tab is hidden as away, and lists statuses with conversations', async () => {
    const agent = await connectAgent(server);
    const hidden = await rawVisitorSocket(server);
    const sent = await ask<{ ok: true; data: { conversationId: string } }>(hidden, 'message.send', { clientMsgId: 'presence-0001', body: 'hi' });
    expect(await ask(hidden, 'presence.update', { state: 'idle' })).toMatchObject({ ok: true, data: { status: 'away' } });
    const page = await agent.listConversations();
    const row = page.conversations.find((c) => c.id === sent.data.conversationId);
    expect(row?.visitorStatus).toBe('away');
    expect(agent.presenceOf('visitor', row!.visitorId)).toBe('away');
    expect(await ask(hidden, 'presence.update', { state: 'bogus' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    hidden.close();
    agent.close();
  });

  it('shows colleagues online, away and offline', async () => {
    const db = server.app.kefu.storage.db;
    const workspaceId = (await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const colleague = { email: 'colleague@example.com', password: 'colleague-pass-1' };
    const colleagueId = newId();
    await db.insertInto('agents').values({ id: colleagueId, workspace_id: workspaceId, email: colleague.email, name: 'Colleague', password_hash: await hashPassword(colleague.password), role: 'agent', created_at: Date.now() }).execute();

    const me = await connectAgent(server);
    const agents = await me.listAgents();
    expect(agents.find((a) => a.id === colleagueId)?.status).toBe('offline');
    expect(agents.find((a) => a.id === me.agent!.id)?.status).toBe('online');

    const other = await connectAgent(server, colleague);
    await waitFor(() => me.presenceOf('agent', colleagueId) === 'online', 'colleague online');
    other.setAway(true);
    await waitFor(() => me.presenceOf('agent', colleagueId) === 'away', 'colleague away');
    other.close();
    await waitFor(() => me.presenceOf('agent', colleagueId) === 'offline', 'colleague offline');
    me.close();
  });
});
