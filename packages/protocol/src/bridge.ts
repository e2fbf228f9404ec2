/**
 * The postMessage bridge between the widget loader (a script on the customer's page)
 * and the widget app (in Kefu's iframe). Frames are plain objects so that they survive
 * structured cloning; `kefu` tells them apart from the host page's other postMessage
 * traffic and `type` discriminates.
 *
 * Both sides post to the exact origin of the other (never `'*'`) and accept a frame
 * only when `event.origin` is that origin and `event.source` is the other window.
 *
 * Visibility is state, not a command: the loader sends `open` or `close` on every
 * `ready` (the iframe may have reloaded) and on every change.
 *
 * Storage relay: browsers that block third-party storage (Chromium with third-party
 * cookies blocked, every Incognito window) leave the iframe without localStorage, so
 * the visitor would become a stranger on every page. The loader runs first-party: it
 * keeps the widget's keys (visitor token, outbox, read cursor; all `kefu:<siteKey>:*`)
 * in the host page's localStorage, sends them with every `ready` answer and forwards
 * other tabs' changes; the widget writes back with `store`. Scripts of the host page
 * can read that token; it grants no more than they can already do as that page.
 */

/** Bumped on any incompatible change to the frames below; a receiver ignores others. */
export const BRIDGE_VERSION = 1;

/** The largest unread count the widget reports; the launcher's badge shows it as "99+". */
export const BRIDGE_UNREAD_MAX = 99;

interface Frame<T extends string> {
  kefu: typeof BRIDGE_VERSION;
  type: T;
}

/** iframe -> loader */
export type WidgetFrame =
  /** The widget app runs and listens; the loader answers with `storage`, then `open` or `close`. */
  | Frame<'ready'>
  /** The visitor asked to close the panel (close button, Escape). */
  | Frame<'close'>
  /** Messages from agents the visitor has not seen; 0 clears the badge. */
  | (Frame<'unread'> & { count: number })
  /** Storage relay: set (or, with null, remove) one `kefu:<siteKey>:*` key in the host page's localStorage. */
  | (Frame<'store'> & { key: string; value: string | null });

/** loader -> iframe */
export type HostFrame =
  /** The panel is shown: focus the composer, mark messages seen. */
  | Frame<'open'>
  /** The panel is hidden: new agent messages count as unread. */
  | Frame<'close'>
  /**
   * Storage relay: the widget's keys kept in the host page's localStorage. The answer
   * to `ready` carries all of them (before the visibility frame); later frames carry
   * what other tabs changed (null: removed).
   */
  | (Frame<'storage'> & { items: Record<string, string | null> });

export type BridgeFrame = WidgetFrame | HostFrame;
export type WidgetFrameType = WidgetFrame['type'];
export type HostFrameType = HostFrame['type'];
