import { describe, expect, it } from 'vitest';
import { parseSource } from './source.js';

describe('where a visit came from', () => {
  it.each([
    ['https://www.google.com/search?q=live+chat+software', 'google', 'live chat software'],
    ['https://www.google.co.uk/url?sa=t&q=kefu', 'google', 'kefu'],
    ['https://www.google.com/', 'google', null],
    ['https://cn.bing.com/search?q=%E5%9C%A8%E7%BA%BF%E5%AE%A2%E6%9C%8D', 'bing', '在线客服'],
    ['https://www.baidu.com/s?wd=%E5%AE%A2%E6%9C%8D%E7%B3%BB%E7%BB%9F&rsv_spt=1', 'baidu', '客服系统'],
    ['https://m.baidu.com/s?word=%E5%AE%A2%E6%9C%8D', 'baidu', '客服'],
    ['https://www.sogou.com/web?query=%E5%AE%A2%E6%9C%8D', 'sogou', '客服'],
    ['https://www.so.com/s?q=kefu', 'so.com', 'kefu'],
    ['https://yandex.ru/search/?text=chat', 'yandex', 'chat'],
    ['https://duckduckgo.com/?q=self-hosted+chat', 'duckduckgo', 'self-hosted chat'],
  ])('%s: %s, %s', (referrer, engine, keyword) => {
    expect(parseSource(referrer)).toEqual({ referrer, searchEngine: engine, searchKeyword: keyword });
  });

  it('keeps other referrers as they are, with no engine', () => {
    for (const referrer of ['https://news.example.com/article', 'https://notgoogle.com/?q=x', 'https://google.example.com/?q=x', 'not a url']) {
      expect(parseSource(referrer)).toEqual({ referrer, searchEngine: null, searchKeyword: null });
    }
    expect(parseSource(null)).toEqual({ referrer: null, searchEngine: null, searchKeyword: null });
  });

  it('treats an empty search as none', () => {
    expect(parseSource('https://www.baidu.com/s?wd=%20%20').searchKeyword).toBeNull();
  });
});
