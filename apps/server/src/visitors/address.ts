import type { IncomingHttpHeaders } from 'node:http';

/** How long the stored User-Agent may be: real ones are a few hundred characters. */
export const USER_AGENT_MAX_CHARS = 512;

/** What a visitor's handshake says of their browser, for the agents' visitor panel. */
export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
  language: string | null;
  timeZone: string | null;
}

/** IPv4 clients of a dual-stack socket show as ::ffff:1.2.3.4. */
const unmapped = (ip: string) => (ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip);

/**
 * The visitor's address. The same judgement as Fastify's `trustProxy: true` for the
 * REST API (app.ts): Kefu is deployed behind a proxy (the nginx example) that sets
 * X-Forwarded-For, and its first hop is the client. A Kefu exposed directly lets a
 * client write its own header; the address is only shown to agents, never used to
 * decide anything, so the worst it does is show a lie.
 */
export function clientAddress(headers: IncomingHttpHeaders, socketAddress: string | undefined): string | null {
  const forwarded = headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  const ip = first || socketAddress;
  return ip ? unmapped(ip).slice(0, 64) : null;
}

export function clientInfo(headers: IncomingHttpHeaders, socketAddress: string | undefined, reported: { language?: string | undefined; timeZone?: string | undefined }): ClientInfo {
  const ua = headers['user-agent'];
  return {
    userAgent: ua ? ua.slice(0, USER_AGENT_MAX_CHARS) : null,
    ip: clientAddress(headers, socketAddress),
    language: reported.language || null,
    timeZone: reported.timeZone || null,
  };
}
