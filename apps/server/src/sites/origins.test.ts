import { describe, expect, it } from 'vitest';
import { originAllowed } from './origins.js';

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
