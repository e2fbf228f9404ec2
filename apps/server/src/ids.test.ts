import { describe, expect, it } from 'vitest';
import { newOrderedId } from './ids.js';

describe('newOrderedId', () => {
  it('sorts later ids after earlier ones, also within a millisecond, and never repeats', () => {
    const ids = Array.from({ length: 20_000 }, () => newOrderedId());
    expect(ids.every((id, i) => i === 0 || ids[i - 1]! < id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
