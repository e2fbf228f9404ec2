import { describe, expect, it } from 'vitest';
import { chooseLocale, lang, setLocale, t } from './i18n.js';

describe('chooseLocale', () => {
  it('prefers the page, then the site, then the browser', () => {
    expect(chooseLocale('zh-CN', 'en', 'en-US')).toBe('zh-CN');
    expect(chooseLocale(null, 'zh-CN', 'en-US')).toBe('zh-CN');
    expect(chooseLocale(null, 'auto', 'zh-TW')).toBe('zh-CN');
    expect(chooseLocale(null, 'auto', 'fr-FR')).toBe('en');
    expect(chooseLocale(null, undefined, undefined)).toBe('en');
  });
});

describe('setLocale', () => {
  it('switches every string at runtime', () => {
    setLocale('zh-CN');
    expect([lang, t.send]).toEqual(['zh-CN', '发送']);
    setLocale('en');
    expect([lang, t.send]).toEqual(['en', 'Send']);
  });
});
