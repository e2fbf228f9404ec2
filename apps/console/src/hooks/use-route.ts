import { useCallback, useEffect, useState } from 'preact/hooks';

/** The console's top-level pages; the inbox also holds the open conversation. */
export type Section = 'inbox' | 'visitors' | 'settings';

export interface Route {
  section: Section;
  /** The open conversation (inbox only). */
  conversationId: string | null;
}

const CONVERSATION_HASH = /^#\/c\/([^/?#]+)$/;
const SECTION_HASH = /^#\/(visitors|settings)$/;
/** Fired after every navigation made here: pushState and replaceState fire no event of their own. */
const ROUTE_EVENT = 'kefu:route';

function read(): Route {
  const conversation = CONVERSATION_HASH.exec(location.hash);
  if (conversation) return { section: 'inbox', conversationId: decodeURIComponent(conversation[1]!) };
  const section = SECTION_HASH.exec(location.hash);
  return { section: (section?.[1] as Section | undefined) ?? 'inbox', conversationId: null };
}

function url(route: Route): string {
  const base = location.pathname + location.search;
  if (route.conversationId) return `${base}#/c/${encodeURIComponent(route.conversationId)}`;
  return route.section === 'inbox' ? base : `${base}#/${route.section}`;
}

function same(a: Route, b: Route): boolean {
  return a.section === b.section && a.conversationId === b.conversationId;
}

/** Where the console is: re-read on back/forward, hash edits and navigations made here. */
export function useRoute(): Route {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => setRoute((old) => (same(old, read()) ? old : read()));
    addEventListener('popstate', onChange);
    addEventListener('hashchange', onChange);
    addEventListener(ROUTE_EVENT, onChange);
    return () => {
      removeEventListener('popstate', onChange);
      removeEventListener('hashchange', onChange);
      removeEventListener(ROUTE_EVENT, onChange);
    };
  }, []);
  return route;
}

/**
 * Goes to a page or conversation. Leaving the plain inbox pushes one history entry;
 * moving between conversations or pages replaces it, so that on a phone "back" always
 * returns to the inbox (or, from a chat opened on the radar, to the radar).
 */
export function navigate(next: Route, options: { replace?: boolean } = {}): void {
  const current = read();
  if (same(current, next)) return;
  const pushed = (history.state as { kefuPushed?: boolean } | null)?.kefuPushed === true;
  const isHome = (r: Route) => r.section === 'inbox' && !r.conversationId;
  if (options.replace) {
    // The navigation's own entries (Inbox, Visitors, Settings): no new history step.
    history.replaceState(pushed ? { kefuPushed: true } : null, '', url(next));
  } else if (!isHome(next) && (isHome(current) || (current.section === 'visitors' && next.conversationId))) {
    history.pushState({ kefuPushed: true }, '', url(next));
  } else if (isHome(next) && pushed) {
    history.back();
    return;
  } else {
    history.replaceState(pushed ? { kefuPushed: true } : null, '', url(next));
  }
  dispatchEvent(new Event(ROUTE_EVENT));
}

const INVITE_HASH = /^#\/invite\/([^/?#]+)$/;

/** The token of an invitation link (`#/invite/<token>`), or null; re-read on hash changes. */
export function useInviteToken(): string | null {
  const readToken = () => {
    const match = INVITE_HASH.exec(location.hash);
    return match ? decodeURIComponent(match[1]!) : null;
  };
  const [token, setToken] = useState(readToken);
  useEffect(() => {
    const onChange = () => setToken(readToken());
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return token;
}

/** Leaves the invitation link (joined, or off to sign in): the console's plain address, no history step. */
export function leaveInvitation(): void {
  history.replaceState(null, '', location.pathname + location.search);
  dispatchEvent(new HashChangeEvent('hashchange'));
}

/**
 * The open conversation lives in the URL hash (#/c/<id>): a reload keeps it, and on
 * a phone the back button returns to the inbox.
 */
export function useSelectedConversation(): [string | null, (id: string | null) => void] {
  const route = useRoute();
  const select = useCallback((id: string | null) => navigate({ section: 'inbox', conversationId: id }), []);
  return [route.conversationId, select];
}
