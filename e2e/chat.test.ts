import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../apps/server/src/test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { launchChromium, screenshot, widgetFrame } from './support/browser.js';
import { serveHostPage, type HostPage } from './support/host-page.js';
import { panelSettled } from './support/widget.js';

describe('a visitor on a customer site chats with an agent in the console (Chromium)', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    host = await serveHostPage(server.url, server.siteKey);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('delivers both ways and keeps the history across a reload', async () => {
    // The agent, in another browser context, signs in first: with nobody online the
    // widget would offer to leave a message instead (see widget.test.ts).
    const agentContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const consolePage = await agentContext.newPage();
    await consolePage.goto(`${server.url}/console/`);
    await consolePage.getByLabel('Email').fill(ADMIN.email);
    await consolePage.getByLabel('Password').fill(ADMIN.password);
    await consolePage.getByRole('button', { name: 'Sign in' }).click();

    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await visitorContext.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panelSettled(page);
    const widget = await widgetFrame(page);
    const message = widget.getByRole('textbox', { name: 'Message' });
    await message.fill('Hello! Do you ship to Shanghai?');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Hello! Do you ship to Shanghai?').waitFor();

    // It arrives in the console live.
    await consolePage.getByText('Hello! Do you ship to Shanghai?').first().click();

    // A second visitor message arrives live, without a reload.
    await message.fill('Also, is the tea set in stock?');
    await message.press('Enter');
    await consolePage.getByText('Also, is the tea set in stock?').first().waitFor();

    // Typing preview: the agent sees the visitor's text before it is sent.
    await message.fill('Could you gift-wrap it');
    await consolePage.getByText('Could you gift-wrap it').waitFor();
    await consolePage.getByText(/is typing \(not sent yet\)/).waitFor();
    await message.fill('');
    await consolePage.getByText('Could you gift-wrap it').waitFor({ state: 'detached' });

    const reply = consolePage.getByRole('textbox', { name: 'Message' });
    await reply.fill('Yes to both!');
    await widget.getByText('Admin is typing…').waitFor();
    await reply.fill('Yes to both! Shipping to Shanghai takes 3 days.');
    await consolePage.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Yes to both! Shipping to Shanghai takes 3 days.').waitFor();
    // The widget is open and visible, so the visitor has read it: the agent sees "Read".
    await consolePage.locator('.msg-state.is-read').last().waitFor();
    await screenshot(page, 'widget-desktop');
    await screenshot(consolePage, 'console-conversation');

    // Reload: the chat stays open, the same visitor, the whole history.
    await page.reload();
    await page.getByRole('button', { name: 'Close chat' }).waitFor();
    const again = await widgetFrame(page);
    for (const text of ['Hello! Do you ship to Shanghai?', 'Also, is the tea set in stock?', 'Yes to both! Shipping to Shanghai takes 3 days.']) {
      await again.getByText(text).waitFor();
    }
    const stored = await server.app.kefu.storage.db.selectFrom('messages').select(['seq', 'body']).orderBy('seq').execute();
    expect(stored.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(await again.getByText('Hello! Do you ship to Shanghai?').count()).toBe(1);
    await visitorContext.close();
    await agentContext.close();
  });

  it('works as a full-screen chat on a phone', async () => {
    const agent = await connectAgent(server);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await panelSettled(page);
    const widget = await widgetFrame(page);
    await widget.getByRole('textbox', { name: 'Message' }).fill('Hi from my phone 📱');
    await widget.getByRole('button', { name: 'Send' }).click();
    await widget.getByText('Hi from my phone 📱').waitFor();
    // Full screen on a phone: the chat covers the viewport.
    const box = await page.locator('iframe').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await screenshot(page, 'widget-phone');
    await phone.close();
    agent.close();
  });
});
