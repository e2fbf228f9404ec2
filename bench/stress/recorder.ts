/**
 * What a worker records of one phase (the warm-up, or a measured step): every send
 * with its ack or error, every message each receiver heard live, the latencies.
 * Kept apart from the people who send and receive (worker.ts) so that the records
 * have one owner.
 *
 * Records are columns of numbers (Column), not an object per message: a worker keeps
 * tens of thousands of them per step, and each of its scavenges copied the new ones
 * and promoted them, so that the workers' own pauses (a full collection of 30 ms each
 * step) were in what they measured. The tuples the accounting reads are built once,
 * when the phase is collected, outside the measured window.
 */
import type { Message } from '@kefu/protocol';
import { body, sentAt } from './bodies.js';
import { Histogram, nowMs } from './histogram.js';
import type { SendRecord } from './ipc.js';
import type { AckReply, LeanSocket } from './lean-socket.js';
import type { WorkerFaults } from './options.js';

export type BenchSocket = Pick<LeanSocket, 'up' | 'reconnects' | 'connect' | 'request' | 'close' | 'drop'>;

/** A growable column of numbers (doubling), for records that must not cost the garbage collector. */
export class Column {
  private data: Float64Array;
  length = 0;

  /** `capacity`: what it holds before it first grows (a conversation's log hears a few dozen a step, a worker's sends thousands). */
  constructor(capacity = 16) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
  }
}

/**
 * clientMsgIds of this worker as numbers: `${prefix}${worker}-${n in base 36}`; a
 * phase's prefix is fixed, so (worker, n) is the id. Others (another run's) are kept
 * as they are. n has a fixed width so that a worker's ids sort in the order it sends
 * them, as real clients' time-ordered ids do (packages/client/src/ids.ts): the server's
 * index of clientMsgIds grows at its end.
 */
function idParts(clientMsgId: string, prefix: string): [number, number] | null {
  if (!clientMsgId.startsWith(prefix)) return null;
  const dash = clientMsgId.indexOf('-', prefix.length);
  if (dash < 0) return null;
  const worker = Number(clientMsgId.slice(prefix.length, dash));
  const n = parseInt(clientMsgId.slice(dash + 1), 36);
  return Number.isInteger(worker) && Number.isInteger(n) ? [worker, n] : null;
}

const idOf = (prefix: string, worker: number, n: number) => `${prefix}${worker}-${n.toString(36).padStart(7, '0')}`;

/** A phase's sends: one row each, [counter, conversation, side, acked seq]; errors by row. */
class SendColumns {
  private readonly n = new Column(4096);
  private readonly conversation = new Column(4096);
  private readonly agent = new Column(4096);
  private readonly seq = new Column(4096);
  private readonly errors = new Map<number, string>();
  private readonly conversationIds: string[] = [''];
  private readonly conversationIndex = new Map<string, number>([['', 0]]);

  get length(): number {
    return this.n.length;
  }

  add(n: number, conversationId: string, side: 'visitor' | 'agent'): number {
    this.seq.push(-1);
    this.conversation.push(this.indexOf(conversationId));
    this.agent.push(side === 'agent' ? 1 : 0);
    return this.n.push(n);
  }

  acked(row: number, conversationId: string, seq: number): void {
    this.conversation.set(row, this.indexOf(conversationId));
    this.seq.set(row, seq);
  }

  failed(row: number, code: string): void {
    this.errors.set(row, code);
  }

  /** The rows as the accounting reads them. */
  records(prefix: string, workerIndex: number): SendRecord[] {
    return Array.from({ length: this.length }, (_, i): SendRecord => [
      idOf(prefix, workerIndex, this.n.get(i)),
      this.conversationIds[this.conversation.get(i)]!,
      this.agent.get(i) ? 'agent' : 'visitor',
      this.seq.get(i),
      this.errors.get(i) ?? '',
    ]);
  }

  private indexOf(conversationId: string): number {
    let i = this.conversationIndex.get(conversationId);
    if (i === undefined) {
      i = this.conversationIds.push(conversationId) - 1;
      this.conversationIndex.set(conversationId, i);
    }
    return i;
  }
}

export class Phase {
  readonly sends = new SendColumns();
  ack = new Histogram();
  deliver = new Histogram();
  errors: Record<string, number> = {};
  /** Messages addressed to this worker's receivers heard live. */
  delivered = 0;
  cpuStart = process.cpuUsage();
  wallStart = performance.now();

  constructor(readonly prefix: string) {}
}

export class Recorder {
  phase = new Phase('');
  /** Sends awaiting their ack. */
  inFlight = 0;
  readonly totals = { sent: 0, acked: 0, errors: 0 };
  /** Delivery latencies since the last progress report. */
  readonly progressDeliver = new Histogram();
  private counter = 0;
  private dropCounter = 0;

