import type { LiveVisitor } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, collect, connectAgent, connectVisitor, rawAgentSocket } from '../test-support/clients.js';
import { startCluster, type TestCluster } from '../test-support/cluster.js';
import { TEST_REDIS } from '../test-support/env.js';
import { waitFor } from '../test-support/wait.js';

describe('the radar across two nodes (PostgreSQL, Redis)', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startCluster(2, TEST_REDIS, { presenceGraceMs: 1000 });
  });
  afterAll(() => cluster?.close());

  it('lists visitors of both nodes to an agent on either, and announces arrivals across nodes', async () => {
    const [a, b] = cluster.nodes as [TestCluster['nodes'][0], TestCluster['nodes'][0]];
    const watcher = await rawAgentSocket({ url: b.url });
    const arrived = collect<LiveVisitor>(watcher, 'visitor.arrived');
    const onA = await connectVisitor({ url: a.url, siteKey: cluster.siteKey });
    const onB = await connectVisitor({ url: b.url, siteKey: cluster.siteKey });
    onA.pageView({ url: 'https://shop.example.com/a', title: 'Page A', referrer: null, at: Date.now() });
    await waitFor(() => arrived.some((v) => v.visitorId === onA.visitorId), 'B to hear of the visitor on A');

    const agent = await connectAgent({ url: a.url });
    const live = await waitFor(async () => {
      const list = await agent.liveVisitors();
      return list.find((v) => v.visitorId === onA.visitorId)?.currentPage && list.some((v) => v.visitorId === onB.visitorId) ? list : null;
    }, 'both visitors on the radar');
    expect(live.find((v) => v.visitorId === onA.visitorId)).toMatchObject({ status: 'online', currentPage: { title: 'Page A' }, conversationId: null });
    const fromB = await ask<{ ok: true; data: LiveVisitor[] }>(watcher, 'visitors.live', {});
    expect(fromB.data.map((v) => v.visitorId).sort()).toEqual([onA.visitorId, onB.visitorId].sort());

    onB.close();
    await waitFor(async () => !(await agent.liveVisitors()).some((v) => v.visitorId === onB.visitorId), 'the visitor on B to leave the radar');
    for (const c of [onA, agent]) c.close();
    watcher.close();
  });
});
