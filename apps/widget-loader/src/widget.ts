import {
  BRIDGE_UNREAD_MAX,
  BRIDGE_VERSION,
  type BridgeIdentity,
  type BridgeMessage,
  type HostFrame,
  type LauncherConfig,
  type Locale,
  type WidgetFrame,
} from '@kefu/protocol';
import { ICONS } from './icons.js';
import { asLook, inkOn, readLook, saveLook } from './look.js';
import { createNotifier } from './notify.js';
import { watchPages } from './page.js';
import { createScrollLock } from './scroll-lock.js';
import { loaderStrings } from './strings.js';
import CSS from './styles.css?inline';

/** Even on a page that is never idle, the iframe (and so the unread badge) comes this soon after load. */
const IDLE_TIMEOUT_MS = 3000;
/**
 * The frame's `load` event waits for the widget's script, which says `ready` at once.
 * No `ready` this long after `load`: the frame was refused (CSP frame-ancestors: this
 * origin is not allowed for the site) or broke, and a launcher opening an error page
 * would only confuse visitors.
 */
const READY_AFTER_LOAD_MS = 3000;
/** sessionStorage key: an open panel stays open as the visitor moves through the host's pages. */
const OPEN_KEY = 'kefu:open';
/** Where the panel takes the whole screen (a phone, upright or sideways); the same as the media query in styles.css. */
const PHONE_QUERY = '(max-width: 639px), (max-height: 479px)';
/**
 * Inline and !important, so no rule of the host page can restyle, hide or move the
 * host element; `all: initial` also stops the page's inherited styles (font, colour,
 * line-height) at the shadow boundary. Its children are fixed to the viewport.
 */
const HOST_STYLE = 'all:initial!important;position:fixed!important;z-index:2147483647!important';

export type Attributes = Record<string, string | number | boolean | null>;

/** What `Kefu('on', event, fn)` calls fn with. */
export interface Events {
  message: BridgeMessage;
  open: undefined;
  close: undefined;
  unread: number;
}
export type EventName = keyof Events;
export const EVENTS: readonly EventName[] = ['message', 'open', 'close', 'unread'];
export type Listener = (value?: unknown) => void;

