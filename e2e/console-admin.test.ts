import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectVisitor } from '../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { addAgent, firstWorkspaceId } from '../apps/server/src/test-support/workspaces.js';
import { launchChromium, screenshot } from './support/browser.js';
import { DESKTOP, openConsole, PHONE } from './support/console-desk.js';
import { serveHostPage, type HostPage } from './support/host-page.js';
import { agentsOnline, nobodyOnline, openWidget } from './support/widget.js';

const headerBackground = (frame: Frame) => frame.locator('.header').evaluate((el) => getComputedStyle(el).backgroundImage);

/** Opens a Settings tab of the console by its label. */
async function settingsTab(page: Page, label: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/console/#/settings`);
  await page.locator('.settings-tab', { hasText: label }).click();
}

describe('the console admin pages: agents, invitations, sites, teams (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  let host: HostPage;
  const contexts: BrowserContext[] = [];
  const context = async (options: Parameters<Browser['newContext']>[0] = { viewport: DESKTOP }) => {
    const made = await browser.newContext(options);
    contexts.push(made);
    return made;
  };

  beforeAll(async () => {
    // A short grace period: the last agent who signs out counts as offline almost at once.
    server = await startServer({ config: { presenceGraceMs: 300 } });
    host = await serveHostPage(server.url, server.siteKey);
    browser = await launchChromium();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await nobodyOnline(server);
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('invites an agent by link: they set a password, land in the console, and appear in the owner’s list live; agents see no admin pages', async () => {
    const ownerContext = await context({ viewport: DESKTOP, permissions: ['clipboard-read', 'clipboard-write'] });
    const owner = await openConsole(ownerContext, server);
    await settingsTab(owner, 'Agents');
    await owner.getByRole('button', { name: 'Invite agent' }).click();
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    await owner.getByText('Enter an email address.').waitFor();
    await owner.getByRole('textbox', { name: 'Email' }).fill('mei@example.com');
    await owner.getByRole('textbox', { name: 'Name' }).fill('Wang Mei');
    await owner.getByRole('button', { name: 'Create invitation link' }).click();
    await owner.getByText('Invitation link for mei@example.com').waitFor();
    await owner.getByText(/^Expires /).waitFor();
    await owner.getByRole('button', { name: 'Copy' }).click();
    await owner.getByRole('button', { name: 'Copied' }).waitFor();
    const link = await owner.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(await owner.getByTestId('invite-link').inputValue());
    expect(link).toMatch(/\/console\/#\/invite\/[^/]+$/);
    await screenshot(owner, 'console-admin-invite-link-en');
    // Not an account until accepted: a pending invitation.
    expect(await owner.locator('li[data-agent-email="mei@example.com"]').count()).toBe(0);
    const pending = owner.getByRole('list', { name: 'Pending invitations' }).locator('li[data-invitation-email="mei@example.com"]');
    await pending.waitFor();
    expect(await pending.innerText()).toContain('Wang Mei');

    const inviteeContext = await context();
    const invitee = await inviteeContext.newPage();
    await invitee.goto(`${server.url}/console/${new URL(link).hash}`);
    await invitee.getByRole('heading', { name: /^Join .+ on Kefu$/ }).waitFor();
    expect(await invitee.getByRole('textbox', { name: 'Email' }).inputValue()).toBe('mei@example.com');
    expect(await invitee.getByRole('textbox', { name: 'Email' }).getAttribute('readonly')).not.toBeNull();
    expect(await invitee.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Wang Mei');
    await invitee.getByLabel('Password').fill('short');
    await invitee.getByRole('button', { name: 'Join' }).click();
    await invitee.getByText('Use at least 10 characters.').waitFor();
    await screenshot(invitee, 'console-invite-page-en');
    await invitee.getByLabel('Password').fill('a long enough password');
    await invitee.getByRole('button', { name: 'Join' }).click();
    await invitee.locator('.workspace').waitFor();
    expect(new URL(invitee.url()).hash).toBe('');

    // The owner's list, without a reload.
    const row = owner.locator('li[data-agent-email="mei@example.com"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('Wang Mei');
    await pending.waitFor({ state: 'detached' });

    // The new agent (role agent): Settings without the admin tabs.
    await invitee.goto(`${server.url}/console/#/settings`);
    await invitee.locator('.settings-tab', { hasText: 'Canned replies' }).waitFor();
    expect(await invitee.locator('.settings-tab').allInnerTexts()).not.toEqual(expect.arrayContaining(['Sites', 'Agents', 'Teams']));

    // The link works once: opened again, it says so and offers the sign-in.
    const again = await (await context()).newPage();
    await again.goto(`${server.url}/console/${new URL(link).hash}`);
    await again.getByText('This invitation link has already been used or has expired.').waitFor();
    await again.getByRole('link', { name: 'Go to sign-in' }).click();
    await again.getByRole('heading', { name: 'Sign in to Kefu' }).waitFor();
  });

  it('shows an invitation one admin made to the other as pending, live; revoked, it leaves both lists and its link stops working', async () => {
    const admin = await addAgent(server, await firstWorkspaceId(server), 'admin', 'Zhang Min');
    const owner = await openConsole(await context(), server);
    await settingsTab(owner, 'Agents');
    const other = await openConsole(await context(), server, { credentials: admin });
    await settingsTab(other, 'Agents');
    await other.getByRole('button', { name: 'Invite agent' }).click();
    await other.getByRole('textbox', { name: 'Email' }).fill('bo@example.com');
    await other.getByRole('textbox', { name: 'Name' }).fill('Li Bo');
    await other.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await other.getByTestId('invite-link').inputValue();

    // The owner's page, without a reload: who sent it and until when.
    const pending = owner.locator('li[data-invitation-email="bo@example.com"]');
    await pending.waitFor();
    expect(await pending.innerText()).toContain('Li Bo');
    expect(await pending.innerText()).toContain('Invited by Zhang Min');
    expect(await pending.innerText()).toMatch(/Expires /);
    await screenshot(owner, 'console-admin-pending-invitation-en');

    await pending.getByRole('button', { name: 'Revoke the invitation for bo@example.com' }).click();
    await pending.getByText('Revoke the invitation for bo@example.com? The link stops working').waitFor();
    await pending.getByRole('button', { name: 'Revoke', exact: true }).click();
    await pending.waitFor({ state: 'detached' });
    await other.locator('li[data-invitation-email="bo@example.com"]').waitFor({ state: 'detached' });

    const invitee = await (await context()).newPage();
    await invitee.goto(`${server.url}/console/${new URL(link).hash}`);
    await invitee.getByText('This invitation link has already been used or has expired.').waitFor();
  });

  it('switches an open widget to leave-a-message live when the last agent signs out, and back when one signs in', async () => {
    const owner = await openConsole(await context(), server);
    await waitFor(() => agentsOnline(server), 'the owner to count as online');
    const visitor = await (await context()).newPage();
    const widget = await openWidget(visitor, host.url);
    await widget.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await widget.getByRole('heading', { name: 'We’re away right now' }).count()).toBe(0);

    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.getByRole('heading', { name: 'Sign in to Kefu' }).waitFor();
    await widget.getByRole('heading', { name: 'We’re away right now' }).waitFor();
    await screenshot(visitor, 'console-admin-widget-offline-after-sign-out');

    await openConsole(await context(), server);
    await widget.getByRole('heading', { name: 'We’re away right now' }).waitFor({ state: 'detached' });
    await widget.getByRole('textbox', { name: 'Message' }).waitFor();
  });

  it('creates a site with its snippet; its colour reaches an open widget of that site live', async () => {
    const owner = await openConsole(await context(), server);
    await settingsTab(owner, 'Sites');
    await owner.getByRole('button', { name: 'New site' }).click();
    await owner.getByRole('button', { name: 'Create site' }).click();
    await owner.getByText('Give the site a name.').waitFor();
    await owner.getByRole('form', { name: 'New site' }).getByRole('textbox', { name: 'Site name' }).fill('Tea House');
    await owner.getByRole('button', { name: 'Create site' }).click();
    await owner.getByRole('tab', { name: 'Tea House', selected: true }).waitFor();
    const snippet = await owner.getByTestId('site-snippet').innerText();
    const key = /data-site="([^"]+)"/.exec(snippet)?.[1];
    expect(snippet).toBe(`<script src="${server.url}/widget.js" data-site="${key}" async></script>`);
    expect(key).not.toBe(server.siteKey);

    // A bad origin is refused on its line, and nothing else is lost.
    const origins = owner.getByRole('textbox', { name: 'Allowed origins' });
    await origins.fill('http://localhost:*\nnot an origin');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.getByText(/^Line 2: expected an origin/).waitFor();
    await origins.fill('http://localhost:*');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    const teaHost = await serveHostPage(server.url, key!);
    try {
      const visitor = await (await context()).newPage();
      const widget = await openWidget(visitor, teaHost.url);
      await widget.getByRole('textbox', { name: 'Message' }).waitFor();
      expect(await headerBackground(widget)).not.toContain('rgb(15, 118, 110)');

      await owner.getByRole('textbox', { name: 'Colour (hex)' }).fill('#0f766e');
      await owner.getByRole('button', { name: 'Save changes' }).click();
      await owner.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
      await waitFor(async () => (await headerBackground(widget)).includes('rgb(15, 118, 110)'), 'the new colour in the open widget');
      await screenshot(visitor, 'console-admin-widget-new-colour');
    } finally {
      await teaHost.close();
    }
  });

  it('creates a team and filters the inbox by it; screenshots of every admin page', async () => {
    const owner = await openConsole(await context(), server);
    await settingsTab(owner, 'Teams');
    await owner.getByRole('button', { name: 'New team' }).click();
    await owner.getByRole('textbox', { name: 'Team name' }).fill('Sales');
    await owner.getByRole('checkbox', { name: 'Admin' }).check();
    await owner.getByRole('button', { name: 'Create team' }).click();
    const team = owner.locator('li[data-team="Sales"]');
    await team.waitFor();
    expect(await team.innerText()).toContain('1 member');

    // A chat routed to nobody in particular: not in the Sales filter.
    const visitor = await connectVisitor(server);
    visitor.send('Do you sell tea cups?');
    await owner.goto(`${server.url}/console/#/c/none`);
    await owner.goto(`${server.url}/console/`);
    await owner.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first().waitFor();
    const filter = owner.getByRole('combobox', { name: 'Team' });
    await filter.selectOption({ label: 'Sales' });
    await owner.getByText('No open conversations').waitFor();
    await screenshot(owner, 'console-admin-inbox-team-filter-en');
    await filter.selectOption({ label: 'All teams' });
    await owner.getByRole('listbox', { name: 'Conversations' }).getByRole('option').first().waitFor();
    visitor.close();

    for (const [tab, name] of [['Sites', 'sites'], ['Agents', 'agents'], ['Teams', 'teams']] as const) {
      await settingsTab(owner, tab);
      await owner.locator('.admin-section').waitFor();
      await screenshot(owner, `console-admin-${name}-en`);
    }
    const zh = await openConsole(await context(), server, { lang: 'zh-CN' });
    for (const [tab, name] of [['站点管理', 'sites'], ['客服管理', 'agents'], ['团队管理', 'teams']] as const) {
      await settingsTab(zh, tab);
      await zh.locator('.admin-section').waitFor();
      await screenshot(zh, `console-admin-${name}-zh-CN`);
    }
    const phone = await openConsole(await context(PHONE), server);
    for (const [tab, name] of [['Sites', 'sites'], ['Agents', 'agents'], ['Teams', 'teams']] as const) {
      await settingsTab(phone, tab);
      await phone.locator('.admin-section').waitFor();
      await screenshot(phone, `console-admin-${name}-phone-en`);
    }
  });
});
