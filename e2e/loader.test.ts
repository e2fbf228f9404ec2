import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentClient } from '@kefu/client';
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { launchChromium, screenshot, widgetFrame } from './support/browser.js';
import { composerReady, conversationOf, type } from './support/delivery.js';
import { serveHostPage, type HostPage } from './support/host-page.js';

/**
 * widget.js on a customer's page, in Chromium: the JS API and its queue, the launcher's
 * look, notifications, the phone's scroll lock, page tracking and the bridge's origin
 * checks. The bridge is observed from inside the widget's iframe: an init script
 * records every frame the host page posts to it (window.__hostFrames).
 */

const DEVICES: Record<'desktop' | 'phone', BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

/**
 * In every host page: the snippet's one-line queue, a log the tests read
 * (window.__log), and the window's own property names before the loader ran. With
 * `?queue` in the URL, calls made before widget.js has loaded.
 */
const HEAD = `<script>
window.Kefu = window.Kefu || function () { (Kefu.q = Kefu.q || []).push(arguments); };
window.__log = [];
// A page of the site framed for a test, which must not load a chat of its own.
if (location.search.indexOf('bare') >= 0) Kefu.loaded = true;
if (location.search.indexOf('forget') >= 0) {
  Kefu('shutdown');
  Kefu('identify', { id: 'next-user' });
}
if (location.search.indexOf('queue') >= 0) {
  Kefu('on', 'open', function () { throw new Error('a broken listener'); });
  Kefu('on', 'open', function () { __log.push('open'); });
  Kefu('on', 'close', function () { __log.push('close'); });
  Kefu('on', 'unread', function (n) { __log.push('unread ' + n); });
  Kefu('identify', { id: 42, name: 'Ada Lovelace', email: 'ada@example.com' });
  Kefu('set', { plan: 'pro', seats: 3, trial: false });
  Kefu('identify', { name: 'nobody' });
  Kefu('set', { when: new Date(0) });
  Kefu('locale', 'fr');
  Kefu('on', 'hover', function () {});
  Kefu('fly');
  Kefu('open');
}
window.__globals = [];
window.__globals = Object.getOwnPropertyNames(window);
</script>`;

interface Recorded {
  origin: string;
  data: { kefu: number; type: string; [key: string]: unknown };
}

/** A context whose widget frames record what the host page posts them. */
async function newContext(browser: Browser, device: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext(device);
  await context.addInitScript(() => {
    if (location.pathname !== '/widget/') return;
    const frames: unknown[] = [];
    (window as unknown as { __hostFrames: unknown[] }).__hostFrames = frames;
    addEventListener('message', (event) => {
      if (event.source === parent) frames.push({ origin: event.origin, data: event.data });
    });
  });
  return context;
}

function hostFrames(frame: Frame): Promise<Recorded[]> {
  return frame.evaluate(() => (window as unknown as { __hostFrames: Recorded[] }).__hostFrames);
}

