/**
 * A bench worker process (forked by run.ts): plays its share of the visitors and
 * agents over real sockets, paces their sends with one token bucket per side, and
 * records what it sent, what was acknowledged and what each receiver heard live,
 * for the runner to account. See ipc.ts for the conversation with the runner.
 */
import { PROTOCOL_VERSION, SYNC_PAGE_MAX, type Conversation, type Message, type MessagePage, type VisitorSession } from '@kefu/protocol';
import type { FromWorker, PhaseRecords, ReceiveLog, Tally, ToWorker, WorkerConfig } from './ipc.js';
import { LeanSocket, type LeanSocketOptions } from './lean-socket.js';
import { TokenBucket } from './pacing.js';
import { ConversationLog, Recorder, type BenchSocket } from './recorder.js';
import { pool, type BenchAgent } from './setup.js';
import { PollingSocket } from './sio-socket.js';

/** Handshakes in flight at once per worker: a whole crowd at once only measures the accept queue. */
const CONNECT_BATCH = 200;
/** How long a batch of connections may take before the stragglers count as failed (they keep retrying). */
const CONNECT_BATCH_TIMEOUT_MS = 20_000;
/** How long the warm-up's first messages (a conversation each) may take after the last visitor connected. */
const OPEN_TIMEOUT_MS = 120_000;
const SEND_TICK_MS = 2;
const SYNC_CONCURRENCY = 32;

const post = (message: FromWorker): void => void process.send!(message);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let config!: WorkerConfig;
let recorder!: Recorder;

function socket(options: LeanSocketOptions): BenchSocket {
  return config.transport === 'polling' ? new PollingSocket(options) : new LeanSocket(options);
}

class Visitor {
  readonly socket: BenchSocket;
  token: string | null = null;
  log: ConversationLog | null = null;
  greeted = false;
  refused = false;
  private opening = false;

  constructor(readonly index: number) {
    const url = config.urls[index % config.urls.length]!;
    this.socket = socket({
      url,
      namespace: '/visitor',
      headers: { origin: config.pageOrigin },
      auth: () => ({ protocolVersion: PROTOCOL_VERSION, siteKey: config.siteKey, ...(this.token ? { visitorToken: this.token } : {}), ...(config.baseline ? { benchIndex: index } : {}) }),
      onState: (up) => (up ? void this.greet() : (this.greeted = false)),
      onRefused: (code, fatal) => {
        recorder.countError(code);
        if (fatal) this.refused = true;
      },
      onEvent: (name, json) => {
        if (name !== 'message.created' || !this.log) return;
        const m = (JSON.parse(json) as [string, Message])[1];
        if (m.conversationId === this.log.conversationId) recorder.receive(this.log, m, 'agent');
      },
    });
  }

  private async greet(): Promise<void> {
    const reply = await this.socket.request('session.hello', {});
    if (!reply.ok) return recorder.countError(reply.error?.code ?? 'UNKNOWN');
    const session = reply.data as VisitorSession;
    this.token = session.visitorToken;
    if (session.conversation && !this.log) this.log = new ConversationLog(session.conversation.id, 'visitor');
    this.greeted = true;
    if (!config.idle) await this.open();
  }

  /** The warm-up's first message, which opens the visitor's conversation. */
  private async open(): Promise<void> {
    if (this.log || this.opening) return;
    this.opening = true;
    const reply = await recorder.send(this.socket, 'visitor', null, null);
    this.opening = false;
    if (reply.ok && !this.log) this.log = new ConversationLog((reply.data as Message).conversationId, 'visitor');
  }
}

interface AgentSlot {
  agent: Agent;
  log: ConversationLog;
}

/** Every (agent, conversation) this worker's agents answer in, round-robin. */
const agentSlots: AgentSlot[] = [];
const assignments: [string, number][] = [];

class Agent {
  readonly socket: BenchSocket;
  readonly conversations = new Map<string, ConversationLog>();
  greeted = false;

  constructor(readonly bench: BenchAgent) {
    const url = config.urls[bench.index % config.urls.length]!;
    this.socket = socket({
      url,
      namespace: '/agent',
      // The console's own origin: agent handshakes from anywhere else are refused.
      headers: { cookie: bench.cookie, origin: new URL(url).origin },
      auth: () => ({ protocolVersion: PROTOCOL_VERSION, ...(config.baseline ? { benchIndex: bench.index } : {}) }),
      onState: (up) => (up ? void this.greet() : (this.greeted = false)),
      onRefused: (code) => recorder.countError(code),
      onEvent: (name, json) => this.event(name, json),
    });
  }

