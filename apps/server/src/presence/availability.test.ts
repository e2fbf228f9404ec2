import type { VisitorSession } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ask, collect, connectAgent, connectVisitor, rawVisitorSocket } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

const GRACE_MS = 300;

describe('whether agents are online, for the widgets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ config: { presenceGraceMs: GRACE_MS } });
  });
  afterAll(() => server?.close());

  it('flips to true when the first agent connects and to false after the last one left and the grace period passed', async () => {
    const visitor = await rawVisitorSocket(server);
    const flips = collect<{ agentsOnline: boolean }>(visitor, 'site.availability');
    expect((await ask<{ ok: true; data: VisitorSession }>(visitor, 'session.hello', {})).data.agentsOnline).toBe(false);

    const db = server.app.kefu.storage.db;
    const workspaceId = (await db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const colleague = { email: 'availability@example.com', password: 'colleague-pass-1' };
    await server.app.kefu.authRepo.createAgent({ id: newId(), workspace_id: workspaceId, email: colleague.email, name: 'Colleague', password_hash: await hashPassword(colleague.password), role: 'agent', created_at: Date.now() });

    const first = await connectAgent(server);
    await waitFor(() => flips.length === 1, 'site.availability true');
    expect(flips[0]).toEqual({ agentsOnline: true });
    expect((await ask<{ ok: true; data: VisitorSession }>(visitor, 'session.hello', {})).data.agentsOnline).toBe(true);

    // A second agent, one going away, one reloading the console: still staffed, nothing to say.
    const second = await connectAgent(server, colleague);
    second.setAway(true);
    first.close();
    const back = await connectAgent(server);
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(flips).toHaveLength(1);

    back.close();
    second.close();
    const closedAt = Date.now();
    await waitFor(() => flips.length === 2, 'site.availability false', 5000);
    expect(flips[1]).toEqual({ agentsOnline: false });
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect((await ask<{ ok: true; data: VisitorSession }>(visitor, 'session.hello', {})).data.agentsOnline).toBe(false);

    // The SDK keeps it current too.
    const client = await connectVisitor(server);
    expect(client.agentsOnline).toBe(false);
    const again = await connectAgent(server);
    await waitFor(() => client.agentsOnline, 'the SDK to see an agent');
    again.close();
    client.close();
    visitor.close();
  });

  it('tells a visitor who arrives while the only agent reloads the console that someone is there', async () => {
    const agent = await connectAgent(server);
    const before = await rawVisitorSocket(server);
    await waitFor(async () => (await ask<{ ok: true; data: VisitorSession }>(before, 'session.hello', {})).data.agentsOnline, 'the agent to count');
    agent.close();
    // Inside the grace period: the agent is reloading, not gone.
    const during = await rawVisitorSocket(server);
    expect((await ask<{ ok: true; data: VisitorSession }>(during, 'session.hello', {})).data.agentsOnline).toBe(true);
    const flips = collect<{ agentsOnline: boolean }>(during, 'site.availability');
    const back = await connectAgent(server);
    await new Promise((r) => setTimeout(r, GRACE_MS * 2));
    expect(flips).toEqual([]);
    back.close();
    before.close();
    during.close();
  });
});
