import { describe, expect, it } from 'vitest';
import { isOriginPattern, originAllowed } from './origins.js';

describe('originAllowed', () => {
  const patterns = ['https://shop.example.com', 'http://localhost:*', 'https://*.example.org'];

  it.each([
    ['https://shop.example.com', true],
    ['http://shop.example.com', false],
    ['https://shop.example.com:8443', false],
    ['http://localhost:3000', true],
    ['http://localhost', true],
    ['http://localhost:3000/path', false],
    ['http://LOCALHOST:3000', false], // browsers send origins lower-cased; anything else is forged
    ['http://localhost:3000.evil.com', false],
    ['https://blog.example.org', true],
    ['https://example.org', false],
    ['https://a.b.example.org', false],
    ['https://evil-example.org', false],
    ['https://blog.example.org.evil.com', false],
  ])('%s -> %s', (origin, expected) => {
    expect(originAllowed(origin, patterns)).toBe(expected);
  });
});

describe('isOriginPattern', () => {
  it.each([
    ['https://shop.example.com', true],
    ['http://localhost:*', true],
    ['http://127.0.0.1:8080', true],
    ['https://*.example.org', true],
    ['https://shop.example.com/', false],
    ['https://shop.example.com/path', false],
    ['shop.example.com', false],
    ['*', false],
    ["https://x.com; script-src 'unsafe-inline'", false],
    ['https://a..b.com', false],
    ['https://*.*.example.com', false],
    ['ftp://files.example.com', false],
    ['https://shop.example.com\r\nx-evil: 1', false],
  ])('%s -> %s', (pattern, expected) => {
    expect(isOriginPattern(pattern)).toBe(expected);
  });
});
