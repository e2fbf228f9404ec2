import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceCursor, readStates } from '../conversations/read-cursors.js';
import { ConversationsRepo } from '../conversations/repo.js';
import { ConversationsService } from '../conversations/service.js';
import { newId } from '../ids.js';
import { MessagesRepo } from '../messages/repo.js';
import { MessagesService } from '../messages/service.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../test-support/databases.js';
import { loadConfig } from '../config.js';
import { bootstrap } from '../workspace/bootstrap.js';
import { migrate, openStorage, type Storage } from './connect.js';

for (const dialect of DIALECTS) {
  describe(`storage on ${dialect}`, () => {
    let testDb: TestDatabase;
    let storage: Storage;
    let messages: MessagesService;
    let conversations: ConversationsService;
    let conversationsRepo: ConversationsRepo;
    let visitor: { visitorId: string; siteId: string; workspaceId: string };

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      storage = await openStorage(testDb);
      await bootstrap(storage, { ...loadConfig({}), adminEmail: 'a@example.com', adminPassword: 'pw-123456' });
      const site = await storage.db.selectFrom('sites').selectAll().executeTakeFirstOrThrow();
      const visitorId = newId();
      await storage.db
        .insertInto('visitors')
        .values({ id: visitorId, site_id: site.id, token_hash: newId(), name: null, created_at: 1, last_seen_at: 1 })
        .execute();
      visitor = { visitorId, siteId: site.id, workspaceId: site.workspace_id };
      messages = new MessagesService(new MessagesRepo(storage.db), storage, pino({ level: 'silent' }));
      conversationsRepo = new ConversationsRepo(storage.db);
      conversations = new ConversationsService(conversationsRepo);
    });

    afterAll(async () => {
      await storage?.close();
      await testDb?.drop();
    });

    /** A second visitor of the same site, for a conversation of its own. */
    const anotherVisitor = async () => {
      const other = { ...visitor, visitorId: newId() };
      await storage.db
        .insertInto('visitors')
        .values({ id: other.visitorId, site_id: visitor.siteId, token_hash: newId(), name: null, created_at: 1, last_seen_at: 1 })
        .execute();
      return other;
    };

    /** The hot path: sends arriving together are stored in one batch (MessageWriter). */
    const send = (conversationId: string, clientMsgId: string, body = 'hi', from = visitor) =>
      messages.write({ conversationId, clientMsgId, senderType: 'visitor', senderId: from.visitorId, agentName: null, body, allowed: { visitorId: from.visitorId } });

    it('runs migrations idempotently', async () => {
      await migrate(storage.db);
      const tables = await storage.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(
        expect.arrayContaining(['workspaces', 'sites', 'agents', 'agent_sessions', 'visitors', 'conversations', 'messages']),
      );
    });

    it('bootstraps once: a workspace, a site and an owner', async () => {
      await bootstrap(storage, { ...loadConfig({}), adminEmail: 'a@example.com', adminPassword: 'pw-123456' });
      const counts = await Promise.all(
        (['workspaces', 'sites', 'agents'] as const).map((t) => storage.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()),
      );
      expect(counts.map((c) => Number(c.n))).toEqual([1, 1, 1]);
      const agent = await storage.db.selectFrom('agents').selectAll().executeTakeFirstOrThrow();
      expect(agent.role).toBe('owner');
      expect(agent.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('gives one open conversation per visitor', async () => {
      const a = await conversations.openFor(visitor);
      const b = await conversations.openFor(visitor);
      expect(a.created).toBe(true);
      expect(b.created).toBe(false);
      expect(b.conversation.id).toBe(a.conversation.id);
    });

    it('gives tabs racing to open the first conversation one and the same', async () => {
      const other = await anotherVisitor();
      const results = await Promise.all(Array.from({ length: 8 }, () => conversations.openFor(other)));
      expect(new Set(results.map((r) => r.conversation.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('numbers messages 1, 2, 3 and returns the stored message for a resent clientMsgId', async () => {
      const { conversation } = await conversations.openFor(visitor);
      const first = await send(conversation.id, 'client-msg-0001', 'one');
      const second = await send(conversation.id, 'client-msg-0002', 'two');
      const again = await send(conversation.id, 'client-msg-0001', 'one, resent');
      expect([first.message.seq, second.message.seq]).toEqual([1, 2]);
      expect(again.created).toBe(false);
      expect(again.message).toEqual(first.message);
      const stored = await conversationsRepo.byId(conversation.id);
      expect(stored?.lastSeq).toBe(2);
      expect(stored?.lastMessagePreview).toBe('two');
    });

    it('keeps seq contiguous and ids unique under concurrent senders and duplicate resends', async () => {
      const other = await anotherVisitor();
      const { conversation } = await conversations.openFor(other);
      const ids = Array.from({ length: 60 }, (_, i) => `concurrent-${String(i).padStart(4, '0')}`);
      // Every id is sent three times at once: 180 racing sends, 60 messages.
      const results = await Promise.all([...ids, ...ids, ...ids].map((id) => send(conversation.id, id, 'hi', other)));
      expect(results.filter((r) => r.created)).toHaveLength(60);
      const rows = await storage.db.selectFrom('messages').select(['seq', 'client_msg_id']).where('conversation_id', '=', conversation.id).orderBy('seq').execute();
      expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(new Set(rows.map((r) => r.client_msg_id)).size).toBe(60);
      const bySender = new Map(results.map((r) => [r.message.clientMsgId, r.message.seq]));
      for (const r of rows) expect(bySender.get(r.client_msg_id)).toBe(r.seq);
    });

    it('stores a batch of many conversations at once: each its own seqs, the right refusals, nothing of a refused one', async () => {
      const others = await Promise.all(Array.from({ length: 20 }, () => anotherVisitor()));
      const opened = await Promise.all(others.map((o) => conversations.openFor(o)));
      const closed = opened[0]!.conversation.id;
      await storage.db.updateTable('conversations').set({ status: 'closed' }).where('id', '=', closed).execute();
      // All at once, so that they share batches: 5 messages in each of 19 open conversations,
      // one in the closed one, and one by a visitor into a conversation that is not theirs.
      const writes = opened.flatMap(({ conversation }, i) =>
        Array.from({ length: i === 0 ? 1 : 5 }, (_, n) => send(conversation.id, `batch-${i}-${n}`, `m${n}`, others[i]).then((r) => ({ ok: true as const, r }), (err: unknown) => ({ ok: false as const, err }))),
      );
      const intruder = send(opened[1]!.conversation.id, 'batch-intruder', 'not mine', others[2]).catch((err: unknown) => err);
      const results = await Promise.all(writes);
      expect(await intruder).toMatchObject({ code: 'NOT_FOUND' });
      expect(results[0]).toMatchObject({ ok: false, err: { code: 'CONVERSATION_CLOSED' } });
      for (const [i, { conversation }] of opened.entries()) {
        const rows = await storage.db.selectFrom('messages').select(['seq', 'body', 'client_msg_id']).where('conversation_id', '=', conversation.id).orderBy('seq').execute();
        if (i === 0) {
          expect(rows).toEqual([]);
          continue;
        }
        // In the order sent, without gaps, and acked with what was stored.
        expect(rows.map((r) => [r.seq, r.body])).toEqual([[1, 'm0'], [2, 'm1'], [3, 'm2'], [4, 'm3'], [5, 'm4']]);
        const stored = await conversationsRepo.byId(conversation.id);
        expect([stored?.lastSeq, stored?.lastMessagePreview, stored?.visitorReadSeq]).toEqual([5, 'm4', 5]);
      }
      const acked = results.slice(1).map((r) => (r.ok ? [r.r.message.clientMsgId, r.r.message.seq, r.r.created, r.r.conversation.assigneeId] : r.err));
      expect(acked).toEqual(opened.slice(1).flatMap((_, i) => Array.from({ length: 5 }, (_, n) => [`batch-${i + 1}-${n}`, n + 1, true, null])));
    });

    it('moves read cursors forward only, and a send moves the sender\'s', async () => {
      const other = await anotherVisitor();
      const { conversation } = await conversations.openFor(other);
      await send(conversation.id, 'cursor-msg-0001', 'hi', other);
      await send(conversation.id, 'cursor-msg-0002', 'hi', other);
      expect((await readStates(storage.db, [conversation.id])).get(conversation.id)?.visitorReadSeq).toBe(2);
      expect(await advanceCursor(storage.db, conversation.id, 'agent', 'agent-1', 2)).toBe(true);
      expect(await advanceCursor(storage.db, conversation.id, 'agent', 'agent-1', 1)).toBe(false);
      expect(await advanceCursor(storage.db, conversation.id, 'agent', 'agent-1', 2)).toBe(false);
      expect(await advanceCursor(storage.db, conversation.id, 'agent', 'agent-2', 1)).toBe(true);
      const state = (await readStates(storage.db, [conversation.id])).get(conversation.id);
      expect(state).toEqual({ visitorReadSeq: 2, agentReads: { 'agent-1': 2, 'agent-2': 1 } });
      const stored = await conversationsRepo.byId(conversation.id);
      expect([stored?.visitorReadSeq, stored?.agentReadSeq]).toEqual([2, 2]);
    });

    it('keeps what writers read on the conversation, and an agent who stops being the last to write keeps theirs', async () => {
      const other = await anotherVisitor();
      const { conversation } = await conversations.openFor(other);
      const asAgent = (agentId: string, clientMsgId: string) =>
        messages.write({ conversationId: conversation.id, clientMsgId, senderType: 'agent', senderId: agentId, agentName: agentId, body: 'hello', allowed: { workspaceId: other.workspaceId } });
      const cursorRows = () => storage.db.selectFrom('read_cursors').select(['reader_id', 'seq']).where('conversation_id', '=', conversation.id).orderBy('reader_id').execute();
      const state = async () => (await readStates(storage.db, [conversation.id])).get(conversation.id);

      await send(conversation.id, 'writers-0001', 'hi', other);
      await asAgent('agent-a', 'writers-0002');
      await asAgent('agent-b', 'writers-0003');
      await send(conversation.id, 'writers-0004', 'thanks', other);
      expect(await state()).toEqual({ visitorReadSeq: 4, agentReads: { 'agent-a': 2, 'agent-b': 3 } });
      // No cursor row a message: only agent-a's, written when agent-b took over the writing.
      expect(await cursorRows()).toEqual([{ reader_id: 'agent-a', seq: 2 }]);

      // In one batch, each displacing the other: both keep their newest.
      await Promise.all([asAgent('agent-a', 'writers-0005'), asAgent('agent-b', 'writers-0006')]);
      expect(await state()).toEqual({ visitorReadSeq: 4, agentReads: { 'agent-a': 5, 'agent-b': 6 } });

      // One by one (a system line an agent caused): the same rule.
      const repo = new MessagesRepo(storage.db);
      await storage.db.transaction().execute((trx) =>
        repo.insertWithin(trx, { id: newId(), conversationId: conversation.id, clientMsgId: 'writers-0007', senderType: 'system', senderId: null, body: '', createdAt: Date.now(), event: { type: 'closed', byAgentId: 'agent-c' } }, 'agent-c'),
      );
      expect(await state()).toEqual({ visitorReadSeq: 4, agentReads: { 'agent-a': 5, 'agent-b': 6, 'agent-c': 7 } });

      // Reading up to what one wrote moves nothing; past it, the cursor moves.
      const now = (await conversationsRepo.byId(conversation.id))!;
      expect(await conversationsRepo.markRead(now, 'visitor', other.visitorId, 3)).toEqual({ seq: 4, moved: false });
      expect(await conversationsRepo.markRead(now, 'agent', 'agent-c', 6)).toEqual({ seq: 7, moved: false });
      expect(await conversationsRepo.markRead(now, 'visitor', other.visitorId, 7)).toEqual({ seq: 7, moved: true });
      expect(await conversationsRepo.markRead(now, 'agent', 'agent-a', 9)).toEqual({ seq: 7, moved: true });
      expect(await state()).toEqual({ visitorReadSeq: 7, agentReads: { 'agent-a': 7, 'agent-b': 6, 'agent-c': 7 } });
    });

    it('pages messages after a seq, oldest first', async () => {
      const other = await anotherVisitor();
      const { conversation } = await conversations.openFor(other);
      for (let i = 1; i <= 25; i++) await send(conversation.id, `page-msg-${String(i).padStart(4, '0')}`, `m${i}`, other);
      const seen: number[] = [];
      let after = 0;
      for (;;) {
        const page = await messages.page(conversation.id, after, 10);
        seen.push(...page.messages.map((m) => m.seq));
        if (!page.hasMore) break;
        after = page.messages.at(-1)!.seq;
      }
      expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect((await messages.page(conversation.id, 25, 10)).messages).toEqual([]);
    });

    it('lists a workspace inbox newest first with a keyset cursor', async () => {
      const all = [];
      let before: string | undefined;
      do {
        const page = await conversationsRepo.list({ workspaceId: visitor.workspaceId, view: 'open', agentId: 'nobody', limit: 2, ...(before ? { before } : {}) });
        all.push(...page.conversations);
        before = page.nextCursor ?? undefined;
      } while (before);
      // 5, plus the batch test's 19 with messages; the racing visitor's conversation has none, the closed one is not open.
      expect(all.length).toBe(24);
      const times = all.map((c) => c.lastMessageAt!);
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(all[0]!.visitorName).toMatch(/^Visitor /);
      const other = await conversationsRepo.list({ workspaceId: 'another-workspace', view: 'open', agentId: 'nobody', limit: 50 });
      expect(other.conversations).toEqual([]);
    });
  });
}
