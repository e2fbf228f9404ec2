import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { signIn, type AgentClient } from '@kefu/client';
import { WIDGET_DEFAULTS, type ConversationSummary, type SiteSettings, type SiteSettingsUpdate, type VisitorSession } from '@kefu/protocol';
import type { Frame, Page } from 'playwright-core';
import { ADMIN, type TestServer } from '../../apps/server/src/test-support/server.js';
import { ask, rawVisitorSocket } from '../../apps/server/src/test-support/clients.js';
import { waitFor } from '../../apps/server/src/test-support/wait.js';
import { widgetFrame } from './browser.js';

/** What a site's widget settings are on a fresh server: the tests put them back after changing them. */
export const DEFAULT_WIDGET_SETTINGS: SiteSettingsUpdate = { ...WIDGET_DEFAULTS, preChat: [], identityEnforced: false };

/** Changes the test server's site as its owner does in the console: `PATCH /api/v1/sites/:id` with a session cookie. */
export async function updateSite(server: Pick<TestServer, 'url' | 'siteKey'>, patch: SiteSettingsUpdate): Promise<SiteSettings> {
  const { cookie } = await signIn(server.url, ADMIN.email, ADMIN.password);
  const headers = { cookie: cookie!, 'content-type': 'application/json' };
  const list = (await (await fetch(`${server.url}/api/v1/sites`, { headers })).json()) as { sites: SiteSettings[] };
  const site = list.sites.find((s) => s.publicKey === server.siteKey);
  if (!site) throw new Error(`no site ${server.siteKey} in ${JSON.stringify(list)}`);
  const res = await fetch(`${server.url}/api/v1/sites/${site.id}`, { method: 'PATCH', headers, body: JSON.stringify(patch) });
  if (!res.ok) throw new Error(`PATCH site: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { site: SiteSettings }).site;
}

/** Whether the server tells a new visitor that an agent is online. */
export async function agentsOnline(server: Pick<TestServer, 'url' | 'siteKey'>): Promise<boolean> {
  const socket = await rawVisitorSocket(server);
  try {
    const hello = await ask<{ ok: boolean; data: VisitorSession }>(socket, 'session.hello', {});
    return hello.ok && hello.data.agentsOnline;
  } finally {
    socket.close();
  }
}

/**
 * The conversation whose newest message is `text`, once stored: the tests share one
 * server, so "the newest conversation" may still be an earlier test's.
 */
export function conversationWith(agent: AgentClient, text: string): Promise<ConversationSummary> {
  return waitFor(async () => (await agent.listConversations()).conversations.find((c) => c.lastMessagePreview === text), `the conversation ending with "${text}"`);
}

/** Waits until no agent counts as connected any more (after the presence grace period). */
export async function nobodyOnline(server: Pick<TestServer, 'url' | 'siteKey'>): Promise<void> {
  await waitFor(async () => !(await agentsOnline(server)), 'every agent to be offline');
}

/** Opens the host page, clicks the launcher (in either language) and returns the widget's frame. */
export async function openWidget(page: Page, url: string): Promise<Frame> {
  await page.goto(url);
  await page.getByRole('button', { name: /^(Open chat|打开聊天)$/ }).click();
  await panelSettled(page);
  return widgetFrame(page);
}

/**
 * Waits until the loader's panel is open and its opening transition has ended.
 * Playwright checks that an element inside the frame is visible and still, but it cannot
 * see the frame itself hidden or still sliding in the host page: a click aimed then
 * lands on the host page, or beside the button, and is reported done.
 */
export async function panelSettled(page: Page): Promise<void> {
  // evaluate waits for the locator to match: for the panel to be open.
  await page.locator('kefu-widget .k.open .panel').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
}

/** An https-like avatar for the site settings: a small SVG served from its own origin (so the widget loads it cross-origin, as in production). */
export async function serveAvatar(): Promise<{ url: string; close(): Promise<void> }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#f59e0b"/><stop offset="1" stop-color="#b45309"/></linearGradient></defs><rect width="64" height="64" fill="url(#g)"/><text x="32" y="41" font-family="Georgia, serif" font-size="21" font-weight="700" fill="#fff" text-anchor="middle">C&amp;C</text></svg>`;
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'image/svg+xml');
    res.end(svg);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/avatar.svg`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
