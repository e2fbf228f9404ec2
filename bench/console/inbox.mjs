// The console's inbox with 10,000 conversations: seeds a fresh SQLite database through
// the server's storage layer, starts Kefu, opens the console in Chromium and measures
// time to first rows, long tasks while opening and while scrolling 2,000 rows, how many
// rows are in the DOM (the virtualisation) and the JS heap. A benchmark: it prints, it
// asserts nothing about time.
//
//   npm run bench:inbox            (a table)
//   npm run bench:inbox -- --json  (one JSON object)
//   KEFU_BENCH_CONVERSATIONS=20000 npm run bench:inbox
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..', '..');
const dist = (p) => path.join(root, 'apps/server/dist', p);
const { buildApp } = await import(dist('app.js'));
const { loadConfig } = await import(dist('config.js'));
const { bootstrap } = await import(dist('workspace/bootstrap.js'));
const { newId, newOrderedId } = await import(dist('ids.js'));
const pino = (await import('pino')).default;

const CONVERSATIONS = Number(process.env.KEFU_BENCH_CONVERSATIONS ?? 10_000);
const MESSAGES_EACH = 3;
const SCROLL_ROWS = 2_000;
const ADMIN = { email: 'bench@example.com', password: 'a benchmark password' };
const json = process.argv.includes('--json');
const chromiumPath = process.env.KEFU_CHROMIUM ?? '/usr/bin/chromium';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-inbox-'));
const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', databaseUrl: null, dataDir, redisUrl: null, adminEmail: ADMIN.email, adminPassword: ADMIN.password, logLevel: 'silent' };
const app = await buildApp(config, pino({ level: 'silent' }));
await bootstrap(app.kefu.storage, config);
const { db } = app.kefu.storage;

const seedStart = performance.now();
const site = await db.selectFrom('sites').select(['id', 'workspace_id']).executeTakeFirstOrThrow();
const now = Date.now();
const BATCH = 200;
const WORDS = ['order', 'refund', 'shipping', 'tea', 'ceramics', 'invoice', 'gift', 'Shanghai', 'size', 'colour'];
for (let from = 0; from < CONVERSATIONS; from += BATCH) {
  const visitors = [];
  const conversations = [];
  const messages = [];
  for (let i = from; i < Math.min(CONVERSATIONS, from + BATCH); i++) {
    const at = now - i * 60_000;
    const visitorId = newId();
    const conversationId = newOrderedId(at);
    visitors.push({ id: visitorId, site_id: site.id, token_hash: `bench-${visitorId}`, name: `Visitor ${i}`, created_at: at, last_seen_at: at, user_id: null, email: null, phone: null, user_agent: null, ip: null, language: null, time_zone: null, visit_started_at: null });
    const bodies = Array.from({ length: MESSAGES_EACH }, (_, m) => `Message ${m + 1} about ${WORDS[(i + m) % WORDS.length]} #${i}`);
    conversations.push({ id: conversationId, workspace_id: site.workspace_id, site_id: site.id, visitor_id: visitorId, status: 'open', assignee_id: null, last_seq: MESSAGES_EACH, last_message_at: at, last_message_preview: bodies[MESSAGES_EACH - 1], created_at: at - MESSAGES_EACH * 1000 });
    bodies.forEach((body, m) => messages.push({ id: newId(), conversation_id: conversationId, seq: m + 1, client_msg_id: `bench-${conversationId}-${m}`, sender_type: 'visitor', sender_id: visitorId, body, created_at: at - (MESSAGES_EACH - m) * 1000, event: null }));
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('visitors').values(visitors).execute();
    await trx.insertInto('conversations').values(conversations).execute();
    await trx.insertInto('messages').values(messages).execute();
  });
}
const seedMs = performance.now() - seedStart;

