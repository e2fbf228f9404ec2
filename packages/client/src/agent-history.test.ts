import type { AckResult, Message } from '@kefu/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Integration tests against a real server, from the server's own test helpers (tests
// only: the SDK itself never imports the server).
import { ask, connectAgent, rawAgentSocket, rawVisitorSocket } from '../../../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../../../apps/server/src/test-support/server.js';
import { waitFor } from '../../../apps/server/src/test-support/wait.js';

const HISTORY_PAGE = 50;

describe('AgentClient: opening at the newest page, scrolling up, staying in sync', () => {
  let server: TestServer;
  let conversationId: string;
  let visitor: Awaited<ReturnType<typeof rawVisitorSocket>>;

  beforeAll(async () => {
    server = await startServer();
    visitor = await rawVisitorSocket(server);
    for (let i = 1; i <= 120; i++) {
      const sent = await ask<AckResult<Message>>(visitor, 'message.send', { clientMsgId: `history-${String(i).padStart(4, '0')}`, body: `m${i}`, ...(conversationId ? { conversationId } : {}) });
      if (!sent.ok) throw new Error(sent.error.code);
      conversationId = sent.data.conversationId;
    }
  });
  afterAll(async () => {
    visitor?.close();
    await server?.close();
  });

  it('loads the newest page first, then older pages on demand, and new messages after', async () => {
    const agent = await connectAgent(server);
    await agent.open(conversationId);
    expect(agent.items(conversationId).map((i) => i.seq)).toEqual(range(120 - HISTORY_PAGE + 1, 120));
    expect(agent.hasOlder(conversationId)).toBe(true);

    expect(await agent.loadOlder(conversationId)).toBe(true);
    expect(agent.items(conversationId)[0]!.seq).toBe(120 - 2 * HISTORY_PAGE + 1);
    expect(await agent.loadOlder(conversationId)).toBe(false);
    expect(agent.hasOlder(conversationId)).toBe(false);
    expect(await agent.loadOlder(conversationId)).toBe(false);
    expect(agent.items(conversationId).map((i) => i.seq)).toEqual(range(1, 120));

    // New messages keep coming in after the loaded range.
    await ask(visitor, 'message.send', { conversationId, clientMsgId: 'history-0121', body: 'm121' });
    await waitFor(() => agent.items(conversationId).at(-1)?.seq === 121, 'the live message');
    agent.close();
  });

  it('detects a gap above the newest page and syncs forward from there, never from seq 1', async () => {
    const agent = await connectAgent(server);
    await agent.open(conversationId);
    const floor = agent.items(conversationId)[0]!.seq!;
    expect(floor).toBeGreaterThan(1);
    // The agent misses live messages while offline...
    agent.suspend();
    await waitFor(() => agent.state === 'reconnecting', 'the agent to go offline');
    for (let i = 0; i < 3; i++) await ask(visitor, 'message.send', { conversationId, clientMsgId: `gap-${i}-0000`, body: `missed ${i}` });
    agent.wake();
    await waitFor(() => agent.items(conversationId).some((i) => i.body === 'missed 2'), 'the sync after reconnecting');
    const seqs = agent.items(conversationId).map((i) => i.seq!);
    expect(seqs[0]).toBe(floor);
    expect(seqs).toEqual(range(floor, seqs.at(-1)!));
    expect(agent.hasOlder(conversationId)).toBe(true);
    agent.close();
  });

  it('an empty page for a conversation without older messages: nothing to load', async () => {
    const other = await rawVisitorSocket(server);
    const sent = await ask<AckResult<Message>>(other, 'message.send', { clientMsgId: 'only-one-0001', body: 'only one' });
    if (!sent.ok) throw new Error(sent.error.code);
    const agent = await connectAgent(server);
    await agent.open(sent.data.conversationId);
    expect(agent.items(sent.data.conversationId).map((i) => i.body)).toEqual(['only one']);
    expect(agent.hasOlder(sent.data.conversationId)).toBe(false);
    // System messages carry their event.
    const raw = await rawAgentSocket(server);
    await ask(raw, 'conversation.close', { conversationId: sent.data.conversationId });
    await waitFor(() => agent.items(sent.data.conversationId).length === 2, 'the close');
    expect(agent.items(sent.data.conversationId)[1]).toMatchObject({ senderType: 'system', event: { type: 'closed' } });
    for (const c of [raw, other]) c.close();
    agent.close();
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
