import type { AgentClient } from '@kefu/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { connectAgent } from '../test-support/clients.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { firstWorkspaceId } from '../test-support/workspaces.js';
import { routedAgent, setRouting } from '../test-support/routing.js';

const CONVERSATIONS = 1000;
const AGENTS = 5;
/** Open at once: the oldest is closed when one more would exceed it (2 per agent). */
const KEEP_OPEN = 10;

describe('fair assignment over 1,000 conversations', () => {
  let server: TestServer;
  const clients: AgentClient[] = [];
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.close();
  });

  it('spreads them evenly, in round-robin order among agents with equally few chats, and never above capacity', async () => {
    const ctx = server.app.kefu;
    const workspaceId = await firstWorkspaceId(server);
    const siteId = await setRouting(server, { mode: 'auto' });
    const agents = [];
    for (let i = 0; i < AGENTS; i++) agents.push(await routedAgent(server, 3, `Agent ${i}`));
    for (const a of agents) clients.push(await connectAgent(server, a));
    // Enough visitors that each one's previous conversation is closed before their next.
    const visitors = [];
    for (let i = 0; i <= KEEP_OPEN; i++) {
      const id = newId();
      await ctx.storage.db.insertInto('visitors').values({ id, site_id: siteId, token_hash: newId(), name: null, created_at: Date.now(), last_seen_at: Date.now(), user_id: null, email: null, phone: null, user_agent: null, ip: null, language: null, time_zone: null, visit_started_at: null }).execute();
      visitors.push(id);
    }
    const order: string[] = [];
    const open: string[] = [];
    const counts = new Map<string, number>(agents.map((a) => [a.id, 0]));
    for (let i = 0; i < CONVERSATIONS; i++) {
      const { conversation } = await ctx.conversations.openFor({ visitorId: visitors[i % visitors.length]!, siteId, workspaceId });
      await server.app.realtime.routing.drain(workspaceId);
      const assigned = await ctx.conversationsRepo.byId(conversation.id);
      expect(assigned?.assigneeId, `conversation ${i}`).toBeTruthy();
      order.push(assigned!.assigneeId!);
      counts.set(assigned!.assigneeId!, counts.get(assigned!.assigneeId!)! + 1);
      open.push(conversation.id);
      if (open.length >= KEEP_OPEN) {
        const oldest = open.shift()!;
        await ctx.conversationActions.close(oldest, order[0]!);
      }
      const busiest = await ctx.storage.db.selectFrom('conversations').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'open').groupBy('assignee_id').execute();
      expect(Math.max(...busiest.map((r) => Number(r.n)))).toBeLessThanOrEqual(3);
    }
    const values = [...counts.values()];
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    // Round-robin: every run of AGENTS consecutive assignments gives each agent one.
    for (let i = 0; i + AGENTS <= order.length; i++) expect(new Set(order.slice(i, i + AGENTS)).size, `assignments ${i}..${i + AGENTS - 1}`).toBe(AGENTS);
  });
});
