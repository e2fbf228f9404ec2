import type { AgentClient, ChatItem } from '@kefu/client';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestServer } from '../../apps/server/src/test-support/server.js';
import { waitFor } from '../../apps/server/src/test-support/wait.js';
import { widgetFrame } from './browser.js';
import { panelSettled } from './widget.js';

/**
 * Shared checks for the delivery suite (e2e/delivery.test.ts): the same conversation
 * read from the widget's DOM, the database and an agent's client, compared line by line.
 */

export type Sender = 'visitor' | 'agent' | 'system';

/** One message as a side shows it. `seq` is null while it is still being sent. */
export interface Line {
  key: string;
  seq: number | null;
  sender: Sender;
  body: string;
  state: string;
  /** The widget's state mark as announced (its aria-label), on the visitor's own messages. */
  mark?: string | null;
}

/** What the widget's monitor (below) exposes inside the frame. */
interface Monitor {
  lines(): Line[];
  /** clientMsgId -> Date.now() when the row first appeared in this document. */
  firstSeen: Record<string, number>;
}

const MONITOR_PREFIX = 'kefu-monitor:';

/**
 * Runs in every widget document from its first script on (an init script): reads the
 * message rows (`data-key`, `data-seq`, `data-state`, `data-sender` from MessageList),
 * and on every DOM change checks what a visitor could ever see: no message twice, stored
 * messages in strictly ascending seq, unsent ones only after them, and no message going
 * back from sent to sending. Violations are logged for the test to collect, so that a
 * duplicate shown for one frame between two assertions still fails the test.
 */
function monitorScript(prefix: string): void {
  if (location.pathname !== '/widget/') return;
  const rank: Record<string, number> = { sending: 0, failed: 0, sent: 1, read: 2 };
  const lines = () =>
    Array.from(document.querySelectorAll<HTMLElement>('[data-key]')).map((el) => {
      const bubble = (el.querySelector('.bubble') ?? el).cloneNode(true) as HTMLElement;
      bubble.querySelectorAll('.sr-only').forEach((n) => n.remove());
      return {
        key: el.dataset.key!,
        seq: el.dataset.seq ? Number(el.dataset.seq) : null,
        sender: el.dataset.sender as 'visitor' | 'agent' | 'system',
        body: bubble.textContent ?? '',
        state: el.dataset.state ?? '',
        mark: el.querySelector('.mark')?.getAttribute('aria-label') ?? null,
      };
    });
  const firstSeen: Record<string, number> = {};
  const lastState: Record<string, string> = {};
  const report = (what: string, all: { key: string; seq: number | null; body: string; state: string }[]) =>
    console.error(`${prefix} ${what} in [${all.map((l) => `${l.seq ?? '-'}:${l.state}:${l.body}`).join(' | ')}]`);
  const check = () => {
    const all = lines();
    const keys = new Set<string>();
    const bodies = new Set<string>();
    let lastSeq = 0;
    let pending = false;
    for (const line of all) {
      if (keys.has(line.key)) report(`message ${line.key} shown twice`, all);
      if (bodies.has(line.body)) report(`body "${line.body}" shown twice`, all);
      keys.add(line.key);
      bodies.add(line.body);
      if (line.seq === null) pending = true;
      else {
        if (pending) report(`stored seq ${line.seq} shown after an unsent message`, all);
        if (line.seq <= lastSeq) report(`seq ${line.seq} shown after seq ${lastSeq}`, all);
        lastSeq = line.seq;
      }
      const before = lastState[line.key];
      if (before !== undefined && rank[line.state]! < rank[before]!) report(`message "${line.body}" went from ${before} back to ${line.state}`, all);
      lastState[line.key] = line.state;
      firstSeen[line.key] ??= Date.now();
    }
  };
  (window as unknown as { __kefuMonitor: Monitor }).__kefuMonitor = { lines, firstSeen } as Monitor;
  // What was still unsent when the page went away (a reload or navigation of the host page).
  addEventListener('pagehide', () => {
    const unsent = lines().filter((l) => l.seq === null);
    if (unsent.length) console.log(`${prefix}-unsent ${JSON.stringify(unsent.map((l) => l.body))}`);
  });
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
}

