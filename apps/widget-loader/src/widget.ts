import { BRIDGE_UNREAD_MAX, BRIDGE_VERSION, type HostFrame, type WidgetFrame } from '@kefu/protocol';
import { loaderStrings } from './strings.js';
import { ICONS } from './icons.js';
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
/**
 * Inline and !important, so no rule of the host page can restyle, hide or move the
 * host element; `all: initial` also stops the page's inherited styles (font, colour,
 * line-height) at the shadow boundary. Its children are fixed to the viewport.
 */
const HOST_STYLE = 'all:initial!important;position:fixed!important;z-index:2147483647!important';

export interface Widget {
  open(): void;
  close(): void;
  toggle(): void;
}

/**
 * Adds the launcher and the (lazily created) chat iframe to the page, inside one host
 * element with a shadow root, and speaks the bridge with the iframe.
 */
export function mountWidget(kefuOrigin: string, siteKey: string): Widget {
  const t = loaderStrings(navigator.language);
  const host = document.createElement('kefu-widget');
  host.style.cssText = HOST_STYLE;
  // Open, not closed: style isolation is the same either way, and a closed root hides the
  // launcher from test automation and accessibility tooling while stopping no host
  // script (it could patch attachShadow first).
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${CSS}</style><div><div class="panel"></div><button class="launcher" type="button" aria-describedby="u">${ICONS}<span class="badge" aria-hidden="true"></span></button><span id="u" hidden></span></div>`;
  const shell = root.firstElementChild!.nextElementSibling as HTMLElement;
  const panel = shell.firstElementChild as HTMLElement;
  const launcher = panel.nextElementSibling as HTMLButtonElement;
  const badge = launcher.lastElementChild as HTMLElement;
  // The name stays "Open chat"; the unread count is its description.
  const description = launcher.nextElementSibling as HTMLElement;

  let frame: HTMLIFrameElement | null = null;
  /** Whether the widget app inside the frame has said `ready` (again, after a reload of its own). */
  let ready = false;
  let isOpen = false;
  let unread = 0;

  function ensureFrame(): HTMLIFrameElement {
    if (frame) return frame;
    frame = document.createElement('iframe');
    frame.title = t.frame;
    frame.src = `${kefuOrigin}/widget/?site=${encodeURIComponent(siteKey)}&host=${encodeURIComponent(location.origin)}`;
    frame.addEventListener('load', () => {
      setTimeout(() => {
        if (ready) return;
        shell.hidden = true;
        console.error(`[kefu] chat did not start: is ${location.origin} allowed for site ${siteKey}?`);
      }, READY_AFTER_LOAD_MS);
    });
    panel.append(frame);
    return frame;
  }

  function post(message: HostFrame): void {
    if (ready) frame?.contentWindow?.postMessage(message, kefuOrigin);
  }

  // Storage relay (see the protocol's bridge.ts): the widget's keys, first-party.
  const prefix = `kefu:${siteKey}:`;
  const storage = (): Storage | null => {
    try {
      return localStorage;
    } catch {
      return null;
    }
  };

  function storedItems(): Record<string, string> {
    const items: Record<string, string> = {};
    const ls = storage();
    for (let i = 0; ls && i < ls.length; i++) {
      const key = ls.key(i);
      if (key?.startsWith(prefix)) items[key] = ls.getItem(key)!;
    }
    return items;
  }

  function store(key: unknown, value: unknown): void {
    if (typeof key !== 'string' || !key.startsWith(prefix)) return;
    try {
      if (typeof value === 'string') storage()?.setItem(key, value);
      else storage()?.removeItem(key);
    } catch {
      // Quota exceeded: the widget still has the value in memory.
    }
  }

  function render(): void {
    shell.className = isOpen ? 'open' : '';
    badge.textContent = unread ? (unread >= BRIDGE_UNREAD_MAX ? `${BRIDGE_UNREAD_MAX}+` : String(unread)) : '';
    description.textContent = unread && !isOpen ? t.unread(badge.textContent) : '';
    launcher.setAttribute('aria-label', isOpen ? t.close : t.open);
  }

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
    if (open && focus) target.focus();
    if (!open && focusWasInside) launcher.focus();
    post({ kefu: BRIDGE_VERSION, type: open ? 'open' : 'close' });
  }

  addEventListener('message', (event: MessageEvent) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== kefuOrigin) return;
    const data = event.data as WidgetFrame | null;
    if (typeof data !== 'object' || data === null || data.kefu !== BRIDGE_VERSION) return;
    switch (data.type) {
      case 'ready':
        ready = true;
        shell.hidden = false;
        post({ kefu: BRIDGE_VERSION, type: 'storage', items: storedItems() });
        // Visibility is state: resend it, the frame may have reloaded and forgotten.
        post({ kefu: BRIDGE_VERSION, type: isOpen ? 'open' : 'close' });
        break;
      case 'close':
        setOpen(false, true);
        break;
      case 'unread':
        unread = Math.min(BRIDGE_UNREAD_MAX, Math.max(0, Math.floor(Number(data.count)) || 0));
        render();
        break;
      case 'store':
        store(data.key, data.value);
        break;
    }
  });

  // Another tab of this site changed the widget's storage: pass it on (this tab's own
  // writes fire no event here).
  addEventListener('storage', (event: StorageEvent) => {
    if (event.key?.startsWith(prefix)) post({ kefu: BRIDGE_VERSION, type: 'storage', items: { [event.key]: event.newValue } });
  });

  launcher.addEventListener('click', () => setOpen(!isOpen, true));
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
    // The frame connects to Kefu so that the badge can count agents' messages; it waits
    // until the host page has loaded and the browser is idle.
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
  };
}
