/**
 * The baseline: a plain `ws` relay without persistence, in its own process, that
 * speaks just enough Engine.IO / Socket.IO for the bench's own workers to drive it
 * unchanged. Visitor i's messages go to agent i % A and back; the ack follows the
 * relay. What Kefu reaches against this, on the same machine in the same run, is
 * the ratio the issue asks for.
 *
 *   node --import ./hooks.mjs baseline-relay.ts <agents>     prints "listening <port>"
 */
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const agentCount = Number(process.argv[2] ?? 1);

interface RelayConversation {
  id: string;
  visitor: number;
  agent: number;
  seq: number;
}

const visitors = new Map<number, WebSocket>();
const agents = new Map<number, WebSocket>();
const conversations = new Map<string, RelayConversation>();
let nextMessageId = 1;

const OPEN = `0${JSON.stringify({ sid: 'relay', upgrades: [], pingInterval: 25_000, pingTimeout: 20_000, maxPayload: 1_000_000 })}`;

function ack(ws: WebSocket, namespace: string, id: string, data: unknown): void {
  ws.send(`43${namespace},${id}${JSON.stringify([{ ok: true, data }])}`);
}

function relay(conversation: RelayConversation, from: 'visitor' | 'agent', payload: { clientMsgId: string; body: string }): unknown {
  const message = {
    id: `m${nextMessageId++}`,
    conversationId: conversation.id,
    seq: ++conversation.seq,
    clientMsgId: payload.clientMsgId,
    senderType: from,
    senderId: from === 'visitor' ? `v${conversation.visitor}` : `a${conversation.agent}`,
    senderName: null,
    body: payload.body,
    createdAt: Date.now(),
  };
  const to = from === 'visitor' ? agents.get(conversation.agent) : visitors.get(conversation.visitor);
  to?.send(`42${from === 'visitor' ? '/agent' : '/visitor'},${JSON.stringify(['message.created', message])}`);
  return message;
}

function visitorEvent(ws: WebSocket, index: number, id: string, event: string, payload: { clientMsgId: string; body: string; conversationId?: string }): void {
  const conversationId = `c${index}`;
  let conversation = conversations.get(conversationId);
  if (event === 'session.hello') return ack(ws, '/visitor', id, { visitorId: `v${index}`, visitorToken: `t${index}`, conversation: conversation ? { id: conversation.id } : null });
  if (event === 'messages.sync') return ack(ws, '/visitor', id, { messages: [], hasMore: false });
  if (event !== 'message.send') return ack(ws, '/visitor', id, {});
  if (!conversation) {
    conversation = { id: conversationId, visitor: index, agent: index % agentCount, seq: 0 };
    conversations.set(conversationId, conversation);
    agents.get(conversation.agent)?.send(`42/agent,${JSON.stringify(['conversation.updated', { id: conversationId, assigneeId: `a${conversation.agent}` }])}`);
  }
  ack(ws, '/visitor', id, relay(conversation, 'visitor', payload));
}

function agentEvent(ws: WebSocket, index: number, id: string, event: string, payload: { clientMsgId: string; body: string; conversationId: string }): void {
  if (event === 'session.hello') return ack(ws, '/agent', id, { agent: { id: `a${index}` } });
  if (event === 'messages.sync') return ack(ws, '/agent', id, { messages: [], hasMore: false });
  const conversation = conversations.get(payload.conversationId);
  if (event !== 'message.send' || !conversation) return ack(ws, '/agent', id, {});
  ack(ws, '/agent', id, relay(conversation, 'agent', payload));
}

const PACKET = /^4([02])\/(visitor|agent),(\d*)(.*)$/s;

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/socket.io/', perMessageDeflate: false });
server.on('connection', (ws: WebSocket, _req: IncomingMessage) => {
  let index = -1;
  let namespace: 'visitor' | 'agent' | null = null;
  ws.send(OPEN);
  ws.on('message', (data) => {
    const m = PACKET.exec(data.toString());
    if (!m) return; // pongs and the like
    const [, type, ns, id, json] = m as unknown as [string, string, 'visitor' | 'agent', string, string];
    if (type === '0') {
      index = Number((JSON.parse(json) as { benchIndex?: number }).benchIndex ?? -1);
      namespace = ns;
      (ns === 'visitor' ? visitors : agents).set(index, ws);
      ws.send(`40/${ns},${JSON.stringify({ sid: `${ns}${index}` })}`);
      return;
    }
    const [event, payload] = JSON.parse(json) as [string, never];
    if (ns === 'visitor') visitorEvent(ws, index, id, event, payload);
    else agentEvent(ws, index, id, event, payload);
  });
  ws.on('close', () => {
    const map = namespace === 'visitor' ? visitors : agents;
    if (map.get(index) === ws) map.delete(index);
  });
});
server.on('listening', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.stdout.write(`listening ${address.port}\n`);
});
// Nothing to flush: no persistence.
process.on('SIGTERM', () => process.exit(0));
