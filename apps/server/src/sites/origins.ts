/**
 * Whether an origin matches one of a site's allowed-origin patterns: an exact origin
 * (`https://shop.example.com`), any port (`http://localhost:*`), or one subdomain
 * label (`https://*.example.com`). These are also valid CSP `frame-ancestors` sources.
 */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // Only a bare origin counts: no path, no credentials, no trailing tricks.
  if (url.origin !== origin) return false;
  return patterns.some((pattern) => pattern === origin || matches(url, pattern));
}

/**
 * Whether a string is a pattern `originAllowed` understands. Patterns also go into
 * the widget's CSP header, so anything else (spaces, `;`, paths) is refused on save.
 */
export function isOriginPattern(pattern: string): boolean {
  const m = PATTERN.exec(pattern);
  if (!m) return false;
  const host = m[3]!;
  return host.split('.').every((label) => LABEL.test(label));
}

const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+)(?::(\*|\d+))?$/i;
const LABEL = /^[a-z0-9-]+$/i;

function matches(url: URL, pattern: string): boolean {
  const m = PATTERN.exec(pattern);
  if (!m) return false;
  const [, scheme, anySubdomain, host, port] = m as unknown as [string, string, string | undefined, string, string | undefined];
  if (url.protocol !== `${scheme.toLowerCase()}:`) return false;
  const hostname = url.hostname;
  const suffix = `.${host.toLowerCase()}`;
  const hostOk = anySubdomain
    ? hostname.endsWith(suffix) && LABEL.test(hostname.slice(0, -suffix.length))
    : hostname === host.toLowerCase();
  if (!hostOk) return false;
  // URL drops default ports, so '' means 80/443.
  return port === '*' || url.port === (port ?? '');
}
