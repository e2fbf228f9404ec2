/**
 * The baseline: a plain `ws` relay without persistence, in its own process, that
 * speaks just enough Engine.IO / Socket.IO for the bench's own workers to drive it
 * unchanged (what it answers: relay-rules.ts). The ack follows the relay. What Kefu
 * reaches against this, on the same machine in the same run, is the ratio the issue
 * asks for.
 *
 *   node --import ./hooks.mjs baseline-relay.ts <agents>     prints "listening <port>"
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { RelayRules, type Side } from './relay-rules.js';

const sockets = { visitor: new Map<number, WebSocket>(), agent: new Map<number, WebSocket>() };
const rules = new RelayRules(Number(process.argv[2] ?? 1), (side, index, event, payload) => {
  sockets[side].get(index)?.send(`42/${side},${JSON.stringify([event, payload])}`);
});

const OPEN = `0${JSON.stringify({ sid: 'relay', upgrades: [], pingInterval: 25_000, pingTimeout: 20_000, maxPayload: 1_000_000 })}`;
const PACKET = /^4([02])\/(visitor|agent),(\d*)(.*)$/s;

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/socket.io/', perMessageDeflate: false });
server.on('connection', (ws: WebSocket) => {
  let index = -1;
  let side: Side | null = null;
  ws.send(OPEN);
  ws.on('message', (data) => {
    const m = PACKET.exec(data.toString());
    if (!m) return; // pongs and the like
    const [, type, ns, id, json] = m as unknown as [string, string, Side, string, string];
    if (type === '0') {
      index = Number((JSON.parse(json) as { benchIndex?: number }).benchIndex ?? -1);
      side = ns;
      sockets[ns].set(index, ws);
      ws.send(`40/${ns},${JSON.stringify({ sid: `${ns}${index}` })}`);
      return;
    }
    const [event, payload] = JSON.parse(json) as [string, never];
    const answer = ns === 'visitor' ? rules.visitor(index, event, payload) : rules.agent(index, event, payload);
    ws.send(`43/${ns},${id}${JSON.stringify([{ ok: true, data: answer }])}`);
  });
  ws.on('close', () => {
    if (side && sockets[side].get(index) === ws) sockets[side].delete(index);
  });
});
server.on('listening', () => {
  const address = server.address();
  if (typeof address === 'object' && address) process.stdout.write(`listening ${address.port}\n`);
});
// Nothing to flush: no persistence.
process.on('SIGTERM', () => process.exit(0));
