import { describe, expect, it } from 'vitest';
import { messagePreview, PREVIEW_MAX_CHARS } from './preview.js';

/** The rule as first written: every run of whitespace one space. */
const reference = (body: string) => body.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_MAX_CHARS);

describe('messagePreview', () => {
  it('makes runs of any whitespace one space, trims and shortens', () => {
    expect(messagePreview('  hello\n\n  there\tfriend  ')).toBe('hello there friend');
    expect(messagePreview('你好\u3000世界\u00a0!')).toBe('你好 世界 !');
    expect(messagePreview('x'.repeat(PREVIEW_MAX_CHARS + 10))).toHaveLength(PREVIEW_MAX_CHARS);
  });

  it('leaves a tidy body as it is', () => {
    expect(messagePreview('one line, single spaces')).toBe('one line, single spaces');
  });

  it('agrees with the plain rule on any mix of whitespace and text', () => {
    const pieces = [' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u3000', '\u2028', 'a', '你', 'word', '😀'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 5_000; i++) {
      const body = Array.from({ length: next() % 12 }, () => pieces[next() % pieces.length]).join('');
      expect(messagePreview(body)).toBe(reference(body));
    }
  });
});
