import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a request's Origin is Kefu's own: the configured public URL, or the host
 * the request was sent to (so that port-0 test servers and proxies need no config).
 */
export function isOwnOrigin(origin: string, headers: IncomingHttpHeaders, publicUrl: string): boolean {
  if (origin === new URL(publicUrl).origin) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}
