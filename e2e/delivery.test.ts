import type { AgentClient } from '@kefu/client';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent } from '../apps/server/src/test-support/clients.js';
import { startServer, type TestServer } from '../apps/server/src/test-support/server.js';
import { waitFor } from '../apps/server/src/test-support/wait.js';
import { launchChromium, launchLifecycleChromium, screenshot } from './support/browser.js';
import {
  composerReady,
  conversationOf,
  dbMessages,
  expectDelivered,
  followAsAgent,
  openChat,
  type,
  watchWidget,
  widgetFirstSeen,
  widgetLines,
  type AgentWatch,
  type WidgetWatch,
} from './support/delivery.js';
import { seededRandom } from '../bench/chaos/random.js';
import { serveHostPage, type HostPage } from './support/host-page.js';
import { logSends, startStallingProxy, startWebSocketBlockingProxy, type WebSocketBlock } from './support/network.js';

/**
 * Issue 3's promise, in Chromium: whatever happens to the page or the network, every
 * message appears exactly once and in order in the widget, in the database and for the
 * agent. The visitor is a browser context on a customer's page (another origin) with
 * the widget's iframe; it has no storage of its own there, so its outbox lives in the
 * host page's localStorage through the loader's relay. The agent is an AgentClient
 * that follows the conversation live. See e2e/support/delivery.ts for the comparison
 * and the monitor that fails a test if the widget ever shows a message twice or out of
 * order, even for one frame.
 */
