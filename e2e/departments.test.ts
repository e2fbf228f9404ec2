import path from 'node:path';
import { createTeam, signIn, updateTeam, type AgentClient, type Team } from '@kefu/client';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../apps/server/src/test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { addAgent, firstWorkspaceId } from '../apps/server/src/test-support/workspaces.js';
import { ARTIFACTS, launchChromium, screenshot } from './support/browser.js';
import { inboxRow, signInConsole } from './support/console.js';
import { serveHostPage, type HostPage } from './support/host-page.js';
import { agentsOnline, conversationWith, openWidget, updateSite } from './support/widget.js';

/**
 * The pre-chat "Which department?" (issue 6): the visitor picks a team in the widget,
 * the conversation is that team's and its agent gets it; renaming a team shows in an
 * open widget at once. Screenshots: e2e/artifacts/widget-departments{,-phone}.png.
 */

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'en-US' };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-US' };

describe('pre-chat departments (Chromium)', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const agents: AgentClient[] = [];
  let sales: Team;
  let support: Team;
  let mei: { id: string; email: string; password: string };

  beforeAll(async () => {
    server = await startServer({ config: { presenceGraceMs: 300 } });
    host = await serveHostPage(server.url, server.siteKey);
    browser = await launchChromium();
    const owner = { cookie: (await signIn(server.url, ADMIN.email, ADMIN.password)).cookie! };
    const workspaceId = await firstWorkspaceId(server);
    mei = await addAgent(server, workspaceId, 'agent', 'Mei');
    const lei = await addAgent(server, workspaceId, 'agent', 'Lei');
    sales = await createTeam(server.url, { name: 'Sales', agentIds: [mei.id] }, owner);
    support = await createTeam(server.url, { name: 'Support', agentIds: [lei.id] }, owner);
    await updateSite(server, { departments: [support.id, sales.id], preChat: [{ key: 'name', required: true }], routing: { mode: 'auto', teamId: support.id } });
    agents.push(await connectAgent(server, mei), await connectAgent(server, lei));
    await waitFor(() => agentsOnline(server), 'the agents to count as online');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    for (const a of agents) a.close();
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('asks which department, and the chat goes to that team and its agent', async () => {
    const context = await browser.newContext(DESKTOP);
    contexts.push(context);
    const page = await context.newPage();
    const widget = await openWidget(page, host.url);
    const choice = widget.getByRole('radiogroup', { name: 'Department' });
    await choice.waitFor();
    // In the admin's order, not alphabetical.
    expect(await choice.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.parentElement!.textContent))).toEqual(['Support', 'Sales']);

    await widget.getByRole('button', { name: 'Start chat' }).click();
    await widget.getByText('Please choose a department.').waitFor();
    expect(await choice.getAttribute('aria-invalid')).toBe('true');
    expect(await widget.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('radio');
    await screenshot(page, 'widget-departments');

    await choice.getByRole('radio', { name: 'Sales' }).check();
    await widget.getByRole('textbox', { name: 'Name' }).fill('Zhou Min');
    await widget.getByRole('button', { name: 'Start chat' }).click();
    const box = widget.getByRole('textbox', { name: 'Message' });
    await box.fill('Do you ship to Hangzhou?');
    await box.press('Enter');

    // Mei (Sales) gets it, over the site's own team (Support).
    const summary = await conversationWith(agents[0]!, 'Do you ship to Hangzhou?');
    expect(summary.teamId).toBe(sales.id);
    await waitFor(async () => (await conversationWith(agents[0]!, 'Do you ship to Hangzhou?')).assigneeId === mei.id, 'assigned to Mei of Sales');
    expect((await agents[0]!.listConversations({ teamId: sales.id })).conversations.map((c) => c.id)).toContain(summary.id);

    // In Mei's console the conversation shows its team.
    const desk = await signInConsole(browser, server, mei);
    contexts.push(desk.context);
    await inboxRow(desk.page, 'Do you ship to Hangzhou?').click();
    await desk.page.locator('.team-chip', { hasText: 'Sales' }).waitFor();
    await screenshot(desk.page, 'console-conversation-team');
  });

  it('on a phone: 16 px choices, renamed live while the form is open', async () => {
    const context = await browser.newContext(PHONE);
    contexts.push(context);
    const page = await context.newPage();
    const widget = await openWidget(page, host.url);
    const choice = widget.getByRole('radiogroup', { name: 'Department' });
    await choice.getByRole('radio', { name: 'Support' }).waitFor();
    expect(await widget.locator('.choice').first().evaluate((el) => getComputedStyle(el).fontSize)).toBe('16px');

    const owner = { cookie: (await signIn(server.url, ADMIN.email, ADMIN.password)).cookie! };
    await updateTeam(server.url, support.id, { name: 'Customer care' }, owner);
    await choice.getByRole('radio', { name: 'Customer care' }).waitFor();
    await choice.getByRole('radio', { name: 'Customer care' }).check();
    await screenshot(page, 'widget-departments-phone');
  });

  it('an admin reorders the departments in the console; an open widget follows', async () => {
    const context = await browser.newContext(DESKTOP);
    contexts.push(context);
    const visitor = await context.newPage();
    const widget = await openWidget(visitor, host.url);
    const radios = () => widget.getByRole('radiogroup', { name: 'Department' }).getByRole('radio').evaluateAll((all) => all.map((r) => r.parentElement!.textContent));
    await waitFor(async () => (await radios()).length === 2, 'the choices');
    expect(await radios()).toEqual(['Customer care', 'Sales']);

    const admin = await signInConsole(browser, server, ADMIN);
    contexts.push(admin.context);
    await admin.page.goto(`${server.url}/console/#/settings`);
    await admin.page.locator('.settings-tab', { hasText: 'Sites' }).click();
    const editor = admin.page.getByRole('group', { name: 'Departments in the pre-chat form' });
    await editor.getByRole('button', { name: 'Move Sales up' }).click();
    await admin.page.getByRole('button', { name: 'Save changes' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await editor.screenshot({ path: path.join(ARTIFACTS, 'console-admin-departments.png') });
    await waitFor(async () => (await radios())[0] === 'Sales', 'the new order in the open widget');
    expect(await radios()).toEqual(['Sales', 'Customer care']);
  });
});
