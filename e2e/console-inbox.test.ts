import type { VisitorClient } from '@kefu/client';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectVisitor } from '../apps/server/src/test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { addAgent, firstWorkspaceId, type Credentials } from '../apps/server/src/test-support/workspaces.js';
import { launchChromium, screenshot } from './support/browser.js';
import { inboxRow as row, inboxRows as rows, inboxTab as tab, signInConsole } from './support/console.js';

let BEA: Credentials;


async function say(visitor: VisitorClient, body: string) {
  visitor.send(body);
  await waitFor(() => visitor.items().some((m) => m.body === body && m.state !== 'sending'), `"${body}" to be stored`);
}

describe('the console inbox: views, live updates, filters and search (Chromium)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const visitors: VisitorClient[] = [];

  beforeAll(async () => {
    server = await startServer();
    BEA = await addAgent(server, await firstWorkspaceId(server), 'agent', 'Bea Chen');
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  it('taking a conversation moves it out of Unassigned for a colleague, live; search finds message text; close leaves the open views', async () => {
    const admin = await signInConsole(browser, server, ADMIN);
    const bea = await signInConsole(browser, server, BEA);
    contexts.push(admin.context, bea.context);
    for (const { page } of [admin, bea]) await tab(page, /^Unassigned/).click();

    const ming = await connectVisitor(server);
    const lena = await connectVisitor(server);
    visitors.push(ming, lena);
    await ming.updateProfile({ name: 'Ming Li' });
    await lena.updateProfile({ name: 'Lena Park' });
    await say(ming, 'Where is my order 4411?');
    await say(ming, 'It was due on Monday');
    await say(lena, 'Do you sell green tea?');

    // New conversations arrive live, with their newest message, in both agents' Unassigned view.
    for (const { page } of [admin, bea]) {
      await row(page, 'It was due on Monday').waitFor();
      await row(page, 'Do you sell green tea?').waitFor();
      await tab(page, /^Unassigned\s*2$/).waitFor();
    }
    await screenshot(admin.page, 'console-inbox-desktop-en');

    // The admin takes Ming's conversation: it leaves Bea's Unassigned view without a reload.
    await row(admin.page, 'It was due on Monday').click();
    await admin.page.getByRole('button', { name: 'Take' }).click();
    await admin.page.getByText('Assigned to you').waitFor();
    await row(bea.page, 'It was due on Monday').waitFor({ state: 'detached' });
    await tab(bea.page, /^Unassigned\s*1$/).waitFor();
    expect(await row(bea.page, 'Do you sell green tea?').count()).toBe(1);
    // ...and it is the admin's: in Mine, with the count.
    await tab(admin.page, /^Mine\s*1$/).click();
    await row(admin.page, 'It was due on Monday').waitFor();
    expect(await row(admin.page, 'Do you sell green tea?').count()).toBe(0);

    // A new message in a conversation outside the view does not pull it in; one in the view moves it up.
    await say(lena, 'Loose leaf, please');
    await say(ming, 'Any news?');
    await row(admin.page, 'Any news?').waitFor();
    expect(await row(admin.page, 'Loose leaf, please').count()).toBe(0);

    // Search matches message text that is no longer the preview.
    // Both rows first: a new filter empties the list until its page comes, so only then
    // does "Any news?" showing again mean the search's page has come.
    await tab(bea.page, /^All open/).click();
    await row(bea.page, 'Loose leaf, please').waitFor();
    await bea.page.getByRole('searchbox', { name: 'Search conversations' }).fill('4411');
    await row(bea.page, 'Loose leaf, please').waitFor({ state: 'detached' });
    await row(bea.page, 'Any news?').waitFor();
    expect(await rows(bea.page).count()).toBe(1);
    await bea.page.getByRole('searchbox', { name: 'Search conversations' }).fill('Lena');
    await row(bea.page, 'Loose leaf, please').waitFor();
    await row(bea.page, 'Any news?').waitFor({ state: 'detached' });
    await bea.page.getByRole('button', { name: 'Clear search' }).click();
    await row(bea.page, 'Any news?').waitFor();

    // Closing it: it leaves the open views (Bea's All open, live) and shows under Closed.
    await admin.page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Close', exact: true }).click();
    await row(bea.page, 'Any news?').waitFor({ state: 'detached' });
    await row(admin.page, 'Any news?').waitFor({ state: 'detached' });
    await tab(admin.page, /^Closed/).click();
    await row(admin.page, 'Any news?').waitFor();

    // Keyboard: the list is one listbox; Alt+ArrowDown opens the next conversation.
    await tab(admin.page, /^All open/).click();
    await row(admin.page, 'Loose leaf, please').waitFor();
    await admin.page.keyboard.press('Alt+ArrowDown');
    await admin.page.waitForURL(/#\/c\//);
    await admin.page.getByRole('textbox', { name: 'Message' }).waitFor();
  });

  it('looks right in Chinese and on a phone', async () => {
    const zh = await signInConsole(browser, server, ADMIN, { locale: 'zh-CN' });
    contexts.push(zh.context);
    await tab(zh.page, /^全部进行中/).click();
    await row(zh.page, 'Loose leaf, please').waitFor();
    await screenshot(zh.page, 'console-inbox-desktop-zh');

    const phone = await signInConsole(browser, server, BEA, { viewport: { width: 390, height: 844 } });
    contexts.push(phone.context);
    await tab(phone.page, /^All open/).click();
    await row(phone.page, 'Loose leaf, please').waitFor();
    await screenshot(phone.page, 'console-inbox-phone-en');
    // On a phone the list and the conversation are separate screens.
    await row(phone.page, 'Loose leaf, please').click();
    await phone.page.getByRole('button', { name: 'Back to inbox' }).waitFor();
    expect(await phone.page.getByRole('listbox', { name: 'Conversations' }).isVisible()).toBe(false);
    await screenshot(phone.page, 'console-conversation-phone-en');
    await phone.page.getByRole('button', { name: 'Back to inbox' }).click();
    await row(phone.page, 'Loose leaf, please').waitFor();

    const zhPhone = await signInConsole(browser, server, ADMIN, { viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    contexts.push(zhPhone.context);
    await tab(zhPhone.page, /^全部进行中/).click();
    await row(zhPhone.page, 'Loose leaf, please').waitFor();
    await screenshot(zhPhone.page, 'console-inbox-phone-zh');
  });
});
