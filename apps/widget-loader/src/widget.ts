import { BRIDGE_UNREAD_MAX, BRIDGE_VERSION, type HostFrame, type WidgetFrame } from '@kefu/protocol';
import { loaderStrings } from './strings.js';
import { CSS, ICONS } from './styles.js';

/** Even on a page that is never idle, the iframe (and so the unread badge) comes this soon after load. */
const IDLE_TIMEOUT_MS = 3000;
/** sessionStorage key: an open panel stays open as the visitor moves through the host's pages. */
const OPEN_KEY = 'kefu:open';
/** Every property the host page could use to hide or move us, pinned by an inline !important. */
const HOST_STYLE = 'all:initial;display:block;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483647'
  .split(';')
  .map((rule) => `${rule}!important`)
  .join(';');

export interface Widget {
  open(): void;
  close(): void;
  toggle(): void;
}

/**
 * Adds the launcher and the (lazily created) chat iframe to the page, inside one host
 * element with a closed shadow root, and speaks the bridge with the iframe.
 */
export function mountWidget(kefuOrigin: string, siteKey: string): Widget {
  const t = loaderStrings(navigator.language);
  const host = document.createElement('kefu-widget');
  host.style.cssText = HOST_STYLE;
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = `<style>${CSS}</style><div><div class="panel"></div><button class="launcher" type="button">${ICONS}<span class="badge" aria-hidden="true"></span></button></div>`;
  const shell = root.firstElementChild!.nextElementSibling as HTMLElement;
  const panel = shell.firstElementChild as HTMLElement;
  const launcher = panel.nextElementSibling as HTMLButtonElement;
  const badge = launcher.lastElementChild as HTMLElement;

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
    panel.append(frame);
    return frame;
  }

  function post(message: HostFrame): void {
    if (ready) frame?.contentWindow?.postMessage(message, kefuOrigin);
  }

  function render(): void {
    shell.className = isOpen ? 'open' : '';
    badge.textContent = unread ? (unread >= BRIDGE_UNREAD_MAX ? `${BRIDGE_UNREAD_MAX}+` : String(unread)) : '';
    launcher.setAttribute('aria-label', isOpen ? t.close : t.open + (unread ? t.unread(badge.textContent) : ''));
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
    }
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
