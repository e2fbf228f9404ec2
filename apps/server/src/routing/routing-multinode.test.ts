import type { AckResult, VisitorSession } from '@kefu/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, connectAgent, connectVisitor, rawVisitorSocket } from '../test-support/clients.js';
import { newId } from '../ids.js';
import { startCluster, type TestCluster } from '../test-support/cluster.js';
import { TEST_REDIS } from '../test-support/env.js';
import { openChats, routedAgent, setRouting } from '../test-support/routing.js';
import { waitFor } from '../test-support/wait.js';
import { firstWorkspaceId } from '../test-support/workspaces.js';

/** Without the advisory lock nearly every round overfills (48 to 50 of 50 when tried); with it, none. About a second. */
const RACE_ROUNDS = 50;

describe('routing across two nodes (PostgreSQL, Redis)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster(2, TEST_REDIS);
  });
  afterAll(() => cluster?.close());

  it('never gives an agent more chats than their capacity when visitors on both nodes write at once', async () => {
    const [a, b] = cluster.nodes as [TestCluster['nodes'][0], TestCluster['nodes'][0]];
    const server = { app: a.app, siteKey: cluster.siteKey };
    await setRouting(server, { mode: 'auto' });
    const credentials = await routedAgent(server, 3);

    // Twelve visitors, half on each node, write while nobody is online: all wait.
    const visitors = await Promise.all(Array.from({ length: 12 }, (_, i) => connectVisitor({ url: (i % 2 ? a : b).url, siteKey: cluster.siteKey })));
    visitors.forEach((v, i) => v.send(`Hello from visitor ${i}`));
    await waitFor(() => visitors.every((v) => v.conversation !== null && v.items().every((m) => m.state !== 'sending')), 'every first message to be stored');
    // The agent arrives, and both nodes drain the queue at the same instant, over and
    // over. (They queue behind each other on the oldest conversation's row lock, so this
    // passes even without the advisory lock: the next test is the one that needs it.)
    const agent = await connectAgent({ url: b.url }, credentials);
    const workspaceId = await firstWorkspaceId(server);
    await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).app.realtime.routing.drain(workspaceId)));

    expect(await openChats(server, credentials.id)).toBe(3);
    await waitFor(() => visitors.filter((v) => v.conversation?.assigneeId === credentials.id).length === 3, 'three visitors told who has them');
    // The other nine wait, each told their place: 1 to 9, once each.
    await waitFor(() => visitors.filter((v) => v.queuePosition !== null).length === 9, 'nine places in line');
    expect(visitors.map((v) => v.queuePosition).filter((p) => p !== null).sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const v of visitors) v.close();
    agent.close();
  });

  it('never overfills an agent with room for one chat when one node reassigns while the other drains, round after round', async () => {
    const [a, b] = cluster.nodes as [TestCluster['nodes'][0], TestCluster['nodes'][0]];
    const server = { app: a.app, siteKey: cluster.siteKey };
    const { db } = a.app.kefu.storage;
    const workspaceId = await firstWorkspaceId(server);
    const siteId = await setRouting(server, { mode: 'auto' });
    // What the first test left open would fill the agent before any race.
    await db.updateTable('conversations').set({ status: 'closed' }).where('status', '=', 'open').execute();
    const free = await routedAgent(server, 1, 'Free');
    const slow = await routedAgent(server, 1, 'Slow');
    const agent = await connectAgent({ url: a.url }, free);
    const visitorIds: string[] = [];
    for (let i = 0; i < 2; i++) {
      const socket = await rawVisitorSocket({ url: a.url, siteKey: cluster.siteKey });
      visitorIds.push((await ask<AckResult<VisitorSession>>(socket, 'session.hello', {}).then((r) => (r.ok ? r.data : null)))!.visitorId);
      socket.close();
    }
    const conversation = (visitorId: string, assigneeId: string | null) =>
      a.app.kefu.conversationsRepo.create({
        id: newId(), workspace_id: workspaceId, site_id: siteId, visitor_id: visitorId, status: 'open', assignee_id: assigneeId,
        last_message_at: null, last_message_preview: null, created_at: Date.now(), waiting_since: assigneeId === null ? Date.now() : null,
      });

    // Each round: a chat kept waiting by its slow agent goes to whoever is free (node A's
    // sweeper), while a waiting chat is given out (node B's drain). They lock different
    // conversation rows, so only the workspace's advisory lock keeps both from reading
    // "no open chat" for the one free agent. (Two drains of the same queue never race:
    // they queue behind each other on its oldest conversation's row lock.)
    const overfilled: { round: number; openChats: number }[] = [];
    const assignedTwice: string[] = [];
    for (let round = 0; round < RACE_ROUNDS; round++) {
      const kept = await conversation(visitorIds[0]!, slow.id);
      const waiting = await conversation(visitorIds[1]!, null);
      await Promise.all([a.app.realtime.routing.reassign(workspaceId, kept.id, slow.id), b.app.realtime.routing.drain(workspaceId)]);
      const open = await openChats(server, free.id);
      if (open !== 1) overfilled.push({ round, openChats: open });
      const assignments = await db.selectFrom('messages').select('conversation_id').where('conversation_id', 'in', [kept.id, waiting.id]).where('sender_type', '=', 'system').where('event', 'like', '{"type":"assigned"%').execute();
      const seen = new Set<string>();
      for (const { conversation_id: id } of assignments) {
        if (seen.has(id)) assignedTwice.push(id);
        seen.add(id);
      }
      await db.updateTable('conversations').set({ status: 'closed' }).where('id', 'in', [kept.id, waiting.id]).execute();
    }
    agent.close();
    expect(overfilled).toEqual([]);
    expect(assignedTwice).toEqual([]);
  }, 30_000);
});
