import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../storage/connect.js';
import { createTestDatabase, type TestDatabase } from '../test-support/databases.js';
import * as sql from './batch-sql.mjs';
import type { Statement } from '../storage/steps.mjs';

// The batch's statements run hundreds of times a second on a node that may hold millions
// of messages: each must probe an index per row, never read a whole table. SQLite plans
// without statistics, so this is checked on its plans (a timed test would prove nothing).
describe("the message batch's statements on SQLite", () => {
  let testDb: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    storage = await openStorage(testDb);
  });

  afterAll(async () => {
    await storage?.close();
    await testDb?.drop();
  });

  const plan = async (query: Statement) => {
    const { rows } = await storage.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]));
    return rows.map((r) => r.detail);
  };

  for (const size of [1, 40, 256]) {
    it(`probes messages and conversations by index for ${size} rows`, async () => {
      const ids = Array.from({ length: size }, (_, i) => `c${i}`);
      const statements = {
        read: sql.readConversations('sqlite', ids),
        stored: sql.storedPairs('sqlite', ids.map((conversationId) => ({ conversationId, clientMsgId: 'm' }))),
        advance: sql.advanceConversations('sqlite', ids.map((id, i) => ({ id, seq: 2, at: 1, preview: 'hi', visitorWrote: i % 2 ? 2 : null, agentWrote: i % 2 ? null : { id: 'a', seq: 2 } }))),
        sites: sql.readSites('sqlite', ids),
      };
      for (const [name, statement] of Object.entries(statements)) {
        const steps = await plan(statement);
        // No full pass over a table, and no index built on the fly for the list instead.
        expect(steps.filter((s) => /^SCAN (m|messages|conversations|sites)\b|AUTOMATIC/.test(s)), `${name}: ${steps.join(' / ')}`).toEqual([]);
        expect(steps.some((s) => /^SEARCH (m|messages|conversations|sites) USING/.test(s)), `${name}: ${steps.join(' / ')}`).toBe(true);
      }
    });
  }
});
