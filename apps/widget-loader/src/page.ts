import { PAGE_TITLE_MAX_CHARS, PAGE_URL_MAX_CHARS, type BridgePage } from '@kefu/protocol';

/**
 * SPAs set the title after the URL, often after a fetch: read it this long after the
 * URL changed. A title that changes later still is reported once more.
 */
const TITLE_SETTLE_MS = 300;
/** Without the Navigation API, how often to look at location.href (pushState fires no event). */
const POLL_MS = 1000;

interface NavigationLike {
  addEventListener(type: 'navigatesuccess', listener: () => void): void;
}

/**
 * Follows the host page's URL and title, never touching its history methods: the
 * Navigation API where the browser has it, else popstate, hashchange and a cheap poll;
 * a MutationObserver on <head> for late titles. `send` gets each new page; the
 * returned function gives the current one (for `init`).
 *
 * `title` is the host's own title, which may differ from document.title while the
 * loader flashes "(1) New message" in it.
 */
export function watchPages(title: () => string, send: (page: BridgePage) => void): () => BridgePage {
  let seen = location.href;
  let sent: BridgePage | null = null;
  /** Whether sent.url's one late title change was reported. */
  let retitled = false;
  let timer: ReturnType<typeof setTimeout> | 0 = 0;

  const current = (): BridgePage => ({
    url: location.href.slice(0, PAGE_URL_MAX_CHARS),
    title: title().slice(0, PAGE_TITLE_MAX_CHARS),
    referrer: document.referrer.slice(0, PAGE_URL_MAX_CHARS) || null,
    at: Date.now(),
  });

  const remember = (page: BridgePage): BridgePage => {
    retitled = page.url === sent?.url && (retitled || page.title !== sent.title);
    return (sent = page);
  };

  const check = () => {
    if (location.href !== seen) {
      seen = location.href;
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = 0;
        const page = current();
        if (page.url !== sent?.url || page.title !== sent.title) send(remember(page));
      }, TITLE_SETTLE_MS);
    } else if (!timer && sent && !retitled && title().slice(0, PAGE_TITLE_MAX_CHARS) !== sent.title) {
      send(remember(current()));
    }
  };

  const navigation = (window as { navigation?: NavigationLike }).navigation;
  if (navigation) {
    navigation.addEventListener('navigatesuccess', check);
  } else {
    addEventListener('popstate', check);
    addEventListener('hashchange', check);
    setInterval(check, POLL_MS);
  }
  new MutationObserver(check).observe(document.head, { childList: true, subtree: true, characterData: true });

  return () => remember(current());
}
