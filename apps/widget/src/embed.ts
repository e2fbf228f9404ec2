import type { VisitorClient } from '@kefu/client';
import {
  BRIDGE_UNREAD_MAX,
  BRIDGE_VERSION,
  type BridgeIdentity,
  type BridgeMessage,
  type BridgePage,
  type HostFrame,
  type LauncherConfig,
  type Locale,
  type WidgetFrame,
} from '@kefu/protocol';

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

/** The site key from `?site=KEY` (the loader's iframe) or `/chat/KEY` (the standalone page). */
function siteKeyOf(location: Location): string | null {
  const fromQuery = new URLSearchParams(location.search).get('site');
  if (fromQuery) return fromQuery;
  const match = /^\/chat\/([^/]+)\/?$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}

export function readEmbedding(location: Location = window.location): Embedding {
  const siteKey = siteKeyOf(location);
  if (window.parent === window) return { siteKey, hostOrigin: null };
  // The browser's word beats the query string where it exists (not in Firefox): a page
  // cannot claim to be another origin by editing the iframe's URL.
  const ancestor = asOrigin(location.ancestorOrigins?.[0]);
  return { siteKey, hostOrigin: ancestor ?? asOrigin(new URLSearchParams(location.search).get('host')) };
}

type StorageItems = Record<string, string | null>;
type Attributes = Record<string, string | number | boolean | null>;

/** What the host page has told the widget, kept as state: frames may arrive before the app listens. */
export interface HostState {
  identity: BridgeIdentity | null;
  attributes: Attributes;
  locale: Locale | null;
  page: BridgePage | null;
}