await app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${app.server.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
const results = {};
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Long tasks from the very first script, so opening is measured too.
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));
  await page.goto(`${url}/console/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  const signInAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.inbox-row').first().waitFor().catch(async (err) => {
    await page.screenshot({ path: path.join(os.tmpdir(), 'kefu-bench-inbox-failure.png') });
    throw new Error(`no inbox rows: ${err.message}\npage errors: ${pageErrors.join('\n') || 'none'}`);
  });
  const firstRowsAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(500);
  const opening = await page.evaluate((from) => window.__longTasks.filter((t) => t.start >= from), signInAt);

  // Scroll through 2,000 rows the way a wheel does, a step per frame, letting pages load as they come.
  const list = page.getByRole('listbox', { name: 'Conversations' });
  const rowPx = await page.evaluate(() => {
    const rows = [...document.querySelectorAll('.inbox-row')];
    return rows.length > 1 ? rows[1].getBoundingClientRect().top - rows[0].getBoundingClientRect().top : 84;
  });
  const scrollFrom = await page.evaluate(() => performance.now());
  const scrollStart = performance.now();
  const maxRows = [];
  await page.evaluate(
    async ({ target, rowPx }) => {
      const scroller = document.querySelector('.inbox-scroll');
      const goal = target * rowPx;
      while (scroller.scrollTop + scroller.clientHeight < goal) {
        const before = scroller.scrollTop;
        scroller.scrollTop += 120;
        await new Promise((r) => requestAnimationFrame(r));
        // At the end of what is loaded: wait for the next page.
        if (scroller.scrollTop === before) await new Promise((r) => setTimeout(r, 50));
      }
    },
    { target: SCROLL_ROWS, rowPx },
  );
  const scrollMs = performance.now() - scrollStart;
  maxRows.push(await page.locator('.inbox-row').count());
  const scrolling = await page.evaluate((from) => window.__longTasks.filter((t) => t.start >= from), scrollFrom);
  const loaded = await page.evaluate(() => document.querySelector('.count-pill')?.textContent ?? '');
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
  const domNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await list.waitFor();

  const sum = (tasks) => Math.round(tasks.reduce((s, t) => s + t.ms, 0));
  Object.assign(results, {
    conversations: CONVERSATIONS,
    messagesEach: MESSAGES_EACH,
    seedMs: Math.round(seedMs),
    timeToFirstRowsMs: Math.round(firstRowsAt - signInAt),
    openingLongTasks: opening.length,
    openingLongTaskMs: sum(opening),
    scrolledRows: SCROLL_ROWS,
    scrollMs: Math.round(scrollMs),
    scrollingLongTasks: scrolling.length,
    scrollingLongTaskMs: sum(scrolling),
    scrollingLongestTaskMs: Math.round(Math.max(0, ...scrolling.map((t) => t.ms))),
    rowsInDom: maxRows[0],
    domElements: domNodes,
    loadedLabel: loaded,
    jsHeapMB: heap === null ? null : Math.round((heap / 1048576) * 10) / 10,
  });
} finally {
  await browser.close();
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

if (json) console.log(JSON.stringify(results));
else {
  const rows = [
    ['conversations seeded', `${results.conversations} (${results.messagesEach} messages each, ${results.seedMs} ms)`],
    ['time to first rows', `${results.timeToFirstRowsMs} ms (sign-in click to the first row)`],
    ['long tasks while opening', `${results.openingLongTasks} (${results.openingLongTaskMs} ms total)`],
    [`scrolling ${results.scrolledRows} rows`, `${results.scrollMs} ms`],
    ['long tasks while scrolling', `${results.scrollingLongTasks} (${results.scrollingLongTaskMs} ms total, longest ${results.scrollingLongestTaskMs} ms)`],
    ['rows in the DOM', `${results.rowsInDom} of ${results.loadedLabel}`],
    ['DOM elements', String(results.domElements)],
    ['JS heap', results.jsHeapMB === null ? 'n/a' : `${results.jsHeapMB} MB`],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(28)} ${v}`);
}