async function waitForHostFrame(frame: Frame, test: (r: Recorded) => boolean, what: string): Promise<Recorded> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = (await hostFrames(frame)).find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`the widget never got ${what}; it got ${JSON.stringify(await hostFrames(frame))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface LauncherState {
  hidden: boolean;
  open: boolean;
  label: string | null;
  background: string;
  ink: string;
  badge: string;
  description: string;
  box: { x: number; y: number; width: number; height: number } | null;
  hasFrame: boolean;
  focus: string | null;
}

/** The launcher as the visitor gets it, read from the loader's (open) shadow root. */
function launcherState(page: Page): Promise<LauncherState> {
  return page.evaluate(() => {
    const root = document.querySelector('kefu-widget')!.shadowRoot!;
    const shell = root.lastElementChild as HTMLElement;
    const launcher = root.querySelector('.launcher') as HTMLElement;
    const style = getComputedStyle(launcher);
    const rect = launcher.getBoundingClientRect();
    const visible = !shell.hidden && style.display !== 'none';
    return {
      hidden: !visible,
      open: shell.classList.contains('open'),
      label: launcher.getAttribute('aria-label'),
      background: style.backgroundColor,
      ink: style.color,
      badge: root.querySelector('.badge')!.textContent ?? '',
      description: root.getElementById('u')!.textContent ?? '',
      box: visible ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null,
      hasFrame: !!root.querySelector('iframe'),
      focus: root.activeElement ? root.activeElement.tagName.toLowerCase() + (root.activeElement.className ? `.${root.activeElement.className}` : '') : null,
    };
  });
}

/** Waits until the panel's open/close transition is over, so that boxes are final. */
const settled = (page: Page) => page.waitForFunction(() => document.querySelector('kefu-widget')!.shadowRoot!.getAnimations().length === 0);
const log = (page: Page) => page.evaluate(() => (window as unknown as { __log: unknown[] }).__log);
const kefu = (page: Page, ...args: unknown[]) => page.evaluate((a) => (window as unknown as { Kefu: (...x: unknown[]) => void }).Kefu(...a), args);
const styleAttributes = (page: Page) => page.evaluate(() => [document.documentElement.getAttribute('style'), document.body.getAttribute('style')]);

/**
 * Another origin, neither the host page's nor Kefu's nor one the site allows: a page
 * that could be an ad or a compromised embed. It records every postMessage it gets
 * (none of the bridge's may ever reach it). `/embed` is a page there that embeds the
 * widget anyway.
 */
async function serveForeignPage(kefuUrl: string, siteKey: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    const embed = req.url === '/embed' ? `<script src="${kefuUrl}/widget.js" data-site="${siteKey}" async></script>` : '';
    res.end(`<!doctype html><title>foreign</title><script>window.__got = []; addEventListener("message", (e) => __got.push(e.data));</script><p>not Kefu</p>${embed}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const { port } = server.address() as AddressInfo;
  // 127.0.0.2: another origin than Kefu (127.0.0.1) and the host page (localhost).
  return { url: `http://127.0.0.2:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Adds an iframe of `url` (unique in the page) to the page or one of its frames; returns its Frame once loaded. */
async function addFrame(page: Page, inside: Page | Frame, url: string): Promise<Frame> {
  await inside.evaluate(
    (src) =>
      new Promise<void>((resolve) => {
        const iframe = document.createElement('iframe');
        iframe.src = src;
        iframe.style.cssText = 'width:10px;height:10px;border:0';
        iframe.onload = () => resolve();
        document.body.append(iframe);
      }),
    url,
  );
  const frame = page.frames().find((f) => f.url() === url);
  if (!frame) throw new Error(`no frame ${url}`);
  return frame;
}

describe('widget.js on a customer page (Chromium)', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;
  let agent: AgentClient;

  beforeAll(async () => {
    server = await startServer();
    host = await serveHostPage(server.url, server.siteKey, HEAD);
    browser = await launchChromium();
    agent = await connectAgent(server);
  });
  afterAll(async () => {
    agent?.close();
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  const lookKey = () => `kefu:${server.siteKey}:launcher`;

  for (const [device, options] of Object.entries(DEVICES)) {
    it(`${device}: runs the calls queued before it loaded, then open/close/toggle with their events`, async () => {
      const context = await newContext(browser, options);
      const page = await context.newPage();
      const consoleLines: string[] = [];
      page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
      await page.goto(`${host.url}?queue`);

      // The queued open ran: the panel is open, focus went into the chat, the throwing
      // listener did not stop the next one.
      const frame = await composerReady(page);
      await expect.poll(() => log(page)).toEqual(['open']);
      await settled(page);
      let state = await launcherState(page);
      expect(state).toMatchObject({ open: true, focus: 'iframe' });
      if (device === 'phone') {
        expect(state.hidden).toBe(true);
        expect(await page.locator('iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
      } else {
        expect(state).toMatchObject({ hidden: false, label: 'Close chat' });
        // The panel sits above the launcher at the right, 380x600.
        const panel = (await page.locator('iframe').boundingBox())!;
        expect(panel).toMatchObject({ width: 380, height: 600, x: 1280 - 20 - 380 });
      }

      // One init frame carried everything the page had said, to this origin only.
      const [init, ...later] = await hostFrames(frame);
      expect(init!.origin).toBe(new URL(host.url).origin);
      expect(init!.data).toMatchObject({
        kefu: 1,
        type: 'init',
        open: true,
        identity: { userId: '42', name: 'Ada Lovelace', email: 'ada@example.com' },
        attributes: { plan: 'pro', seats: 3, trial: false },
        locale: null,
        page: { url: `${host.url}?queue`, title: 'Clay & Co. pottery', referrer: null },
      });
      expect(init!.data.items).toEqual(expect.any(Object));
      expect(later.map((r) => r.data.type)).not.toContain('identify');

      // Bad calls said why, in the console, and sent nothing.
      const said = consoleLines.join('\n');
      expect(said).toMatch(/^error: \[kefu\] a listener for 'open' threw: Error: a broken listener/m);
      for (const line of [
        "error: [kefu] Kefu('identify'): id must be a non-empty string or a number, got undefined",
        "error: [kefu] Kefu('set'): 'when' must be a string, a finite number, a boolean or null, got [object Date]",
        "error: [kefu] Kefu('locale'): expected 'zh-CN' or 'en', got 'fr'",
        "error: [kefu] Kefu('on'): unknown event 'hover'; the events are message, open, close, unread",
        "warning: [kefu] unknown command: 'fly'",
      ]) {
        expect(consoleLines).toContain(line);
      }

      await screenshot(page, `loader-${device}-open`);

      // Nothing global but Kefu (already the stub's), no CSS, one element.
      expect(await page.evaluate(() => Object.getOwnPropertyNames(window).filter((n) => !(window as unknown as { __globals: string[] }).__globals.includes(n)))).toEqual([]);
      expect(await page.evaluate(() => [document.querySelectorAll('style, link[rel="stylesheet"]').length, document.styleSheets.length, document.adoptedStyleSheets.length])).toEqual([1, 1, 0]);
      expect(await page.evaluate(() => [...document.body.children].map((e) => e.tagName.toLowerCase()))).toEqual(['h1', 'p', 'p', 'script', 'kefu-widget']);
      expect(await page.evaluate(() => history.pushState.toString().includes('[native code]'))).toBe(true);

      await kefu(page, 'close');
      await kefu(page, 'toggle');
      await kefu(page, 'toggle');
      expect(await log(page)).toEqual(['open', 'close', 'open', 'close']);
      state = await launcherState(page);
      expect(state).toMatchObject({ open: false, hidden: false, label: 'Open chat' });
      expect(await page.evaluate(() => sessionStorage.getItem('kefu:open'))).toBeNull();
      await waitForHostFrame(frame, (r) => r.data.type === 'close', 'close');
      expect((await hostFrames(frame)).slice(1).map((r) => r.data.type)).toEqual(['close', 'open', 'close']);

      // The visitor opens it and closes it from inside the chat: focus comes back to the launcher.
      await page.locator('.launcher').click();
      await expect.poll(async () => (await launcherState(page)).focus).toBe('iframe');
      expect(await page.evaluate(() => sessionStorage.getItem('kefu:open'))).toBe('1');
      // Playwright aims at where the button will be: let the panel's opening transition end.
      await settled(page);
      await frame.getByRole('button', { name: 'Close chat' }).click();
      await expect.poll(async () => (await launcherState(page)).open).toBe(false);
      expect((await launcherState(page)).focus).toBe('button.launcher');
      expect(await log(page)).toEqual(['open', 'close', 'open', 'close', 'open', 'close']);
      if (device === 'desktop') expect(await styleAttributes(page)).toEqual([null, null]);

      // The closed look, as a visitor arriving sees it (no focus ring, no hover).
      await page.locator('.launcher').blur();
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
      await screenshot(page, `loader-${device}-closed`);
      await context.close();
    });
  }

  it('shows no launcher on a first visit until the site’s look is known, then draws the cached look at once', async () => {
    const context = await newContext(browser, DEVICES.desktop);
    // The widget's iframe loads only while the gate is open: until then no `config` can come.
    let gateOpen = false;
    const waiting: (() => void)[] = [];
    const release = () => {
      gateOpen = true;
      for (const go of waiting.splice(0)) go();
    };
    const hold = () => (gateOpen = false);
    await context.route(
      (url) => url.pathname === '/widget/',
      async (route) => {
        if (!gateOpen) await new Promise<void>((resolve) => waiting.push(resolve));
        await route.continue();
      },
    );
    const page = await context.newPage();
    await page.goto(host.url);
    await expect.poll(async () => (await launcherState(page)).hasFrame).toBe(true);
    await page.waitForTimeout(500);
    expect(await launcherState(page)).toMatchObject({ hidden: true });

    release();
    await expect.poll(async () => (await launcherState(page)).hidden, { timeout: 10_000 }).toBe(false);
    const shown = await launcherState(page);
    expect(shown).toMatchObject({ background: 'rgb(37, 99, 235)', ink: 'rgb(255, 255, 255)', label: 'Open chat' });
    expect(shown.box).toEqual({ x: 1280 - 20 - 60, y: 800 - 20 - 60, width: 60, height: 60 });
    expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), lookKey()))!)).toEqual({ color: '#2563eb', position: 'right', locale: 'en' });

    // The next page: the launcher is there at once, while its iframe is still held.
    hold();
    await page.goto(`${host.url}other`);
    expect(await launcherState(page)).toMatchObject({ hidden: false, background: 'rgb(37, 99, 235)' });

    // A light colour, the left corner and Chinese from the cache; Kefu('locale') beats it.
    await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ color: '#fde047', position: 'left', locale: 'zh-CN' })), lookKey());
    await page.goto(host.url);
    const cached = await launcherState(page);
    expect(cached).toMatchObject({ hidden: false, background: 'rgb(253, 224, 71)', ink: 'rgb(15, 23, 42)', label: '打开聊天' });
    expect(cached.box).toMatchObject({ x: 20 });
    await page.mouse.move(0, 0);
    await screenshot(page, 'loader-desktop-left-cached');
    await kefu(page, 'locale', 'en');
    expect(await launcherState(page)).toMatchObject({ label: 'Open chat' });
    // The widget's config (the site's real look) replaces the cache.
    release();
    await expect.poll(async () => (await launcherState(page)).background, { timeout: 10_000 }).toBe('rgb(37, 99, 235)');
    expect(await launcherState(page)).toMatchObject({ label: 'Open chat', box: { x: 1280 - 20 - 60 } });
    const frame = await widgetFrame(page);
    await waitForHostFrame(frame, (r) => r.data.type === 'locale' || (r.data.type === 'init' && r.data.locale === 'en'), "the locale 'en'");
    await context.close();
  });

  it('tells a visitor who cannot see the chat of an agent’s message: listener, badge, title flash restored exactly', async () => {
    const context = await newContext(browser, DEVICES.desktop);
    const page = await context.newPage();
    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(host.url);
    await page.locator('.launcher').click();
    const frame = await composerReady(page);
    await type(frame, 'Is the blue teapot dishwasher-safe?');
    const conversationId = await conversationOf(server, 'Is the blue teapot dishwasher-safe?');
    await page.evaluate(() => {
      const w = window as unknown as { Kefu: (...a: unknown[]) => void; __log: unknown[] };
      w.Kefu('on', 'message', (m: unknown) => w.__log.push(m));
      w.Kefu('on', 'unread', (n: unknown) => w.__log.push(`unread ${String(n)}`));
    });
    const framesBefore = (await hostFrames(frame)).length;
    await kefu(page, 'close');
    // The widget (another process) must know it is hidden before the message comes, or
    // it would rightly mark the message read.
    await expect.poll(async () => (await hostFrames(frame)).slice(framesBefore).map((r) => r.data.type)).toContain('close');

    await agent.open(conversationId);
    agent.send(conversationId, 'Yes, it is.');
    await expect.poll(() => log(page), { timeout: 10_000 }).toContainEqual({ body: 'Yes, it is.', senderName: expect.any(String), createdAt: expect.any(Number) });
    await expect.poll(() => log(page)).toContain('unread 1');
    expect(await launcherState(page)).toMatchObject({ badge: '1', description: '1 unread messages' });
    await screenshot(page, 'loader-desktop-unread');

    // The title alternates; a title the page sets meanwhile is the one that comes back.
    await page.waitForFunction(() => document.title === '(1) New message');
    await page.waitForFunction(() => document.title === 'Clay & Co. pottery');
    await page.evaluate(() => (document.title = 'Basket (1) – Clay & Co.'));
    await page.waitForFunction(() => document.title === '(1) New message');
    await kefu(page, 'open');
    expect(await page.title()).toBe('Basket (1) – Clay & Co.');
    await page.waitForTimeout(1500);
    expect(await page.title()).toBe('Basket (1) – Clay & Co.');
    await expect.poll(() => log(page)).toContain('unread 0');
    expect(await launcherState(page)).toMatchObject({ badge: '' });

    // Page tracking reported the page's own title change, never the flashed one.
    const titles = (await hostFrames(frame)).filter((r) => r.data.type === 'page').map((r) => (r.data.page as { title: string }).title);
    expect(titles).toEqual(['Basket (1) – Clay & Co.']);

    // An agent's message while the chat is open and seen: only the listener.
    agent.send(conversationId, 'Anything else?');
    await expect.poll(() => log(page), { timeout: 10_000 }).toContainEqual(expect.objectContaining({ body: 'Anything else?' }));
    await page.waitForTimeout(1200);
    expect(await page.title()).toBe('Basket (1) – Clay & Co.');
    // The chime (Web Audio, perhaps refused without a gesture) broke nothing.
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('phone: holds the page still behind the full-screen chat and restores its styles and scroll exactly', async () => {
    const context = await newContext(browser, DEVICES.phone);
    const page = await context.newPage();
    await page.goto(host.url);
    await expect.poll(async () => (await launcherState(page)).hidden, { timeout: 10_000 }).toBe(false);
    await page.evaluate(() => {
      document.documentElement.setAttribute('style', 'scroll-behavior:smooth;  color: #222');
      document.body.setAttribute('style', 'overflow-x: clip !important; min-height: 4000px');
      scrollTo({ top: 1234, behavior: 'instant' });
    });
    await page.waitForFunction(() => scrollY === 1234);
    const before = await styleAttributes(page);
    const top = await page.evaluate(() => document.querySelector('h1')!.getBoundingClientRect().top);

    await page.locator('.launcher').tap();
    await composerReady(page);
    const locked = await page.evaluate(() => ({
      html: getComputedStyle(document.documentElement).overflowY,
      body: [document.body.style.position, document.body.style.top, document.body.style.width, getComputedStyle(document.body).overflowY],
      // The page behind has not moved.
      top: document.querySelector('h1')!.getBoundingClientRect().top,
    }));
    expect(locked).toEqual({ html: 'hidden', body: ['fixed', '-1234px', '100%', 'hidden'], top });

    const widget = await widgetFrame(page);
    await settled(page);
    await widget.getByRole('button', { name: 'Close chat' }).tap();
    await expect.poll(async () => (await launcherState(page)).open).toBe(false);
    expect(await styleAttributes(page)).toEqual(before);
    expect(await page.evaluate(() => scrollY)).toBe(1234);

    // A page that changes its own inline styles meanwhile keeps them; ours still go.
    await page.locator('.launcher').tap();
    await expect.poll(() => page.evaluate(() => document.body.style.position)).toBe('fixed');
    await page.evaluate(() => (document.body.style.color = 'rgb(200, 0, 0)'));
    await kefu(page, 'close');
    expect(await page.evaluate(() => [document.body.style.color, document.body.style.overflowX, document.body.style.getPropertyPriority('overflow-x'), document.body.style.position, document.body.style.top])).toEqual(['rgb(200, 0, 0)', 'clip', 'important', '', '']);
    expect(await page.evaluate(() => scrollY)).toBe(1234);

    // Widened to a tablet's 800x1000: the floating panel, so no lock; back: locked again.
    const unlocked = await page.evaluate(() => [document.documentElement.getAttribute('style'), document.body.getAttribute('style')]);
    await page.locator('.launcher').tap();
    await expect.poll(() => page.evaluate(() => document.body.style.position)).toBe('fixed');
    await page.setViewportSize({ width: 800, height: 1000 });
    await expect.poll(() => page.evaluate(() => document.body.style.position)).toBe('');
    expect(await styleAttributes(page)).toEqual(unlocked);
    // Sideways (844x390) is too short for the floating panel: full screen, locked.
    await page.setViewportSize({ width: 844, height: 390 });
    await expect.poll(() => page.evaluate(() => document.body.style.position)).toBe('fixed');
    await settled(page);
    expect(await page.locator('iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 844, height: 390 });
    await kefu(page, 'close');
    expect(await page.evaluate(() => document.body.style.position)).toBe('');
    await context.close();
  });

  it('phone: keeps the launcher and the chat on the screen of a page wider than the phone', async () => {
    const context = await newContext(browser, DEVICES.phone);
    const page = await context.newPage();
    await page.goto(host.url);
    await expect.poll(async () => (await launcherState(page)).hidden, { timeout: 10_000 }).toBe(false);
    // A careless page: content 700 px wide. The browser widens the layout viewport,
    // which position:fixed follows, beyond the 390 px screen.
    await page.evaluate(() => document.body.insertAdjacentHTML('afterbegin', '<div style="width:700px;height:20px;background:#eee"></div>'));
    await expect.poll(() => page.evaluate(() => innerWidth)).toBeGreaterThan(390);
    expect((await launcherState(page)).box).toEqual({ x: 390 - 20 - 60, y: 844 - 20 - 60, width: 60, height: 60 });
    await page.locator('.launcher').tap();
    await composerReady(page);
    await settled(page);
    expect(await page.locator('iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await context.close();
  });

  it('reports single-page-app navigations to the iframe as page frames', async () => {
    const context = await newContext(browser, DEVICES.desktop);
    const page = await context.newPage();
    await page.goto(host.url);
    const frame = await widgetFrame(page);
    await waitForHostFrame(frame, (r) => r.data.type === 'init', 'init');
    const pages = async () => (await hostFrames(frame)).filter((r) => r.data.type === 'page').map((r) => r.data.page as { url: string; title: string; referrer: string | null; at: number });

    // The SPA sets its title a little after the URL: the frame carries the new title.
    await page.evaluate(() => {
      history.pushState({}, '', '/products/teapot');
      setTimeout(() => (document.title = 'Blue teapot'), 100);
    });
    await expect.poll(pages).toEqual([{ url: `${host.url}products/teapot`, title: 'Blue teapot', referrer: null, at: expect.any(Number) }]);
    // A later title of the same URL is reported once, not every change after it.
    await page.evaluate(() => (document.title = 'Blue teapot – in stock'));
    await expect.poll(async () => (await pages()).length).toBe(2);
    await page.evaluate(() => (document.title = 'Blue teapot – sold out'));
    await page.waitForTimeout(800);
    expect((await pages()).map((p) => p.title)).toEqual(['Blue teapot', 'Blue teapot – in stock']);

    await page.evaluate(() => (location.hash = 'reviews'));
    await expect.poll(async () => (await pages()).at(-1)?.url).toBe(`${host.url}products/teapot#reviews`);
    await page.goBack();
    await expect.poll(async () => (await pages()).at(-1)?.url).toBe(`${host.url}products/teapot`);
    await page.evaluate(() => history.replaceState({}, '', '/cart'));
    await expect.poll(async () => (await pages()).at(-1)?.url).toBe(`${host.url}cart`);
    const all = await pages();
    expect(all.every((p) => Math.abs(p.at - Date.now()) < 60_000)).toBe(true);
    await context.close();
  });

  it('ignores frames from windows and origins other than the widget’s, on both sides of the bridge', async () => {
    const foreign = await serveForeignPage(server.url, server.siteKey);
    const context = await newContext(browser, DEVICES.desktop);
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator('.launcher').click();
    const widget = await composerReady(page);
    await type(widget, 'Checking the bridge');
    const conversationId = await conversationOf(server, 'Checking the bridge');
    await page.evaluate(() => {
      const w = window as unknown as { Kefu: (...a: unknown[]) => void; __log: unknown[] };
      for (const event of ['message', 'unread', 'open', 'close']) w.Kefu('on', event, (v: unknown) => w.__log.push([event, v]));
    });
    const lookBefore = await page.evaluate((k) => localStorage.getItem(k), lookKey());
    const initsBefore = (await hostFrames(widget)).filter((r) => r.data.type === 'init').length;

    // Three impostors: another origin's iframe, an iframe of Kefu's own origin that is
    // not the widget, and the host page itself.
    const evil = await addFrame(page, page, foreign.url);
    const sameOrigin = await addFrame(page, page, `${server.url}/healthz`);
    const forged = [
      { kefu: 1, type: 'close' },
      { kefu: 1, type: 'unread', count: 7 },
      { kefu: 1, type: 'config', config: { color: '#ff0000', position: 'left', locale: 'zh-CN' } },
      { kefu: 1, type: 'store', key: `kefu:${server.siteKey}:forged`, value: 'x' },
      { kefu: 1, type: 'message', message: { body: 'Your account is locked, log in here', senderName: 'Support', createdAt: Date.now() } },
      { kefu: 1, type: 'ready' },
    ];
    for (const sender of [evil, sameOrigin, page.mainFrame()]) {
      await sender.evaluate((frames) => {
        for (const f of frames) (window === parent ? window : parent).postMessage(f, '*');
      }, forged);
    }
    await page.waitForTimeout(1500);
    expect(await launcherState(page)).toMatchObject({ open: true, badge: '', background: 'rgb(37, 99, 235)' });
    expect(await log(page)).toEqual([]);
    expect(await page.title()).toBe('Clay & Co. pottery');
    expect(await page.evaluate((k) => localStorage.getItem(k), lookKey())).toBe(lookBefore);
    expect(await page.evaluate((k) => localStorage.getItem(k), `kefu:${server.siteKey}:forged`)).toBeNull();
    expect((await hostFrames(widget)).filter((r) => r.data.type === 'init').length).toBe(initsBefore);

    // The widget's side: with the chat closed, an 'open' from a window that is not the
    // host page (one of another origin, one of the host's origin) leaves it closed, so
    // the agent's next message counts as unread.
    await kefu(page, 'close');
    await waitForHostFrame(widget, (r) => r.data.type === 'close', 'close');
    const nestedForeign = await addFrame(page, widget, `${foreign.url}?nested`);
    const nestedHost = await addFrame(page, widget, `${host.url}other?bare`);
    for (const sender of [nestedForeign, nestedHost]) {
      await sender.evaluate(() => parent.postMessage({ kefu: 1, type: 'open' }, '*'));
    }
    await page.waitForTimeout(300);
    await agent.open(conversationId);
    agent.send(conversationId, 'Did you get my answer?');
    await expect.poll(async () => (await launcherState(page)).badge, { timeout: 10_000 }).toBe('1');
    expect(await log(page)).toContainEqual(['unread', 1]);
    expect(await log(page)).toContainEqual(['message', expect.objectContaining({ body: 'Did you get my answer?' })]);

    // No frame of the bridge ever went to the impostors.
    for (const f of [evil, nestedForeign]) expect(await f.evaluate(() => (window as unknown as { __got: unknown[] }).__got)).toEqual([]);

    // The widget's own iframe, navigated to another origin: the same window, the wrong
    // origin. Its frames are refused, and the loader's no longer reach it.
    await kefu(page, 'open');
    await widget.evaluate((url) => setTimeout(() => (location.href = url)), `${foreign.url}?navigated`);
    const navigated = await (async () => {
      for (;;) {
        const f = page.frames().find((x) => x.url() === `${foreign.url}?navigated`);
        if (f) return f;
        await page.waitForTimeout(50);
      }
    })();
    await navigated.waitForFunction(() => document.readyState === 'complete');
    await navigated.evaluate((frames) => {
      for (const f of frames) parent.postMessage(f, '*');
    }, forged);
    await kefu(page, 'close');
    await kefu(page, 'open');
    await page.waitForTimeout(500);
    expect(await launcherState(page)).toMatchObject({ open: true, badge: '' });
    expect(await page.title()).toBe('Clay & Co. pottery');

    for (const f of [evil, navigated]) expect(await f.evaluate(() => (window as unknown as { __got: unknown[] }).__got)).toEqual([]);
    await context.close();
    await foreign.close();
  });

  it('removes the launcher, saying why, on a page whose origin the site does not allow', async () => {
    const foreign = await serveForeignPage(server.url, server.siteKey);
    const context = await newContext(browser, DEVICES.desktop);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // A cached look (as if the site had been allowed before): the launcher shows at once.
    await page.goto(foreign.url);
    await page.evaluate((k) => localStorage.setItem(k, JSON.stringify({ color: '#2563eb', position: 'right', locale: 'en' })), lookKey());
    await page.goto(`${foreign.url}embed`);
    expect(await launcherState(page)).toMatchObject({ hidden: false });
    // Kefu refuses to be framed there (CSP frame-ancestors), so no `ready` ever comes.
    await expect.poll(async () => (await launcherState(page)).hidden, { timeout: 15_000 }).toBe(true);
    const origin = new URL(foreign.url).origin;
    expect(errors).toContain(`[kefu] chat did not start: is ${origin} allowed for site ${server.siteKey}?`);
    await kefu(page, 'open');
    expect(await launcherState(page)).toMatchObject({ hidden: true });
    await context.close();
    await foreign.close();
  });

  it('shutdown forgets the visitor on this browser and tells the widget', async () => {
    const context = await newContext(browser, DEVICES.desktop);
    const page = await context.newPage();
    await page.goto(host.url);
    await page.locator('.launcher').click();
    const frame = await composerReady(page);
    await type(frame, 'Please forget me after this');
    await conversationOf(server, 'Please forget me after this');
    await kefu(page, 'identify', { id: 'u-7', name: 'Grace' });
    await kefu(page, 'set', { plan: 'free' });
    const prefix = `kefu:${server.siteKey}:`;
    const keys = () => page.evaluate((p) => Object.keys(localStorage).filter((k) => k.startsWith(p)), prefix);
    // The iframe has no storage of its own in this context: the relay holds the visitor.
    await expect.poll(async () => (await keys()).filter((k) => k !== lookKey()).length).toBeGreaterThan(0);

    // Read in the same task: the widget, starting over, soon stores a new visitor's keys.
    const left = await page.evaluate((p) => {
      (window as unknown as { Kefu: (...a: unknown[]) => void }).Kefu('shutdown');
      return Object.keys(localStorage).filter((k) => k.startsWith(p));
    }, prefix);
    expect(left).toEqual([lookKey()]);
    expect(await page.evaluate(() => sessionStorage.getItem('kefu:open'))).toBeNull();
    expect(await launcherState(page)).toMatchObject({ open: false, badge: '' });
    const types = (await waitForHostFrame(frame, (r) => r.data.type === 'shutdown', 'shutdown'), (await hostFrames(frame)).map((r) => r.data.type));
    expect(types.slice(-2)).toEqual(['close', 'shutdown']);

    // The next page's init carries no identity or attributes.
    await page.reload();
    const next = await widgetFrame(page);
    const init = await waitForHostFrame(next, (r) => r.data.type === 'init', 'init');
    expect(init.data).toMatchObject({ identity: null, attributes: {} });

    // A shutdown queued before the frame was ready reaches it right after init; what the
    // page said after it (a new login) follows.
    await page.goto(`${host.url}?forget`);
    const fresh = await widgetFrame(page);
    await waitForHostFrame(fresh, (r) => r.data.type === 'identify', 'identify');
    const sequence = (await hostFrames(fresh)).map((r) => r.data);
    expect(sequence.slice(0, 3)).toMatchObject([{ type: 'init', identity: { userId: 'next-user' } }, { type: 'shutdown' }, { type: 'identify', identity: { userId: 'next-user' } }]);
    await context.close();
  });
});
