/**
 * Whether an origin matches one of a site's allowed-origin patterns. A pattern is an
 * exact origin (`https://shop.example.com`) or has a `*` for any port
 * (`http://localhost:*`) or for one leading subdomain label (`https://*.example.com`).
 * The same patterns are valid CSP `frame-ancestors` sources.
 */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matches(origin, pattern));
}

function matches(origin: string, pattern: string): boolean {
  if (pattern === origin) return true;
  if (!pattern.includes('*')) return false;
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\u0000');
  // A port wildcard takes digits; a host wildcard takes one DNS label.
  const source = regex.replace(/:\u0000$/, ':\\d+').replace(/\u0000/g, '[a-z0-9-]+');
  return new RegExp(`^${source}$`, 'i').test(origin);
}
