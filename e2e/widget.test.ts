import type { AgentClient } from '@kefu/client';
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, connectVisitor } from '../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { launchChromium, screenshot, widgetFrame } from './support/browser.js';
import { serveHostPage, type HostPage } from './support/host-page.js';
import { DEFAULT_WIDGET_SETTINGS, agentsOnline, conversationWith, nobodyOnline, openWidget, serveAvatar, updateSite } from './support/widget.js';

/**
 * The chat UI in Chromium, as visitors get it: on a customer's page (another origin)
 * and as the standalone /chat/ page, on a desktop and a phone, in English and Chinese.
 * Agents are real AgentClients; site settings change through the REST API, as in the
 * console. Each state is saved as a screenshot under e2e/artifacts.
 */

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'en-US' };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-US' };
/**
 * The snippet's queue, so that the tests (and the page) can call Kefu(...) at any time,
 * and a record of the bridge frames the widget posts to the page (window.__frames).
 */
const KEFU_STUB = `<script>
window.Kefu = window.Kefu || function () { (Kefu.q = Kefu.q || []).push(arguments); };
window.__frames = [];
addEventListener('message', function (e) { if (e.data && e.data.kefu === 1) __frames.push(e.data); });
</script>`;

interface WidgetFrameRecord {
  type: string;
  config?: { color: string; position: string; locale: string };
  message?: { body: string; senderName: string | null; createdAt: number };
}
const framesFromWidget = (page: Page) => page.evaluate(() => (window as unknown as { __frames: WidgetFrameRecord[] }).__frames);

const kefu = (page: Page, ...args: unknown[]) => page.evaluate((a) => (window as unknown as { Kefu: (...x: unknown[]) => void }).Kefu(...a), args);
const headerStyle = (frame: Frame) =>
  frame.locator('.header').evaluate((el) => ({ background: getComputedStyle(el).backgroundImage, color: getComputedStyle(el).color }));

