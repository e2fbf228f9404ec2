import { describe, expect, it } from 'vitest';
import { Gate } from './gate.js';

/** Whether `promise` has settled by the time the microtasks queued now have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('the gate in front of SQLite\'s thread', () => {
  it('lets callers outside a transaction in together', async () => {
    const gate = new Gate();
    expect(await Promise.all([gate.enter(), gate.enter(), gate.enter()])).toHaveLength(3);
  });

  it('begins a transaction once the others are done, and holds newcomers until it ends', async () => {
    const gate = new Gate();
    await gate.enter(); // a query in flight
    await gate.enter(); // the caller that begins a transaction
    const begun = gate.beginAlone();
    expect(await settled(begun)).toBe(false);
    const newcomer = gate.enter();
    gate.leave(); // the query is answered
    expect(await settled(begun)).toBe(true);
    expect(await settled(newcomer)).toBe(false);
    gate.leave(); // committed
    expect(await settled(newcomer)).toBe(true);
  });

  it('runs two callers\' transactions one after the other, in order, even when both had entered', async () => {
    const gate = new Gate();
    await gate.enter();
    await gate.enter();
    const order: string[] = [];
    const first = gate.beginAlone().then(() => order.push('first'));
    const second = gate.beginAlone().then(() => order.push('second'));
    await first;
    expect(await settled(second)).toBe(false);
    gate.leave();
    await second;
    gate.leave();
    expect(order).toEqual(['first', 'second']);
    // Free again: a newcomer enters at once.
    expect(await settled(gate.enter())).toBe(true);
  });
});
