/** "shop.example.com/cart?x=1" for display: no scheme, no trailing slash; the text as it was when unparseable. */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname === '/' ? '' : u.pathname;
    return `${u.host}${path}${u.search}`;
  } catch {
    return url;
  }
}

/** Only http(s) links are clickable: a visitor-supplied `javascript:` URL stays text. */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? url : undefined;
}
