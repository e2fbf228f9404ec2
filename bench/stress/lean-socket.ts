/**
 * Socket.IO v5 over Engine.IO v4, spoken directly over `ws`: the stock
 * socket.io-client costs about as much CPU as the server it measures, so the bench
 * speaks the few packets it needs itself.
 *
 *   server  0{"sid":..,"pingInterval":..}       Engine.IO open
 *   server  2            client 3               ping / pong
 *   client  40/visitor,{auth}                   namespace connect, answered by
 *   server  40/visitor,{"sid":..} | 44/visitor,{"message":..,"data":{"code":..}}
 *   client  42/visitor,17["message.send",{..}]  event with ack id 17, answered by
 *   server  43/visitor,17[{"ok":true,"data":..}]
 *   server  42/visitor,["message.created",{..}] event
 *
 * Events reach `onEvent` unparsed (name, JSON text of the arguments array) so that
 * a receiver can skip what it does not care about without a JSON.parse.
 */
import WebSocket from 'ws';

export interface AckReply {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message?: string };
}

export interface LeanSocketOptions {
  /** http://host:port of Kefu (or of the baseline relay). */
  url: string;
  namespace: string;
  /** The handshake's auth, read again on every reconnect (a visitor token learnt since). */
  auth: () => Record<string, unknown>;
  headers: Record<string, string>;
  /** Full-jitter exponential backoff between reconnects. */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** Connected to the namespace (true) or lost it (false). */
  onState?: (up: boolean) => void;
  /** The server refused the namespace; `fatal` ones are not retried. */
  onRefused?: (code: string, fatal: boolean) => void;
  onEvent?: (name: string, argsJson: string) => void;
}

/** Refusals no retry can fix: the bench is set up wrong. */
const FATAL_CODES = new Set(['SITE_NOT_FOUND', 'PROTOCOL_UNSUPPORTED', 'ORIGIN_NOT_ALLOWED', 'BAD_REQUEST']);

interface Pending {
  resolve: (reply: AckReply) => void;
  timer: NodeJS.Timeout;
}

export class LeanSocket {
  up = false;
  /** Reconnects so far (not counting the first connect). */
  reconnects = 0;
  private ws: WebSocket | null = null;
  private closed = false;
  private attempt = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly prefix: string;

  constructor(private readonly options: LeanSocketOptions) {
    this.prefix = options.namespace === '/' ? '' : `${options.namespace},`;
  }

  connect(): void {
    if (this.closed || this.ws) return;
    const url = `${this.options.url.replace(/^http/, 'ws').replace(/\/$/, '')}/socket.io/?EIO=4&transport=websocket`;
    const ws = new WebSocket(url, { headers: this.options.headers, perMessageDeflate: false });
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.packet(data.toString());
    });
    ws.on('error', () => undefined); // 'close' follows
    ws.on('close', () => this.lost(ws));
  }

  /** Emits with an ack; resolves with the server's answer, or a DISCONNECTED / TIMEOUT error. */
  request(event: string, payload: unknown, timeoutMs = 30_000): Promise<AckReply> {
    return new Promise((resolve) => {
      if (!this.up || !this.ws) return resolve({ ok: false, error: { code: 'DISCONNECTED' } });
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'TIMEOUT' } });
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.ws.send(`42${this.prefix}${id}${JSON.stringify([event, payload])}`);
    });
  }

  /** Cuts the connection without closing: the socket reconnects with its backoff (a network drop). */
  drop(): void {
    this.ws?.terminate();
  }

  close(): void {
    this.closed = true;
    this.ws?.terminate();
  }

  private packet(text: string): void {
    const engine = text.charCodeAt(0);
    if (engine === 0x32 /* 2 ping */) return this.ws?.send('3');
    if (engine === 0x30 /* 0 open */) return this.ws?.send(`40${this.prefix}${JSON.stringify(this.options.auth())}`);
    if (engine !== 0x34 /* 4 message */) return;
    const type = text.charCodeAt(1);
    let at = 2;
    if (this.prefix) {
      if (!text.startsWith(this.prefix, 2)) return; // another namespace: not ours
      at += this.prefix.length;
    }
    if (type === 0x32 /* 2 event */) {
      while (text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at++; // an ack id the server wants: none of ours do
      const end = text.indexOf('"', at + 2);
      this.options.onEvent?.(text.slice(at + 2, end), text.slice(at));
    } else if (type === 0x33 /* 3 ack */) {
      let id = 0;
      while (text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) id = id * 10 + text.charCodeAt(at++) - 0x30;
      const pending = this.pending.get(id);
      if (!pending) return;
      this.pending.delete(id);
      clearTimeout(pending.timer);
      pending.resolve((JSON.parse(text.slice(at)) as [AckReply])[0]);
    } else if (type === 0x30 /* 0 connect */) {
      this.up = true;
      this.attempt = 0;
      this.options.onState?.(true);
    } else if (type === 0x34 /* 4 connect_error */) {
      const refusal = JSON.parse(text.slice(at)) as { message?: string; data?: { code?: string } };
      const code = refusal.data?.code ?? refusal.message ?? 'CONNECT_ERROR';
      const fatal = FATAL_CODES.has(code);
      this.options.onRefused?.(code, fatal);
      if (fatal) this.closed = true;
      this.ws?.terminate();
    } else if (type === 0x31 /* 1 disconnect */) {
      this.ws?.terminate();
    }
  }

  private lost(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.ws = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, error: { code: 'DISCONNECTED' } });
      this.pending.delete(id);
    }
    if (this.up) {
      this.up = false;
      this.options.onState?.(false);
    }
    if (this.closed) return;
    // Full jitter: a whole node's clients coming back spread over the window instead of at once.
    const ceiling = Math.min(this.options.backoffMaxMs ?? 5000, (this.options.backoffMinMs ?? 250) * 2 ** this.attempt++);
    setTimeout(() => {
      this.reconnects++;
      this.connect();
    }, Math.random() * ceiling);
  }
}
