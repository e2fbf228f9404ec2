import type { CannedReply } from '@kefu/client';
import { describe, expect, it } from 'vitest';
import { cannedToken, filterCanned, insertCanned } from './canned.js';

const reply = (shortcut: string, body: string): CannedReply => ({ id: shortcut, shortcut, body, scope: 'shared', ownerId: 'a', createdAt: 0, updatedAt: 0 });

describe('canned replies in the composer', () => {
  it('finds a /word being typed at the start of a word, up to the caret', () => {
    expect(cannedToken('/sh', 3)).toEqual({ start: 0, query: 'sh' });
    expect(cannedToken('Hello /Ship', 11)).toEqual({ start: 6, query: 'ship' });
    expect(cannedToken('Hello /', 7)).toEqual({ start: 6, query: '' });
    // Not a token: inside a word (a URL, a fraction), or the caret moved before it.
    expect(cannedToken('see a/b', 7)).toBeNull();
    expect(cannedToken('http://x', 8)).toBeNull();
    expect(cannedToken('/ship now', 9)).toBeNull();
    expect(cannedToken('/退款', 3)).toEqual({ start: 0, query: '退款' });
  });

  it('ranks shortcuts starting with the query, then containing it, then bodies, at most 8', () => {
    const replies = [reply('refund', 'Your money back'), reply('ship', 'We ship worldwide'), reply('reship', 'Sent again'), reply('hello', 'Hi! How can I ship… help?')];
    expect(filterCanned(replies, 'ship').map((r) => r.shortcut)).toEqual(['ship', 'reship', 'hello']);
    expect(filterCanned(replies, 'zzz')).toEqual([]);
    expect(filterCanned(Array.from({ length: 12 }, (_, i) => reply(`r${i}`, 'x')), 'r')).toHaveLength(8);
  });

  it('replaces the token with the body and puts the caret after it, keeping the rest', () => {
    const text = 'Thanks! /sh see you';
    const token = cannedToken(text, 11)!;
    expect(insertCanned(text, token, 11, 'We ship worldwide.')).toEqual({ text: 'Thanks! We ship worldwide. see you', caret: 26 });
  });
});