export interface Widget {
  open(): void;
  close(): void;
  toggle(): void;
  identify(identity: BridgeIdentity): void;
  set(attributes: Attributes): void;
  /** The attributes set so far on this page. */
  attributes(): Attributes;
  locale(locale: Locale): void;
  on(event: EventName, fn: Listener): void;
  off(event: EventName, fn: Listener): void;
  shutdown(): void;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function asMessage(value: unknown): BridgeMessage | null {
  if (!isObject(value)) return null;
  const { body, senderName, createdAt } = value;
  return typeof body === 'string' && (senderName === null || typeof senderName === 'string') && typeof createdAt === 'number'
    ? { body, senderName, createdAt }
    : null;
}

/**
 * Adds the launcher and the (lazily created) chat iframe to the page, inside one host
 * element with a shadow root, and speaks the bridge with the iframe.
 */
export function mountWidget(kefuOrigin: string, siteKey: string): Widget {
  // Storage relay (see the protocol's bridge.ts): the widget's keys, first-party.
  const prefix = `kefu:${siteKey}:`;
  // The launcher's cached look shares the site's prefix but is the loader's, not the relay's.
  const lookKey = `${prefix}launcher`;
  const isRelayKey = (key: unknown): key is string => typeof key === 'string' && key.startsWith(prefix) && key !== lookKey;

  const host = document.createElement('kefu-widget');
  host.style.cssText = HOST_STYLE;
  // Open, not closed: style isolation is the same either way, and a closed root hides the
  // launcher from test automation and accessibility tooling while stopping no host
  // script (it could patch attachShadow first).
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${CSS}</style><div class="k"><div class="panel"></div><button class="launcher" type="button" aria-describedby="u">${ICONS}<span class="badge" aria-hidden="true"></span></button><span id="u" hidden></span><button class="preview" type="button" hidden></button></div>`;
  const shell = root.lastElementChild as HTMLElement;
  const panel = shell.firstElementChild as HTMLElement;
  const launcher = panel.nextElementSibling as HTMLButtonElement;
  const badge = launcher.lastElementChild as HTMLElement;
  // The name stays "Open chat"; the unread count is its description.
  const description = launcher.nextElementSibling as HTMLElement;
  /** An invitation on a phone: the agent's words beside the launcher, not a full-screen takeover. */
  const preview = description.nextElementSibling as HTMLButtonElement;

  let frame: HTMLIFrameElement | null = null;
  /** Whether the widget app inside the frame has said `ready` (again, after a reload of its own). */
  let ready = false;
  /** The frame loaded but never said `ready`: the launcher is gone for this page. */
  let failed = false;
  let isOpen = false;
  let unread = 0;
  /** The newest agent message (an invitation's words, for the phone preview). */
  let latest: BridgeMessage | null = null;
  /** The site's look; null on a first visit until the widget's first `config`. */
  let look: LauncherConfig | null = readLook(lookKey);
  let identity: BridgeIdentity | null = null;
  let attributes: Attributes = {};
  let locale: Locale | null = null;
  /** `Kefu('shutdown')` before the frame was ready: tell it once it is. */
  let forget = false;
  const listeners: Record<string, Set<Listener>> = {};

  // Kefu('locale') beats the site's setting, which beats the browser.
  const t = () => loaderStrings(locale ?? look?.locale ?? navigator.language);
  const notifier = createNotifier(() => t().newMessage);
  const lockScroll = createScrollLock();
  const phone = matchMedia(PHONE_QUERY);

  function emit<E extends EventName>(event: E, value?: Events[E]): void {
    for (const fn of [...(listeners[event] ?? [])]) {
      try {
        fn(value);
      } catch (error) {
        // The site's code, not ours: report it and carry on with the other listeners.
        console.error(`[kefu] a listener for '${event}' threw:`, error);
      }
    }
  }

  function post(message: HostFrame): void {
    if (ready) frame?.contentWindow?.postMessage(message, kefuOrigin);
  }

  const currentPage = watchPages(notifier.title, (page) => post({ kefu: BRIDGE_VERSION, type: 'page', page }));

  function ensureFrame(): HTMLIFrameElement {
    if (frame) return frame;
    frame = document.createElement('iframe');
    frame.title = t().frame;
    frame.src = `${kefuOrigin}/widget/?site=${encodeURIComponent(siteKey)}&host=${encodeURIComponent(location.origin)}`;
    frame.addEventListener('load', () => {
      setTimeout(() => {
        if (ready) return;
        failed = true;
        render();
        console.error(`[kefu] chat did not start: is ${location.origin} allowed for site ${siteKey}?`);
      }, READY_AFTER_LOAD_MS);
    });
    panel.append(frame);
    return frame;
  }

  const storage = (): Storage | null => {
    try {
      return localStorage;
    } catch {
      return null;
    }
  };

  function relayKeys(): string[] {
    const ls = storage();
    const keys: string[] = [];
    for (let i = 0; ls && i < ls.length; i++) {
      const key = ls.key(i);
      if (isRelayKey(key)) keys.push(key);
    }
    return keys;
  }

  function store(key: unknown, value: unknown): void {
    if (!isRelayKey(key)) return;
    try {
      if (typeof value === 'string') storage()?.setItem(key, value);
      else storage()?.removeItem(key);
    } catch {
      // Quota exceeded: the widget still has the value in memory.
    }
  }

  function render(): void {
    const s = t();
    // Hidden until the site's look is known (no default-blue flash on a first visit),
    // unless the visitor or the page opened the chat.
    shell.hidden = failed || !(look || isOpen);
    shell.className = `k${isOpen ? ' open' : ''}${look?.position === 'left' ? ' left' : ''}`;
    shell.style.cssText = look ? `--c:${look.color};--f:${inkOn(look.color)}` : '';
    badge.textContent = unread ? (unread >= BRIDGE_UNREAD_MAX ? `${BRIDGE_UNREAD_MAX}+` : String(unread)) : '';
    description.textContent = unread && !isOpen ? s.unread(badge.textContent) : '';
    launcher.setAttribute('aria-label', isOpen ? s.close : s.open);
    preview.hidden = isOpen || !preview.textContent;
    if (frame) frame.title = s.frame;
  }

  /** The full-screen phone panel is the only time the page behind may not scroll. */
  const updateLock = () => lockScroll(isOpen && phone.matches);
  // A phone turned sideways, a window resized (resize, not the query's change event:
  // Safari before 14 has no MediaQueryList.addEventListener).
  addEventListener('resize', updateLock);

  function setOpen(open: boolean, focus: boolean): void {
    if (open === isOpen) return;
    isOpen = open;
    try {
      if (open) sessionStorage.setItem(OPEN_KEY, '1');
      else sessionStorage.removeItem(OPEN_KEY);
    } catch {
      // Storage blocked: the panel just won't reopen on the next page.
    }
    const target = ensureFrame();
    // Focus follows the visitor: into the chat when they open it, back to the launcher
    // when they close it from inside.
    const focusWasInside = root.activeElement === target;
    render();
    updateLock();
    if (open && focus) target.focus();
    if (!open && focusWasInside) launcher.focus();
    if (open) {
      notifier.stop();
      // Seen: the preview's words are in the chat now.
      preview.textContent = '';
    }
    post({ kefu: BRIDGE_VERSION, type: open ? 'open' : 'close' });
    emit(open ? 'open' : 'close');
  }

  function setUnread(count: number): void {
    if (count === unread) return;
    unread = count;
    render();
    emit('unread', count);
  }

  function init(): void {
    post({ kefu: BRIDGE_VERSION, type: 'init', open: isOpen, items: Object.fromEntries(relayKeys().map((k) => [k, storage()!.getItem(k)!])), identity, attributes, locale, page: currentPage() });
    if (!forget) return;
    forget = false;
    post({ kefu: BRIDGE_VERSION, type: 'shutdown' });
    // What the page said after its shutdown is about the next visitor.
    if (identity) post({ kefu: BRIDGE_VERSION, type: 'identify', identity });
    if (Object.keys(attributes).length) post({ kefu: BRIDGE_VERSION, type: 'attributes', attributes });
  }

  addEventListener('message', (event: MessageEvent) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== kefuOrigin) return;
    const data = event.data as WidgetFrame | null;
    if (!isObject(data) || data.kefu !== BRIDGE_VERSION) return;
    switch (data.type) {
      case 'ready':
        ready = true;
        failed = false;
        render();
        init();
        break;
      case 'config': {
        const next = asLook(data.config);
        if (!next) break;
        look = next;
        saveLook(lookKey, next);
        render();
        break;
      }
      case 'message': {
        const message = asMessage(data.message);
        if (!message) break;
        latest = message;
        emit('message', message);
        if (!isOpen || document.hidden) {
          notifier.chime();
          notifier.flash();
        }
        break;
      }
      case 'close':
        setOpen(false, true);
        break;
      case 'open':
        // An agent's invitation. A phone's panel would cover the whole page the visitor
        // is reading (the kind of interstitial search engines penalise): a preview instead.
        if (!phone.matches) setOpen(true, false);
        else if (latest) {
          preview.textContent = latest.body;
          render();
        }
        break;
      case 'unread':
        setUnread(Math.min(BRIDGE_UNREAD_MAX, Math.max(0, Math.floor(Number(data.count)) || 0)));
        break;
      case 'store':
        store(data.key, data.value);
        break;
    }
  });

  // Another tab of this site changed the widget's storage: pass it on (this tab's own
  // writes fire no event here).
  addEventListener('storage', (event: StorageEvent) => {
    if (isRelayKey(event.key)) post({ kefu: BRIDGE_VERSION, type: 'storage', items: { [event.key]: event.newValue } });
  });

  // The visitor is back on the page: the title has done its job.
  const seen = () => {
    if (!document.hidden && document.hasFocus()) notifier.stop();
  };
  addEventListener('focus', seen);
  document.addEventListener('visibilitychange', seen);

  launcher.addEventListener('click', () => setOpen(!isOpen, true));
  preview.addEventListener('click', () => setOpen(true, true));
  render();
  document.body.append(host);

  let remembered = false;
  try {
    remembered = sessionStorage.getItem(OPEN_KEY) === '1';
  } catch {
    // Storage blocked: start closed.
  }
  if (remembered) {
    setOpen(true, false);
  } else {
    // The frame connects to Kefu so that the badge can count agents' messages (and the
    // widget can send the site's look); it waits until the page has loaded and the
    // browser is idle.
    const schedule = () =>
      typeof requestIdleCallback === 'function'
        ? requestIdleCallback(() => ensureFrame(), { timeout: IDLE_TIMEOUT_MS })
        : setTimeout(ensureFrame, 1000);
    if (document.readyState === 'complete') schedule();
    else addEventListener('load', schedule, { once: true });
  }

  return {
    open: () => setOpen(true, true),
    close: () => setOpen(false, false),
    toggle: () => setOpen(!isOpen, true),
    identify(next) {
      // The same user again (every page of an SPA may say so): no reconnect.
      if (JSON.stringify(next) === JSON.stringify(identity)) return;
      identity = next;
      post({ kefu: BRIDGE_VERSION, type: 'identify', identity: next });
    },
    set(changes) {
      attributes = { ...attributes, ...changes };
      post({ kefu: BRIDGE_VERSION, type: 'attributes', attributes: changes });
    },
    attributes: () => attributes,
    locale(next) {
      locale = next;
      render();
      post({ kefu: BRIDGE_VERSION, type: 'locale', locale: next });
    },
    on: (event, fn) => void (listeners[event] ??= new Set()).add(fn),
    off: (event, fn) => void listeners[event]?.delete(fn),
    shutdown() {
      setOpen(false, false);
      for (const key of relayKeys()) store(key, null);
      identity = null;
      attributes = {};
      setUnread(0);
      notifier.stop();
      if (ready) post({ kefu: BRIDGE_VERSION, type: 'shutdown' });
      else forget = true;
    },
  };
}
