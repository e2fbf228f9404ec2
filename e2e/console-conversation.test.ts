import { createCannedReply, signIn, type VisitorClient } from '@kefu/client';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../apps/server/src/ids.js';
import { ask, connectAgent, connectVisitor, rawVisitorSocket } from '../apps/server/src/test-support/clients.js';
import { ADMIN, startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { addAgent, firstWorkspaceId, type Credentials } from '../apps/server/src/test-support/workspaces.js';
import { launchChromium, screenshot } from './support/browser.js';
import { inboxRow as row, inboxTab as tab, signInConsole } from './support/console.js';
import { serveHostPage, type HostPage } from './support/host-page.js';
import { openWidget } from './support/widget.js';

let BEA: Credentials;

const timeline = (page: Page) => page.getByRole('log', { name: 'Messages' });

describe('the console conversation: preview, notes, canned replies, transfer, close and reopen, history (Chromium)', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const visitors: VisitorClient[] = [];

  beforeAll(async () => {
    server = await startServer();
    BEA = await addAgent(server, await firstWorkspaceId(server), 'agent', 'Bea Chen');
    const { cookie } = await signIn(server.url, ADMIN.email, ADMIN.password);
    await createCannedReply(server.url, { shortcut: 'shipping', body: 'We ship worldwide within 3 business days.', scope: 'shared' }, { cookie: cookie!, origin: server.url });
    host = await serveHostPage(server.url, server.siteKey);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const v of visitors) v.close();
    for (const c of contexts) await c.close();
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  it('two agents and two visitors: typing preview, a note the visitor never gets, a canned reply, transfer with a note, close and reopen', async () => {
    const admin = await signInConsole(browser, server, ADMIN, { viewport: { width: 1366, height: 820 } });
    const bea = await signInConsole(browser, server, BEA, { viewport: { width: 1366, height: 820 } });
    contexts.push(admin.context, bea.context);

    const visitorContexts = await Promise.all([0, 1].map(() => browser.newContext({ viewport: { width: 1280, height: 800 } })));
    contexts.push(...visitorContexts);
    const [pageA, pageB] = await Promise.all(visitorContexts.map((c) => c.newPage()));
    const widgetA: Frame = await openWidget(pageA!, host.url);
    const widgetB: Frame = await openWidget(pageB!, host.url);
    const boxA = widgetA.getByRole('textbox', { name: 'Message' });
    await boxA.fill('Hi, my parcel is late');
    await boxA.press('Enter');
    await widgetB.getByRole('textbox', { name: 'Message' }).fill('Do you have gift cards?');
    await widgetB.getByRole('textbox', { name: 'Message' }).press('Enter');

    await row(admin.page, 'Hi, my parcel is late').click();
    await row(admin.page, 'Do you have gift cards?').waitFor();

    // Typing preview: the visitor's unsent text, marked as not sent.
    await boxA.fill('The order number is 7731');
    await admin.page.getByText('The order number is 7731').waitFor();
    await admin.page.getByText(/is typing \(not sent yet\)/).waitFor();
    await boxA.press('Enter');

    await admin.page.getByRole('button', { name: 'Take' }).click();
    await admin.page.getByText('Assigned to you').waitFor();
    await timeline(admin.page).getByText('You joined the conversation').waitFor();
    await widgetA.getByText('Admin joined the chat').waitFor();

    // A note (Alt+N switches the composer): amber, labelled, for agents only.
    await admin.page.keyboard.press('Alt+N');
    const noteBox = admin.page.getByRole('textbox', { name: 'Note' });
    await noteBox.fill('Checked: parcel 7731 is stuck at customs');
    await noteBox.press('Enter');
    await timeline(admin.page).getByRole('note', { name: 'Internal note' }).filter({ hasText: 'stuck at customs' }).waitFor();
    await admin.page.keyboard.press('Alt+N');

    // A canned reply: "/ship" opens the picker, Enter inserts the body, Enter sends it.
    const reply = admin.page.getByRole('textbox', { name: 'Message' });
    await reply.fill('');
    await reply.pressSequentially('/ship');
    await admin.page.getByRole('option', { name: /\/shipping/ }).waitFor();
    await reply.press('Enter');
    await expect.poll(() => reply.inputValue()).toBe('We ship worldwide within 3 business days.');
    await reply.press('Enter');
    await widgetA.getByText('We ship worldwide within 3 business days.').waitFor();
    // The note was written before that reply: had it reached the widget, it would show by now.
    expect(await widgetA.getByText('stuck at customs').count()).toBe(0);
    expect(await widgetB.getByText('stuck at customs').count()).toBe(0);
    await screenshot(admin.page, 'console-conversation-desktop-en');

    // Transfer to Bea with a note: she gets it in Mine, sees the note; the visitor sees who joined.
    await tab(bea.page, /^Mine/).click();
    await admin.page.getByRole('button', { name: 'Transfer' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Transfer conversation' });
    await dialog.getByText('Bea Chen').click();
    await dialog.getByLabel('Note for your colleague (optional)').fill('Customs question, you handled one last week');
    await screenshot(admin.page, 'console-transfer-dialog-en');
    await dialog.getByRole('button', { name: 'Transfer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await tab(bea.page, /^Mine\s*1$/).waitFor();
    await row(bea.page, 'We ship worldwide').click();
    await timeline(bea.page).getByText('Admin transferred the conversation to you').waitFor();
    await timeline(bea.page).getByRole('note', { name: 'Internal note' }).filter({ hasText: 'Customs question' }).waitFor();
    await widgetA.getByText('Bea Chen joined the chat').waitFor();
    expect(await widgetA.getByText('Customs question').count()).toBe(0);

    // Close and reopen, with their system lines.
    await bea.page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Close', exact: true }).click();
    await timeline(bea.page).getByText('You closed the conversation').waitFor();
    await bea.page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Reopen' }).click();
    await timeline(bea.page).getByText('You reopened the conversation').waitFor();
    await bea.page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Close', exact: true }).waitFor();

    // The Chinese console renders the same system lines in Chinese.
    const zh = await signInConsole(browser, server, ADMIN, { viewport: { width: 1366, height: 820 }, locale: 'zh-CN' });
    contexts.push(zh.context);
    await tab(zh.page, /^全部进行中/).click();
    await row(zh.page, 'We ship worldwide').click();
    await zh.page.getByText('Bea Chen 重新打开了会话').waitFor();
    await zh.page.getByText('内部备注').first().waitFor();
    await screenshot(zh.page, 'console-conversation-desktop-zh');
  });

  it('a note never reaches a visitor socket', async () => {
    // A bare visitor socket records every event the server sends it.
    const socket = await rawVisitorSocket(server);
    const received: string[] = [];
    socket.onAny((event: string, ...args: unknown[]) => received.push(`${event} ${JSON.stringify(args)}`));
    await ask(socket, 'session.hello', {});
    const sent = await ask<{ ok: boolean }>(socket, 'message.send', { clientMsgId: `raw-${newId()}`, body: 'Raw socket check' });
    expect(sent.ok).toBe(true);
    const admin = await signInConsole(browser, server, ADMIN, { viewport: { width: 1366, height: 820 } });
    contexts.push(admin.context);
    await row(admin.page, 'Raw socket check').click();
    await admin.page.getByRole('radio', { name: 'Note' }).click();
    await admin.page.getByRole('textbox', { name: 'Note' }).fill('Secret internal remark');
    await admin.page.getByRole('textbox', { name: 'Note' }).press('Enter');
    await timeline(admin.page).getByText('Secret internal remark').waitFor();
    await admin.page.getByRole('radio', { name: 'Reply' }).click();
    await admin.page.getByRole('textbox', { name: 'Message' }).fill('A normal reply');
    await admin.page.getByRole('textbox', { name: 'Message' }).press('Enter');
    // The reply went out after the note: once it is here, the note would be too.
    await waitFor(() => received.some((r) => r.includes('A normal reply')), 'the reply to reach the visitor socket');
    expect(received.filter((r) => r.includes('Secret internal remark'))).toEqual([]);
    socket.close();
  });

  it("a supervisor takes over a colleague's chat; a plain agent gets no such button", async () => {
    const visitor = await connectVisitor(server);
    visitors.push(visitor);
    visitor.send('Please escalate this');
    await waitFor(() => visitor.conversation !== null && visitor.items().some((i) => i.state !== 'sending'), 'the message to be stored');
    const beaAgent = await connectAgent(server, BEA);
    await beaAgent.assign(visitor.conversation!.id, beaAgent.agent!.id);
    beaAgent.close();

    const bea = await signInConsole(browser, server, BEA, { viewport: { width: 1366, height: 820 } });
    contexts.push(bea.context);
    await tab(bea.page, /^Mine/).click();
    await row(bea.page, 'Please escalate this').click();
    await bea.page.getByRole('toolbar', { name: 'Conversation actions' }).getByRole('button', { name: 'Transfer' }).waitFor();
    expect(await bea.page.getByRole('button', { name: 'Take over' }).count()).toBe(0);

    const admin = await signInConsole(browser, server, ADMIN, { viewport: { width: 1366, height: 820 } });
    contexts.push(admin.context);
    await row(admin.page, 'Please escalate this').click();
    await admin.page.getByRole('button', { name: 'Take over' }).click();
    await timeline(admin.page).getByText('Bea Chen transferred the conversation to you').waitFor();
    await waitFor(() => visitor.items().some((i) => i.event?.type === 'assigned' && i.event.agentName === 'Admin'), 'the visitor to be told who joined');
    // Bea's Mine view loses it live.
    await row(bea.page, 'Please escalate this').waitFor({ state: 'detached' });
  });

  it('scrolling up loads older messages and keeps the place', async () => {
    const visitor = await connectVisitor(server);
    visitors.push(visitor);
    const COUNT = 260;
    for (let i = 1; i <= COUNT; i++) visitor.send(`History line ${i}`);
    await waitFor(() => visitor.items().filter((m) => m.state !== 'sending').length === COUNT, 'every message to be stored', 60_000);
    const admin = await signInConsole(browser, server, ADMIN, { viewport: { width: 1366, height: 820 } });
    contexts.push(admin.context);
    await row(admin.page, `History line ${COUNT}`).click();
    await timeline(admin.page).getByText(`History line ${COUNT}`, { exact: true }).waitFor();
    // The newest page only: the first message is not loaded yet.
    expect(await timeline(admin.page).getByText('History line 1', { exact: true }).count()).toBe(0);
    for (let i = 0; i < 20 && (await timeline(admin.page).getByText('History line 1', { exact: true }).count()) === 0; i++) {
      await timeline(admin.page).evaluate((el) => (el.scrollTop = 0));
      await admin.page.waitForTimeout(150);
    }
    await timeline(admin.page).getByText('History line 1', { exact: true }).waitFor();
    await timeline(admin.page).getByText('This is the beginning of the conversation').waitFor();
  });
});
