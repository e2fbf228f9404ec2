import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor } from '../test-support/clients.js';
import { startCluster, type TestCluster } from '../test-support/cluster.js';
import { TEST_REDIS } from '../test-support/env.js';
import { openChats, routedAgent, setRouting } from '../test-support/routing.js';
import { waitFor } from '../test-support/wait.js';
import { firstWorkspaceId } from '../test-support/workspaces.js';

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
    // over: each reads the same open counts; only the workspace's advisory lock keeps
    // their picks apart.
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
});
