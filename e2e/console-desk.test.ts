import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectVisitor } from '../apps/server/src/test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { addAgent, firstWorkspaceId } from '../apps/server/src/test-support/workspaces.js';
import { launchChromium, launchLifecycleChromium, screenshot } from './support/browser.js';
import { DESKTOP, openConsole, PHONE } from './support/console-desk.js';

interface Shown {
  title: string;
  body: string;
  tag: string;
}

/** The desktop notifications the console's service worker has on screen now. */
function notifications(page: Page): Promise<Shown[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
  });
}

describe('the agent desk: status, notifications, the desktop app, canned replies (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let colleague: { email: string; password: string; id: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    colleague = await addAgent(server, await firstWorkspaceId(server), 'agent', 'Li Na');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows an agent's chosen status to a colleague and keeps it across a reload", async () => {
    const adminContext = await browser.newContext({ viewport: DESKTOP });
    const admin = await openConsole(adminContext, server);
    const colleagueContext = await browser.newContext({ viewport: DESKTOP });
    const li = await openConsole(colleagueContext, server, { credentials: colleague });
    const adminInTeam = li.locator('.team-member', { hasText: 'Admin' });
    await adminInTeam.locator('.team-status', { hasText: 'Online' }).waitFor();

    await admin.getByRole('button', { name: 'Your status: Online' }).click();
    await screenshot(admin, 'console-status-menu-en');
    await admin.getByRole('menuitemradio', { name: /^Away/ }).click();
    await admin.getByRole('button', { name: 'Your status: Away' }).waitFor();
    await adminInTeam.locator('.team-status', { hasText: 'Away' }).waitFor();
    await screenshot(li, 'console-team-away-en');

    // The server keeps the choice: a reload (a new connection) is still away.
    await admin.reload();
    await admin.getByRole('button', { name: 'Your status: Away' }).waitFor();
    await adminInTeam.locator('.team-status', { hasText: 'Away' }).waitFor();

    await admin.getByRole('button', { name: 'Your status: Away' }).click();
    await admin.getByRole('menuitemradio', { name: /^Online/ }).click();
    await adminInTeam.locator('.team-status', { hasText: 'Online' }).waitFor();
    await Promise.all([adminContext.close(), colleagueContext.close()]);
  });

  it('sets an agent away after the chosen minutes without input, and back online on the next input', async () => {
    const adminContext = await browser.newContext({ viewport: DESKTOP });
    // Five minutes pass in a moment: the page's clock is Playwright's.
    await adminContext.addInitScript(() => localStorage.setItem('kefu:console:prefs', JSON.stringify({ autoAwayMinutes: 5 })));
    const adminPage = await adminContext.newPage();
    await adminPage.clock.install();
    await adminPage.goto(`${server.url}/console/`);
    await adminPage.locator('input[type=email]').fill(ADMIN.email);
    await adminPage.locator('input[type=password]').fill(ADMIN.password);
    await adminPage.locator('button[type=submit]').click();
    await adminPage.getByRole('button', { name: 'Your status: Online' }).waitFor();
    const colleagueContext = await browser.newContext({ viewport: DESKTOP });
    const li = await openConsole(colleagueContext, server, { credentials: colleague });
    const adminInTeam = li.locator('.team-member', { hasText: 'Admin' });
    await adminInTeam.locator('.team-status', { hasText: 'Online' }).waitFor();

    await adminPage.clock.runFor('05:01');
    await adminInTeam.locator('.team-status', { hasText: 'Away' }).waitFor();
    await adminPage.getByRole('button', { name: 'Your status: Away (idle)' }).waitFor();
    await adminPage.mouse.move(400, 300);
    await adminPage.keyboard.press('Shift');
    await adminInTeam.locator('.team-status', { hasText: 'Online' }).waitFor();
    await adminPage.getByRole('button', { name: 'Your status: Online' }).waitFor();
    await Promise.all([adminContext.close(), colleagueContext.close()]);
  });

  it('shows one desktop notification for a new visitor message, and none again after a reconnect', async () => {
    // Real page visibility: a console tab behind another one is hidden, as on a desktop.
    const lifecycle = await launchLifecycleChromium();
    try {
      const context = lifecycle.context;
      await context.grantPermissions(['notifications'], { origin: server.url });
      const console_ = await openConsole(context, server);
      await console_.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      const other = await context.newPage();
      await other.bringToFront();
      await waitFor(async () => (await console_.evaluate(() => document.visibilityState)) === 'hidden', 'the console to be in the background');

      const ana = await connectVisitor(server);
      ana.send('Is the blue vase back in stock?');
      const first = await waitFor(async () => (await notifications(console_)).find((n) => n.body.includes('blue vase')), 'the first notification');
      expect(first.tag).toMatch(/^conversation:/);
      expect((await notifications(console_)).length).toBe(1);
      expect(await console_.title()).toBe('(1) Kefu');

      // Seen and dismissed; then the connection drops and comes back.
      await console_.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).forEach((n) => n.close()));
      await console_.bringToFront();
      const agents = server.app.realtime.io.of('/agent');
      for (const socket of agents.sockets.values()) socket.conn.close();
      await console_.locator('.conn-busy').waitFor();
      await console_.locator('.conn-ok').waitFor();
      await other.bringToFront();
      await waitFor(async () => (await console_.evaluate(() => document.visibilityState)) === 'hidden', 'the console to be in the background again');

      // A message written after the reconnect notifies; the one from before does not come back.
      const ben = await connectVisitor(server);
      ben.send('Do you gift-wrap?');
      // A generous wait: under a loaded CI the hidden tab's timers and the reconnect's listing run late.
      await waitFor(async () => (await notifications(console_)).some((n) => n.body.includes('gift-wrap')), 'the second notification', 30_000);
      const shown = await notifications(console_);
      expect(shown.map((n) => n.body)).toEqual(['Do you gift-wrap?']);
      ana.close();
      ben.close();
    } finally {
      await lifecycle.close();
    }
  });

  it('is an installable app: a valid manifest, and a service worker that controls the console and serves its shell offline', async () => {
    const manifestResponse = await fetch(`${server.url}/console/manifest.webmanifest`);
    expect(manifestResponse.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await manifestResponse.json()) as { short_name: string; start_url: string; scope: string; display: string; icons: { src: string; sizes: string; purpose: string }[] };
    expect(manifest).toMatchObject({ start_url: '/console/', scope: '/console/', display: 'standalone' });
    for (const icon of manifest.icons) {
      const png = await fetch(new URL(icon.src, `${server.url}/console/`));
      expect(png.headers.get('content-type')).toBe('image/png');
    }
    const sw = await fetch(`${server.url}/console/sw.js`);
    expect(sw.headers.get('content-type')).toMatch(/javascript/);
    expect(sw.headers.get('service-worker-allowed')).toBe('/console/');
    expect(sw.headers.get('cache-control')).toBe('no-cache');

    // A real profile: Playwright's own contexts are incognito, where Chromium installs nothing.
    const lifecycle = await launchLifecycleChromium();
    try {
      const context = lifecycle.context;
      const page = await context.newPage();
      await page.goto(`${server.url}/console/`);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}/console/sw.js`);

      // Chromium's own verdict: the manifest parses and nothing stands in the way of installing.
      const cdp = await context.newCDPSession(page);
      const parsed = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(parsed.url).toBe(`${server.url}/console/manifest.webmanifest`);
      expect(parsed.errors).toEqual([]);
      const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
      expect(installability.installabilityErrors).toEqual([]);

      // Offline, the shell still opens from the cache (and says the server is out of reach).
      await context.setOffline(true);
      await page.reload();
      await page.getByText('Kefu cannot reach its server.').waitFor();
      await context.setOffline(false);
      // Never the API: its answers are not in any cache.
      const cachedUrls = await page.evaluate(async () => {
        const urls: string[] = [];
        for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
        return urls;
      });
      expect(cachedUrls.length).toBeGreaterThan(0);
      expect(cachedUrls.filter((u) => !u.startsWith('/console/'))).toEqual([]);
    } finally {
      await lifecycle.close();
    }
  });

  it('creates, edits and deletes canned replies, with the errors shown inline and a colleague seeing it live', async () => {
    const adminContext = await browser.newContext({ viewport: DESKTOP });
    const admin = await openConsole(adminContext, server, { hash: '#/settings' });
    const colleagueContext = await browser.newContext({ viewport: DESKTOP });
    const li = await openConsole(colleagueContext, server, { credentials: colleague, hash: '#/settings' });
    const shared = (page: Page) => page.getByRole('region', { name: 'Shared with the team' });
    await shared(li).getByText('No shared replies yet.').waitFor();

    const create = async (page: Page, shortcut: string, body: string, scope: 'Team' | 'Only me') => {
      await page.getByRole('button', { name: 'New reply' }).click();
      const form = page.getByRole('form', { name: 'New canned reply' });
      await form.getByLabel('Shortcut').fill(shortcut);
      await form.getByLabel('Reply', { exact: true }).fill(body);
      await form.getByText(scope, { exact: true }).click();
      await form.getByRole('button', { name: 'Create reply' }).click();
      return form;
    };

    // Create: it shows here, and at once in the colleague's list (cannedChanged).
    await create(admin, 'shipping', 'We ship worldwide within 3 working days.', 'Team');
    await shared(admin).getByText('/shipping').waitFor();
    await shared(li).getByText('We ship worldwide within 3 working days.').waitFor();

    // The same shortcut again: CONFLICT, on the shortcut field; nothing is added.
    const duplicate = await create(admin, 'shipping', 'Another text', 'Team');
    await duplicate.getByRole('alert').filter({ hasText: 'This shortcut is already used. Pick another one.' }).waitFor();
    expect(await duplicate.getByLabel('Shortcut').getAttribute('aria-invalid')).toBe('true');
    // Client-side validation before any request: a bad shortcut and an empty text.
    await duplicate.getByLabel('Shortcut').fill('Not ok!');
    await duplicate.getByLabel('Reply', { exact: true }).fill('   ');
    await duplicate.getByRole('button', { name: 'Create reply' }).click();
    await duplicate.getByText('Use 1 to 32 lower-case letters, digits, - or _.').waitFor();
    await duplicate.getByText('Write the reply text.').waitFor();
    await screenshot(admin, 'console-settings-canned-errors-en');
    await duplicate.getByRole('button', { name: 'Cancel' }).click();

    // Edit.
    await shared(admin).getByRole('button', { name: 'Edit /shipping' }).click();
    const edit = admin.getByRole('form', { name: 'Edit canned reply' });
    await edit.getByLabel('Reply', { exact: true }).fill('We ship worldwide within 2 working days, free over ¥300.');
    await edit.getByRole('button', { name: 'Save' }).click();
    await shared(admin).getByText('We ship worldwide within 2 working days, free over ¥300.').waitFor();
    await shared(li).getByText('We ship worldwide within 2 working days, free over ¥300.').waitFor();

    // A plain agent may not change someone else's shared reply: FORBIDDEN, said in the form.
    await shared(li).getByRole('button', { name: 'Edit /shipping' }).click();
    const forbidden = li.getByRole('form', { name: 'Edit canned reply' });
    await forbidden.getByLabel('Reply', { exact: true }).fill('Mine now');
    await forbidden.getByRole('button', { name: 'Save' }).click();
    await forbidden.getByRole('alert').filter({ hasText: 'Only its author or an admin can change this shared reply.' }).waitFor();
    await forbidden.getByRole('button', { name: 'Cancel' }).click();

    // A personal reply is the colleague's only.
    await create(li, 'hello', '你好！有什么可以帮您？', 'Only me');
    await li.getByRole('region', { name: 'Only for you' }).getByText('/hello').waitFor();
    await admin.getByRole('region', { name: 'Only for you' }).getByText('No personal replies yet.').waitFor();
    await screenshot(admin, 'console-settings-desktop-en');

    // Delete, after a confirmation.
    await shared(admin).getByRole('button', { name: 'Delete /shipping' }).click();
    await shared(admin).getByRole('button', { name: 'Delete', exact: true }).click();
    await shared(admin).getByText('No shared replies yet.').waitFor();
    await shared(li).getByText('No shared replies yet.').waitFor();

    await create(admin, 'returns', 'Returns are free within 30 days. Keep the original packaging, please.', 'Team');
    await shared(admin).getByText('/returns').waitFor();
    await screenshotsInChineseAndOnAPhone(browser, server);
    await Promise.all([adminContext.close(), colleagueContext.close()]);
  });

  async function screenshotsInChineseAndOnAPhone(b: Browser, s: TestServer): Promise<void> {
    const contexts: BrowserContext[] = [];
    const zhContext = await b.newContext({ viewport: DESKTOP });
    contexts.push(zhContext);
    const zh = await openConsole(zhContext, s, { lang: 'zh-CN', hash: '#/settings' });
    await zh.getByText('/returns').waitFor();
    await screenshot(zh, 'console-settings-desktop-zh');
    await zh.getByRole('button', { name: '通知' }).click();
    await zh.getByText('提示音', { exact: true }).waitFor();
    await screenshot(zh, 'console-settings-notifications-zh');
    const phoneContext = await b.newContext(PHONE);
    contexts.push(phoneContext);
    const phone = await openConsole(phoneContext, s, { hash: '#/settings' });
    await phone.getByText('/returns').waitFor();
    await screenshot(phone, 'console-settings-phone-en');
    await Promise.all(contexts.map((c) => c.close()));
  }
});
