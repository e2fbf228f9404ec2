import { describe, expect, it } from 'vitest';
import { isAvailable } from './availability.js';

// Monday 2026-03-02 10:00 and 20:00 in Shanghai (UTC+8).
const MONDAY_10 = Date.UTC(2026, 2, 2, 2, 0);
const MONDAY_20 = Date.UTC(2026, 2, 2, 12, 0);
const HOURS = { timeZone: 'Asia/Shanghai', spans: [{ day: 1, from: '09:00', to: '18:00' }] };

describe('isAvailable', () => {
  it('needs an agent online', () => {
    expect(isAvailable(true, null, MONDAY_10)).toBe(true);
    expect(isAvailable(false, null, MONDAY_10)).toBe(false);
    // An older server that does not say: nobody is known to be there.
    expect(isAvailable(undefined, null, MONDAY_10)).toBe(false);
  });

  it('and the business hours, on the site’s clock', () => {
    expect(isAvailable(true, HOURS, MONDAY_10)).toBe(true);
    expect(isAvailable(true, HOURS, MONDAY_20)).toBe(false);
  });
});
