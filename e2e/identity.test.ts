import { createHmac } from 'node:crypto';
import { signIn, type AgentClient } from '@kefu/client';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../apps/server/src/test-support/clients.js';
import { startServer, ADMIN, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { launchChromium, screenshot, widgetFrame } from './support/browser.js';
import { serveHostPage, type HostPage } from './support/host-page.js';

interface SiteView {
  id: string;
  publicKey: string;
  identitySecret?: string;
}

const sign = (secret: string, userId: string) => createHmac('sha256', secret).update(userId).digest('hex');

describe('identity verification through Kefu("identify") in the browser', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;
  /** Connected, so that the widget offers the chat rather than leave-a-message. */
  let agent: AgentClient;
  let cookie: string;
  let site: SiteView;
  const contexts: BrowserContext[] = [];

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, origin: server.url, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** A visitor's browser whose page identifies them before widget.js loads (the snippet queue). */
  async function visitorAs(identity: Record<string, string> | null, phone = false): Promise<{ page: Page; widget: Frame }> {
    const context = await browser.newContext(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    await context.addInitScript((id) => {
      const w = window as unknown as { Kefu: ((...args: unknown[]) => void) & { q?: unknown[][] } };
      w.Kefu = w.Kefu || function (...args: unknown[]) { (w.Kefu.q = w.Kefu.q || []).push(args); };
      if (id) w.Kefu('identify', id);
      w.Kefu('open');
    }, identity);
    const page = await context.newPage();
    await page.goto(host.url);
    const widget = await widgetFrame(page);
    return { page, widget };
  }

  const visitorsOf = (userId: string) =>
    server.app.kefu.storage.db.selectFrom('visitors').select(['id', 'user_id']).where('user_id', '=', userId).execute();

  beforeAll(async () => {
    server = await startServer();
    host = await serveHostPage(server.url, server.siteKey);
    browser = await launchChromium();
    agent = await connectAgent(server);
    cookie = (await signIn(server.url, ADMIN.email, ADMIN.password)).cookie!;
    const { sites } = await api<{ sites: SiteView[] }>('GET', '/api/v1/sites');
    site = sites.find((s) => s.publicKey === server.siteKey)!;
    expect(site.identitySecret).toMatch(/.{20,}/);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    agent?.close();
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('gives a verified user their conversation on another device, and nothing to a forged or borrowed hash', async () => {
    const secret = site.identitySecret!;
    const desktop = await visitorAs({ id: 'u-42', name: 'Li Lei', email: 'lei@example.com', hash: sign(secret, 'u-42') });
    await desktop.widget.getByRole('textbox', { name: 'Message' }).fill('My order A-1093 has not arrived');
    await desktop.widget.getByRole('textbox', { name: 'Message' }).press('Enter');
    await desktop.widget.locator('[data-seq="1"]').waitFor();

    // The same user on a phone: the same conversation.
    const phone = await visitorAs({ id: 'u-42', hash: sign(secret, 'u-42') }, true);
    await phone.widget.getByText('My order A-1093 has not arrived').waitFor();
    await screenshot(phone.page, 'identity-second-device-phone');
    expect(await visitorsOf('u-42')).toHaveLength(1);

    // A forged hash, and another user's valid hash, claiming u-42: an empty, anonymous chat.
    for (const hash of ['0'.repeat(64), sign(secret, 'u-7')]) {
      const intruder = await visitorAs({ id: 'u-42', hash });
      await intruder.widget.getByRole('textbox', { name: 'Message' }).waitFor();
      await intruder.page.waitForTimeout(500);
      expect(await intruder.widget.getByText('My order A-1093 has not arrived').count()).toBe(0);
    }
    // Typing their email into a form links nothing either (the pre-chat/offline forms set it as an unverified field).
    expect(await visitorsOf('u-42')).toHaveLength(1);

    // Logging out of the site: Kefu('shutdown') forgets the visitor in this browser, and the
    // widget starts over as a new anonymous visitor with a token of its own.
    const tokenKey = `kefu:${server.siteKey}:token`;
    const tokenBefore = await desktop.page.evaluate((key) => localStorage.getItem(key), tokenKey);
    expect(tokenBefore).toBeTruthy();
    await desktop.page.evaluate(() => (window as unknown as { Kefu: (c: string) => void }).Kefu('shutdown'));
    await waitFor(async () => (await desktop.widget.getByText('My order A-1093 has not arrived').count()) === 0, 'the chat to be forgotten');
    const tokenAfter = await waitFor(() => desktop.page.evaluate((key) => localStorage.getItem(key), tokenKey), 'a new visitor token');
    expect(tokenAfter).not.toBe(tokenBefore);
    const anonymous = await server.app.kefu.storage.db.selectFrom('visitors').select('user_id').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(anonymous.user_id).toBeNull();
  });

  it('refuses unverified identities in enforce mode, and still serves verified and anonymous visitors', async () => {
    const secret = site.identitySecret!;
    await api('PATCH', `/api/v1/sites/${site.id}`, { identityEnforced: true });

    const refused = await visitorAs({ id: 'u-99', hash: sign(secret, 'u-7') });
    await refused.widget.getByRole('alert').waitFor();
    await screenshot(refused.page, 'identity-rejected');
    expect(await refused.widget.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    expect(await visitorsOf('u-99')).toHaveLength(0);

    const verified = await visitorAs({ id: 'u-99', hash: sign(secret, 'u-99') });
    await verified.widget.getByRole('textbox', { name: 'Message' }).waitFor();
    await waitFor(async () => (await visitorsOf('u-99')).length === 1, 'the verified user to be linked');

    const anonymous = await visitorAs(null);
    await anonymous.widget.getByRole('textbox', { name: 'Message' }).waitFor();

    // A rotated secret makes yesterday's hashes worthless at once.
    const { identitySecret } = await api<{ identitySecret: string }>('POST', `/api/v1/sites/${site.id}/identity-secret`);
    expect(identitySecret).not.toBe(secret);
    const stale = await visitorAs({ id: 'u-99', hash: sign(secret, 'u-99') });
    await stale.widget.getByRole('alert').waitFor();
  });
});
