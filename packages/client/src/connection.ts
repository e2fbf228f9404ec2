import { PROTOCOL_VERSION } from '@kefu/protocol';
import { io, type Socket } from 'socket.io-client';
import { Emitter } from './emitter.js';
import { KefuError } from './errors.js';
import { watchPage } from './lifecycle.js';
import { request } from './request.js';

/**
 * idle: not started. connecting: first attempt. ready: connected, greeted and synced.
 * reconnecting: the connection dropped; retrying with jittered backoff.
 * failed: the server refused us for good (see `lastError`). closed: `close()` was called.
 */
export type ConnectionState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'failed' | 'closed';

export type Transport = 'websocket' | 'polling';

export interface ConnectionOptions {
  /** Kefu's base URL, e.g. https://chat.example.com */
  url: string;
  /** Default: WebSocket first, long-polling when it is blocked. */
  transports?: Transport[];
  /** Node.js only: headers for the handshake (cookies, Origin). */
  extraHeaders?: Record<string, string>;
}

export interface ConnectionEvents {
  state: ConnectionState;
  error: KefuError;
}

/**
 * The Socket.IO connection shared by the visitor and agent clients: state
 * transitions, reconnection and the handshake's protocol version. Subclasses say
 * what "ready" takes (`greet`) and which events they listen to (`listen`).
 */
export abstract class Connection<Events extends ConnectionEvents> extends Emitter<Events> {
  state: ConnectionState = 'idle';
  lastError: KefuError | null = null;
  protected socket: Socket | null = null;
  private unwatchPage: (() => void) | null = null;

  constructor(
    private readonly namespace: string,
    protected readonly options: ConnectionOptions,
  ) {
    super();
  }

  /** Handshake fields beyond the protocol version; read again on every reconnect. */
  protected abstract handshake(): Record<string, unknown>;
  /** Runs after every (re)connect; the state becomes `ready` when it resolves. */
  protected abstract greet(socket: Socket): Promise<void>;
  protected abstract listen(socket: Socket): void;
  /** Runs once the state is `ready`: the time to send what waited. */
  protected abstract whenReady(): void;
  /** Catches up on a live connection after the page slept or the network came back. */
  protected abstract catchUp(): Promise<void>;
  /** What this connection says of its person's presence; the server starts at `active`. */
  protected abstract presenceState(): 'active' | 'idle';
  /** The state last told to the server on this connection. */
  private toldPresence: 'active' | 'idle' = 'active';

  /** Tells the server when this connection's presence changed (no-op when offline: the next connect starts fresh). */
  protected reportPresence(): void {
    const state = this.presenceState();
    if (this.state !== 'ready' || !this.socket?.connected || state === this.toldPresence) return;
    this.toldPresence = state;
    request(this.socket, 'presence.update', { state }).catch(() => {
      this.toldPresence = state === 'active' ? 'idle' : 'active';
    });
  }
  /** A refused handshake: return true when the subclass fixed the cause and a retry may work. */
  protected recover(_error: KefuError): boolean {
    return false;
  }

