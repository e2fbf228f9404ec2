import { describe, expect, it } from 'vitest';
import { ERRORS, isErrorCode } from './errors.js';

describe('error catalogue', () => {
  it('gives every code an HTTP status, an action and a message', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(entry.status).toBeGreaterThanOrEqual(400);
      expect(entry.status).toBeLessThan(600);
      expect(['retry', 'fix', 'reauth']).toContain(entry.action);
      expect(entry.message.length).toBeGreaterThan(3);
    }
  });

  it('marks server-side failures as worth retrying and client mistakes as not', () => {
    expect(ERRORS.INTERNAL.action).toBe('retry');
    expect(ERRORS.BAD_REQUEST.action).toBe('fix');
    expect(ERRORS.UNAUTHENTICATED.action).toBe('reauth');
  });

  it('recognises codes', () => {
    expect(isErrorCode('BAD_REQUEST')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});