describe('the chat widget (Chromium)', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  let agent: AgentClient | null = null;

  async function context(options: BrowserContextOptions): Promise<BrowserContext> {
    const c = await browser.newContext(options);
    contexts.push(c);
    return c;
  }

  async function agentOnline(): Promise<AgentClient> {
    agent = await connectAgent(server);
    await waitFor(() => agentsOnline(server), 'the agent to count as online');
    return agent;
  }

  beforeAll(async () => {
    // A short grace period: an agent who leaves counts as offline at once for the next test.
    server = await startServer({ config: { presenceGraceMs: 300 } });
    host = await serveHostPage(server.url, server.siteKey, KEFU_STUB);
    browser = await launchChromium();
  });
  afterEach(async ({ task }) => {
    // A failure leaves a picture of every page it had open: CI shows what the test saw.
    if (task.result?.state === 'fail') {
      const pages = contexts.flatMap((c) => c.pages());
      for (const [i, p] of pages.entries()) await screenshot(p, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}-${i}`).catch(() => undefined);
    }
    for (const c of contexts.splice(0)) await c.close();
    for (const cleanup of cleanups.splice(0)) await cleanup();
    agent?.close();
    agent = null;
    await updateSite(server, DEFAULT_WIDGET_SETTINGS);
    await nobodyOnline(server);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('offers a leave-a-message form when nobody is online; the message reaches the agents with the name and email', async () => {
    const page = await (await context(DESKTOP)).newPage();
    const widget = await openWidget(page, host.url);
    await widget.getByRole('heading', { name: 'We’re away right now' }).waitFor();
    await widget.locator('.status', { hasText: 'Away' }).waitFor();
    await screenshot(page, 'widget-offline-form');

    // Nothing filled in: every problem is said next to its field, and the first one has the focus.
    await widget.getByRole('button', { name: 'Send message' }).click();
    await widget.getByText('Please enter your name.').waitFor();
    await widget.getByText('Please enter an email address or a phone number so we can reply.').waitFor();
    await widget.getByText('Please write your message.').waitFor();
    const name = widget.getByRole('textbox', { name: 'Name' });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await widget.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true');
    expect(await widget.evaluate(() => document.activeElement?.id)).toBe('f-name');
    await screenshot(page, 'widget-offline-errors');

    await name.fill('Ann Lee');
    await widget.getByRole('textbox', { name: 'Email' }).fill('ann@');
    await widget.getByRole('textbox', { name: 'Your message' }).fill('Do you ship tea sets to Shanghai?');
    await widget.getByRole('button', { name: 'Send message' }).click();
    await widget.getByText('This email address doesn’t look right — for example name@example.com.').waitFor();
    expect(await name.getAttribute('aria-invalid')).not.toBe('true');
    await widget.getByRole('textbox', { name: 'Email' }).fill('ann@example.com');
    await widget.getByRole('button', { name: 'Send message' }).click();

    // The chat, with the message sent and where the reply will go.
    await widget.getByText('Thanks! We’ll reply to ann@example.com — you can also keep this window open.').waitFor();
    await widget.locator('.bubble', { hasText: 'Do you ship tea sets to Shanghai?' }).waitFor();
    await widget.getByRole('textbox', { name: 'Message' }).waitFor();
    await widget.locator('[data-state="sent"]').waitFor();
    await screenshot(page, 'widget-offline-sent');

    // An agent who comes later finds it, from Ann Lee, with her email.
    const online = await agentOnline();
    const conversation = await waitFor(async () => {
      const { conversations } = await online.listConversations();
      return conversations.find((c) => c.visitorName === 'Ann Lee');
    }, 'the conversation with the visitor’s name');
    expect(conversation.lastMessagePreview).toBe('Do you ship tea sets to Shanghai?');
    const visitor = await server.app.kefu.storage.db.selectFrom('visitors').select(['name', 'email', 'phone']).where('id', '=', conversation.visitorId).executeTakeFirstOrThrow();
    expect(visitor).toEqual({ name: 'Ann Lee', email: 'ann@example.com', phone: null });

    // Someone is online now: the notice goes and the header says so.
    await widget.locator('.status', { hasText: 'Online' }).waitFor();
    await widget.locator('.notice').waitFor({ state: 'detached' });
  });

  it('asks Chinese visitors in Chinese, on a phone, and accepts a phone number instead of an email', async () => {
    const page = await (await context({ ...PHONE, locale: 'zh-CN' })).newPage();
    const widget = await openWidget(page, host.url);
    await widget.getByRole('heading', { name: '我们暂时不在线' }).waitFor();
    expect(await widget.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await widget.getByRole('button', { name: '提交留言' }).tap();
    await widget.getByText('请填写您的姓名。').waitFor();
    await widget.getByText('请填写邮箱或电话，以便我们回复您。').waitFor();
    await screenshot(page, 'widget-offline-phone-zh-CN');
    await widget.getByRole('textbox', { name: '姓名' }).fill('李雷');
    await widget.getByRole('textbox', { name: '留言内容' }).fill('请问可以开发票吗？');
    // Sent with the keyboard's Go key (Enter in a field). A click or tap right after
    // typing into this cross-origin frame misses in Chromium's mobile emulation:
    // Playwright reports the email/phone row as hit, while elementFromPoint inside the
    // frame finds the button where it is drawn.
    await widget.getByRole('textbox', { name: '电话' }).fill('+86 138 0013 8000');
    await widget.getByRole('textbox', { name: '电话' }).press('Enter');
    await widget.getByText('感谢留言！我们会回复到 +86 138 0013 8000，您也可以保持此窗口打开。').waitFor();
    // 16px in the inputs: iOS would zoom into anything smaller.
    expect(await widget.getByRole('textbox', { name: '消息' }).evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
  });

  it('switches from the form to the chat when an agent connects', async () => {
    const page = await (await context(DESKTOP)).newPage();
    const widget = await openWidget(page, host.url);
    await widget.getByRole('heading', { name: 'We’re away right now' }).waitFor();
    await agentOnline();
    // site.availability: no reload, the composer replaces the form.
    await widget.getByRole('textbox', { name: 'Message' }).waitFor();
    await widget.getByRole('heading', { name: 'We’re away right now' }).waitFor({ state: 'detached' });
    await widget.locator('.status', { hasText: 'Online' }).waitFor();
    await widget.getByText('Hi! How can we help you today?').waitFor();

    // Outside the business hours (a span on another weekday), even with an agent online: the form again.
    const otherDay = (new Date().getUTCDay() + 3) % 7;
    await updateSite(server, { businessHours: { timeZone: 'UTC', spans: [{ day: otherDay, from: '09:00', to: '17:00' }] } });
    await widget.getByRole('heading', { name: 'We’re away right now' }).waitFor();
    await widget.locator('.status', { hasText: 'Away' }).waitFor();
    await updateSite(server, { businessHours: null });
    await widget.getByRole('textbox', { name: 'Message' }).waitFor();
  });

  it('asks the site’s pre-chat questions before the first message, and skips what an identified user already told', async () => {
    await updateSite(server, {
      preChat: [
        { key: 'name', required: true },
        { key: 'email', required: false },
        { key: 'message', required: true },
      ],
    });
    const online = await agentOnline();
    const page = await (await context(DESKTOP)).newPage();
    const widget = await openWidget(page, host.url);
    await widget.getByRole('heading', { name: 'Before we start' }).waitFor();
    await widget.getByText('(optional)').waitFor();
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.getByText('Please enter your name.').waitFor();
    await widget.getByText('Please write your message.').waitFor();
    await screenshot(page, 'widget-prechat');
    await widget.getByRole('textbox', { name: 'Name' }).fill('Bo Chen');
    await widget.getByRole('textbox', { name: 'How can we help?' }).fill('Is the celadon vase back in stock?');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.locator('.bubble', { hasText: 'Is the celadon vase back in stock?' }).waitFor();
    await widget.getByRole('textbox', { name: 'Message' }).waitFor();
    await waitFor(async () => (await online.listConversations()).conversations.find((c) => c.visitorName === 'Bo Chen'), 'Bo Chen’s conversation');

    // A logged-in user of the site: name and email are known, so only the message is left, and that is the composer.
    const identified = await serveHostPage(server.url, server.siteKey, `${KEFU_STUB}<script>Kefu('identify', { id: 'user-7', name: 'Li Lei', email: 'li@example.com' });</script>`);
    try {
      const other = await (await context(DESKTOP)).newPage();
      const frame = await openWidget(other, identified.url);
      await frame.getByRole('textbox', { name: 'Message' }).waitFor();
      expect(await frame.getByRole('heading', { name: 'Before we start' }).count()).toBe(0);
    } finally {
      await identified.close();
    }
  });

  it('fills the leave-a-message form with what a late Kefu("identify") tells, never over what the visitor typed', async () => {
    const page = await (await context(DESKTOP)).newPage();
    const widget = await openWidget(page, host.url);
    await widget.getByRole('heading', { name: 'We’re away right now' }).waitFor();
    await widget.getByRole('textbox', { name: 'Phone' }).fill('+86 138 0000 0000');
    await widget.getByRole('textbox', { name: 'Email' }).fill('typed@example.com');
    // The host page learns who is logged in after the chat is already open.
    await page.evaluate(() => (window as unknown as { Kefu: (...a: unknown[]) => void }).Kefu('identify', { id: 'late-1', name: 'Wang Fang', email: 'wang@example.com' }));
    await waitFor(async () => (await widget.getByRole('textbox', { name: 'Name' }).inputValue()) === 'Wang Fang', 'the name from identify');
    expect(await widget.getByRole('textbox', { name: 'Email' }).inputValue()).toBe('typed@example.com');
    expect(await widget.getByRole('textbox', { name: 'Phone' }).inputValue()).toBe('+86 138 0000 0000');
  });

  it('shows the site’s greeting, colour, agent name and avatar, and repaints when an admin changes them', async () => {
    const avatar = await serveAvatar();
    cleanups.push(() => avatar.close());
    await updateSite(server, {
      greeting: 'Welcome to Clay & Co.! Ask us anything about glazes.',
      color: '#0f766e',
      agentDisplayName: 'Clay & Co. support',
      agentAvatarUrl: avatar.url,
    });
    const online = await agentOnline();
    const page = await (await context(DESKTOP)).newPage();
    const widget = await openWidget(page, host.url);
    await widget.getByText('Welcome to Clay & Co.! Ask us anything about glazes.').waitFor();
    // The avatar is decoration: an <img alt=""> in the header and beside agents' messages.
    const headerImage = widget.locator('.header-badge img');
    await waitFor(() => headerImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the avatar to load');
    expect(await headerImage.getAttribute('alt')).toBe('');
    // Teal-700 already contrasts enough with white: used as it is, white text on it.
    expect(await headerStyle(widget)).toMatchObject({ color: 'rgb(255, 255, 255)', background: expect.stringContaining('rgb(15, 118, 110)') });

    await widget.getByRole('textbox', { name: 'Message' }).fill('Which glaze is food-safe?');
    await widget.getByRole('button', { name: 'Send' }).click();
    online.send((await conversationWith(online, 'Which glaze is food-safe?')).id, 'All of our glazes are food-safe.');
    // The server names agents with the site's display name.
    await widget.locator('.name', { hasText: 'Clay & Co. support' }).waitFor();
    // The loader hears of the look (for its launcher) and of the agent's message (for its sound and title flash).
    const frames = await framesFromWidget(page);
    expect(frames.filter((f) => f.type === 'config').at(-1)?.config).toEqual({ color: '#0f766e', position: 'right', locale: 'en' });
    expect(frames.find((f) => f.type === 'message')?.message).toMatchObject({ body: 'All of our glazes are food-safe.', senderName: 'Clay & Co. support' });
    expect(await widget.locator('.own .bubble').evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual(['rgb(15, 118, 110)', 'rgb(255, 255, 255)']);
    expect(await widget.locator('.agent .avatar img').getAttribute('src')).toBe(avatar.url);
    await screenshot(page, 'widget-theme');

    // A light yellow: dark text, live, with no reload; an avatar that fails to load leaves the initial.
    await updateSite(server, { color: '#facc15', agentAvatarUrl: `${server.url}/no-such-avatar.png` });
    await waitFor(async () => (await headerStyle(widget)).color === 'rgb(15, 23, 42)', 'dark text on the yellow header');
    expect((await headerStyle(widget)).background).toContain('rgb(250, 204, 21)');
    expect((await framesFromWidget(page)).filter((f) => f.type === 'config').at(-1)?.config?.color).toBe('#facc15');
    await widget.locator('.agent .avatar img').waitFor({ state: 'detached' });
    expect(await widget.locator('.agent .avatar').innerText()).toBe('C');
    await screenshot(page, 'widget-theme-yellow');
  });

  it('makes links in agents’ messages safe anchors and inserts emoji at the caret', async () => {
    const online = await agentOnline();
    const page = await (await context(DESKTOP)).newPage();
    const widget = await openWidget(page, host.url);
    const box = widget.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello! Do you have a glaze guide?');
    await box.press('Enter');
    const conversation = await conversationWith(online, 'Hello! Do you have a glaze guide?');
    await online.open(conversation.id);
    online.send(conversation.id, 'Sure: https://example.com/glazes. Or write to help@example.com, not javascript:alert(1)');
    const link = widget.getByRole('link', { name: 'https://example.com/glazes' });
    await link.waitFor();
    expect(await link.evaluate((a: HTMLAnchorElement) => [a.getAttribute('href'), a.target, a.rel])).toEqual(['https://example.com/glazes', '_blank', 'noopener noreferrer nofollow ugc']);
    expect(await widget.getByRole('link', { name: 'help@example.com' }).getAttribute('href')).toBe('mailto:help@example.com');
    const bubble = widget.locator('.agent .bubble').last();
    expect(await bubble.locator('a').count()).toBe(2);
    expect(await bubble.innerText()).toContain('not javascript:alert(1)');

    // Emoji: into the text where the caret is.
    await box.fill('Thanks!');
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(6, 6));
    const toggle = widget.getByRole('button', { name: 'Insert emoji' });
    await toggle.click();
    const picker = widget.getByRole('dialog', { name: 'Emoji' });
    await picker.waitFor();
    expect(await picker.getByRole('button').count()).toBe(40);
    await screenshot(page, 'widget-emoji');
    // Keyboard: focus is in the grid, arrows move, Escape closes the picker only.
    expect(await widget.evaluate(() => document.activeElement?.textContent)).toBe('😀');
    await widget.getByRole('button', { name: '😀' }).press('ArrowRight');
    await widget.getByRole('button', { name: '😄' }).press('ArrowDown');
    expect(await widget.evaluate(() => document.activeElement?.textContent)).toBe('🤣');
    await widget.getByRole('button', { name: '🤣' }).press('Escape');
    await picker.waitFor({ state: 'detached' });
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByRole('button', { name: 'Close chat' }).isVisible()).toBe(true);

    await toggle.click();
    await widget.getByRole('button', { name: '🙏' }).click();
    expect(await box.inputValue()).toBe('Thanks🙏!');
    await box.press('Enter');
    await waitFor(() => online.items(conversation.id).some((m) => m.body === 'Thanks🙏!'), 'the agent to get the emoji');
    await widget.locator('.bubble', { hasText: 'Thanks🙏!' }).waitFor();
    await screenshot(page, 'widget-chat-desktop');
  });

  it('tells the server who the visitor is and what they look at, and forgets them on Kefu(\'shutdown\')', async () => {
    await agentOnline();
    const page = await (await context(DESKTOP)).newPage();
    const tracked = await serveHostPage(
      server.url,
      server.siteKey,
      `${KEFU_STUB}<script>Kefu('identify', { id: 'user-12', name: 'Mei Wang', email: 'mei@example.com' }); Kefu('set', { plan: 'pro', seats: 3 });</script>`,
    );
    try {
      const widget = await openWidget(page, tracked.url);
      await widget.getByRole('textbox', { name: 'Message' }).fill('Hello, I am on the pro plan');
      await widget.getByRole('button', { name: 'Send' }).click();
      const db = server.app.kefu.storage.db;
      const visitor = await waitFor(
        () => db.selectFrom('visitors').select(['id', 'name', 'email', 'attributes']).where('name', '=', 'Mei Wang').executeTakeFirst(),
        'the identified visitor',
      );
      expect(visitor.email).toBe('mei@example.com');
      await waitFor(async () => {
        const row = await db.selectFrom('visitors').select('attributes').where('id', '=', visitor.id).executeTakeFirstOrThrow();
        return (JSON.parse(row.attributes) as Record<string, unknown>).plan === 'pro';
      }, 'the attributes');
      const titles = () => db.selectFrom('page_views').select('title').where('visitor_id', '=', visitor.id).orderBy('at').execute();
      await waitFor(async () => (await titles()).some((v) => v.title === 'Clay & Co. pottery'), 'the first page view');

      // The next page: the widget reloads with it, the same visitor, one more page view.
      await page.getByRole('link', { name: 'Another page' }).click();
      await waitFor(async () => (await titles()).some((v) => v.title === 'Our story'), 'the second page view');

      // Logging out: a new visitor, an empty chat and an empty composer. (The panel stayed open across the navigation.)
      const again = await widgetFrame(page);
      await again.locator('.bubble', { hasText: 'Hello, I am on the pro plan' }).waitFor();
      await again.getByRole('textbox', { name: 'Message' }).fill('half-typed');
      await kefu(page, 'shutdown');
      await again.locator('.bubble', { hasText: 'Hello, I am on the pro plan' }).waitFor({ state: 'detached' });
      await again.getByText('Hi! How can we help you today?').waitFor();
      expect(await again.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('');
    } finally {
      await tracked.close();
    }
  });

  it('follows Kefu(\'locale\', \'zh-CN\') on the host page, live', async () => {
    await agentOnline();
    const page = await (await context(DESKTOP)).newPage();
    const widget = await openWidget(page, host.url);
    const box = widget.getByRole('textbox', { name: 'Message' });
    expect(await box.getAttribute('placeholder')).toBe('Type a message…');
    await kefu(page, 'locale', 'zh-CN');
    const chinese = widget.getByRole('textbox', { name: '消息' });
    await chinese.waitFor();
    expect(await chinese.getAttribute('placeholder')).toBe('输入消息…');
    expect(await widget.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await widget.locator('.status', { hasText: '在线' }).waitFor();
    await widget.getByText('您好！有什么可以帮您？').waitFor();
    await screenshot(page, 'widget-zh-CN');
    await kefu(page, 'locale', 'en');
    await widget.getByText('Hi! How can we help you today?').waitFor();
  });

  it('works as a full chat on a phone, embedded', async () => {
    await agentOnline();
    const page = await (await context(PHONE)).newPage();
    const widget = await openWidget(page, host.url);
    const box = widget.getByRole('textbox', { name: 'Message' });
    await box.fill('Hi from my phone 📱 — see www.example.com/order/1234567890/details-and-a-very-long-path-that-must-wrap');
    await widget.getByRole('button', { name: 'Send' }).click();
    const bubble = widget.locator('.own .bubble').last();
    await bubble.waitFor();
    // Long words wrap inside the bubble instead of widening the chat.
    const widths = await widget.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    expect(await box.evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');
    await screenshot(page, 'widget-chat-phone');
  });

  it('is a standalone page at /chat/SITE_KEY, on a phone and on a desktop', async () => {
    const online = await agentOnline();
    const phone = await (await context(PHONE)).newPage();
    await phone.goto(`${server.url}/chat/${server.siteKey}`);
    const box = phone.getByRole('textbox', { name: 'Message' });
    await box.waitFor();
    // Nothing to close on a page of its own; the chat fills the screen.
    expect(await phone.getByRole('button', { name: 'Close chat' }).count()).toBe(0);
    expect(await phone.locator('.chat').boundingBox()).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await box.fill('Hello from the app');
    await phone.getByRole('button', { name: 'Send' }).click();
    const conversation = await conversationWith(online, 'Hello from the app');
    online.send(conversation.id, 'Hi! Your order ships tomorrow.');
    await phone.getByText('Hi! Your order ships tomorrow.').waitFor();
    await screenshot(phone, 'widget-standalone-phone');

    const desktop = await (await context(DESKTOP)).newPage();
    await desktop.goto(`${server.url}/chat/${server.siteKey}`);
    await desktop.getByRole('textbox', { name: 'Message' }).waitFor();
    const column = (await desktop.locator('.chat').boundingBox())!;
    expect(column.width).toBeLessThanOrEqual(720);
    expect(Math.abs(column.x + column.width / 2 - 640)).toBeLessThan(2);
    await screenshot(desktop, 'widget-standalone-desktop');
  });

  it('says so when the site’s login cannot be verified (IDENTITY_REJECTED), in both languages', async () => {
    await updateSite(server, { identityEnforced: true });
    const forged = await serveHostPage(server.url, server.siteKey, `${KEFU_STUB}<script>Kefu('identify', { id: 'user-9', hash: '${'0'.repeat(64)}' });</script>`);
    try {
      const page = await (await context(DESKTOP)).newPage();
      const widget = await openWidget(page, forged.url);
      await widget.getByText('This site’s login could not be verified').waitFor();
      await screenshot(page, 'widget-identity-rejected');
      const zh = await (await context({ ...DESKTOP, locale: 'zh-CN' })).newPage();
      const frame = await openWidget(zh, forged.url);
      await frame.getByText('无法验证本网站的登录信息').waitFor();
    } finally {
      await forged.close();
    }
  });

  it('with automatic routing and every agent full, the visitor sees their place in line until an agent is free', async () => {
    const admin = await agentOnline();
    const { db } = server.app.kefu.storage;
    // Earlier tests' chats are done: the queue is served oldest first, so they would go first.
    await db.updateTable('conversations').set({ status: 'closed' }).where('status', '=', 'open').execute();
    await db.updateTable('agents').set({ max_chats: 1 }).execute();
    await updateSite(server, { routing: { mode: 'auto' } });
    cleanups.push(async () => {
      await updateSite(server, { routing: { mode: 'manual' } });
      await db.updateTable('agents').set({ max_chats: 8 }).execute();
    });
    // The only agent's one chat is taken by another visitor.
    const first = await connectVisitor(server);
    cleanups.push(async () => first.close());
    first.send('I was here first');
    await waitFor(() => first.conversation?.assigneeId === admin.agent?.id, 'the first visitor to get the agent');

    const page = await (await context({ viewport: { width: 1280, height: 800 } })).newPage();
    const widget = await openWidget(page, host.url);
    const box = widget.getByRole('textbox', { name: 'Message' });
    await box.fill('Anyone there?');
    await box.press('Enter');
    await widget.getByText("You're next in line. An agent will be with you in a moment.").waitFor();
    await screenshot(page, 'widget-queue');

    // The agent finishes the first chat: the waiting visitor gets them, live.
    await admin.closeConversation(first.conversation!.id);
    await widget.getByText('Admin joined the chat').waitFor();
    await widget.getByText(/next in line/).waitFor({ state: 'detached' });
  });
});
