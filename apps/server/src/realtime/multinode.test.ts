import { AgentClient, memoryStorage, signIn, type Message } from '@kefu/client';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor } from '../test-support/clients.js';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.js';
import { TEST_REDIS } from '../test-support/env.js';
import { startNode, type NodeProcess } from '../test-support/process.js';
import { ADMIN } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

describe('two nodes on PostgreSQL, fan-out through Redis', () => {
  let db: TestDatabase;
  let nodes: NodeProcess[] = [];
  let siteKey: string;

  beforeAll(async () => {
    const redis = new Redis(TEST_REDIS, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    await redis.connect().catch((err: unknown) => {
      throw new Error(`Redis for tests is unreachable at ${TEST_REDIS} (set KEFU_TEST_REDIS): ${String(err)}`);
    });
    await redis.quit();
    db = await createTestDatabase('postgres');
    const env = { DATABASE_URL: db.databaseUrl!, REDIS_URL: TEST_REDIS, KEFU_DATA_DIR: db.dataDir, KEFU_ADMIN_EMAIL: ADMIN.email, KEFU_ADMIN_PASSWORD: ADMIN.password, PRESENCE_GRACE_MS: '300' };
    // Started together: the first start's bootstrap must happen exactly once.
    nodes = await Promise.all([startNode(env), startNode(env)]);
    siteKey = /data-site="([^"]+)"/.exec(nodes[0]!.output())![1]!;
    expect(nodes[1]!.output()).toContain(`data-site="${siteKey}"`);
  });

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await db?.drop();
  });

  it('lets a visitor on node A and an agent on node B talk in real time', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const visitor = await connectVisitor({ url: a.url, siteKey });
    const agent = await connectAgent({ url: b.url });
    expect([visitor.state, agent.state]).toEqual(['ready', 'ready']);
    const arrived: Message[] = [];
    agent.on('message', (m) => arrived.push(m));

    visitor.send('hello from node A');
    const message = await waitFor(() => arrived[0], 'the agent on B to receive the message');
    expect(message.body).toBe('hello from node A');

    await agent.open(message.conversationId);
    agent.send(message.conversationId, 'hello from node B');
    const reply = await waitFor(() => visitor.items().find((i) => i.senderType === 'agent'), 'the visitor on A to receive the reply');
    expect(reply).toMatchObject({ body: 'hello from node B', seq: 2 });
    visitor.close();
    agent.close();
  });

  it('shows presence across nodes: online on A, seen from B, offline after the grace period', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const agent = await connectAgent({ url: b.url });
    const visitor = await connectVisitor({ url: a.url, siteKey });
    await waitFor(() => agent.presenceOf('visitor', visitor.visitorId!) === 'online', 'B to see the visitor on A online');
    visitor.close();
    await waitFor(() => agent.presenceOf('visitor', visitor.visitorId!) === 'offline', 'B to see them offline');
    agent.close();
  });

  it('closes an agent session on every node at sign-out', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const { cookie } = await signIn(a.url, ADMIN.email, ADMIN.password);
    const onB = new AgentClient({ url: b.url, extraHeaders: { cookie: cookie! }, storage: memoryStorage() });
    onB.connect();
    await waitFor(() => onB.state === 'ready', 'the agent on B');
    await fetch(`${a.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie: cookie!, 'content-type': 'application/json' }, body: '{}' });
    await waitFor(() => onB.state === 'failed', 'the socket on B to close');
  });

  it('on SIGTERM lets clients go elsewhere: what they queued meanwhile reaches the other node once', async () => {
    const [a, b] = nodes as [NodeProcess, NodeProcess];
    const agent = await connectAgent({ url: b.url });
    const arrived: Message[] = [];
    agent.on('message', (m) => arrived.push(m));
    const storage = memoryStorage();
    const visitor = await connectVisitor({ url: a.url, siteKey }, { storage });
    visitor.send('before the shutdown');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'the first message');

    const code = await a.stop('SIGTERM');
    expect(code, `node A's log:\n${a.output()}`).toBe(0);
    // A graceful close is a dropped transport to the client, so it keeps trying (not a kick).
    await waitFor(() => visitor.state === 'reconnecting', 'the visitor to notice');
    visitor.send('during the outage');
    visitor.close();

    // What a load balancer does: the same browser (token, outbox) now reaches node B.
    const moved = await connectVisitor({ url: b.url, siteKey }, { storage });
    await waitFor(() => moved.items().length === 2 && moved.items().every((i) => i.state === 'sent'), 'the queued message to be sent via B');
    expect(moved.items().map((i) => [i.seq, i.body])).toEqual([[1, 'before the shutdown'], [2, 'during the outage']]);
    await waitFor(() => arrived.length === 2, 'the agent to get both');
    expect(arrived.map((m) => m.seq)).toEqual([1, 2]);
    agent.close();
    moved.close();
  });
});
