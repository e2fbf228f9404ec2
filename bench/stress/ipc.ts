/** What the runner and its worker processes tell each other (child_process IPC). */
import type { HistogramData } from './histogram.js';
import type { WorkerFaults } from './options.js';
import type { BenchAgent } from './setup.js';

export interface WorkerConfig {
  workerIndex: number;
  /** Starts every clientMsgId of this run, so that its rows can be told from any other's. */
  nonce: string;
  /** One per node; visitor i and agent j connect to urls[i % n] and urls[j % n]. */
  urls: string[];
  siteKey: string;
  pageOrigin: string;
  /** Global indices of the visitors this worker plays. */
  visitors: number[];
  agents: BenchAgent[];
  transport: 'websocket' | 'polling';
  faults: WorkerFaults;
  /** Against the baseline relay: handshakes carry the bench's indices, its pairing key. */
  baseline: boolean;
  /** Idle visitors only (the connections scenario): no first message, no agents. */
  idle: boolean;
}

/** One send: [clientMsgId, conversationId, sender side, acked seq or -1, error code or '']. */
export type SendRecord = [string, string, 'visitor' | 'agent', number, string];

/** What one side of one conversation received during a phase. */
export interface ReceiveLog {
  conversationId: string;
  side: 'visitor' | 'agent';
  /** Every message.created heard live, in arrival order: [seq, clientMsgId]. */
  live: [number, string][];
  /** This phase's messages from the other side that only the final sync found. */
  synced: string[];
}

export interface PhaseRecords {
  sends: SendRecord[];
  receives: ReceiveLog[];
  /** Conversations this worker's agents were assigned: [conversationId, agent index]. */
  assignments: [string, number][];
  ack: HistogramData;
  deliver: HistogramData;
  errors: Record<string, number>;
  /** This worker's CPU over the phase, % of one core. */
  cpuPercent: number;
}

export type ToWorker =
  | { type: 'connect-agents' }
  | { type: 'connect-visitors' }
  | { type: 'send'; step: number; visitorRatePerS: number; agentRatePerS: number; durationMs: number }
  | { type: 'settle'; timeoutMs: number }
  | { type: 'collect' }
  /** How far this worker is now: acks it got, deliveries its receivers heard this phase. */
  | { type: 'tally' }
  /** The connections scenario: drop nothing, just report when every visitor is back and greeted. */
  | { type: 'await-visitors'; timeoutMs: number }
  | { type: 'stop' };

export interface Tally {
  visitorsUp: number;
  agentsUp: number;
  /** Visitors greeted (session.hello answered) on their current connection. */
  greeted: number;
  failed: number;
  assigned: number;
  sent: number;
  acked: number;
  errors: number;
  /** Messages from the other side received live this phase. */
  delivered: number;
}

export interface Progress extends Tally {
  /** Since the previous progress report. */
  deliver: HistogramData;
}

export type FromWorker =
  | { type: 'progress'; progress: Progress }
  | { type: 'agents-up' }
  | { type: 'visitors-up'; conversations: number }
  | { type: 'sent' }
  | { type: 'settled'; unacked: number }
  | { type: 'records'; records: PhaseRecords }
  | { type: 'tally'; tally: Tally }
  | { type: 'visitors-back'; greeted: number }
  | { type: 'failed'; message: string };
