import type { AckResult, Message, Note } from '@kefu/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Integration tests against a real server, from the server's own test helpers (tests
// only: the SDK itself never imports the server).
import { ask, connectAgent, rawAgentSocket, rawVisitorSocket } from '../../../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../../../apps/server/src/test-support/server.js';
import { waitFor } from '../../../apps/server/src/test-support/wait.js';

describe('AgentClient: internal notes', () => {
  let server: TestServer;
  let conversationId: string;
  let visitor: Awaited<ReturnType<typeof rawVisitorSocket>>;

  beforeAll(async () => {
    server = await startServer();
    visitor = await rawVisitorSocket(server);
    const sent = await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: 'notes-sdk-0001', body: 'hello' });
    if (!sent.ok) throw new Error(sent.error.code);
    conversationId = sent.data.conversationId;
  });
  afterAll(async () => {
    visitor?.close();
    await server?.close();
  });

  it('shows a note as sending, then sent, and a colleague gets it live', async () => {
    const [me, colleague] = await Promise.all([connectAgent(server), connectAgent(server)]);
    await Promise.all([me.open(conversationId), colleague.open(conversationId)]);
    const heard: Note[] = [];
    colleague.on('note', (n) => heard.push(n));
    const key = me.sendNote(conversationId, 'check the order first');
    expect(me.notesOf(conversationId)).toMatchObject([{ clientNoteId: key, state: 'sending', body: 'check the order first', agentName: 'Admin' }]);
    await waitFor(() => me.notesOf(conversationId)[0]?.state === 'sent', 'the ack');
    await waitFor(() => colleague.notesOf(conversationId).length === 1 && heard.length === 1, 'the colleague to get it');
    expect(colleague.notesOf(conversationId)[0]).toMatchObject({ clientNoteId: key, state: 'sent' });
    // Messages stay messages: the note is not among the items.
    expect(me.items(conversationId).map((i) => i.body)).toEqual(['hello']);
    me.close();
    colleague.close();
  });

  it('resends a note written offline after reconnecting, stored once, and lists notes missed meanwhile', async () => {
    const agent = await connectAgent(server);
    await agent.open(conversationId);
    agent.suspend();
    await waitFor(() => agent.state === 'reconnecting', 'the agent to go offline');
    const key = agent.sendNote(conversationId, 'written offline');
    expect(agent.notesOf(conversationId).find((n) => n.clientNoteId === key)?.state).toBe('sending');

    // Meanwhile the same id reaches the server by another path (a lost ack, say), and a colleague writes one.
    const raw = await rawAgentSocket(server);
    const first = await ask<AckResult<Note>>(raw, 'note.send', { conversationId, clientNoteId: key, body: 'written offline' });
    await ask(raw, 'note.send', { conversationId, clientNoteId: 'colleague-note-0001', body: 'from a colleague' });
    raw.close();

    agent.wake();
    await waitFor(() => agent.state === 'ready' && agent.notesOf(conversationId).every((n) => n.state === 'sent'), 'the resend after reconnecting');
    const mine = agent.notesOf(conversationId).filter((n) => n.clientNoteId === key);
    expect(mine).toHaveLength(1);
    expect(first.ok && mine[0]!.id).toBe(first.ok ? first.data.id : 'never');
    expect(agent.notesOf(conversationId).map((n) => n.body)).toContain('from a colleague');
    const rows = await server.app.kefu.storage.db.selectFrom('notes').select('id').where('client_note_id', '=', key).execute();
    expect(rows).toHaveLength(1);
    agent.close();
  });

  it('marks a note the server refuses as failed, and keeps it until retried', async () => {
    const agent = await connectAgent(server);
    await agent.open(conversationId);
    const key = agent.sendNote(conversationId, '   ');
    await waitFor(() => agent.notesOf(conversationId).find((n) => n.clientNoteId === key)?.state === 'failed', 'the refusal');
    expect(agent.notesOf(conversationId).find((n) => n.clientNoteId === key)?.error?.code).toBe('BAD_REQUEST');
    agent.close();
  });
});