  constructor(
    private readonly workerIndex: number,
    private readonly faults: WorkerFaults,
  ) {}

  /** clientMsgIds of the current phase start with this. */
  get prefix(): string {
    return this.phase.prefix;
  }

  startPhase(prefix: string): void {
    this.phase = new Phase(prefix);
  }

  /** The phase's sends as the accounting reads them (built now, once). */
  sendRecords(): SendRecord[] {
    return this.phase.sends.records(this.prefix, this.workerIndex);
  }

  countError(code: string): void {
    this.phase.errors[code] = (this.phase.errors[code] ?? 0) + 1;
    this.totals.errors++;
  }

  /** Sends one message and records it; the ack fills in its seq, or its error. */
  async send(sock: BenchSocket, side: 'visitor' | 'agent', log: ConversationLog | null, conversationId: string | null): Promise<AckReply> {
    const n = this.counter++;
    const phase = this.phase;
    const clientMsgId = idOf(phase.prefix, this.workerIndex, n);
    const t = nowMs();
    const row = phase.sends.add(n, conversationId ?? '', side);
    this.totals.sent++;
    this.inFlight++;
    if (log) log.sending = true;
    const reply = await sock.request('message.send', { clientMsgId, body: body(t, n), ...(conversationId ? { conversationId } : {}) });
    this.inFlight--;
    if (log) log.sending = false;
    if (reply.ok) {
      const m = reply.data as Message;
      phase.sends.acked(row, m.conversationId, m.seq);
      this.totals.acked++;
      phase.ack.record(nowMs() - t);
    } else {
      const code = reply.error?.code ?? 'UNKNOWN';
      phase.sends.failed(row, code);
      this.countError(code);
    }
    return reply;
  }

  /** A message.created a receiver heard live; `from` is the side it is the addressee of. */
  receive(log: ConversationLog, m: Message, from: 'visitor' | 'agent'): void {
    const addressed = m.senderType === from && m.clientMsgId.startsWith(this.prefix);
    // The test fault: a receiver that loses frames.
    if (addressed && this.faults.dropEveryNth && ++this.dropCounter % this.faults.dropEveryNth === 0) return;
    log.heard(m.seq, m.clientMsgId, this.prefix);
    if (m.seq > log.maxSeq) log.maxSeq = m.seq;
    if (!addressed) return;
    this.phase.delivered++;
    const t = sentAt(m.body);
    if (Number.isNaN(t)) return;
    const latency = nowMs() - t;
    this.phase.deliver.record(latency);
    this.progressDeliver.record(latency);
  }
}

/**
 * What a receiver heard live in one phase, in arrival order: seq, and the clientMsgId as
 * (prefix, worker, n), or a worker of -1 and the id in `other`. The prefix is the
 * recorder's when it arrived (a late copy of the last step may arrive in the next).
 */
class HeardLive {
  private readonly seq = new Column();
  private readonly prefix = new Column();
  private readonly worker = new Column();
  private readonly n = new Column();
  private readonly other = new Map<number, string>();
  private readonly prefixes: string[] = [];

  add(seq: number, clientMsgId: string, prefix: string): void {
    const parts = idParts(clientMsgId, prefix);
    let k = this.prefixes.indexOf(prefix);
    if (k < 0) k = this.prefixes.push(prefix) - 1;
    const row = this.seq.push(seq);
    this.prefix.push(k);
    this.worker.push(parts ? parts[0] : -1);
    this.n.push(parts ? parts[1] : -1);
    if (!parts) this.other.set(row, clientMsgId);
  }

  entries(): [number, string][] {
    return Array.from({ length: this.seq.length }, (_, i): [number, string] => {
      const worker = this.worker.get(i);
      return [this.seq.get(i), worker < 0 ? this.other.get(i)! : idOf(this.prefixes[this.prefix.get(i)]!, worker, this.n.get(i))];
    });
  }
}

/** One side's view of one conversation. */
export class ConversationLog {
  private heardLive = new HeardLive();
  synced: string[] = [];
  maxSeq = 0;
  /** The final sync of a phase reads from here. */
  phaseStartSeq = 0;
  sending = false;

  constructor(
    readonly conversationId: string,
    readonly side: 'visitor' | 'agent',
  ) {}

  heard(seq: number, clientMsgId: string, prefix: string): void {
    this.heardLive.add(seq, clientMsgId, prefix);
  }

  /** Every message.created heard live this phase, in arrival order: [seq, clientMsgId]. */
  live(): [number, string][] {
    return this.heardLive.entries();
  }

  /** The next phase starts clean. */
  startPhase(): void {
    this.heardLive = new HeardLive();
    this.synced = [];
    this.phaseStartSeq = this.maxSeq;
  }
}
