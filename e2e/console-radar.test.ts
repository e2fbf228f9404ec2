import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { launchChromium, screenshot, widgetFrame } from './support/browser.js';
import { DESKTOP, openConsole, PHONE, visitorContext } from './support/console-desk.js';
import { serveHostPage, type HostPage } from './support/host-page.js';

const row = (page: Page, name: string) => page.locator('.radar-row', { hasText: name });

describe('the radar: everyone on the site now, live, and an invitation to chat (Chromium)', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;

  beforeAll(async () => {
    // A short grace period: a visitor who closed their tab is gone after a second, not fifteen.
    server = await startServer({ config: { presenceGraceMs: 1000 } });
    host = await serveHostPage(server.url, server.siteKey);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('shows two visitors with their page, follows a navigation, and drops the one who left', async () => {
    const agentContext = await browser.newContext({ viewport: DESKTOP });
    const console_ = await openConsole(agentContext, server);
    await console_.getByRole('button', { name: /^Visitors/ }).click();
    await console_.getByText('Nobody on your sites right now').waitFor();

    const amy = await visitorContext(browser, { name: 'Amy Lin' });
    const amyPage = await amy.newPage();
    await amyPage.goto(host.url);
    const bo = await visitorContext(browser, { name: 'Bo Wang' }, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1' });
    const boPage = await bo.newPage();
    await boPage.goto(host.url);

    // Both arrive live, on the page they are looking at.
    await row(console_, 'Amy Lin').getByText('Clay & Co. pottery').waitFor();
    await row(console_, 'Bo Wang').getByText('Clay & Co. pottery').waitFor();
    await console_.getByText('2 visitors online').first().waitFor();
    await row(console_, 'Bo Wang').getByRole('img', { name: /Mobile/ }).waitFor();

    // Amy opens another page: her row follows, Bo's does not move.
    await amyPage.getByRole('link', { name: 'Another page' }).click();
    await row(console_, 'Amy Lin').getByText('Our story').waitFor();
    expect(await row(console_, 'Bo Wang').getByText('Clay & Co. pottery').count()).toBe(1);
    await screenshot(console_, 'console-radar-desktop-en');

    // Bo closes the tab: once the grace period is over, he is gone from the radar.
    await bo.close();
    await row(console_, 'Bo Wang').waitFor({ state: 'detached' });
    expect(await console_.locator('.radar-row').count()).toBe(1);
    await console_.getByText('1 visitor online').first().waitFor();

    // The same radar in Chinese, and on a phone.
    const zhContext = await browser.newContext({ viewport: DESKTOP });
    const zh = await openConsole(zhContext, server, { lang: 'zh-CN', hash: '#/visitors' });
    await row(zh, 'Amy Lin').getByText('Our story').waitFor();
    await zh.getByText('1 位访客在线').first().waitFor();
    await screenshot(zh, 'console-radar-desktop-zh');
    const phoneContext = await browser.newContext(PHONE);
    const phone = await openConsole(phoneContext, server, { hash: '#/visitors' });
    await row(phone, 'Amy Lin').getByText('Our story').waitFor();
    await screenshot(phone, 'console-radar-phone-en');
    await Promise.all([amy.close(), zhContext.close(), phoneContext.close(), agentContext.close()]);
  });

  it('invites a visitor from the radar: their widget opens with the message and their reply arrives', async () => {
    const agentContext = await browser.newContext({ viewport: DESKTOP });
    const console_ = await openConsole(agentContext, server, { hash: '#/visitors' });
    const mei = await visitorContext(browser, { name: 'Mei Chen', email: 'mei@example.com', attributes: { plan: 'pro', orderId: 'A-1093' } });
    const meiPage = await mei.newPage();
    await meiPage.goto(host.url);
    // The first page is reported once the widget has connected: only then move on.
    await row(console_, 'Mei Chen').getByText('Clay & Co. pottery').waitFor();
    await meiPage.getByRole('link', { name: 'Another page' }).click();
    await row(console_, 'Mei Chen').getByText('Our story').waitFor();

    await row(console_, 'Mei Chen').getByRole('button', { name: 'Invite Mei Chen to chat' }).click();
    const dialog = console_.getByRole('dialog', { name: 'Invite Mei Chen to chat' });
    const message = dialog.getByRole('textbox', { name: 'Your message' });
    expect(await message.inputValue()).toBe('Hi there! 👋 Can I help you find anything?');
    await message.fill('Hi Mei! Looking for a gift?');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();

    // The console opens the new conversation with the invitation in it.
    await console_.waitForURL(/#\/c\//);
    await console_.locator('.conversation').getByText('Hi Mei! Looking for a gift?').waitFor();

    // The visitor's widget opens by itself with the agent's message; their reply comes back.
    const widget = await widgetFrame(meiPage);
    await widget.getByText('Hi Mei! Looking for a gift?').waitFor();
    await screenshot(meiPage, 'widget-invited-desktop');
    const reply = widget.getByRole('textbox', { name: 'Message' });
    await reply.fill('Yes, a teapot for my mother');
    await reply.press('Enter');
    await console_.locator('.conversation').getByText('Yes, a teapot for my mother').waitFor();

    // The radar says she is chatting now.
    await console_.getByRole('button', { name: /^Visitors/ }).click();
    await row(console_, 'Mei Chen').getByText('Chatting').waitFor();
    await row(console_, 'Mei Chen').getByRole('button', { name: 'Open chat' }).click();
    await console_.locator('.conversation').getByText('Yes, a teapot for my mother').waitFor();

    // The visitor panel beside the chat: what the site said, the page trail, the device.
    const panel = console_.locator('.visitor-panel');
    await panel.getByText('mei@example.com').waitFor();
    await panel.locator('.vp-row', { hasText: 'plan' }).getByText('pro').waitFor();
    await panel.locator('.vp-row', { hasText: 'orderId' }).getByText('A-1093').waitFor();
    const trail = panel.getByRole('list', { name: 'Pages visited' });
    await trail.getByText('Our story').waitFor();
    await trail.getByText('Clay & Co. pottery').waitFor();
    expect(await trail.locator('li').first().textContent()).toContain('Our story');
    await panel.getByText('Desktop').waitFor();
    await panel.getByText(/Chrome/).first().waitFor();
    // Live: another page shows at once as the current page and on top of the trail.
    await meiPage.goBack();
    await panel.getByTestId('current-page').getByText('Clay & Co. pottery').waitFor();
    await screenshot(console_, 'console-visitor-panel-desktop-en');

    const zhContext = await browser.newContext({ viewport: DESKTOP });
    const conversationHash = new URL(console_.url()).hash;
    const zh = await openConsole(zhContext, server, { lang: 'zh-CN', hash: conversationHash });
    await zh.locator('.visitor-panel').getByText('mei@example.com').waitFor();
    await zh.locator('.visitor-panel').getByText('浏览轨迹').waitFor();
    await screenshot(zh, 'console-visitor-panel-desktop-zh');

    // On a tablet the navigation is a top bar and the panel slides over the conversation.
    const tabletContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const tablet = await openConsole(tabletContext, server, { hash: conversationHash });
    const details = tablet.locator('.visitor-panel');
    await tablet.locator('.conversation').getByText('Yes, a teapot for my mother').waitFor();
    await tablet.getByRole('button', { name: 'Show visitor details' }).click();
    await details.getByText('mei@example.com').waitFor();
    await tablet.getByRole('button', { name: /^Visitors/ }).waitFor();
    await screenshot(tablet, 'console-visitor-panel-tablet-en');
    await tabletContext.close();

    // On a phone the panel is a sheet opened from the conversation.
    const phoneContext = await browser.newContext(PHONE);
    const phone = await openConsole(phoneContext, server, { hash: conversationHash });
    await phone.locator('.conversation').getByText('Yes, a teapot for my mother').waitFor();
    await screenshot(phone, 'console-conversation-phone-en');
    await phone.getByRole('button', { name: 'Show visitor details' }).click();
    await phone.locator('.visitor-panel').getByText('mei@example.com').waitFor();
    await screenshot(phone, 'console-visitor-panel-phone-en');
    await Promise.all([mei.close(), zhContext.close(), phoneContext.close(), agentContext.close()]);
  });

  it('on a phone, an invitation shows as a bubble over the page (not a full-screen takeover); a tap opens the chat on it', async () => {
    const agent = await connectAgent(server);
    const ren = await visitorContext(browser, { name: 'Ren Phone' }, PHONE);
    const page = await ren.newPage();
    await page.goto(host.url);
    let visitorId: string | undefined;
    await waitFor(async () => {
      visitorId = (await agent.liveVisitors()).find((v) => v.name === 'Ren Phone' && v.currentPage)?.visitorId;
      return visitorId !== undefined;
    }, 'the phone visitor on the radar');
    await agent.invite(visitorId!, 'Hi Ren! Need a hand?');

    const bubble = page.getByRole('button', { name: 'Hi Ren! Need a hand?' });
    await bubble.waitFor();
    // The page is still the visitor's: the chat panel did not open by itself.
    expect(await page.getByRole('button', { name: 'Open chat' }).isVisible()).toBe(true);
    await screenshot(page, 'widget-invited-phone');
    await bubble.click();
    const widget = await widgetFrame(page);
    await widget.getByText('Hi Ren! Need a hand?').waitFor();
    await bubble.waitFor({ state: 'hidden' });
    agent.close();
    await ren.close();
  });
});
