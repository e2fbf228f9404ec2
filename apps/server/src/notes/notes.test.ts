import type { AckResult, Message, MessagePage, Note } from '@kefu/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords.js';
import { newId } from '../ids.js';
import { ask, collect, rawAgentSocket, rawVisitorSocket } from '../test-support/clients.js';
import { DIALECTS } from '../test-support/databases.js';
import { startServer, type TestServer } from '../test-support/server.js';
import { waitFor } from '../test-support/wait.js';

const ok = <T>(result: AckResult<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
};

for (const dialect of DIALECTS) {
  describe(`internal notes (${dialect})`, () => {
    let server: TestServer;
    let agent: Socket;
    let visitor: Socket;
    let conversationId: string;
    /** Every event the visitor's socket receives, whatever its name. */
    const visitorHeard: unknown[] = [];

    beforeAll(async () => {
      server = await startServer({ dialect });
      visitor = await rawVisitorSocket(server);
      visitor.onAny((event: string, ...args: unknown[]) => visitorHeard.push([event, ...args]));
      conversationId = ok(await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: newId(), body: 'hello' })).conversationId;
      agent = await rawAgentSocket(server);
    });
    afterAll(async () => {
      visitor?.close();
      agent?.close();
      await server?.close();
    });

    it('stores a note once per clientNoteId and lists notes oldest first', async () => {
      const clientNoteId = newId();
      const first = ok(await ask<AckResult<Note>>(agent, 'note.send', { conversationId, clientNoteId, body: 'first note' }));
      expect(first).toMatchObject({ conversationId, clientNoteId, agentName: 'Admin', body: 'first note' });
      const again = ok(await ask<AckResult<Note>>(agent, 'note.send', { conversationId, clientNoteId, body: 'first note' }));
      expect(again).toEqual(first);
      const second = ok(await ask<AckResult<Note>>(agent, 'note.send', { conversationId, clientNoteId: newId(), body: 'second note' }));
      expect(ok(await ask<AckResult<Note[]>>(agent, 'notes.list', { conversationId })).map((n) => n.id)).toEqual([first.id, second.id]);
      // Racing resends of one id still store one note.
      const racing = newId();
      const answers = await Promise.all(Array.from({ length: 5 }, () => ask<AckResult<Note>>(agent, 'note.send', { conversationId, clientNoteId: racing, body: 'race' })));
      expect(new Set(answers.map((a) => ok(a).id)).size).toBe(1);
      expect(ok(await ask<AckResult<Note[]>>(agent, 'notes.list', { conversationId }))).toHaveLength(3);
    });

    it('refuses blank notes, other workspaces and visitors', async () => {
      expect(await ask(agent, 'note.send', { conversationId, clientNoteId: newId(), body: '   ' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const { db } = server.app.kefu.storage;
      const workspaceId = newId();
      await db.insertInto('workspaces').values({ id: workspaceId, name: 'Other', created_at: Date.now() }).execute();
      await db.insertInto('agents').values({ id: newId(), workspace_id: workspaceId, email: 'out@example.com', name: 'Out', password_hash: await hashPassword('out-password-1'), role: 'owner', created_at: Date.now() }).execute();
      const outsider = await rawAgentSocket(server, { email: 'out@example.com', password: 'out-password-1' });
      const outsiderHeard = collect<Note>(outsider, 'note.created');
      expect(await ask(outsider, 'notes.list', { conversationId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(await ask(outsider, 'note.send', { conversationId, clientNoteId: newId(), body: 'intrude' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      ok(await ask(agent, 'note.send', { conversationId, clientNoteId: newId(), body: 'workspace one only' }));
      // Visitors have no note events at all: the server refuses the event as unknown.
      expect(await ask(visitor, 'notes.list', { conversationId })).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'unknown event notes.list' } });
      ok(await ask(agent, 'messages.sync', { conversationId, afterSeq: 0 }));
      expect(outsiderHeard).toEqual([]);
      outsider.close();
    });

    it('never reaches the visitor: not live, not in a sync, not after a transfer with a note', async () => {
      const secret = `internal-${newId()}`;
      const colleague = collect<Note>(agent, 'note.created');
      ok(await ask(agent, 'note.send', { conversationId, clientNoteId: newId(), body: `note ${secret}` }));
      const me = await server.app.kefu.storage.db.selectFrom('agents').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow();
      ok(await ask(agent, 'conversation.assign', { conversationId, assigneeId: me.id, note: `transfer ${secret}` }));
      ok(await ask(agent, 'message.send', { conversationId, clientMsgId: newId(), body: 'a public reply' }));
      await waitFor(() => colleague.length === 2 && visitorHeard.some((e) => JSON.stringify(e).includes('a public reply')), 'the notes to agents and the reply to the visitor');
      const sync = ok(await ask<AckResult<MessagePage>>(visitor, 'messages.sync', { conversationId, afterSeq: 0 }));
      expect(sync.messages.map((m) => m.senderType)).toEqual(['visitor', 'system', 'agent']);
      // Sanity: the visitor does hear this conversation's events, just never the notes.
      expect(visitorHeard.length).toBeGreaterThan(2);
      expect(JSON.stringify(visitorHeard)).not.toContain(secret);
      expect(JSON.stringify(sync)).not.toContain(secret);
      expect(JSON.stringify(visitorHeard)).not.toContain('note.created');
    });
  });
}
