import { messagePreview, type Message } from '@kefu/protocol';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import { newOrderedId } from '../ids.js';
import type { Storage } from '../storage/connect.js';
import { storeBatch, type ConversationHead, type PendingMessage } from './batch.js';

/** More than this many waiting messages go in the next transaction (bounded statement size). */
const BATCH_MAX = 256;
/**
 * A batch starts at least this long after the previous one started. A commit costs
 * about as much as storing a few dozen messages (it writes every page the batch
 * touched), so under load waiting this little for more company is far cheaper than
 * committing at once; a quiet node still stores at once (the previous batch is old).
 */
const BATCH_GAP_MS = 2;
/**
 * Batches on their way to SQLite at once. Its thread stores them one after the other,
 * so the second waits there, ready, instead of for the event loop to hear the first
 * back (a scavenge, or a turn sending a batch's acks, holds that up by milliseconds).
 * One on PostgreSQL: two transactions there lock their rows in whichever order the
 * server runs them, and a later batch could give a conversation's message a lower seq
 * than an earlier one, to be sent after it.
 */
const IN_FLIGHT_MAX = { sqlite: 2, postgres: 1 } as const;

export type SendRequest = Omit<PendingMessage, 'id' | 'createdAt' | 'preview'>;

export interface Sent {
  message: Message;
  /** False for a resend of a stored clientMsgId. */
  created: boolean;
  conversation: ConversationHead;
}

interface Waiting {
  pending: PendingMessage;
  resolve: (sent: Sent) => void;
  reject: (err: unknown) => void;
  /** performance.now() when it reached the writer. */
  since: number;
}

/** What the writer reports of its work (metrics/metrics.ts turns it into histograms). */
export interface WriterObserver {
  /** One batch went to the database and came back: how many messages, how long it took. */
  batchStored(messages: number, ms: number): void;
  /** A message's outcome is known, this long after it reached the writer: its ack and copies go out next. */
  messageSettled(ms: number): void;
}

/**
 * Group commit for people's messages. Sends arriving while the previous transaction
 * runs (or in the same turn of the event loop) are stored together in one transaction
 * (see storeBatch), so a busy node pays a handful of statements per batch instead of
 * per message, and each sender's ack still follows the commit of their message. A quiet
 * node stores each message at once, alone. On SQLite the next batch leaves while the
 * previous one is stored (IN_FLIGHT_MAX).
 *
 * What a batch cannot settle by itself (a resend, a refusal, a failed transaction) is
 * settled one message at a time by `single`, which knows the exact answer.
 */
export class MessageWriter {
  private queue: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;
  private lastStart = 0;
  /** Settles when the last batch sent has been settled: each batch settles after the one before it. */
  private settled: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Pick<Storage, 'dialect' | 'runSteps'>,
    private readonly single: (pending: PendingMessage) => Promise<Sent>,
    private readonly log: Logger,
    private readonly observer: WriterObserver | null = null,
  ) {}

  /**
   * The message's id is time-ordered, so that the primary key index grows at its end
   * instead of everywhere. Its fields are written out: `{ ...request, id, ... }` cost 3
   * µs a message, thirty times this (V8 copies a spread with added fields slowly).
   */
  send(request: SendRequest): Promise<Sent> {
    const pending: PendingMessage = {
      id: newOrderedId(),
      conversationId: request.conversationId,
      clientMsgId: request.clientMsgId,
      senderType: request.senderType,
      senderId: request.senderId,
      agentName: request.agentName,
      body: request.body,
      preview: messagePreview(request.body),
      createdAt: Date.now(),
      allowed: request.allowed,
    };
    return new Promise((resolve, reject) => {
      this.queue.push({ pending, resolve, reject, since: performance.now() });
      this.schedule();
    });
  }

  /** `now`: the previous batch just ended, so start at once when its gap allows (see run). */
  private schedule(now = false): void {
    if (this.inFlight >= IN_FLIGHT_MAX[this.storage.dialect] || this.scheduled) return;
    const wait = this.lastStart + BATCH_GAP_MS - performance.now();
    if (now && wait <= 0) {
      void this.run();
      return;
    }
    this.scheduled = true;
    const start = () => {
      this.scheduled = false;
      void this.run();
    };
    // After the I/O of this turn at least: every packet already read joins the batch.
    if (wait > 0) setTimeout(start, wait);
    else setImmediate(start);
  }

  private async run(): Promise<void> {
    if (this.queue.length === 0) return;
    this.inFlight++;
    const started = (this.lastStart = performance.now());
    const batch = this.queue.splice(0, BATCH_MAX);
    const before = this.settled;
    let done!: () => void;
    this.settled = new Promise((resolve) => (done = resolve));
    const settle = await this.write(batch);
    this.observer?.batchStored(batch.length, performance.now() - started);
    this.inFlight--;
    if (this.queue.length > 0) this.schedule(true);
    // The next batch is on its way to the database before this batch's senders hear back
    // (a setImmediate runs after the microtasks that send it), so the database stores it
    // while the event loop sends this one's acks and copies. Batches are settled in the
    // order they were sent, so that every receiver hears a conversation's seqs in order.
    await before;
    setImmediate(() => {
      settle();
      this.observeSettled(batch);
      done();
    });
  }

  private observeSettled(batch: Waiting[]): void {
    if (!this.observer) return;
    const now = performance.now();
    for (const w of batch) this.observer.messageSettled(now - w.since);
  }

  /** Stores the batch; what it returns tells each sender how it went. Never throws. */
  private async write(batch: Waiting[]): Promise<() => void> {
    let outcomes;
    try {
      outcomes = await storeBatch(this.storage, batch.map((w) => w.pending));
    } catch (err) {
      // E.g. a concurrent resend of one clientMsgId on another node won the unique index,
      // or PostgreSQL chose this batch as a deadlock victim: nothing of it was stored.
      this.log.warn({ err, size: batch.length }, 'message batch failed; storing its messages one by one');
      await Promise.all(batch.map((w) => this.single(w.pending).then(w.resolve, w.reject)));
      return () => {};
    }
    return () => {
      for (const [i, outcome] of outcomes.entries()) {
        const waiting = batch[i]!;
        if (outcome.kind === 'stored') waiting.resolve({ message: outcome.message, created: true, conversation: outcome.conversation });
        else if (outcome.kind === 'refused') waiting.reject(new AppError(outcome.reason));
        else void this.single(waiting.pending).then(waiting.resolve, waiting.reject);
      }
    };
  }
}
