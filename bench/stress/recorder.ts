/**
 * What a worker records of one phase (the warm-up, or a measured step): every send
 * with its ack or error, every message each receiver heard live, the latencies.
 * Kept apart from the people who send and receive (worker.ts) so that the records
 * have one owner.
 */
import type { Message } from '@kefu/protocol';
import { body, sentAt } from './bodies.js';
import { Histogram, nowMs } from './histogram.js';
import type { SendRecord } from './ipc.js';
import type { AckReply, LeanSocket } from './lean-socket.js';
import type { WorkerFaults } from './options.js';

export type BenchSocket = Pick<LeanSocket, 'up' | 'reconnects' | 'connect' | 'request' | 'close' | 'drop'>;

export class Phase {
  sends: SendRecord[] = [];
  ack = new Histogram();
  deliver = new Histogram();
  errors: Record<string, number> = {};
  /** Messages addressed to this worker's receivers heard live. */
  delivered = 0;
  cpuStart = process.cpuUsage();
  wallStart = performance.now();
}

export class Recorder {
  /** clientMsgIds of the current phase start with this. */
  prefix = '';
  phase = new Phase();
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

  startPhase(prefix: string): void {
    this.prefix = prefix;
    this.phase = new Phase();
  }

  countError(code: string): void {
    this.phase.errors[code] = (this.phase.errors[code] ?? 0) + 1;
    this.totals.errors++;
  }

  /** Sends one message and records it; the ack fills in its seq, or its error. */
  async send(sock: BenchSocket, side: 'visitor' | 'agent', log: ConversationLog | null, conversationId: string | null): Promise<AckReply> {
    const n = this.counter++;
    const clientMsgId = `${this.prefix}${this.workerIndex}-${n.toString(36)}`;
    const t = nowMs();
    const record: SendRecord = [clientMsgId, conversationId ?? '', side, -1, ''];
    const phase = this.phase;
    phase.sends.push(record);
    this.totals.sent++;
    this.inFlight++;
    if (log) log.sending = true;
    const reply = await sock.request('message.send', { clientMsgId, body: body(t, n), ...(conversationId ? { conversationId } : {}) });
    this.inFlight--;
    if (log) log.sending = false;
    if (reply.ok) {
      const m = reply.data as Message;
      record[1] = m.conversationId;
      record[3] = m.seq;
      this.totals.acked++;
      phase.ack.record(nowMs() - t);
    } else {
      record[4] = reply.error?.code ?? 'UNKNOWN';
      this.countError(record[4]);
    }
    return reply;
  }

  /** A message.created a receiver heard live; `from` is the side it is the addressee of. */
  receive(log: ConversationLog, m: Message, from: 'visitor' | 'agent'): void {
    const addressed = m.senderType === from && m.clientMsgId.startsWith(this.prefix);
    // The test fault: a receiver that loses frames.
    if (addressed && this.faults.dropEveryNth && ++this.dropCounter % this.faults.dropEveryNth === 0) return;
    log.live.push([m.seq, m.clientMsgId]);
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

/** One side's view of one conversation. */
export class ConversationLog {
  live: [number, string][] = [];
  synced: string[] = [];
  maxSeq = 0;
  /** The final sync of a phase reads from here. */
  phaseStartSeq = 0;
  sending = false;

  constructor(
    readonly conversationId: string,
    readonly side: 'visitor' | 'agent',
  ) {}
}
