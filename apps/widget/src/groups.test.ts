import type { ChatItem } from '@kefu/client';
import { describe, expect, it } from 'vitest';
import { blocks } from './groups.js';

const BASE = new Date(2026, 2, 3, 10, 0).getTime();
const MINUTE = 60_000;

function item(key: string, at: number, senderType: ChatItem['senderType'] = 'visitor', senderName: string | null = null): ChatItem {
  return { key, seq: null, body: key, senderType, senderName, createdAt: at, state: 'sent', error: null };
}

describe('blocks', () => {
  it('starts with a day separator and runs one sender together', () => {
    const out = blocks([item('a', BASE), item('b', BASE + MINUTE), item('c', BASE + 2 * MINUTE, 'agent', 'Ann')]);
    expect(out.map((b) => b.kind)).toEqual(['day', 'group', 'group']);
    expect(out[1]).toMatchObject({ senderType: 'visitor', items: [{ key: 'a' }, { key: 'b' }] });
    expect(out[2]).toMatchObject({ senderType: 'agent', senderName: 'Ann' });
  });

  it('splits a run after a pause and between two agents', () => {
    const out = blocks([
      item('a', BASE, 'agent', 'Ann'),
      item('b', BASE + 10 * MINUTE, 'agent', 'Ann'),
      item('c', BASE + 11 * MINUTE, 'agent', 'Bo'),
    ]);
    expect(out.filter((b) => b.kind === 'group')).toHaveLength(3);
  });

  it('puts a separator before each new day', () => {
    const out = blocks([item('a', BASE), item('b', BASE + 24 * 60 * MINUTE)]);
    expect(out.map((b) => b.kind)).toEqual(['day', 'group', 'day', 'group']);
  });

  it('lays out nothing for no messages', () => {
    expect(blocks([])).toEqual([]);
  });
});