export interface BridgeListeners {
  visibility: (shown: boolean) => void;
  storage: (items: StorageItems) => void;
  identity: (identity: BridgeIdentity | null) => void;
  attributes: (attributes: Attributes) => void;
  locale: (locale: Locale) => void;
  page: (page: BridgePage) => void;
  shutdown: () => void;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isLocale = (value: unknown): value is Locale => value === 'en' || value === 'zh-CN';

function asIdentity(value: unknown): BridgeIdentity | null {
  if (!isObject(value) || typeof value.userId !== 'string' || !value.userId) return null;
  const identity: BridgeIdentity = { userId: value.userId };
  for (const key of ['hash', 'name', 'email'] as const) if (typeof value[key] === 'string') identity[key] = value[key];
  return identity;
}

function asPage(value: unknown): BridgePage | null {
  if (!isObject(value) || typeof value.url !== 'string' || typeof value.at !== 'number') return null;
  return {
    url: value.url,
    title: typeof value.title === 'string' ? value.title : '',
    referrer: typeof value.referrer === 'string' ? value.referrer : null,
    at: value.at,
  };
}

function asAttributes(value: unknown): Attributes {
  const out: Attributes = {};
  if (!isObject(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out[key] = v;
  }
  return out;
}

/**
 * The widget's end of the postMessage bridge with the loader on the host page (see
 * the protocol's bridge.ts). It listens from construction on, so no frame is missed
 * while the app starts, and keeps what the page said as state: whether the panel is
 * shown, the identity, attributes, locale and page. Every frame is checked field by
 * field: the host page is not ours.
 */
export class Bridge {
  /** Whether the visitor can see the chat: the panel is open, or the widget is a page of its own. */
  shown: boolean;
  readonly host: HostState = { identity: null, attributes: {}, locale: null, page: null };
  /** Resolves with the relay's items at the first `init` (never, outside an iframe). */
  readonly initialised: Promise<Record<string, string>>;
  private resolveInit: (items: Record<string, string>) => void = () => undefined;
  private lastUnread = -1;
  private lastConfig = '';
  private readonly listeners: { [K in keyof BridgeListeners]: Set<BridgeListeners[K]> } = {
    visibility: new Set(),
    storage: new Set(),
    identity: new Set(),
    attributes: new Set(),
    locale: new Set(),
    page: new Set(),
    shutdown: new Set(),
  };

  constructor(private readonly hostOrigin: string | null) {
    this.shown = hostOrigin === null;
    this.initialised = new Promise((resolve) => (this.resolveInit = resolve));
    if (hostOrigin) window.addEventListener('message', (event) => this.receive(event, hostOrigin));
  }

  get embedded(): boolean {
    return this.hostOrigin !== null;
  }

  /** Calls back on every frame of that kind; returns the function that stops it. */
  on<K extends keyof BridgeListeners>(kind: K, listener: BridgeListeners[K]): () => void {
    this.listeners[kind].add(listener);
    return () => this.listeners[kind].delete(listener);
  }

  private emit<K extends keyof BridgeListeners>(kind: K, ...args: Parameters<BridgeListeners[K]>): void {
    for (const listener of this.listeners[kind]) (listener as (...a: Parameters<BridgeListeners[K]>) => void)(...args);
  }

  private setShown(shown: boolean): void {
    this.shown = shown;
    this.emit('visibility', shown);
  }

  private receive(event: MessageEvent, hostOrigin: string): void {
    if (event.source !== window.parent || event.origin !== hostOrigin) return;
    const frame = event.data as HostFrame | null;
    if (!isObject(frame) || frame.kefu !== BRIDGE_VERSION) return;
    switch (frame.type) {
      case 'init': {
        const items: Record<string, string> = {};
        if (isObject(frame.items)) for (const [k, v] of Object.entries(frame.items)) if (typeof v === 'string') items[k] = v;
        this.emit('storage', items);
        this.host.identity = asIdentity(frame.identity);
        this.host.attributes = asAttributes(frame.attributes);
        this.host.locale = isLocale(frame.locale) ? frame.locale : null;
        this.host.page = asPage(frame.page);
        this.resolveInit(items);
        this.emit('identity', this.host.identity);
        this.emit('attributes', this.host.attributes);
        if (this.host.locale) this.emit('locale', this.host.locale);
        if (this.host.page) this.emit('page', this.host.page);
        this.setShown(frame.open === true);
        break;
      }
      case 'open':
      case 'close':
        this.setShown(frame.type === 'open');
        break;
      case 'storage':
        if (isObject(frame.items)) {
          const items: StorageItems = {};
          for (const [k, v] of Object.entries(frame.items)) if (typeof v === 'string' || v === null) items[k] = v;
          this.emit('storage', items);
        }
        break;
      case 'identify': {
        const identity = asIdentity(frame.identity);
        if (!identity) return;
        this.host.identity = identity;
        this.emit('identity', identity);
        break;
      }
      case 'attributes': {
        const attributes = asAttributes(frame.attributes);
        Object.assign(this.host.attributes, attributes);
        this.emit('attributes', attributes);
        break;
      }
      case 'locale':
        if (!isLocale(frame.locale)) return;
        this.host.locale = frame.locale;
        this.emit('locale', frame.locale);
        break;
      case 'page': {
        const page = asPage(frame.page);
        if (!page) return;
        this.host.page = page;
        this.emit('page', page);
        break;
      }
      case 'shutdown':
        this.host.identity = null;
        this.host.attributes = {};
        this.emit('shutdown');
        break;
    }
  }

  private post(frame: WidgetFrame): void {
    if (this.hostOrigin) window.parent.postMessage(frame, this.hostOrigin);
  }

  ready(): void {
    this.lastUnread = -1;
    this.lastConfig = '';
    this.post({ kefu: BRIDGE_VERSION, type: 'ready' });
  }

  close(): void {
    this.post({ kefu: BRIDGE_VERSION, type: 'close' });
  }

  /** Asks the loader to show the chat (an agent's invitation); its `open` answer makes it visible here. */
  open(): void {
    this.post({ kefu: BRIDGE_VERSION, type: 'open' });
  }

  /** Tells the loader how to draw the launcher, when it changed. */
  config(config: LauncherConfig): void {
    const key = JSON.stringify(config);
    if (key === this.lastConfig) return;
    this.lastConfig = key;
    this.post({ kefu: BRIDGE_VERSION, type: 'config', config });
  }

  /** An agent's message arrived: the loader notifies the visitor if they cannot see the chat. */
  message(message: BridgeMessage): void {
    this.post({ kefu: BRIDGE_VERSION, type: 'message', message });
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

/**
 * An agent invited the visitor from the radar: the chat opens on the agent's message,
 * as it does in the product Kefu is modelled on (the client has already adopted the
 * conversation). The loader keeps phones to a preview (see the loader's widget.ts).
 */
export function openOnInvite(bridge: Bridge, client: Pick<VisitorClient, 'on'>): () => void {
  return client.on('invited', () => {
    if (!bridge.shown) bridge.open();
  });
}