  connect(): void {
    if (this.socket) return;
    this.setState('connecting');
    const socket = io(this.options.url.replace(/\/$/, '') + this.namespace, {
      transports: this.options.transports ?? ['websocket', 'polling'],
      // A network or proxy that blocks WebSocket gets long-polling instead.
      tryAllTransports: true,
      // One connection per client: Socket.IO would otherwise share a manager (and its
      // headers) between every client of the same URL in a page or process.
      forceNew: true,
      // The polling transport sends cookies only when asked; the agent's session is one.
      withCredentials: true,
      extraHeaders: this.options.extraHeaders,
      auth: (cb) => cb({ protocolVersion: PROTOCOL_VERSION, ...this.handshake() }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.5,
    });
    this.socket = socket;
    this.watchWebSocket(socket);
    socket.io.on('reconnect_attempt', () => queueMicrotask(() => this.watchWebSocket(socket)));
    // The server lost its fan-out link for a while: what it could not deliver is in the database.
    socket.on('session.resync', () => {
      if (this.state === 'ready') void this.catchUp().catch(() => undefined);
    });
    socket.on('connect', () => {
      this.toldPresence = 'active';
      void this.onConnect(socket);
    });
    socket.on('disconnect', (reason) => {
      if (this.state === 'closed') return;
      // The server said goodbye on purpose (sign-out, removal): do not come back.
      if (reason === 'io server disconnect') this.fail(new KefuError('UNAUTHENTICATED', 'disconnected by the server'));
      else this.setState('reconnecting');
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      const code = err.data?.code;
      if (!code) return this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting');
      const error = KefuError.from({ code: code as never, message: err.data?.message ?? err.message });
      if (error.action === 'retry' || this.recover(error)) {
        // Socket.IO stops retrying after a middleware refusal; start again ourselves.
        setTimeout(() => {
          if (this.state === 'closed') return;
          socket.connect();
          this.watchWebSocket(socket);
        }, 1000 + Math.random() * 1000);
        return;
      }
      this.fail(error);
    });
    this.listen(socket);
    this.unwatchPage = watchPage({ hide: () => this.suspend(), wake: () => this.wake(), visibility: () => this.reportPresence() });
  }

  close(): void {
    this.setState('closed');
    this.stop();
  }

  /**
   * Connects again with a fresh handshake (its fields changed: a new identity, a
   * forgotten token); also after a refusal, whose cause may be fixed now.
   */
  protected reconnect(): void {
    if (this.state === 'idle' || this.state === 'closed') return;
    if (!this.socket) {
      this.lastError = null;
      this.connect();
      return;
    }
    this.setState('reconnecting');
    this.restart(this.socket);
  }

  /** The page is going away or into the back/forward cache: let go of the socket, keep the rest. */
  suspend(): void {
    if (!this.socket?.connected || this.state === 'closed' || this.state === 'failed') return;
    this.socket.disconnect();
  }

  /**
   * Something suggests we may have missed messages (page shown or thawed, network back):
   * catch up on a live socket, or reconnect now rather than after the backoff.
   */
  wake(): void {
    const socket = this.socket;
    if (!socket || this.state === 'closed' || this.state === 'failed') return;
    if (socket.connected) {
      if (this.state === 'ready') void this.catchUp().catch(() => undefined);
      return;
    }
    // disconnect() clears Socket.IO's pending backoff timer; connect() starts afresh.
    this.restart(socket);
  }

  private restart(socket: Socket): void {
    socket.disconnect();
    socket.connect();
    this.watchWebSocket(socket);
  }

  /**
   * Socket.IO's `tryAllTransports` falls back to long-polling only when the WebSocket
   * fails with an error. Some proxies and firewalls instead accept the upgrade and close
   * the connection at once: Socket.IO's manager does not hear that `close` while it is
   * still opening, so the attempt hangs until its 20 s connect timeout, and the next
   * attempt tries WebSocket again, forever. Take a WebSocket that closes before the
   * Engine.IO handshake as blocked: from then on start with polling (Socket.IO still
   * upgrades to WebSocket where the network lets it), and retry at once.
   */
  private watchWebSocket(socket: Socket): void {
    const engine = socket.io.engine;
    const transports: unknown[] = socket.io.opts.transports ?? [];
    if (!engine || engine.readyState !== 'opening' || transports[0] !== 'websocket' || !transports.includes('polling')) return;
    const onClose = (reason: string) => {
      // Not our own restart, nor the browser going offline (which closes an opening transport too).
      const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
      if (reason !== 'transport close' || offline || engine.transport?.name !== 'websocket') return;
      socket.io.opts.transports = ['polling', 'websocket'];
      setTimeout(() => {
        if (this.socket === socket && !socket.connected && this.state !== 'closed' && this.state !== 'failed') this.restart(socket);
      }, 0);
    };
    engine.once('close', onClose);
    engine.once('open', () => engine.off('close', onClose));
  }

  private stop(): void {
    this.unwatchPage?.();
    this.unwatchPage = null;
    this.socket?.disconnect();
    this.socket = null;
  }

  private async onConnect(socket: Socket): Promise<void> {
    try {
      await this.greet(socket);
      if (!socket.connected) return;
      this.setState('ready');
      this.reportPresence();
      this.whenReady();
    } catch (err) {
      const error = err instanceof KefuError ? err : new KefuError('INTERNAL', String(err));
      if (error.action === 'retry') {
        // A timeout on a live socket: start over with a fresh connection.
        this.restart(socket);
      } else {
        this.fail(error);
      }
    }
  }

  protected fail(error: KefuError): void {
    this.lastError = error;
    this.stop();
    this.setState('failed');
    this.emit('error', error);
  }

  protected setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }
}
