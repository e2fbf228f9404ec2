import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A secret for a cookie or a visitor token: 32 random bytes, url-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a secret, so that a leaked table holds no live credential. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
