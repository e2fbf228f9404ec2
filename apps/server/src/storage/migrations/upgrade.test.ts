import path from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { MessagesRepo } from '../../messages/repo.js';
import { MessagesService } from '../../messages/service.js';
import { createTestDatabase, DIALECTS } from '../../test-support/databases.js';
import { openStorage } from '../connect.js';
import type { Database } from '../database.js';
import { connectPostgres } from '../postgres/connect.js';
import { connectSqlite } from '../sqlite/connect.js';
import { MIGRATIONS } from './index.js';

/** Upgrades of a database that already holds messages: what a migration rebuilds keeps every row. */
for (const dialect of DIALECTS) {
  describe(`upgrading a ${dialect} database that holds messages`, () => {
    it('keeps every message through the clientMsgId index rebuild (0008), and resends are still found', async () => {
      const testDb = await createTestDatabase(dialect);
      const connect = (): Kysely<Database> => (testDb.databaseUrl ? connectPostgres(testDb.databaseUrl) : connectSqlite(path.join(testDb.dataDir, 'kefu.db')).db);
      let db = connect();
      try {
        const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
        expect((await migrator.migrateTo('0007_inbox_index_keeps_assignee')).error).toBeUndefined();
        await db.insertInto('workspaces').values({ id: 'w', name: 'Shop', created_at: 1 }).execute();
        await db.insertInto('sites').values({ id: 's', workspace_id: 'w', public_key: 'k', name: 'Shop', allowed_origins: '[]', created_at: 1 }).execute();
        await db.insertInto('visitors').values({ id: 'v', site_id: 's', token_hash: 't', created_at: 1, last_seen_at: 1 }).execute();
        await db.insertInto('conversations').values({ id: 'c', workspace_id: 'w', site_id: 's', visitor_id: 'v', status: 'open', last_seq: 3, created_at: 1 }).execute();
        const before = [
          { id: 'm1', conversation_id: 'c', seq: 1, client_msg_id: 'random-old-id-1', sender_type: 'visitor', sender_id: 'v', body: '你好', created_at: 10, event: null },
          { id: 'm2', conversation_id: 'c', seq: 2, client_msg_id: 'random-old-id-2', sender_type: 'system', sender_id: null, body: '', created_at: 11, event: '{"type":"closed"}' },
          { id: 'm3', conversation_id: 'c', seq: 3, client_msg_id: 'random-old-id-3', sender_type: 'visitor', sender_id: 'v', body: 'still there?', created_at: 12, event: null },
        ] as const;
        await db.insertInto('messages').values([...before]).execute();
        await db.destroy();

        const storage = await openStorage(testDb);
        db = storage.db;
        expect(await db.selectFrom('messages').selectAll().orderBy('seq').execute()).toEqual(before);
        const definitions = await indexDefinitions(db, dialect);
        expect(definitions).toMatch(/client_msg_id"?, "?conversation_id/);
        expect(definitions).not.toMatch(/conversation_id"?, "?client_msg_id/);

        // A resend of a message stored before the upgrade is found (and not stored again).
        const messages = new MessagesService(new MessagesRepo(db), storage, pino({ level: 'silent' }));
        const resend = await messages.write({ conversationId: 'c', clientMsgId: 'random-old-id-3', senderType: 'visitor', senderId: 'v', agentName: null, body: 'still there?', allowed: { visitorId: 'v' } });
        expect(resend.created).toBe(false);
        expect(resend.message.seq).toBe(3);
        const next = await messages.write({ conversationId: 'c', clientMsgId: 'random-old-id-4', senderType: 'visitor', senderId: 'v', agentName: null, body: 'hello?', allowed: { visitorId: 'v' } });
        expect([next.created, next.message.seq]).toEqual([true, 4]);
        // The database itself still refuses a second copy.
        await expect(db.insertInto('messages').values({ ...before[0], id: 'm9', seq: 9 }).execute()).rejects.toThrow(/unique|duplicate/i);
        await storage.close();
      } finally {
        await db.destroy().catch(() => {});
        await testDb.drop();
      }
    });
  });
}

/** The messages table's indexes, as SQL text. */
async function indexDefinitions(db: Kysely<Database>, dialect: string): Promise<string> {
  const query =
    dialect === 'postgres'
      ? sql<{ text: string }>`select indexdef as text from pg_indexes where tablename = 'messages'`
      : sql<{ text: string }>`select sql as text from sqlite_master where tbl_name = 'messages' and sql is not null`;
  const { rows } = await query.execute(db);
  return rows.map((r) => r.text).join('\n');
}
