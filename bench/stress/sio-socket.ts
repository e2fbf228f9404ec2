/**
 * The LeanSocket interface over the stock socket.io-client with long-polling only
 * (`--transport polling`): slower and costlier for the bench, but the real client
 * stack the SDK sits on, for a measure of Kefu behind proxies that block WebSocket.
 */
import { io, type Socket } from 'socket.io-client';
import type { AckReply, LeanSocketOptions } from './lean-socket.js';

export class PollingSocket {
  up = false;
  reconnects = 0;
  private socket: Socket | null = null;

  constructor(private readonly options: LeanSocketOptions) {}

  connect(): void {
    if (this.socket) return;
    const socket = io(`${this.options.url.replace(/\/$/, '')}${this.options.namespace}`, {
      transports: ['polling'],
      forceNew: true,
      extraHeaders: this.options.headers,
      auth: (cb) => cb(this.options.auth()),
      reconnectionDelay: this.options.backoffMinMs ?? 250,
      reconnectionDelayMax: this.options.backoffMaxMs ?? 5000,
      randomizationFactor: 1,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.up = true;
      this.options.onState?.(true);
    });
    socket.on('disconnect', () => {
      this.up = false;
      this.options.onState?.(false);
    });
    socket.io.on('reconnect_attempt', () => this.reconnects++);
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code;
      if (code) this.options.onRefused?.(code, true);
    });
    socket.onAny((name: string, ...args: unknown[]) => this.options.onEvent?.(name, JSON.stringify([name, ...args])));
  }

  request(event: string, payload: unknown, timeoutMs = 30_000): Promise<AckReply> {
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve({ ok: false, error: { code: 'DISCONNECTED' } });
    return socket.timeout(timeoutMs).emitWithAck(event, payload).then(
      (reply: AckReply) => reply,
      () => ({ ok: false, error: { code: 'TIMEOUT' } }),
    );
  }

  drop(): void {
    this.socket?.io.engine?.close();
  }

  close(): void {
    this.socket?.disconnect();
    this.socket = null;
  }
}