export interface WidgetWatch {
  /** What the monitors saw go wrong in any widget document of the context, so far. */
  violations: string[];
  /** Messages still unsent when their widget document went away (as far as its last console message got out). */
  unsentAtExit: string[];
}

/** Installs the monitor in every widget document the context will load. Call before the first page. */
export async function watchWidget(context: BrowserContext): Promise<WidgetWatch> {
  const watch: WidgetWatch = { violations: [], unsentAtExit: [] };
  await context.addInitScript(monitorScript, MONITOR_PREFIX);
  context.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(`${MONITOR_PREFIX}-unsent `)) watch.unsentAtExit.push(...(JSON.parse(text.slice(MONITOR_PREFIX.length + 8)) as string[]));
    else if (text.startsWith(MONITOR_PREFIX)) watch.violations.push(text.slice(MONITOR_PREFIX.length + 1));
  });
  return watch;
}

/** Opens the host page in a new tab, opens the chat and returns the widget's frame once its composer is there. */
export async function openChat(context: BrowserContext, url: string): Promise<{ page: Page; frame: Frame }> {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Open chat' }).click();
  return { page, frame: await composerReady(page) };
}

/**
 * The current widget frame of the page once its composer can be typed into, and the
 * panel has stopped sliding in (a click aimed at it before then can land on the host page).
 */
export async function composerReady(page: Page): Promise<Frame> {
  await panelSettled(page);
  const frame = await widgetFrame(page);
  await frame.getByRole('textbox', { name: 'Message' }).waitFor();
  return frame;
}

/**
 * Types a message into the widget and sends it, as a visitor does. The text goes in as
 * an input event inside the widget's frame, and the Send button is clicked (a click is
 * routed to the frame under the pointer). Playwright's keyboard is the page's: it
 * types into whichever frame the browser last heard has focus, and its focusing of an
 * element in a cross-origin iframe can still be on its way, so now and then the text
 * of a freshly opened chat went to the host page instead. (e2e/chat.test.ts covers
 * sending with Enter.)
 */
export async function type(frame: Frame, body: string): Promise<void> {
  const box = frame.getByRole('textbox', { name: 'Message' });
  await box.evaluate((el: HTMLTextAreaElement, text: string) => {
    el.focus();
    el.value = text;
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  }, body);
  await frame.getByRole('button', { name: 'Send' }).click();
  // Sending empties the composer at once, online or not: a box still holding the text
  // means the click never reached the frame, which is worth saying here and now.
  await expect.poll(() => box.inputValue(), { message: `the composer to empty after sending "${body}"`, timeout: 5000 }).toBe('');
}

/** The widget's messages as shown, top to bottom. */
export function widgetLines(frame: Frame): Promise<Line[]> {
  return frame.evaluate(() => (window as unknown as { __kefuMonitor: Monitor }).__kefuMonitor.lines());
}

/** When each message (by clientMsgId) first appeared in the current widget document. */
export function widgetFirstSeen(frame: Frame): Promise<Record<string, number>> {
  return frame.evaluate(() => ({ ...(window as unknown as { __kefuMonitor: Monitor }).__kefuMonitor.firstSeen }));
}

export interface StoredMessage {
  seq: number;
  sender: Sender;
  body: string;
  clientMsgId: string;
}

/** The conversation's rows in the database, by seq: the source of truth. */
export async function dbMessages(server: TestServer, conversationId: string): Promise<StoredMessage[]> {
  const rows = await server.app.kefu.storage.db
    .selectFrom('messages')
    .select(['seq', 'sender_type', 'body', 'client_msg_id'])
    .where('conversation_id', '=', conversationId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), sender: r.sender_type, body: r.body, clientMsgId: r.client_msg_id }));
}

/** The conversation that holds the message with this body (each test's bodies are unique). */
export async function conversationOf(server: TestServer, body: string): Promise<string> {
  return waitFor(
    async () =>
      (await server.app.kefu.storage.db.selectFrom('messages').select('conversation_id').where('body', '=', body).executeTakeFirst())?.conversation_id,
    `a stored message "${body}"`,
    20_000,
  );
}