  private async greet(): Promise<void> {
    const reply = await this.socket.request('session.hello', {});
    if (!reply.ok) return recorder.countError(reply.error?.code ?? 'UNKNOWN');
    this.greeted = true;
  }

  private event(name: string, json: string): void {
    if (name === 'message.created') {
      // Cheap first: most of a workspace's traffic may be other agents' conversations.
      const at = json.indexOf('"conversationId":"') + 18;
      const log = at >= 18 ? this.conversations.get(json.slice(at, json.indexOf('"', at))) : undefined;
      if (log) recorder.receive(log, (JSON.parse(json) as [string, Message])[1], 'visitor');
    } else if (name === 'conversation.updated') {
      if (!json.includes(this.bench.agentId)) return;
      const c = (JSON.parse(json) as [string, Conversation])[1];
      if (c.assigneeId === this.bench.agentId && !this.conversations.has(c.id)) this.adopt(c.id);
    }
  }

  /** Assigned to us: open it (a sync from 0, as the console does), and answer in it from now on. */
  private adopt(conversationId: string): void {
    const log = new ConversationLog(conversationId, 'agent');
    this.conversations.set(conversationId, log);
    agentSlots.push({ agent: this, log });
    assignments.push([conversationId, this.bench.index]);
    void syncFrom(this.socket, log, 0).catch(() => undefined);
  }
}

let visitors: Visitor[] = [];
let agents: Agent[] = [];

/** Reads a conversation after `afterSeq`; returns the messages. */
async function syncFrom(sock: BenchSocket, log: ConversationLog, afterSeq: number): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const reply = await sock.request('messages.sync', { conversationId: log.conversationId, afterSeq, limit: SYNC_PAGE_MAX });
    if (!reply.ok) {
      recorder.countError(reply.error?.code ?? 'UNKNOWN');
      throw new Error(`sync failed: ${reply.error?.code}`);
    }
    const page = reply.data as MessagePage;
    all.push(...page.messages);
    for (const m of page.messages) if (m.seq > log.maxSeq) log.maxSeq = m.seq;
    if (!page.hasMore || page.messages.length === 0) return all;
    afterSeq = page.messages.at(-1)!.seq;
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Connects in batches; each batch is done when every member is greeted, refused or timed out. */
async function connectAll<T extends { socket: BenchSocket; greeted: boolean }>(people: T[]): Promise<void> {
  for (let i = 0; i < people.length; i += CONNECT_BATCH) {
    const batch = people.slice(i, i + CONNECT_BATCH);
    for (const p of batch) p.socket.connect();
    await until(() => batch.every((p) => p.greeted || ('refused' in p && p.refused === true)), CONNECT_BATCH_TIMEOUT_MS);
  }
}

let cursorVisitor = 0;
function nextVisitor(): Visitor | null {
  for (let tries = 0; tries < visitors.length; tries++) {
    const v = visitors[cursorVisitor++ % visitors.length]!;
    if (v.greeted && v.log && !v.log.sending) return v;
  }
  return null;
}

let cursorSlot = 0;
function nextSlot(): AgentSlot | null {
  for (let tries = 0; tries < agentSlots.length; tries++) {
    const slot = agentSlots[cursorSlot++ % agentSlots.length]!;
    if (slot.agent.greeted && !slot.log.sending) return slot;
  }
  return null;
}

function sendFor(durationMs: number, visitorRatePerS: number, agentRatePerS: number): Promise<void> {
  const visitorBucket = new TokenBucket(visitorRatePerS);
  const agentBucket = new TokenBucket(agentRatePerS);
  const end = performance.now() + durationMs;
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      if (now >= end) {
        clearInterval(timer);
        return resolve();
      }
      // A sender with a message in flight waits for its ack, as the SDK's outbox does.
      for (let n = visitorBucket.available(now); n > 0; n--) {
        const v = nextVisitor();
        if (!v) break;
        visitorBucket.spend(1);
        void recorder.send(v.socket, 'visitor', v.log, v.log!.conversationId);
      }
      for (let n = agentBucket.available(now); n > 0; n--) {
        const slot = nextSlot();
        if (!slot) break;
        agentBucket.spend(1);
        void recorder.send(slot.agent.socket, 'agent', slot.log, slot.log.conversationId);
      }
    }, SEND_TICK_MS);
  });
}

