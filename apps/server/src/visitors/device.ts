import type { DeviceInfo } from '@kefu/protocol';
import { UAParser } from 'ua-parser-js';

/** ua-parser-js's names where a person would write them otherwise. */
const DISPLAY_NAMES: Record<string, string> = {
  UCBrowser: 'UC Browser',
  QQBrowser: 'QQ Browser',
  QQBrowserLite: 'QQ Browser Lite',
  '360': '360 Browser',
  'Mac OS': 'macOS',
  MIUI: 'MIUI Browser',
};

const named = (name: string | undefined) => (name ? DISPLAY_NAMES[name] ?? name : undefined);

/** "Chrome 131", "WeChat 8.0": the major and minor version are enough to tell browsers apart. */
function withVersion(name: string | undefined, version: string | undefined, parts: number): string | null {
  const display = named(name);
  if (!display) return null;
  const short = version?.split('.').slice(0, parts).join('.');
  return short ? `${display} ${short}` : display;
}

/**
 * The browser, OS and kind of device behind a User-Agent, for the visitor panel and the
 * radar. ua-parser-js (v1, MIT) knows the in-app and Chinese browsers agents meet most
 * (WeChat, QQ, UC, Baidu, Quark, 360, Huawei, MIUI). Desktop browsers carry no device
 * type in their UA: a known OS without one is a desktop.
 */
export function parseDevice(userAgent: string | null): DeviceInfo {
  if (!userAgent) return { browser: null, os: null, type: 'unknown', userAgent: null };
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const type = device.type === 'mobile' || device.type === 'tablet' ? device.type : os.name && !device.type ? 'desktop' : 'unknown';
  // Chrome 131 is "131.0.0.0": the major is the version people know; WeChat 8.0.44 reads as 8.0.
  const majorOnly = browser.version && /^\d+\.0\.0\.0$/.test(browser.version);
  return {
    browser: withVersion(browser.name, browser.version, majorOnly ? 1 : 2),
    os: withVersion(os.name, os.version, os.name === 'Windows' ? 1 : 2),
    type,
    userAgent,
  };
}
