import { memoryStorage, type VisitorClient } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectVisitor } from '../../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../../apps/server/src/test-support/server.js';
import { waitFor } from '../../apps/server/src/test-support/wait.js';

/**
 * Regression test, found by `npm run chaos -- --db postgres --nodes 2 --tabs 2`:
 * several tabs of one new visitor send their first message at the same time. Each
 * send found no open conversation and created one, so the visitor ended up with one
 * conversation per tab, and the shared first message was stored once in each. Now a
 * unique index allows one open conversation per visitor and the losers of the race
 * join the winner's (ConversationsService.openFor).
 */
const VISITORS = 5;
const TABS = 4;

describe('chaos: tabs of a new visitor sending their first message at once (PostgreSQL)', () => {
  let server: TestServer;
  let visitors: VisitorClient[][] = [];
  let conversationsPerVisitor: number[] = [];

  beforeAll(async () => {
    server = await startServer({ dialect: 'postgres' });
    for (let v = 0; v < VISITORS; v++) {
      // Tabs share the browser's storage: the token (one visitor) and the outbox.
      const storage = memoryStorage();
      const first = await connectVisitor(server, { storage });
      const others = await Promise.all(Array.from({ length: TABS - 1 }, () => connectVisitor(server, { storage })));
      visitors.push([first, ...others]);
    }
    for (const tabs of visitors) expect(new Set(tabs.map((t) => t.visitorId)).size).toBe(1);
    for (const tabs of visitors) tabs.forEach((tab, i) => tab.send(`first message from tab ${i + 1}`));
    await waitFor(() => visitors.flat().every((t) => t.items().every((i) => i.seq !== null)), 'every tab to have its message stored');
    const rows = await server.app.kefu.storage.db.selectFrom('conversations').select(['visitor_id']).where('status', '=', 'open').execute();
    conversationsPerVisitor = visitors.map((tabs) => rows.filter((r) => r.visitor_id === tabs[0]!.visitorId).length);
  }, 60_000);

  afterAll(async () => {
    for (const tab of visitors.flat()) tab.close();
    visitors = [];
    await server?.close();
  });

  it('gives each visitor one open conversation', () => {
    expect(conversationsPerVisitor).toEqual(Array(VISITORS).fill(1));
  });
});
