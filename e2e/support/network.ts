import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { TestServer } from '../../apps/server/src/test-support/server.js';

/**
 * Networks that misbehave on purpose, between Chromium and a Kefu test server. Pages
 * load the widget through them (serveHostPage(proxy.url, ...)), so every request and
 * socket of the widget takes that path; the browser's own WebSocket stays real.
 */

export interface StallingProxy {
  url: string;
  /**
   * Stops forwarding on every WebSocket connection open now, in both directions, without
   * closing them: an uplink that stalled. New connections (the next page's) go through.
   * What the stalled ones held is dropped when either end closes them. (Plain HTTP
   * connections are left alone: the browser reuses them for the next page's requests.)
   */
  stallWebSockets(): number;
  close(): Promise<void>;
}

/** A TCP proxy in front of `targetUrl` whose open WebSocket connections can be stalled. */
export async function startStallingProxy(targetUrl: string): Promise<StallingProxy> {
  const target = new URL(targetUrl);
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket; stalled: boolean; webSocket: boolean }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { client, upstream, stalled: false, webSocket: false };
    pairs.add(pair);
    client.once('data', (chunk: Buffer) => {
      pair.webSocket = /^upgrade:\s*websocket/im.test(chunk.toString('latin1'));
    });
    client.on('data', (chunk) => void (pair.stalled || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (pair.stalled || client.write(chunk)));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end).on('end', end);
    upstream.on('close', end).on('error', end).on('end', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stallWebSockets() {
      let stalled = 0;
      for (const pair of pairs) {
        if (!pair.webSocket) continue;
        pair.stalled = true;
        stalled++;
      }
      return stalled;
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * How networks block WebSocket: `refuse` answers the upgrade with 403 (a proxy or WAF
 * that forbids it: the browser reports an error); `close` completes the upgrade (101)
 * and closes the connection at once (a middlebox that lets the handshake through and
 * then kills what it does not understand: the browser reports an open, then a close).
 */
export type WebSocketBlock = 'refuse' | 'close';

export interface BlockingProxy {
  url: string;
  /** WebSocket upgrades attempted (all blocked) and long-polling requests forwarded, so far. */
  upgrades: number;
  polls: number;
  /** What came through, in order: `upgrade` for a blocked WebSocket, `poll` for a polling request. */
  sequence: ('upgrade' | 'poll')[];
  close(): Promise<void>;
}

/** An HTTP proxy in front of `targetUrl` that forwards everything but WebSocket. */
export async function startWebSocketBlockingProxy(targetUrl: string, block: WebSocketBlock): Promise<BlockingProxy> {
  const target = new URL(targetUrl);
  const server = http.createServer((req, res) => {
    if (req.url?.includes('transport=polling')) {
      proxy.polls++;
      proxy.sequence.push('poll');
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
    proxy.upgrades++;
    proxy.sequence.push('upgrade');
    if (block === 'refuse') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = crypto
      .createHash('sha1')
      .update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    setTimeout(() => socket.destroy(), 10);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const proxy: BlockingProxy = {
    url: `http://127.0.0.1:${port}`,
    upgrades: 0,
    polls: 0,
    sequence: [],
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return proxy;
}

export interface SendLog {
  /** Per body, the server-side visitor connections (numbered 1, 2, ... in order of connection) that received a `message.send` of it. */
  receivedOn: Map<string, number[]>;
  /** How many visitor connections the server has accepted so far. */
  connections(): number;
  /** For each visitor connection, the transport it ended on (websocket or polling) and the Host it came through. */
  transports(): { transport: string; host: string | undefined }[];
}

/** Watches, on the server, which visitor connection carried each `message.send`. */
export function logSends(server: TestServer): SendLog {
  const visitors = server.app.realtime.io.of('/visitor');
  const receivedOn = new Map<string, number[]>();
  let count = 0;
  visitors.on('connection', (socket) => {
    const n = ++count;
    socket.onAny((event: string, payload: { body?: unknown }) => {
      if (event !== 'message.send' || typeof payload?.body !== 'string') return;
      receivedOn.set(payload.body, [...(receivedOn.get(payload.body) ?? []), n]);
    });
  });
  return {
    receivedOn,
    connections: () => count,
    transports: () => [...visitors.sockets.values()].map((s) => ({ transport: s.conn.transport.name, host: s.handshake.headers.host })),
  };
}
