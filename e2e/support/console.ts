import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../../apps/server/src/test-support/server.js';

/**
 * An agent signed in to the console in a browser context of their own (a colleague is
 * another context, as on another computer), with the inbox's tabs showing.
 */
export async function signInConsole(
  browser: Browser,
  server: Pick<TestServer, 'url'>,
  who: { email: string; password: string },
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
) {
  const { viewport = { width: 1280, height: 800 }, locale = 'en-US' } = options;
  const zh = locale.startsWith('zh');
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  await page.goto(`${server.url}/console/`);
  await page.getByLabel(zh ? '邮箱' : 'Email').fill(who.email);
  await page.getByLabel(zh ? '密码' : 'Password').fill(who.password);
  await page.getByRole('button', { name: zh ? '登录' : 'Sign in' }).click();
  await page.getByRole('tablist').waitFor();
  return { context, page };
}

/** The inbox's view tabs and its rows, in either language. */
export const inboxTab = (page: Page, name: RegExp) => page.getByRole('tab', { name });
export const inboxRows = (page: Page) => page.getByRole('listbox', { name: /^(Conversations|会话列表)$/ }).getByRole('option');
export const inboxRow = (page: Page, text: string | RegExp) => inboxRows(page).filter({ hasText: text });
