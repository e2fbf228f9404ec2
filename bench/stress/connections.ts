/**
 * The connections scenario: as many idle visitor connections as one node takes,
 * what each costs in server RSS, then a reconnect storm: the node is SIGKILLed and
 * restarted on its port and data, and every visitor comes back (jittered backoff)
 * and says hello again.
 */
import type { WorkerConfig } from './ipc.js';
import type { BenchOptions } from './options.js';
import { openFilesLimit, rssKb } from './resources.js';
import { PAGE_ORIGIN } from './setup.js';
import type { KefuTarget } from './targets.js';
import { share, WorkerPool } from './workers.js';

/** How long a node has to collect its garbage (when asked: see liveRssKb) and give pages back before its RSS is read. */
const SETTLE_MS = 3000;
/** The storm's upper bound: beyond this it is reported as not complete. */
const STORM_TIMEOUT_MS = 120_000;

export interface ConnectionsResult {
  asked: number;
  held: number;
  failed: number;
  /** The server's and this process's open-file limits (soft). */
  fdLimit: { server: number | null; bench: number | null };
  rssBeforeMb: number;
  rssAfterMb: number;
  rssPerConnectionKb: number;
  storm: { restartMs: number; allBackMs: number | null; back: number };
}

/** The node's RSS once its garbage is collected (when it can be asked to) and SETTLE_MS has passed. */
async function liveRssKb(target: KefuTarget, pid: number): Promise<number> {
  target.collectGarbage();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return rssKb(pid);
}

export async function runConnections(options: BenchOptions, target: KefuTarget, siteKey: string, nonce: string, log: (line: string) => void): Promise<ConnectionsResult> {
  const pid = target.pids()[0];
  if (pid === undefined) throw new Error('the connections scenario needs a Kefu the bench starts (no --url)');
  const k = Math.min(options.workers, options.connections);
  const configs: WorkerConfig[] = Array.from({ length: k }, (_, w) => ({
    workerIndex: w,
    nonce,
    urls: target.urls,
    siteKey,
    pageOrigin: PAGE_ORIGIN,
    visitors: share(options.connections, k, w),
    agents: [],
    transport: options.transport,
    faults: options.faults,
    baseline: false,
    idle: true,
  }));
  let lastLog = 0;
  const pool = WorkerPool.start(configs, () => {
    if (Date.now() - lastLog < 1000) return;
    lastLog = Date.now();
    log(`visitors up ${pool.sum('visitorsUp')}, greeted ${pool.sum('greeted')}, refused ${pool.sum('failed')}, errors ${pool.sum('errors')}`);
  });
  try {
    const before = await liveRssKb(target, pid);
    await pool.all({ type: 'connect-visitors' }, 'visitors-up');
    const back = await pool.all({ type: 'await-visitors', timeoutMs: 30_000 }, 'visitors-back');
    const held = back.reduce((n, b) => n + b.greeted, 0);
    const after = await liveRssKb(target, pid);
    log(`${held} of ${options.connections} visitors held; server RSS ${Math.round(before / 1024)} -> ${Math.round(after / 1024)} MB`);

    const fdLimit = { server: openFilesLimit(pid), bench: openFilesLimit('self') };
    const killedAt = performance.now();
    await target.kill(0);
    await target.restart(0);
    const restartMs = Math.round(performance.now() - killedAt);
    log(`node restarted after ${restartMs} ms; waiting for every visitor to come back`);
    const returned = await pool.all({ type: 'await-visitors', timeoutMs: STORM_TIMEOUT_MS }, 'visitors-back');
    const backCount = returned.reduce((n, b) => n + b.greeted, 0);
    const allBackMs = backCount >= held ? Math.round(performance.now() - killedAt) : null;
    return {
      asked: options.connections,
      held,
      failed: options.connections - held,
      fdLimit,
      rssBeforeMb: Math.round(before / 102.4) / 10,
      rssAfterMb: Math.round(after / 102.4) / 10,
      rssPerConnectionKb: held ? Math.round(((after - before) / held) * 10) / 10 : 0,
      storm: { restartMs, allBackMs, back: backCount },
    };
  } finally {
    await pool.stop();
  }
}
