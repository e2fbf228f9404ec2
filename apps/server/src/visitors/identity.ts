import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hash a site's server sends with `identify`: lower-case hex HMAC-SHA256 of the
 * user id, keyed with the site's identity secret (its UTF-8 text, as the console shows it).
 *
 * @example identityHash(secret, 'user-42') // what the site's backend computes
 */
export const identityHash = (secret: string, userId: string): string => createHmac('sha256', secret).update(userId, 'utf8').digest('hex');

/** Whether `hash` proves `userId`, compared in constant time. No secret or no hash: never. */
export function verifyIdentity(secret: string | null, userId: string, hash: string | undefined): boolean {
  if (!secret || !hash) return false;
  const expected = Buffer.from(identityHash(secret, userId), 'utf8');
  const given = Buffer.from(hash.toLowerCase(), 'utf8');
  // The length of a hex SHA-256 is no secret; timingSafeEqual needs equal lengths.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
