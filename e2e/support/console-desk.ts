import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ADMIN, type TestServer } from '../../apps/server/src/test-support/server.js';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** Signs an agent in to the console in a fresh page of `context`, in the language asked for. */
export async function openConsole(context: BrowserContext, server: Pick<TestServer, 'url'>, options: { credentials?: { email: string; password: string }; lang?: 'en' | 'zh-CN'; hash?: string } = {}): Promise<Page> {
  const { credentials = ADMIN, lang = 'en', hash = '' } = options;
  await context.addInitScript((l) => localStorage.setItem('kefu:console:lang', l), lang);
  const page = await context.newPage();
  await page.goto(`${server.url}/console/${hash}`);
  await page.locator('input[type=email]').fill(credentials.email);
  await page.locator('input[type=password]').fill(credentials.password);
  await page.locator('button[type=submit]').click();
  // The workspace (on a phone with a chat open, the sidebar is hidden).
  await page.locator('.workspace').waitFor({ state: 'attached' });
  return page;
}

/**
 * A visitor's browser on the customer's site: the snippet's queue is set up before the
 * page runs, with what the site says about its user (unverified: no hash) and attributes.
 */
export async function visitorContext(browser: Browser, who: { name: string; email?: string; attributes?: Record<string, string | number | boolean> }, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  await context.addInitScript((w) => {
    // The customer's page only, not the widget's frame inside it.
    if (window.top !== window) return;
    const win = window as unknown as { Kefu?: ((...args: unknown[]) => void) & { q?: unknown[][] } };
    win.Kefu =
      win.Kefu ??
      Object.assign(
        function (...args: unknown[]) {
          (win.Kefu!.q = win.Kefu!.q ?? []).push(args);
        },
        { q: [] as unknown[][] },
      );
    win.Kefu('identify', { id: `site-user-${w.name}`, name: w.name, ...(w.email ? { email: w.email } : {}) });
    if (w.attributes) win.Kefu('set', w.attributes);
  }, who);
  return context;
}