describe('delivery in Chromium: every message once, in order, on both sides', () => {
  let server: TestServer;
  let host: HostPage;
  let browser: Browser;
  let agent: AgentClient;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  beforeAll(async () => {
    server = await startServer();
    host = await serveHostPage(server.url, server.siteKey);
    browser = await launchChromium();
    agent = await connectAgent(server);
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    agent?.close();
    await browser?.close();
    await host?.close();
    await server?.close();
  });

  /** A visitor who has said hello and got a reply, followed by the agent. */
  async function startChat(context: BrowserContext, url: string, label: string) {
    const watch = await watchWidget(context);
    const { page, frame } = await openChat(context, url);
    const visitor = [`${label}: hello`];
    await type(frame, visitor[0]!);
    const conversationId = await conversationOf(server, visitor[0]!);
    const follow = await followAsAgent(agent, conversationId);
    const agentSent = [`${label}: hi, how can I help?`];
    agent.send(conversationId, agentSent[0]!);
    await frame.getByText(agentSent[0]!).waitFor();
    return { watch, page, frame, conversationId, follow, visitor, agentSent };
  }

  function expectNoViolations(watch: WidgetWatch, follow: AgentWatch): void {
    expect(watch.violations, 'what the widget showed at some moment').toEqual([]);
    expect(follow.violations, 'what the agent had at some moment').toEqual([]);
    follow.stop();
  }

  it('survives reloads and navigations 0-500 ms after sending', async () => {
    const seed = Number(process.env.KEFU_E2E_SEED ?? Date.now() % 1_000_000);
    const rand = seededRandom(seed);
    // The widget loads through a proxy that can stall its WebSocket: a message on a
    // stalled socket never reaches the server from that page, so only the outbox (kept
    // in the host page's storage through the relay) can bring it to the next page.
    const proxy = await startStallingProxy(server.url);
    const site = await serveHostPage(proxy.url, server.siteKey);
    cleanups.push(() => site.close(), () => proxy.close());
    const sends = logSends(server);
    const context = await browser.newContext();
    const watch = await watchWidget(context);
    const { page } = await openChat(context, site.url);
    let frame = await composerReady(page);

    const sent: string[] = [];
    const stalled: string[] = [];
    /** Per body: how many visitor connections the server had seen when it was typed. */
    const typedAt = new Map<string, number>();
    let follow: AgentWatch | null = null;
    const rounds = 12;
    for (let round = 1; round <= rounds; round++) {
      const stall = round % 3 === 2;
      if (stall) {
        // Once this page's socket is up, its uplink stalls.
        await frame.locator('.status', { hasText: 'Online' }).waitFor();
        expect(proxy.stallWebSockets(), 'open WebSockets to stall').toBeGreaterThan(0);
        // The host page is busy too (a long task), so the relay's postMessage waits in its queue.
        await page.evaluate(() => void setTimeout(() => {
          const end = performance.now() + 300;
          while (performance.now() < end);
        }));
      }
      // Two messages, typed as soon as the composer is there (the socket may still be connecting).
      for (const part of ['a', 'b']) {
        const body = `round ${round}${part}`;
        await type(frame, body);
        sent.push(body);
        typedAt.set(body, sends.connections());
        if (stall) stalled.push(body);
      }
      const delay = Math.floor(rand() * 500);
      if (delay) await page.waitForTimeout(delay);
      if (round % 2) await page.reload();
      else await page.getByRole('link', { name: 'Another page' }).click();
      frame = await composerReady(page);
      follow ??= await followAsAgent(agent, await conversationOf(server, 'round 1a'));
    }

    const conversationId = await conversationOf(server, 'round 1a');
    await expectDelivered({ server, conversationId, frame, agent, visitor: sent });
    expectNoViolations(watch, follow!);

    // How they got there: which page's connection the server first received each one on.
    const firstOn = (body: string) => sends.receivedOn.get(body)?.[0] ?? Infinity;
    const carried = sent.filter((body) => firstOn(body) > typedAt.get(body)!);
    const resent = sent.filter((body) => (sends.receivedOn.get(body)?.length ?? 0) > 1);
    console.log(
      `reloads (seed ${seed}): ${sent.length} messages over ${sends.connections()} connections; ` +
        `${carried.length} carried to a later page by the outbox (${carried.join(', ')}); ` +
        `${resent.length} received more than once and stored once (${resent.join(', ')})`,
    );
    // Every stalled message reached the server only from a later page: the relay kept it.
    expect(stalled.filter((body) => !carried.includes(body)), 'stalled messages sent by their own page').toEqual([]);
    await context.close();
  });

  /**
   * Cut the visitor's network while the agent keeps replying and the visitor keeps typing.
   * `reconnectWithinMs`: how soon after the network is back the server must see the
   * widget again (the `online` event skips Socket.IO's backoff, by then 2.5-7.5 s).
   */
  async function offline(label: string, offlineMs: number, options: { reconnectWithinMs?: number; shot?: string } = {}): Promise<void> {
    const context = await browser.newContext();
    const visitors = server.app.realtime.io.of('/visitor');
    let connectedAt = 0;
    const onConnection = () => void (connectedAt ||= Date.now());
    const { watch, page, frame, conversationId, follow, visitor, agentSent } = await startChat(context, host.url, label);
    const reply = () => {
      const body = `${label}: agent reply ${agentSent.length}`;
      agentSent.push(body);
      agent.send(conversationId, body);
    };
    let timer: NodeJS.Timeout | undefined = setInterval(reply, 2000);
    try {
      await context.setOffline(true);
      const cutAt = Date.now();
      // Chromium closes the live WebSocket at once (net::ERR_INTERNET_DISCONNECTED) and
      // fires `offline`: the widget knows straight away, no heartbeat needed.
      await frame.locator('.status', { hasText: 'Reconnecting' }).waitFor({ timeout: 5000 });
      const agentShown = (await widgetLines(frame)).filter((l) => l.sender === 'agent').length;

      const typedOffline: string[] = [];
      for (const at of [1000, offlineMs / 2, offlineMs - 4000]) {
        await page.waitForTimeout(Math.max(0, cutAt + at - Date.now()));
        const body = `${label}: typed offline after ${Math.round(at / 1000)} s`;
        await type(frame, body);
        visitor.push(body);
        typedOffline.push(body);
        await frame.locator('[data-state="sending"]', { hasText: body }).waitFor({ timeout: 2000 });
        if (options.shot && typedOffline.length === 1) await screenshot(page, options.shot);
      }
      await page.waitForTimeout(Math.max(0, cutAt + offlineMs - Date.now()));

      // Still cut off: no reply got through, and what the visitor typed waits as "sending", never "failed".
      const lines = await widgetLines(frame);
      expect(lines.filter((l) => l.sender === 'agent').length, 'agent replies shown while offline').toBe(agentShown);
      expect(lines.filter((l) => l.seq === null).map((l) => [l.body, l.state])).toEqual(typedOffline.map((b) => [b, 'sending']));
      const stored = await dbMessages(server, conversationId);
      expect(stored.filter((m) => m.sender === 'agent').length, 'agent replies stored meanwhile').toBeGreaterThan(agentShown);

      visitors.on('connection', onConnection);
      await context.setOffline(false);
      const backAt = Date.now();
      await frame.locator('.status', { hasText: 'Online' }).waitFor({ timeout: 15_000 });
      const reconnectMs = connectedAt - backAt;
      // After a long outage Chromium itself holds new WebSockets back (it throttles a
      // renderer's connections after many failed ones): the widget calls `new WebSocket`
      // within a millisecond of `online`, and the handshake starts seconds later.
      if (options.reconnectWithinMs) expect(reconnectMs, 'ms from online to the server seeing the widget').toBeLessThan(options.reconnectWithinMs);
      // The agent goes on for a moment, racing the reconnection's sync, then stops.
      await page.waitForTimeout(3000);
      clearInterval(timer);
      timer = undefined;

      const db = await expectDelivered({ server, conversationId, frame, agent, visitor, agentSent });
      expectNoViolations(watch, follow);
      console.log(
        `offline ${offlineMs / 1000} s: reconnected ${reconnectMs} ms after going online; ${db.length} messages ` +
          `(${visitor.length} visitor, ${agentSent.length} agent), ${stored.filter((m) => m.sender === 'agent').length - agentShown} replies caught up by sync`,
      );
    } finally {
      if (timer) clearInterval(timer);
      visitors.off('connection', onConnection);
      await context.close();
    }
  }

  it('goes offline for 30 s while both sides keep writing', () =>
    offline('offline 30s', 30_000, { reconnectWithinMs: 2000, shot: 'widget-offline-sending' }), 90_000);

  it('goes offline for 3 minutes while both sides keep writing', () => offline('offline 3min', 180_000), 260_000);

  it('keeps what two tabs typed offline, even when one is closed before the network returns', async () => {
    const context = await browser.newContext();
    const { watch, page, frame, conversationId, follow, visitor, agentSent } = await startChat(context, host.url, 'two tabs');
    const other = await openChat(context, host.url);
    await other.frame.getByText(agentSent[0]!).waitFor();
    await context.setOffline(true);
    for (const f of [frame, other.frame]) await f.locator('.status', { hasText: 'Reconnecting' }).waitFor({ timeout: 5000 });
    // Both tabs queue a message in the one outbox they share (the host page's storage).
    const first = 'two tabs: typed offline in the first tab';
    await type(frame, first);
    visitor.push(first);
    await frame.locator('[data-state="sending"]', { hasText: first }).waitFor();
    const second = 'two tabs: typed offline in the second tab';
    await type(other.frame, second);
    visitor.push(second);
    await other.frame.locator('[data-state="sending"]', { hasText: second }).waitFor();
    // The first tab is closed while still offline: only the shared outbox remembers its message.
    await page.close();
    await context.setOffline(false);
    await expectDelivered({ server, conversationId, frame: other.frame, agent, visitor, agentSent });
    expectNoViolations(watch, follow);
    await context.close();
  });

  it('catches up after the page was frozen for 20 s, like a phone in a pocket', async () => {
    // Playwright's own contexts keep pages "visible" (focus emulation), so they never freeze.
    const chromium = await launchLifecycleChromium();
    cleanups.push(() => chromium.close());
    const { context } = chromium;
    const lifecycle: string[] = [];
    await context.addInitScript(() => {
      for (const type of ['freeze', 'resume']) document.addEventListener(type, () => console.log(`kefu-lifecycle: ${location.pathname} ${type}`));
    });
    context.on('console', (m) => m.text().startsWith('kefu-lifecycle: ') && lifecycle.push(m.text().slice(16)));
    const { watch, page, frame, conversationId, follow, visitor, agentSent } = await startChat(context, host.url, 'frozen');

    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    // Both documents froze: the host page and the widget's cross-origin iframe (another process).
    await waitFor(() => lifecycle.includes('/ freeze') && lifecycle.includes('/widget/ freeze'), 'both documents to freeze');
    const frozenAt = Date.now();
    const duringFreeze: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const body = `frozen: agent message ${i} while frozen`;
      agentSent.push(body);
      duringFreeze.push(agent.send(conversationId, body));
      await page.waitForTimeout(2000);
    }
    await page.waitForTimeout(Math.max(0, frozenAt + 20_000 - Date.now()));
    const thawAt = Date.now();
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    await waitFor(() => lifecycle.includes('/widget/ resume'), 'the widget to resume');
    // The page is still hidden (thawed in the background): the `resume` event alone brings in what was missed.
    const shown = async () => (await widgetLines(frame)).filter((l) => l.sender === 'agent').length;
    await waitFor(async () => (await shown()) === agentSent.length, 'what the agent sent to show while the page is still hidden');
    expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
    // Then the visitor comes back to it and answers. (Headless Chromium shows a page it
    // hid only when something holds it visible: what Playwright's focus emulation does.)
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    await waitFor(() => page.evaluate(() => document.visibilityState === 'visible'), 'the page to be shown');
    const last = `frozen: visitor after thawing`;
    await type(frame, last);
    visitor.push(last);

    await expectDelivered({ server, conversationId, frame, agent, visitor, agentSent });
    expectNoViolations(watch, follow);
    // The freeze was real: what the agent sent meanwhile reached the widget only after the thaw.
    const seen = await widgetFirstSeen(frame);
    for (const key of duringFreeze) expect(seen[key], `first shown at (thawed at ${thawAt})`).toBeGreaterThanOrEqual(thawAt);
    console.log(`frozen 20 s: shown ${Math.max(...duringFreeze.map((k) => seen[k]!)) - thawAt} ms after the thaw; lifecycle events: ${lifecycle.join(', ')}`);
  });

  for (const block of ['refuse', 'close'] as WebSocketBlock[]) {
    it(`falls back to long-polling when the network ${block === 'refuse' ? 'refuses' : 'accepts then closes'} WebSocket upgrades`, async () => {
      const proxy = await startWebSocketBlockingProxy(server.url, block);
      const site = await serveHostPage(proxy.url, server.siteKey);
      cleanups.push(() => site.close(), () => proxy.close());
      const context = await browser.newContext();
      const startedAt = Date.now();
      const { watch, frame, conversationId, follow, visitor, agentSent } = await startChat(context, site.url, `ws ${block}`);
      const connectedMs = Date.now() - startedAt;
      const polls = proxy.polls;

      // A quick exchange, both sides writing without waiting for each other.
      for (let i = 1; i <= 3; i++) {
        const reply = `ws ${block}: agent ${i}`;
        agentSent.push(reply);
        agent.send(conversationId, reply);
        const body = `ws ${block}: visitor ${i}`;
        await type(frame, body);
        visitor.push(body);
      }
      await expectDelivered({ server, conversationId, frame, agent, visitor, agentSent });
      expectNoViolations(watch, follow);

      // It really was long-polling: the browser kept trying WebSocket and never got it,
      // polling requests went on during the exchange, and the server's socket polls.
      const host = new URL(proxy.url).host;
      const viaProxy = [...server.app.realtime.io.of('/visitor').sockets.values()].filter((s) => s.handshake.headers.host === host);
      expect(viaProxy.map((s) => s.conn.transport.name)).toEqual(['polling']);
      expect(proxy.upgrades, 'WebSocket upgrades tried').toBeGreaterThan(0);
      expect(proxy.polls - polls, 'polling requests during the exchange').toBeGreaterThan(3);
      // No 20 s connect timeout on the way (Socket.IO's when a WebSocket closes before its
      // handshake, followed by another WebSocket try): one blocked upgrade, then polling at once.
      expect(proxy.sequence.slice(0, 2), 'requests through the proxy, in order').toEqual(['upgrade', 'poll']);
      console.log(`WebSocket ${block}: chatting after ${connectedMs} ms; ${proxy.upgrades} upgrades blocked; ${proxy.polls} polling requests`);
      await context.close();
    });
  }
});