function logs(): { log: ConversationLog; socket: BenchSocket }[] {
  return [
    ...visitors.flatMap((v) => (v.log ? [{ log: v.log, socket: v.socket }] : [])),
    ...agentSlots.map((s) => ({ log: s.log, socket: s.agent.socket })),
  ];
}

/** The final sync: what each receiver missed live, then the phase's records; the next phase starts clean. */
async function collect(): Promise<PhaseRecords> {
  const all = logs();
  const live = all.map(({ log }) => log.live());
  if (!config.faults.skipFinalSync) {
    await pool(all.length, SYNC_CONCURRENCY, async (i) => {
      const { log, socket: sock } = all[i]!;
      const heard = new Set(live[i]!.map(([, id]) => id));
      const from = log.side === 'visitor' ? 'agent' : 'visitor';
      const messages = await syncFrom(sock, log, log.phaseStartSeq).catch(() => []);
      for (const m of messages) if (m.senderType === from && m.clientMsgId.startsWith(recorder.prefix) && !heard.has(m.clientMsgId)) log.synced.push(m.clientMsgId);
    });
  }
  const usage = process.cpuUsage(recorder.phase.cpuStart);
  const records: PhaseRecords = {
    sends: recorder.sendRecords(),
    receives: all.map(({ log }, i): ReceiveLog => ({ conversationId: log.conversationId, side: log.side, live: live[i]!, synced: log.synced })),
    assignments: [...assignments],
    ack: recorder.phase.ack.data(),
    deliver: recorder.phase.deliver.data(),
    errors: recorder.phase.errors,
    cpuPercent: ((usage.user + usage.system) / 1000 / (performance.now() - recorder.phase.wallStart)) * 100,
  };
  for (const { log } of all) log.startPhase();
  recorder.startPhase(recorder.prefix);
  return records;
}

function tally(): Tally {
  return {
    visitorsUp: visitors.filter((v) => v.socket.up).length,
    agentsUp: agents.filter((a) => a.socket.up).length,
    greeted: visitors.filter((v) => v.greeted).length,
    failed: visitors.filter((v) => v.refused).length,
    assigned: agentSlots.length,
    sent: recorder.totals.sent,
    acked: recorder.totals.acked,
    errors: recorder.totals.errors,
    delivered: recorder.phase.delivered,
  };
}

function progress(): void {
  if (!recorder) return; // not configured yet
  post({ type: 'progress', progress: { ...tally(), deliver: recorder.progressDeliver.data() } });
  recorder.progressDeliver.reset();
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'connect-agents':
      agents = config.agents.map((a) => new Agent(a));
      await connectAll(agents);
      return post({ type: 'agents-up' });
    case 'connect-visitors':
      visitors = config.visitors.map((i) => new Visitor(i));
      recorder.startPhase(`${config.nonce}-0-`);
      await connectAll(visitors);
      // Their first messages went out as each was greeted; a new conversation each is the slow part of the warm-up.
      if (!config.idle) await until(() => visitors.every((v) => v.log !== null || v.refused), OPEN_TIMEOUT_MS);
      return post({ type: 'visitors-up', conversations: visitors.filter((v) => v.log).length });
    case 'send':
      recorder.startPhase(`${config.nonce}-${message.step}-`);
      await sendFor(message.durationMs, message.visitorRatePerS, message.agentRatePerS);
      return post({ type: 'sent' });
    case 'settle':
      await until(() => recorder.inFlight === 0, message.timeoutMs);
      return post({ type: 'settled', unacked: recorder.inFlight });
    case 'tally':
      return post({ type: 'tally', tally: tally() });
    case 'collect':
      return post({ type: 'records', records: await collect() });
    case 'await-visitors':
      await until(() => visitors.every((v) => v.greeted || v.refused), message.timeoutMs);
      return post({ type: 'visitors-back', greeted: visitors.filter((v) => v.greeted).length });
    case 'stop':
      for (const p of [...visitors, ...agents]) p.socket.close();
      clearInterval(progressTimer);
      process.disconnect();
      return;
  }
}

const progressTimer = setInterval(progress, 1000);

process.once('message', (first: WorkerConfig) => {
  config = first;
  recorder = new Recorder(config.workerIndex, config.faults);
  process.on('message', (message: ToWorker) => {
    handle(message).catch((err: unknown) => post({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) }));
  });
});
process.on('disconnect', () => {
  clearInterval(progressTimer);
  process.exit(0);
});
