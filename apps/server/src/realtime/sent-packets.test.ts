import type { AckResult, Message } from '@kefu/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { ask, rawVisitorSocket } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

it("empties engine.io's dropped write buffers once their packets are written, and the packets still arrive", async () => {
  const flushed: unknown[][] = [];
  server.app.realtime.io.engine.on('flush', (_socket: unknown, packets: unknown[]) => flushed.push(packets));
  const visitor = await rawVisitorSocket(server);
  try {
    const sent = await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body: 'does this arrive?' });
    expect(sent.ok).toBe(true);
    expect(flushed.length).toBeGreaterThan(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(flushed.map((packets) => packets.length)).toEqual(flushed.map(() => 0));
  } finally {
    visitor.close();
  }
});
