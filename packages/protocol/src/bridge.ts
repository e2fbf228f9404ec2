/**
 * The postMessage bridge between the widget loader (a script on the customer's page)
 * and the widget app (in Kefu's iframe). Frames are plain objects so that they survive
 * structured cloning; `kefu` tells them apart from the host page's other postMessage
 * traffic and `type` discriminates.
 *
 * Both sides post to the exact origin of the other (never `'*'`) and accept a frame
 * only when `event.origin` is that origin and `event.source` is the other window.
 *
 * State, not commands: the iframe may reload (or load late, on idle), so the loader
 * answers every `ready` with `init`, which carries everything the page has said so far
 * (panel open or not, identity, attributes, locale, the current page, the storage
 * relay's items); later frames carry changes.
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

/** What the loader needs of the site's settings to draw the launcher; cached by the loader for the next pages. */
export interface LauncherConfig {
  color: string;
  position: 'right' | 'left';
  /** The language the widget chose (API, site setting or browser): the launcher's labels follow it. */
  locale: 'en' | 'zh-CN';
}

/** `Kefu('identify', {id, name, email, hash})`, as the loader passes it on. */
export interface BridgeIdentity {
  userId: string;
  hash?: string;
  name?: string;
  email?: string;
}

export interface BridgePage {
  url: string;
  title: string;
  referrer: string | null;
  at: number;
}

/** An agent's message, for `Kefu('on', 'message', fn)`, the sound and the title flash. */
export interface BridgeMessage {
  body: string;
  senderName: string | null;
  createdAt: number;
}

interface Frame<T extends string> {
  kefu: typeof BRIDGE_VERSION;
  type: T;
}

/** iframe -> loader */
export type WidgetFrame =
  /** The widget app runs and listens; the loader answers with `init`. */
  | Frame<'ready'>
  /** The site's look (sent right after `ready`, and when an admin changes it): the launcher shows only once it knows it. */
  | (Frame<'config'> & { config: LauncherConfig })
  /** An agent's message arrived: the loader plays a sound and flashes the title when the panel is closed or the page hidden. */
  | (Frame<'message'> & { message: BridgeMessage })
  /** The visitor asked to close the panel (close button, Escape). */
  | Frame<'close'>
  /** An agent invited the visitor (from the radar): show the chat (the loader decides how on phones). */
  | Frame<'open'>
  /** Messages from agents the visitor has not seen; 0 clears the badge. */
  | (Frame<'unread'> & { count: number })
  /** Storage relay: set (or, with null, remove) one `kefu:<siteKey>:*` key in the host page's localStorage. */
  | (Frame<'store'> & { key: string; value: string | null });

/** loader -> iframe */
export type HostFrame =
  /** The answer to every `ready`: all the page has said so far. */
  | (Frame<'init'> & {
      open: boolean;
      /** The storage relay's items: every `kefu:<siteKey>:*` key of the host page's localStorage. */
      items: Record<string, string>;
      identity: BridgeIdentity | null;
      attributes: Record<string, string | number | boolean | null>;
      /** Set by `Kefu('locale', ...)`; null: the site's setting or the browser decides. */
      locale: 'en' | 'zh-CN' | null;
      page: BridgePage;
    })
  /** The panel is shown: focus the composer, mark messages seen. */
  | Frame<'open'>
  /** The panel is hidden: new agent messages count as unread. */
  | Frame<'close'>
  /** Storage relay: what other tabs changed (null: removed). */
  | (Frame<'storage'> & { items: Record<string, string | null> })
  /** `Kefu('identify', ...)`: the widget reconnects as that user. */
  | (Frame<'identify'> & { identity: BridgeIdentity })
  /** `Kefu('set', {...})`: custom attributes to merge (null removes one). */
  | (Frame<'attributes'> & { attributes: Record<string, string | number | boolean | null> })
  | (Frame<'locale'> & { locale: 'en' | 'zh-CN' })
  /** The visitor opened another page of the site (or an SPA changed its URL). */
  | (Frame<'page'> & { page: BridgePage })
  /** `Kefu('shutdown')`: forget this visitor (token, outbox, drafts) and start over as a new one. */
  | Frame<'shutdown'>;

export type BridgeFrame = WidgetFrame | HostFrame;
export type WidgetFrameType = WidgetFrame['type'];
export type HostFrameType = HostFrame['type'];
