import type { AckResult, ConversationPage } from '@kefu/protocol';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { ask, rawAgentSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { ADMIN, startServer, type TestServer } from '../test-support/server.js';
import type { ListQuery } from './repo.js';

const CONVERSATIONS = 10_000;
const BATCH = 500;

/**
 * Deep pages stay fast when each page walks an index in order and stops after `limit`
 * rows. Speed itself is the benchmark's business; here the query plans prove the walk.
 */
for (const dialect of DIALECTS) {
  describe(`the inbox with ${CONVERSATIONS} conversations (${dialect})`, () => {
    let server: TestServer;
    let workspaceId: string;
    let adminId: string;

    beforeAll(async () => {
      server = await startServer({ dialect });
      const { db } = server.app.kefu.storage;
      const admin = await db.selectFrom('agents').select(['id', 'workspace_id']).where('email', '=', ADMIN.email).executeTakeFirstOrThrow();
      workspaceId = admin.workspace_id;
      adminId = admin.id;
      const site = await db.selectFrom('sites').select('id').executeTakeFirstOrThrow();
      const start = Date.now() - CONVERSATIONS * 1000;
      for (let from = 0; from < CONVERSATIONS; from += BATCH) {
        const ids = Array.from({ length: BATCH }, (_, i) => ({ n: from + i, visitor: newId(), conversation: newId() }));
        await db.insertInto('visitors').values(ids.map((r) => ({ id: r.visitor, site_id: site.id, token_hash: r.visitor, name: `Visitor ${r.n}`, created_at: start, last_seen_at: start }))).execute();
        await db
          .insertInto('conversations')
          .values(ids.map((r) => ({
            id: r.conversation,
            workspace_id: workspaceId,
            site_id: site.id,
            visitor_id: r.visitor,
            status: r.n % 10 === 0 ? 'closed' : 'open',
            assignee_id: r.n % 3 === 0 ? adminId : null,
            last_seq: 1,
            last_message_at: start + r.n * 1000,
            last_message_preview: `message ${r.n}`,
            created_at: start,
          })))
          .execute();
      }
      // Fresh statistics, as a live database would have them.
      await db.executeQuery(CompiledQuery.raw('ANALYZE'));
    });
    afterAll(() => server?.close());

    async function plan(q: ListQuery): Promise<string> {
      const { db } = server.app.kefu.storage;
      const compiled = server.app.kefu.conversationsRepo.listQuery(q).compile();
      const explain = dialect === 'postgres' ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
      const result = await db.executeQuery(CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]));
      return JSON.stringify(result.rows);
    }

    it('walks an index in order for every view, on the first page and a deep one', async () => {
      const page = server.app.kefu.conversationsRepo;
      const deep = await page.list({ workspaceId, agentId: adminId, view: 'open', limit: 100 });
      const cursor = { before: deep.nextCursor! };
      for (const view of ['open', 'closed', 'unassigned', 'mine'] as const) {
        for (const extra of [{}, cursor]) {
          const text = await plan({ workspaceId, agentId: adminId, view, limit: 50, ...extra });
          expect(text).toContain('conversations_inbox');
          // A full sort would read every matching row first. (PostgreSQL's incremental
          // sort only orders ties of the presorted index key, within the limit.)
          if (dialect === 'sqlite') expect(text).not.toContain('TEMP B-TREE');
          else expect(text.replace(/Incremental Sort/g, '')).not.toMatch(/Sort {2}\(/);
        }
      }
    });

    it('pages through every open conversation exactly once, newest first', async () => {
      const agent = await rawAgentSocket(server);
      const seen: number[] = [];
      let before: string | null = null;
      do {
        const result: AckResult<ConversationPage> = await ask(agent, 'conversations.list', { view: 'open', limit: 100, ...(before ? { before } : {}) });
        if (!result.ok) throw new Error(result.error.code);
        seen.push(...result.data.conversations.map((c) => c.lastMessageAt!));
        before = result.data.nextCursor;
      } while (before);
      expect(seen).toHaveLength(CONVERSATIONS * 0.9);
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(new Set(seen).size).toBe(seen.length);
      expect(await ask(agent, 'conversations.counts', {})).toEqual({ ok: true, data: { open: 9000, unassigned: 6000, mine: 3000 } });
      agent.close();
    });
  });
}
