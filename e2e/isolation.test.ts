import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient } from '@kefu/client';
import { connectAgent } from '../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { launchChromium, screenshot, widgetFrame } from './support/browser.js';
import { serveStyledSites, SITE_STYLES, type StyledSites } from './support/styled-sites.js';

/**
 * The widget on pages whose CSS could break it or that it could break: it must look
 * the same on all of them, and leave each page's own layout, styles and globals as they
 * were without it.
 */

const VIEWPORTS: Record<'desktop' | 'phone', BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

/** The computed properties that make the launcher look like itself. */
const LOOK = ['background-color', 'color', 'border-top-width', 'border-radius', 'box-shadow', 'font-size', 'font-style', 'letter-spacing', 'opacity', 'transform', 'display', 'visibility', 'cursor', 'padding-top'];

/** Everything about the host page the widget could disturb, measured in the page. */
function hostFacts() {
  const own = (el: Element) => el.tagName === 'KEFU-WIDGET' || el.tagName === 'SCRIPT';
  const elements = Array.from(document.querySelectorAll('body *')).filter((el) => !own(el));
  return {
    boxes: elements.map((el) => {
      const r = el.getBoundingClientRect();
      return `${el.tagName} ${r.x.toFixed(1)},${r.y.toFixed(1)} ${r.width.toFixed(1)}x${r.height.toFixed(1)}`;
    }),
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
    htmlStyle: document.documentElement.getAttribute('style'),
    bodyStyle: document.body.getAttribute('style'),
    bodyComputed: ['margin', 'padding', 'overflow', 'position', 'font-family', 'background-color'].map((p) => getComputedStyle(document.body).getPropertyValue(p)),
    styleSheets: document.styleSheets.length,
    headChildren: document.head.children.length,
    bodyChildren: Array.from(document.body.children).filter((el) => !own(el)).length,
    globals: Object.getOwnPropertyNames(window).filter((name) => !/^\d+$/.test(name)).sort(),
  };
}

function launcherLook(props: string[]) {
  const root = document.querySelector('kefu-widget')?.shadowRoot;
  const button = root?.querySelector('button');
  if (!button) return null;
  const r = button.getBoundingClientRect();
  const icon = button.querySelector('svg')?.getBoundingClientRect();
  const style = getComputedStyle(button);
  return {
    // The visible corner: on a phone, a page wider than the screen widens innerWidth, not this.
    box: [r.right - document.documentElement.clientWidth, r.bottom - document.documentElement.clientHeight, r.width, r.height].map((n) => Math.round(n)),
    icon: icon ? [Math.round(icon.width), Math.round(icon.height)] : null,
    style: Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)])),
  };
}

/** The panel opens and closes with a short transition: measure it once it has settled. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('kefu-widget')?.shadowRoot?.getAnimations().length === 0);
}

async function openChat(page: Page): Promise<void> {
  await page.locator('kefu-widget button[aria-label]').first().click();
  await page.locator('kefu-widget iframe').waitFor();
  await settled(page);
}

describe('the widget is isolated from the host page and the host page from it (Chromium)', () => {
  let server: TestServer;
  let sites: StyledSites;
  let browser: Browser;
  /** Connected, so that the widget offers the chat rather than leave-a-message. */
  let agent: AgentClient;

  beforeAll(async () => {
    server = await startServer();
    sites = await serveStyledSites(server.url, server.siteKey);
    browser = await launchChromium();
    agent = await connectAgent(server);
  });
  afterAll(async () => {
    agent?.close();
    await browser?.close();
    await sites?.close();
    await server?.close();
  });

  for (const [device, options] of Object.entries(VIEWPORTS)) {
    it(`looks the same on plain, hostile, Bootstrap and Tailwind pages, and changes none of them (${device})`, async () => {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const looks: Record<string, unknown> = {};
      const panels: Record<string, unknown> = {};
      for (const style of SITE_STYLES) {
        await page.goto(sites.url(style, false));
        const without = await page.evaluate(hostFacts);

        await page.goto(sites.url(style));
        const launcher = page.locator('kefu-widget button[aria-label]').first();
        await launcher.waitFor({ state: 'visible' });
        await widgetFrame(page);
        // Let the frame say `ready` and the launcher settle into its final look.
        await page.waitForTimeout(300);
        await settled(page);
        const withWidget = await page.evaluate(hostFacts);
        expect({ ...withWidget, globals: withWidget.globals.filter((g) => g !== 'Kefu') }, `${style}: the page as it was`).toEqual(without);
        expect(withWidget.globals).toContain('Kefu');
        looks[style] = await page.evaluate(launcherLook, LOOK);
        await screenshot(page, `isolation-${style}-${device}-closed`);

        await openChat(page);
        const frame = await widgetFrame(page);
        await frame.getByRole('textbox', { name: 'Message' }).waitFor();
        const box = await page.locator('kefu-widget iframe').boundingBox();
        panels[style] = box && [box.x, box.y, box.width, box.height].map((n) => Math.round(n));
        await screenshot(page, `isolation-${style}-${device}-open`);
        // Close again, so the next page starts closed (the open state follows the visitor).
        // By keyboard: this test is about looks, and on the phone context Playwright at
        // times aimed its click beside the button, into the header title's box, for all of
        // its 30 s (a CI run on 00e96b1; the screenshot just taken showed the panel in
        // place). Clicking and tapping the button is what loader.test.ts checks.
        await frame.getByRole('button', { name: 'Close chat' }).first().press('Enter');
        await page.waitForFunction(() => !document.querySelector('kefu-widget')?.shadowRoot?.querySelector('.open'));
        await settled(page);
        if (device === 'desktop') expect(await page.evaluate(hostFacts), `${style}: restored after closing`).toEqual(withWidget);
      }
      for (const style of SITE_STYLES) {
        expect(looks[style], `launcher on the ${style} page`).toEqual(looks.plain);
        expect(panels[style], `open panel on the ${style} page`).toEqual(panels.plain);
      }
      expect(looks.plain).not.toBeNull();
      if (device === 'phone') expect(panels.plain).toEqual([0, 0, 390, 844]);
      else expect((panels.plain as number[])[2]).toBe(380);
      await context.close();
    });
  }
});
