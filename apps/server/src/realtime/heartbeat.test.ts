import { memoryStorage } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor } from '../test-support/clients.js';
import { startProxy, type TcpProxy } from '../test-support/proxy.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

const PING_INTERVAL_MS = 300;
const PING_TIMEOUT_MS = 300;
const GRACE_MS = 300;

describe('a silently dead network path (no FIN, no RST: a phone in a lift)', () => {
  let server: TestServer;
  let proxy: TcpProxy;
  beforeAll(async () => {
    server = await startServer({ config: { pingIntervalMs: PING_INTERVAL_MS, pingTimeoutMs: PING_TIMEOUT_MS, presenceGraceMs: GRACE_MS } });
    const { port } = new URL(server.url);
    proxy = await startProxy({ host: '127.0.0.1', port: Number(port) });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  it('is detected on both sides in bounded time, and what was queued meanwhile arrives once', async () => {
    const agent = await connectAgent(server);
    const storage = memoryStorage();
    // The visitor goes through the proxy (Origin is what the browser would send).
    const visitor = await connectVisitor({ url: proxy.url, siteKey: server.siteKey }, { storage, transports: ['websocket'] });
    visitor.send('before the lift');
    await waitFor(() => visitor.items()[0]?.state === 'sent', 'the first message');
    const visitorId = visitor.visitorId!;
    await waitFor(() => agent.presenceOf('visitor', visitorId) === 'online', 'online');

    proxy.blackhole();
    const cutAt = Date.now();
    visitor.send('typed in the lift');
    // The client notices the silence itself...
    await waitFor(() => visitor.state === 'reconnecting', 'the client to notice', 5000);
    const clientNoticedMs = Date.now() - cutAt;
    // ...and the server drops the dead socket, so after the grace period the visitor is offline.
    await waitFor(() => agent.presenceOf('visitor', visitorId) === 'offline', 'the server to notice', 5000);
    const serverNoticedMs = Date.now() - cutAt;
    const bound = PING_INTERVAL_MS + PING_TIMEOUT_MS;
    expect(clientNoticedMs).toBeLessThanOrEqual(bound + 500);
    expect(serverNoticedMs).toBeLessThanOrEqual(bound + GRACE_MS + 500);

    proxy.restore();
    await waitFor(() => visitor.items().length === 2 && visitor.items().every((i) => i.state !== 'sending'), 'the queued message after the lift', 10_000);
    const rows = await server.app.kefu.storage.db.selectFrom('messages').select(['seq', 'body']).orderBy('seq').execute();
    expect(rows.map((r) => r.body)).toEqual(['before the lift', 'typed in the lift']);
    await waitFor(() => agent.presenceOf('visitor', visitorId) === 'online', 'online again');
    visitor.close();
    agent.close();
  });
});
