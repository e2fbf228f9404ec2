import { BRIDGE_UNREAD_MAX, BRIDGE_VERSION, type HostFrame, type WidgetFrame } from '@kefu/protocol';

/** Where the widget runs: which site, and which page embeds it (null when opened on its own). */
export interface Embedding {
  siteKey: string | null;
  /** The host page's exact origin: the bridge's only correspondent and the handshake's `hostOrigin`. */
  hostOrigin: string | null;
}

/** `value` if it is a serialised origin (scheme://host[:port]), else null. */
function asOrigin(value: string | null | undefined): string | null {
  if (!value || value === 'null') return null;
  try {
    const origin = new URL(value).origin;
    return origin === value ? origin : null;
  } catch {
    return null;
  }
}

export function readEmbedding(location: Location = window.location): Embedding {
  const params = new URLSearchParams(location.search);
  const siteKey = params.get('site') || null;
  if (window.parent === window) return { siteKey, hostOrigin: null };
  // The browser's word beats the query string where it exists (not in Firefox): a page
  // cannot claim to be another origin by editing the iframe's URL.
  const ancestor = asOrigin(location.ancestorOrigins?.[0]);
  return { siteKey, hostOrigin: ancestor ?? asOrigin(params.get('host')) };
}

type StorageItems = Extract<HostFrame, { type: 'storage' }>['items'];

/**
 * The widget's end of the postMessage bridge with the loader on the host page (see
 * the protocol's bridge.ts). It listens from construction on, so no frame is missed
 * while the app starts, and keeps what they said as state: whether the panel is
 * shown, and the storage relay's items.
 */
export class Bridge {
  /** Whether the visitor can see the chat: the panel is open, or the widget is a page of its own. */
  shown: boolean;
  private lastUnread = -1;
  private readonly visibilityListeners = new Set<(shown: boolean) => void>();
  private readonly storageListeners = new Set<(items: StorageItems) => void>();

  constructor(private readonly hostOrigin: string | null) {
    this.shown = hostOrigin === null;
    if (hostOrigin) window.addEventListener('message', (event) => this.receive(event, hostOrigin));
  }

  get embedded(): boolean {
    return this.hostOrigin !== null;
  }

  private receive(event: MessageEvent, hostOrigin: string): void {
    if (event.source !== window.parent || event.origin !== hostOrigin) return;
    const frame = event.data as HostFrame | null;
    if (typeof frame !== 'object' || frame === null || frame.kefu !== BRIDGE_VERSION) return;
    switch (frame.type) {
      case 'open':
      case 'close':
        this.shown = frame.type === 'open';
        for (const listener of this.visibilityListeners) listener(this.shown);
        break;
      case 'storage':
        if (typeof frame.items === 'object' && frame.items !== null) {
          for (const listener of this.storageListeners) listener(frame.items);
        }
        break;
    }
  }

  /** Calls back on every `open`/`close` from the loader; returns the function that stops it. */
  onVisibility(listener: (shown: boolean) => void): () => void {
    this.visibilityListeners.add(listener);
    return () => this.visibilityListeners.delete(listener);
  }

  onStorage(listener: (items: StorageItems) => void): () => void {
    this.storageListeners.add(listener);
    return () => this.storageListeners.delete(listener);
  }

  private post(frame: WidgetFrame): void {
    if (this.hostOrigin) window.parent.postMessage(frame, this.hostOrigin);
  }

  ready(): void {
    this.lastUnread = -1;
    this.post({ kefu: BRIDGE_VERSION, type: 'ready' });
  }

  close(): void {
    this.post({ kefu: BRIDGE_VERSION, type: 'close' });
  }

  /** Posts the unread count when it changed. */
  unread(count: number): void {
    const capped = Math.min(count, BRIDGE_UNREAD_MAX);
    if (capped === this.lastUnread) return;
    this.lastUnread = capped;
    this.post({ kefu: BRIDGE_VERSION, type: 'unread', count: capped });
  }

  store(key: string, value: string | null): void {
    this.post({ kefu: BRIDGE_VERSION, type: 'store', key, value });
  }
}
