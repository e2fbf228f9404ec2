import type { Message } from '@kefu/protocol';
import { describe, expect, it } from 'vitest';
import { chatItems } from './chat.js';
import { newClientMsgId } from './ids.js';
import { Outbox } from './outbox.js';
import { serial } from './serial.js';
import { memoryStorage } from './storage.js';
import { Timeline } from './timeline.js';

const message = (seq: number, clientMsgId = `client-${seq}`): Message => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientMsgId,
  senderType: 'visitor',
  senderId: 'v1',
  senderName: null,
  body: `message ${seq}`,
  createdAt: seq,
});

describe('Timeline', () => {
  it('orders by seq, drops duplicates and reports gaps', () => {
    const t = new Timeline();
    expect(t.add(message(1))).toBe('added');
    expect(t.add(message(3))).toBe('gap');
    expect(t.lastSeq).toBe(1);
    expect(t.add(message(1))).toBe('duplicate');
    expect(t.add(message(2))).toBe('added');
    expect(t.lastSeq).toBe(3);
    expect(t.messages().map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});

describe('Timeline with a floor (opened at the newest page)', () => {
  it('counts nothing below the floor as missing, still detects gaps above it, and takes older pages', () => {
    const t = Timeline.startingAt(51);
    expect(t.lastSeq).toBe(50);
    expect(t.add(message(51))).toBe('added');
    expect(t.add(message(53))).toBe('gap');
    expect(t.lastSeq).toBe(51);
    expect(t.add(message(52))).toBe('added');
    expect(t.lastSeq).toBe(53);
    // A live copy of an old message is left for the history page to bring.
    expect(t.add(message(10))).toBe('duplicate');
    expect(t.addOlder([message(49), message(50), message(51)]).map((m) => m.seq)).toEqual([49, 50]);
    expect(t.floor).toBe(49);
    expect(t.messages().map((m) => m.seq)).toEqual([49, 50, 51, 52, 53]);
    expect(t.lastSeq).toBe(53);
  });
});

describe('Outbox', () => {
  it('survives a reload through its storage and skips refused messages', () => {
    const storage = memoryStorage();
    const a = new Outbox(storage, 'k');
    a.add({ clientMsgId: 'one-00001', conversationId: null, body: 'one', createdAt: 1 });
    a.add({ clientMsgId: 'two-00002', conversationId: null, body: 'two', createdAt: 2 });
    a.update('one-00001', { error: { code: 'PAYLOAD_TOO_LARGE', message: 'too long' } });
    const b = new Outbox(storage, 'k');
    expect(b.all().map((m) => m.clientMsgId)).toEqual(['one-00001', 'two-00002']);
    expect(b.next()?.clientMsgId).toBe('two-00002');
    b.remove('two-00002');
    b.remove('one-00001');
    expect(storage.get('k')).toBeNull();
  });

  it('starts empty when storage holds garbage', () => {
    const storage = memoryStorage();
    storage.set('k', '{not json');
    expect(new Outbox(storage, 'k').all()).toEqual([]);
  });
});

describe('chatItems', () => {
  it('lists stored messages, then unsent ones, never one twice', () => {
    const t = new Timeline();
    t.add(message(1, 'sent-0001'));
    const items = chatItems(t, [
      { clientMsgId: 'sent-0001', conversationId: 'c1', body: 'message 1', createdAt: 1 },
      { clientMsgId: 'wait-0002', conversationId: 'c1', body: 'pending', createdAt: 2 },
      { clientMsgId: 'bad-00003', conversationId: 'c1', body: 'refused', createdAt: 3, error: { code: 'BAD_REQUEST', message: 'no' } },
    ], 'visitor');
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ['sent-0001', 'sent'],
      ['wait-0002', 'sending'],
      ['bad-00003', 'failed'],
    ]);
  });
});

describe('serial', () => {
  it('runs one at a time and once more when asked during a run', async () => {
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    const done: Array<() => void> = [];
    const run = serial(async () => {
      runs++;
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise<void>((resolve) => done.push(resolve));
      active--;
    });
    run();
    run();
    run();
    await Promise.resolve();
    expect(runs).toBe(1);
    done.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    done.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });
});

describe('newClientMsgId', () => {
  it('makes distinct v7 UUIDs that sort in the order they were made, within a millisecond too', () => {
    const made = Array.from({ length: 5000 }, () => newClientMsgId());
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    for (const id of made.slice(0, 10)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('puts the time first: a later millisecond sorts after, and the time reads back', () => {
    const at = Date.now() + 86_400_000;
    const first = newClientMsgId(at + 60_000);
    const later = newClientMsgId(at + 120_000);
    expect(later > first).toBe(true);
    expect(parseInt(later.replace(/-/g, '').slice(0, 12), 16)).toBe(at + 120_000);
  });
});
