/**
 * The Socket.IO baseline: the same relay as baseline-relay.ts (relay-rules.ts), on a
 * plain Socket.IO server set up as Kefu's is (its packet size bound, the write buffers
 * released as realtime/sent-packets.ts does), without persistence, validation, rooms or
 * anything else of Kefu's. Between the `ws` relay and Kefu, it says how much of the gap
 * is Socket.IO's own.
 *
 *   node --import ./hooks.mjs socketio-relay.ts <agents>     prints "listening <port>"
 */
import { createServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { SOCKET_PACKET_MAX_BYTES } from '@kefu/protocol';
import { releaseSentPackets } from '../../apps/server/src/realtime/sent-packets.js';
import { RelayRules, type Side } from './relay-rules.js';

const sockets = { visitor: new Map<number, Socket>(), agent: new Map<number, Socket>() };
const rules = new RelayRules(Number(process.argv[2] ?? 1), (side, index, event, payload) => {
  sockets[side].get(index)?.emit(event, payload);
});

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: SOCKET_PACKET_MAX_BYTES, serveClient: false });
releaseSentPackets(io);

for (const side of ['visitor', 'agent'] as const satisfies Side[]) {
  io.of(`/${side}`).on('connection', (socket) => {
    const index = Number((socket.handshake.auth as { benchIndex?: number }).benchIndex ?? -1);
    sockets[side].set(index, socket);
    socket.on('disconnect', () => {
      if (sockets[side].get(index) === socket) sockets[side].delete(index);
    });
    socket.onAny((event: string, payload: Parameters<RelayRules["visitor"]>[2], ack: unknown) => {
      if (typeof ack !== 'function') return;
      ack({ ok: true, data: side === 'visitor' ? rules.visitor(index, event, payload) : rules.agent(index, event, payload) });
    });
  });
}
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  if (typeof address === 'object' && address) process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
