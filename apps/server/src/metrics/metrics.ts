import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { WriterObserver } from '../messages/writer.js';

/**
 * Seconds, finest where a healthy node lives: a message is stored and acknowledged in a
 * few milliseconds, and what an operator needs to see is when that becomes tens.
 */
const LATENCY_BUCKETS = [0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Messages per batch: up to the writer's BATCH_MAX (256). */
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

export type ConnectionCounts = () => { visitor: number; agent: number };

/**
 * What a node tells Prometheus (GET /metrics, see routes.ts): Node's own figures
 * (CPU, memory, event-loop delay, garbage collection: prom-client's defaults) and the
 * message path's, where "is the chat slow?" is answered. One registry per node; each
 * node is scraped on its own.
 */
export class Metrics implements WriterObserver {
  readonly registry = new Registry();
  private readonly settled: Histogram;
  private readonly batchSeconds: Histogram;
  private readonly batchSize: Histogram;
  private connections: ConnectionCounts = () => ({ visitor: 0, agent: 0 });

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.settled = new Histogram({
      name: 'kefu_message_settle_seconds',
      help: "From a person's message reaching the message writer to its outcome being known (stored, or refused); its ack and copies go out next.",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'kefu_message_batch_seconds',
      help: 'One batch of messages stored: the transaction, from the writer to the database and back.',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.batchSize = new Histogram({
      name: 'kefu_message_batch_messages',
      help: 'Messages per stored batch (group commit: more under load).',
      buckets: BATCH_BUCKETS,
      registers,
    });
    const counts = () => this.connections();
    new Gauge({
      name: 'kefu_connections',
      help: 'Socket.IO connections to this node, by namespace.',
      labelNames: ['namespace'] as const,
      registers,
      collect() {
        const { visitor, agent } = counts();
        this.set({ namespace: 'visitor' }, visitor);
        this.set({ namespace: 'agent' }, agent);
      },
    });
  }

  /** Where kefu_connections reads its figures (the realtime layer, once it exists). */
  countConnections(counts: ConnectionCounts): void {
    this.connections = counts;
  }

  batchStored(messages: number, ms: number): void {
    this.batchSize.observe(messages);
    this.batchSeconds.observe(ms / 1000);
  }

  messageSettled(ms: number): void {
    this.settled.observe(ms / 1000);
  }
}
