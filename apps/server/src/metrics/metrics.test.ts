import type { AckResult, Message } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { newId } from '../ids.js';
import { ask, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** One sample's value from Prometheus's text format, e.g. `kefu_connections{namespace="visitor"}`; null when absent. */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? null : Number(line.slice(name.length + 1));
}

describe('GET /metrics', () => {
  let server: TestServer;
  let without: TestServer;
  const sockets: Socket[] = [];
  const scrape = (authorization?: string) => fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    [server, without] = await Promise.all([startServer({ config: { metricsToken: TOKEN } }), startServer()]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all([server?.close(), without?.close()]);
  });

  it('does not exist without a token configured', async () => {
    const res = await fetch(`${without.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(without.app.kefu.metrics).toBeNull();
  });

  it('refuses a scraper without the token, and says how to authenticate', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-some-length', TOKEN, `Basic ${TOKEN}`]) {
      const res = await scrape(authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
    }
  });

  it("counts the node's connections and what its message writer did", async () => {
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(sample(before, 'kefu_message_settle_seconds_count')).toBe(0);
    expect(before).toContain('process_cpu_user_seconds_total');
    expect(before).toContain('nodejs_eventloop_lag_p99_seconds');

    const visitor = await rawVisitorSocket(server);
    const agent = await rawAgentSocket(server);
    sockets.push(visitor, agent);
    const sent = await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body: 'is anyone measuring this?' });
    expect(sent.ok).toBe(true);
    const conversationId = sent.ok ? sent.data.conversationId : '';
    await ask(visitor, 'message.send', { clientMsgId: newId(), body: 'second', conversationId });

    const res = await scrape(`bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'kefu_connections{namespace="visitor"}')).toBe(1);
    expect(sample(text, 'kefu_connections{namespace="agent"}')).toBe(1);
    expect(sample(text, 'kefu_message_settle_seconds_count')).toBe(2);
    // Each was settled within the 5 s bucket, and took some time.
    expect(sample(text, 'kefu_message_settle_seconds_bucket{le="5"}')).toBe(2);
    expect(sample(text, 'kefu_message_settle_seconds_sum')).toBeGreaterThan(0);
    expect(sample(text, 'kefu_message_batch_messages_sum')).toBe(2);
    expect(sample(text, 'kefu_message_batch_seconds_count')).toBe(sample(text, 'kefu_message_batch_messages_count'));
  });

  it('refuses a token anyone could guess', () => {
    expect(() => loadConfig({ KEFU_METRICS_TOKEN: 'short' })).toThrow(/at least 16 characters/);
    expect(loadConfig({ KEFU_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(loadConfig({}).metricsToken).toBeNull();
  });
});
