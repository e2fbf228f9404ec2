import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identityHash, verifyIdentity } from './identity.js';

describe('identity hashes', () => {
  const secret = 'JmI3o0QhJp0-eJ0rS5mQ0o5pH1b4d6m8Q2w9x7z3y1A';

  it('is the hex HMAC-SHA256 of the user id keyed with the secret, as a site backend makes it', () => {
    expect(identityHash(secret, 'u-42')).toBe(createHmac('sha256', secret).update('u-42').digest('hex'));
    expect(identityHash(secret, '用户-42')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies the right hash (any hex case) and nothing else', () => {
    const hash = identityHash(secret, 'u-42');
    expect(verifyIdentity(secret, 'u-42', hash)).toBe(true);
    expect(verifyIdentity(secret, 'u-42', hash.toUpperCase())).toBe(true);
    expect(verifyIdentity(secret, 'u-43', hash)).toBe(false);
    expect(verifyIdentity(`${secret}x`, 'u-42', hash)).toBe(false);
    expect(verifyIdentity(secret, 'u-42', hash.slice(0, 63))).toBe(false);
    expect(verifyIdentity(secret, 'u-42', `${hash}0`)).toBe(false);
    expect(verifyIdentity(secret, 'u-42', '')).toBe(false);
    expect(verifyIdentity(secret, 'u-42', undefined)).toBe(false);
    expect(verifyIdentity(null, 'u-42', hash)).toBe(false);
    expect(verifyIdentity(secret, 'u-42', 'é'.repeat(32))).toBe(false);
  });
});
