import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromWorker, Progress, Tally, ToWorker, WorkerConfig } from './ipc.js';
import { pausesBetween, type ProcessPauses } from './pauses.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const HOOKS = fileURLToPath(new URL('./hooks.mjs', import.meta.url));
const PAUSE_LOG = fileURLToPath(new URL('./pause-log.mjs', import.meta.url));

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/**
 * The bench's client processes (child_process.fork), each playing a share of the
 * visitors and agents, so that the clients' CPU is not what limits the figures.
 */
export class WorkerPool {
  /** Each worker's latest progress report. */
  readonly progress: (Progress | null)[];
  private readonly waiting = new Map<ChildProcess, { type: string; resolve: (m: FromWorker) => void; reject: (e: Error) => void }>();
  private stopping = false;

  private constructor(
    private readonly children: ChildProcess[],
    private readonly onProgress: (progress: Progress) => void,
    private readonly pauseDir: string,
  ) {
    this.progress = children.map(() => null);
    children.forEach((child, i) => {
      child.on('message', (m: FromWorker) => {
        if (m.type === 'progress') {
          this.progress[i] = m.progress;
          this.onProgress(m.progress);
          return;
        }
        const wait = this.waiting.get(child);
        if (m.type === 'failed') return wait?.reject(new Error(`worker ${i} failed: ${m.message}`));
        if (wait?.type === m.type) {
          this.waiting.delete(child);
          wait.resolve(m);
        }
      });
      child.on('exit', (code, signal) => {
        const wait = this.waiting.get(child);
        if (!this.stopping) wait?.reject(new Error(`worker ${i} exited with ${code ?? signal}`));
      });
    });
  }

  static start(configs: WorkerConfig[], onProgress: (progress: Progress) => void = () => undefined): WorkerPool {
    // Their own pauses too: a client that stood still delays what it measures as much as the server would.
    const pauseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-bench-pauses-'));
    const children = configs.map((config) => {
      // Their stdout goes to our stderr: with --json, stdout holds the result alone. A
      // roomier young generation, as the server has: a worker keeps a record of every
      // send and receipt, and scavenging them half as often halved its time in GC.
      const child = fork(WORKER, [], {
        execArgv: ['--max-semi-space-size=64', '--import', HOOKS, '--import', PAUSE_LOG],
        env: { ...process.env, KEFU_BENCH_PAUSE_DIR: pauseDir },
        stdio: ['ignore', 2, 2, 'ipc'],
      });
      child.send(config);
      return child;
    });
    return new WorkerPool(children, onProgress, pauseDir);
  }

  /** Each worker's garbage collections and event-loop delay between two wall-clock times, in worker order. */
  pauses(fromMs: number, toMs: number): ProcessPauses[] {
    return pausesBetween(this.pauseDir, this.children.flatMap((c) => (c.pid ? [c.pid] : [])), fromMs, toMs);
  }

  get size(): number {
    return this.children.length;
  }

  /** Tells every worker (or each its own message) and waits for each one's reply. */
  async all<T extends FromWorker['type']>(message: ToWorker | ((i: number) => ToWorker), reply: T): Promise<Reply<T>[]> {
    return Promise.all(this.children.map((child, i) => new Promise<Reply<T>>((resolve, reject) => {
      this.waiting.set(child, { type: reply, resolve: resolve as (m: FromWorker) => void, reject });
      child.send(typeof message === 'function' ? message(i) : message);
    })));
  }

  /** Sums a figure over the workers' latest progress reports (up to a second old). */
  sum(figure: keyof Tally): number {
    return this.progress.reduce((n, p) => n + (p?.[figure] ?? 0), 0);
  }

  /** Every worker's figures now, summed. */
  async tally(): Promise<Tally> {
    const tallies = (await this.all({ type: 'tally' }, 'tally')).map((t) => t.tally);
    const sum = {} as Tally;
    for (const key of Object.keys(tallies[0]!) as (keyof Tally)[]) sum[key] = tallies.reduce((n, t) => n + t[key], 0);
    return sum;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (child.connected) child.send({ type: 'stop' } satisfies ToWorker);
      else child.kill('SIGKILL');
    })));
    fs.rmSync(this.pauseDir, { recursive: true, force: true });
  }
}

/** Splits 0..n-1 over k workers, round-robin. */
export function share(n: number, k: number, worker: number): number[] {
  const mine: number[] = [];
  for (let i = worker; i < n; i += k) mine.push(i);
  return mine;
}
