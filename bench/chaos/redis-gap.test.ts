import { AgentClient, memoryStorage, signIn, VisitorClient } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../apps/server/src/test-support/wait.js';
import { CHAOS_ADMIN, Cluster } from './cluster.js';

/**
 * Regression test: a message whose live fan-out was lost while Redis was down used to
 * reach a client that stayed connected only when a later message revealed the gap: a
 * visitor waiting for an answer never saw it until they typed, reloaded or
 * reconnected. A publish queued during the outage can be flushed before the other node
 * has subscribed again; freezing node A across the restart makes that order certain.
 * Now a node whose Redis subscriber comes back asks its clients to resync
 * (`session.resync`), and the stored reply arrives.
 */
describe('chaos: a connected visitor after a Redis restart', () => {
  let cluster: Cluster;
  let visitor: VisitorClient;
  let other: VisitorClient;
  let agent: AgentClient;
  let conversationId: string;

  const newVisitor = () => {
    const v = new VisitorClient({ url: cluster.entries[0]!, siteKey: cluster.siteKey, storage: memoryStorage(), extraHeaders: { origin: 'http://localhost:3000' } });
    v.connect();
    return v;
  };
  const bodies = (v: VisitorClient) => v.items().map((i) => i.body);

  beforeAll(async () => {
    cluster = await Cluster.start({ db: 'postgres', nodes: 2 });
    // Both visitors on node A, the agent on node B: everything between them goes through Redis.
    visitor = newVisitor();
    other = newVisitor();
    const { cookie } = await signIn(cluster.entries[1]!, CHAOS_ADMIN.email, CHAOS_ADMIN.password);
    agent = new AgentClient({ url: cluster.entries[1]!, extraHeaders: { cookie: cookie! }, storage: memoryStorage() });
    agent.connect();
    await waitFor(() => [visitor, other, agent].every((c) => c.state === 'ready'), 'everyone to connect');
    visitor.send('hello');
    other.send('hello too');
    conversationId = await waitFor(() => visitor.conversation?.id, 'the conversation');
    const otherId = await waitFor(() => other.conversation?.id, 'the other conversation');
    await agent.open(conversationId);
    agent.send(conversationId, 'before the restart');
    await waitFor(() => bodies(visitor).includes('before the restart'), 'the first reply, live through Redis');
    // A reconnect would sync: the point is that the visitor's connection never drops.
    const visitorStates: string[] = [];
    visitor.on('state', (state) => visitorStates.push(state));

    cluster.freeze(0);
    await cluster.redis!.kill();
    agent.send(conversationId, 'while redis was down');
    await waitFor(() => agent.items(conversationId).every((i) => i.seq !== null), 'the reply to be stored (acked by node B)');
    await cluster.redis!.start();
    // ioredis retries at most 2 s apart: node B is back on Redis (and has flushed what it queued) within 3 s.
    await new Promise((r) => setTimeout(r, 3000));
    cluster.freeze(0, false);

    // Node A is back on Redis once replies into the other conversation arrive live again.
    await agent.open(otherId);
    for (let probe = 1; !bodies(other).some((b) => b.startsWith('probe')); probe++) {
      if (probe > 30) throw new Error('live fan-out to node A did not come back');
      agent.send(otherId, `probe ${probe}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(visitorStates).toEqual([]);
    const stored = (await cluster.read()).stored.filter((m) => m.conversationId === conversationId).map((m) => m.body);
    expect(stored).toEqual(['hello', 'before the restart', 'while redis was down']);
  }, 60_000);

  afterAll(async () => {
    for (const client of [visitor, other, agent]) client?.close();
    await cluster?.close();
  });

  it('shows the reply stored while Redis was down without needing a reconnect', async () => {
    await waitFor(() => bodies(visitor).includes('while redis was down'), 'the visitor to show the reply', 5000);
  });
});
