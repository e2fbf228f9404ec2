import type { AgentClient, VisitorClient } from '@kefu/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';
import { firstWorkspaceId } from '../test-support/workspaces.js';
import { addTeam, openChats, routedAgent, setRouting } from '../test-support/routing.js';

const GRACE_MS = 300;

for (const dialect of DIALECTS) {
  describe(`routing (${dialect})`, () => {
    let server: TestServer;
    let open: { close(): void }[] = [];
    const track = <T extends { close(): void }>(c: T): T => (open.push(c), c);
    const visitor = async () => track(await connectVisitor(server));
    const agent = async (credentials: { email: string; password: string }) => track(await connectAgent(server, credentials)) as AgentClient;
    const assignee = async (v: VisitorClient) => (await server.app.kefu.conversationsRepo.byId(v.conversation!.id))?.assigneeId ?? null;

    beforeAll(async () => {
      server = await startServer({ dialect, config: { presenceGraceMs: GRACE_MS, routingSweepMs: 100 } });
    });
    afterEach(async () => {
      for (const c of open) c.close();
      open = [];
      // Every test starts with nobody assigned anything: close what is open.
      await server.app.kefu.storage.db.updateTable('conversations').set({ status: 'closed', assignee_id: null }).execute();
      await setRouting(server, { mode: 'manual', teamId: null, reassignAfterSeconds: null, autoReplyAfterSeconds: null, autoReply: null });
    });
    afterAll(() => server?.close());

    it('respects capacity, tells waiting visitors their place live, and drains when a chat closes', async () => {
      await setRouting(server, { mode: 'auto' });
      const credentials = await routedAgent(server, 1);
      const a = await agent(credentials);
      const [v1, v2, v3] = [await visitor(), await visitor(), await visitor()];
      v1.send('first');
      await waitFor(() => v1.conversation?.assigneeId === credentials.id, 'v1 assigned');
      await waitFor(() => v1.items().some((i) => i.event?.type === 'assigned'), 'v1 told who joined');
      v2.send('second');
      await waitFor(() => v2.queuePosition === 1, 'v2 first in line');
      v3.send('third');
      await waitFor(() => v3.queuePosition === 2, 'v3 second in line');
      expect(await openChats(server, credentials.id)).toBe(1);
      await a.closeConversation(v1.conversation!.id);
      await waitFor(() => v2.conversation?.assigneeId === credentials.id, 'v2 assigned once v1 closed');
      await waitFor(() => v2.queuePosition === null && v3.queuePosition === 1, 'v2 out of the queue, v3 next');
      expect(await openChats(server, credentials.id)).toBe(1);
    });

    it('assigns nothing in manual mode, and promises no place in a line nobody keeps', async () => {
      const credentials = await routedAgent(server, 5);
      await agent(credentials);
      const v = await visitor();
      v.send('hello');
      await waitFor(() => v.conversation !== null, 'the conversation to start');
      await server.app.realtime.routing.drain(await firstWorkspaceId(server));
      expect(await assignee(v)).toBeNull();
      expect(v.queuePosition).toBeNull();
    });

    it('gives an agent\'s chats to someone else when they go offline', async () => {
      await setRouting(server, { mode: 'auto' });
      const first = await routedAgent(server, 5);
      const second = await routedAgent(server, 5);
      const leaving = await agent(first);
      const v = await visitor();
      v.send('help');
      await waitFor(() => v.conversation?.assigneeId === first.id, 'assigned to the first agent');
      await agent(second);
      leaving.close();
      await waitFor(() => v.conversation?.assigneeId === second.id, 'reassigned after the grace period');
      await waitFor(() => v.items().filter((i) => i.event?.type === 'assigned').length === 2, 'told of both agents');
    });

    it('reassigns a chat its agent has not answered in time, and auto-replies once', async () => {
      await setRouting(server, { mode: 'auto', reassignAfterSeconds: 1, autoReplyAfterSeconds: 1, autoReply: 'We are on it.' });
      const slow = await routedAgent(server, 5);
      const other = await routedAgent(server, 5);
      await agent(slow);
      const v = await visitor();
      v.send('anyone?');
      await waitFor(() => v.conversation?.assigneeId === slow.id, 'assigned to the only agent');
      await agent(other);
      await waitFor(() => v.conversation?.assigneeId === other.id, 'reassigned to the other agent');
      await waitFor(() => v.items().some((i) => i.event?.type === 'autoReply'), 'the auto-reply');
      // Several sweeps later there is still one.
      const settled = Date.now() + 1000;
      await waitFor(() => Date.now() > settled, 'a few sweeps');
      const replies = v.items().filter((i) => i.event?.type === 'autoReply');
      expect(replies).toHaveLength(1);
      expect(replies[0]!.body).toBe('We are on it.');
    });

    it('routes within the site\'s team, and a transfer to a team goes to one of its agents', async () => {
      const inFirst = await routedAgent(server, 5);
      const inSecond = await routedAgent(server, 5);
      const [first, second] = [await addTeam(server, [inFirst.id]), await addTeam(server, [inSecond.id])];
      await setRouting(server, { mode: 'auto', teamId: first });
      const a = await agent(inFirst);
      await agent(inSecond);
      const v = await visitor();
      v.send('sales question');
      await waitFor(() => v.conversation?.assigneeId === inFirst.id, 'assigned within the team');
      expect(v.conversation?.teamId).toBe(first);
      await a.assign(v.conversation!.id, null, undefined, second);
      await waitFor(() => v.conversation?.assigneeId === inSecond.id, 'transferred to the other team');
      expect((await a.listConversations({ teamId: second })).conversations.map((c) => c.id)).toContain(v.conversation!.id);
      expect((await a.listConversations({ teamId: first })).conversations.map((c) => c.id)).not.toContain(v.conversation!.id);
      await expect(a.assign(v.conversation!.id, null, undefined, 'no-such-team')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
}
