import { createHash, randomBytes, randomFillSync, randomUUID } from 'node:crypto';
import { stampOrderedId } from '@kefu/protocol';

export const newId = (): string => randomUUID();

/** Random bytes for ids, drawn 4 KB at a time: one randomBytes() call per id cost more than the rest of storing a message. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function randomId16(): Buffer {
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return bytes;
}

/**
 * A UUIDv7: ids made later on this node sort after earlier ones (as text too), even
 * within one millisecond (a 12-bit counter), for rows whose order is "newest first".
 */
export function newOrderedId(now = Date.now()): string {
  const bytes = randomId16();
  stampOrderedId(bytes, now);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A secret for a cookie or a visitor token: 32 random bytes, url-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a secret, so that a leaked table holds no live credential. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
