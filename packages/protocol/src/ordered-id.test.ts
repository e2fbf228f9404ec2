import { describe, expect, it } from 'vitest';
import { stampOrderedId } from './ordered-id.js';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const stamped = (now: number) => {
  const b = new Uint8Array(16).fill(0xff);
  stampOrderedId(b, now);
  return b;
};

describe('stampOrderedId', () => {
  it('writes the time and version 7 first, keeps the random rest, sets the variant', () => {
    const at = Date.now() + 86_400_000;
    const b = stamped(at);
    expect(parseInt(hex(b).slice(0, 12), 16)).toBe(at);
    expect(b[6]! >> 4).toBe(7);
    expect(b[8]! >> 6).toBe(0b10);
    expect([...b.slice(9)]).toEqual(Array(7).fill(0xff));
  });

  it('sorts in the order made within one millisecond, and past 4096 of them borrows the next', () => {
    const at = Date.now() + 2 * 86_400_000;
    const made = Array.from({ length: 5000 }, () => hex(stamped(at)));
    expect([...made].sort()).toEqual(made);
    expect(parseInt(made[4096]!.slice(0, 12), 16)).toBe(at + 1);
    // A clock that went back still sorts after: the last time is kept.
    expect(hex(stamped(at - 60_000)) > made.at(-1)!).toBe(true);
  });
});
