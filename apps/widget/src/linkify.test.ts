import { describe, expect, it } from 'vitest';
import { linkify, type Segment } from './linkify.js';

const links = (text: string) => linkify(text).filter((s): s is Extract<Segment, { kind: 'link' }> => s.kind === 'link');
/** The text back from the segments: linkify never adds, drops or reorders a character. */
const joined = (text: string) => linkify(text).map((s) => s.text).join('');

describe('linkify', () => {
  it('leaves plain text as one text segment', () => {
    expect(linkify('Hello, do you ship to Shanghai?')).toEqual([{ kind: 'text', text: 'Hello, do you ship to Shanghai?' }]);
    expect(linkify('')).toEqual([]);
  });

  it('links http and https URLs with their text as typed', () => {
    expect(linkify('See https://example.com/a?b=1#c now')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { kind: 'text', text: ' now' },
    ]);
    expect(links('http://shop.example.org:8080/x')).toEqual([{ kind: 'link', text: 'http://shop.example.org:8080/x', href: 'http://shop.example.org:8080/x' }]);
    expect(links('HTTPS://EXAMPLE.COM')[0]?.href).toBe('https://example.com/');
  });

  it('opens www. addresses over https', () => {
    expect(links('go to www.example.com/shop today')).toEqual([{ kind: 'link', text: 'www.example.com/shop', href: 'https://www.example.com/shop' }]);
  });

  it('makes bare email addresses mailto: links', () => {
    expect(links('write to help.desk+cn@example.co.uk, thanks')).toEqual([
      { kind: 'link', text: 'help.desk+cn@example.co.uk', href: 'mailto:help.desk+cn@example.co.uk' },
    ]);
    expect(links('not an address: a@b, @example.com, x@y')).toEqual([]);
  });

  it('never links other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com/file',
    ]) {
      expect(links(text), text).toEqual([]);
    }
  });

  it('does not find a link glued inside another scheme or word', () => {
    expect(links('javascript://www.example.com/%0aalert(1)')).toEqual([]);
    expect(links('xhttps://example.com')).toEqual([]);
    expect(links('javascript:https://example.com')).toEqual([]);
  });

  it('leaves trailing punctuation out of the link', () => {
    expect(links('Visit https://example.com.')[0]?.text).toBe('https://example.com');
    expect(links('Really? https://example.com/faq!')[0]?.text).toBe('https://example.com/faq');
    expect(links('(see https://example.com/a)')[0]?.text).toBe('https://example.com/a');
    expect(links('"https://example.com/q?x=1",')[0]?.text).toBe('https://example.com/q?x=1');
    expect(links('Mail me at ann@example.com.')[0]?.text).toBe('ann@example.com');
  });

  it('keeps balanced brackets that belong to the URL', () => {
    expect(links('https://en.wikipedia.org/wiki/Kiln_(pottery) is good')[0]?.text).toBe('https://en.wikipedia.org/wiki/Kiln_(pottery)');
  });

  it('finds URLs in Chinese text without spaces and stops at Chinese punctuation', () => {
    expect(linkify('请访问https://example.com/zh，谢谢！')).toEqual([
      { kind: 'text', text: '请访问' },
      { kind: 'link', text: 'https://example.com/zh', href: 'https://example.com/zh' },
      { kind: 'text', text: '，谢谢！' },
    ]);
    expect(links('官网：www.example.cn。')).toEqual([{ kind: 'link', text: 'www.example.cn', href: 'https://www.example.cn/' }]);
    expect(links('链接（https://example.com/a）里有说明')[0]?.text).toBe('https://example.com/a');
    expect(links('邮箱kefu@example.com联系')[0]?.text).toBe('kefu@example.com');
  });

  it('links punycode hosts as typed, but not look-alike Unicode hosts', () => {
    expect(links('https://xn--fsqu00a.xn--0zwm56d/')).toEqual([{ kind: 'link', text: 'https://xn--fsqu00a.xn--0zwm56d/', href: 'https://xn--fsqu00a.xn--0zwm56d/' }]);
    expect(links('www.xn--80ak6aa92e.com')[0]?.href).toBe('https://www.xn--80ak6aa92e.com/');
    // Cyrillic "а" in "аpple": shown as text, never a clickable disguise.
    expect(links('https://\u0430pple.com/login')).toEqual([]);
    expect(links('https://例子.测试')).toEqual([]);
  });

  it('shows the real host of a URL with user info as typed', () => {
    expect(links('https://bank.example.com@evil.example/')).toEqual([
      { kind: 'link', text: 'https://bank.example.com@evil.example/', href: 'https://bank.example.com@evil.example/' },
    ]);
  });

  it('finds several links and keeps every character', () => {
    const text = 'A https://a.example/x, B www.b.example and c@c.example; end';
    expect(links(text).map((l) => l.href)).toEqual(['https://a.example/x', 'https://www.b.example/', 'mailto:c@c.example']);
    expect(joined(text)).toBe(text);
    const chinese = '看这里→https://例子.测试 或者 https://ok.example/路径';
    expect(joined(chinese)).toBe(chinese);
  });

  it('handles long words and odd input without hanging', () => {
    const long = 'https://example.com/' + 'a'.repeat(5000);
    expect(links(long)[0]?.text).toBe(long);
    expect(links('https://')).toEqual([]);
    expect(links('www.')).toEqual([]);
    expect(joined('.'.repeat(1000) + '@'.repeat(1000))).toHaveLength(2000);
  });
});