export function agentLines(agent: AgentClient, conversationId: string): Line[] {
  return agent.items(conversationId).map((i: ChatItem) => ({ key: i.key, seq: i.seq, sender: i.senderType, body: i.body, state: i.state }));
}

export interface AgentWatch {
  violations: string[];
  stop(): void;
}

/**
 * Follows a conversation in an agent's client (live events and syncs, as the console
 * does) and checks every state of its list the way the widget's monitor does.
 */
export async function followAsAgent(agent: AgentClient, conversationId: string): Promise<AgentWatch> {
  const violations: string[] = [];
  const check = (id: string) => {
    if (id !== conversationId) return;
    const lines = agentLines(agent, id);
    const keys = new Set<string>();
    let lastSeq = 0;
    for (const l of lines) {
      if (keys.has(l.key)) violations.push(`agent: "${l.body}" twice`);
      keys.add(l.key);
      if (l.seq !== null) {
        if (l.seq <= lastSeq) violations.push(`agent: seq ${l.seq} after ${lastSeq}`);
        lastSeq = l.seq;
      }
    }
  };
  const stop = agent.on('change', check);
  await agent.open(conversationId);
  return { violations, stop };
}

const stored = (l: Line) => l.seq !== null && (l.state === 'sent' || l.state === 'read');
const comparable = (l: { seq: number | null; sender: Sender; body: string }) => ({ seq: l.seq, sender: l.sender, body: l.body });

export interface Expected {
  server: TestServer;
  conversationId: string;
  frame: Frame;
  agent: AgentClient;
  /** What the visitor sent, in the order sent. */
  visitor: string[];
  /** What the agent sent, in the order sent. */
  agentSent?: string[];
  /** How long the sides may take to converge before the comparison; default 30 s. */
  timeoutMs?: number;
}

/**
 * Exactly once, in order, on both sides: waits until the database, the widget and the
 * agent hold as many stored messages as were sent, then compares them line by line.
 * The database has seq 1..n with unique clientMsgIds, and each sender's messages in the
 * order they were sent (how two senders interleave is the server's call: seq). The
 * widget and the agent show exactly the database's list, every message sent or read.
 */
export async function expectDelivered(e: Expected): Promise<StoredMessage[]> {
  const agentSent = e.agentSent ?? [];
  const total = e.visitor.length + agentSent.length;
  const frame = await e.frame;
  await waitFor(
    async () => {
      const [db, widget] = await Promise.all([dbMessages(e.server, e.conversationId), widgetLines(frame)]);
      const agent = agentLines(e.agent, e.conversationId);
      return db.length >= total && widget.length >= total && widget.every(stored) && agent.length >= total && agent.every(stored);
    },
    `${total} messages stored and shown on both sides`,
    e.timeoutMs ?? 30_000,
  ).catch(() => undefined); // the comparison below says what is missing
  const db = await dbMessages(e.server, e.conversationId);
  expect(db.map((m) => m.seq), 'database seqs').toEqual(Array.from({ length: db.length }, (_, i) => i + 1));
  expect(new Set(db.map((m) => m.clientMsgId)).size, 'unique clientMsgIds').toBe(db.length);
  expect(db.filter((m) => m.sender === 'visitor').map((m) => m.body), "the visitor's messages in the database").toEqual(e.visitor);
  expect(db.filter((m) => m.sender === 'agent').map((m) => m.body), "the agent's messages in the database").toEqual(agentSent);
  const widget = await widgetLines(frame);
  expect(widget.map(comparable), 'the widget shows the database').toEqual(db.map(comparable));
  expect(widget.filter((l) => !stored(l)), 'widget lines not sent').toEqual([]);
  const marks = { sent: 'Sent', read: 'Read' } as Record<string, string>;
  const ownMarks = widget.filter((l) => l.sender === 'visitor');
  expect(ownMarks.map((l) => `${l.body}: ${l.mark}`), "the marks on the visitor's messages").toEqual(ownMarks.map((l) => `${l.body}: ${marks[l.state]}`));
  const agent = agentLines(e.agent, e.conversationId);
  expect(agent.map(comparable), 'the agent sees the database').toEqual(db.map(comparable));
  expect(agent.filter((l) => !stored(l)), 'agent lines not sent').toEqual([]);
  return db;
}
