import { describe, expect, it } from 'vitest';
import { parseDevice } from './device.js';

describe('the device behind a User-Agent', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN', 'WeChat 8.0', 'iOS 17.1', 'mobile'],
    ['Mozilla/5.0 (Linux; U; Android 10; zh-CN; V1990A Build/QP1A.190711.020) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36', 'UC Browser 13.4', 'Android 10', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 12; M2012K11AC Build/SKQ1.211006.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/89.0.4389.72 MQQBrowser/6.2 TBS/046011 Mobile Safari/537.36', 'QQ Browser 6.2', 'Android 12', 'mobile'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome 131', 'Windows 10', 'desktop'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', 'Safari 17.1', 'macOS 10.15', 'desktop'],
    ['Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 'Mobile Safari 16.6', 'iOS 16.6', 'tablet'],
  ])('%s', (ua, browser, os, type) => {
    expect(parseDevice(ua)).toEqual({ browser, os, type, userAgent: ua });
  });

  it('says unknown when there is nothing to go on', () => {
    expect(parseDevice(null)).toEqual({ browser: null, os: null, type: 'unknown', userAgent: null });
    expect(parseDevice('node')).toEqual({ browser: null, os: null, type: 'unknown', userAgent: 'node' });
  });
});
