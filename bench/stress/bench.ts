import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../apps/server/src/config.js';
import { runConnections } from './connections.js';
import { runMessages, type MessagesHooks } from './messages.js';
import type { BenchOptions } from './options.js';
import type { BenchResult } from './report.js';
import { setUpKefu, setUpSite, type BenchSetup } from './setup.js';
import { remoteKefu, startKefu, startRelay, type KefuTarget } from './targets.js';

/** HEAD and whether the server's sources differ from it: numbers change as the server does. */
function treeState(): BenchResult['tree'] {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), serverChanged: git('status', '--porcelain', '--', 'apps/server', 'packages').length > 0 };
  } catch {
    return null;
  }
}

/** Kefu's highest sustainable rate over a relay's, to two places. */
const ratioOf = (kefu: number | null, relay: number | null): number | null => (kefu !== null && relay ? Math.round((kefu / relay) * 100) / 100 : null);

async function withTarget<T>(target: KefuTarget, use: (t: KefuTarget) => Promise<T>): Promise<T> {
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}

/**
 * One `npm run bench`: starts Kefu (or targets --url), sets it up through its REST
 * API, runs the scenario with worker processes, and with --baseline (and
 * --socketio-baseline) the same clients against the plain relays. Everything it started it stops.
 */
export async function runBench(options: BenchOptions, hooks: MessagesHooks): Promise<BenchResult> {
  const nonce = randomBytes(3).toString('hex');
  const measuredAt = new Date().toISOString();
  const profileDir = options.cpuProf || options.heapProf ? path.join(REPO_ROOT, 'bench/results', measuredAt.replace(/[:.]/g, '-')) : null;
  const profiles = { cpu: options.cpuProf, heap: options.heapProf };
  const { faults: _faults, ...shown } = options;
  const machine = { cores: os.availableParallelism(), loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100 };
  const result: BenchResult = { scenario: options.scenario, measuredAt, tree: treeState(), machine, options: { ...shown, profileDir } };
  const kefu = () => (options.url ? Promise.resolve(remoteKefu(options.url, { email: options.adminEmail!, password: options.adminPassword! }, options.databaseUrl)) : startKefu({ db: options.db, nodes: options.nodes, profileDir, profiles }));

  if (options.scenario === 'connections') {
    result.connections = await withTarget(await startKefu({ db: options.db, nodes: 1, profileDir, profiles, collectGarbageOnSignal: true }), async (target) => {
      const { siteKey } = await setUpSite(target.urls[0]!, target.admin, nonce);
      return runConnections(options, target, siteKey, nonce, hooks.log);
    });
    return result;
  }

  result.kefu = await withTarget(await kefu(), async (target) => {
    hooks.log(`Kefu at ${target.urls.join(', ')}: setting up ${options.agents} agents`);
    const setup = await setUpKefu(target.urls[0]!, target.admin, options.visitors, options.agents, nonce);
    return runMessages(options, target, setup, 'kefu', nonce, hooks);
  });
  const relays = [...(options.baseline ? (['ws'] as const) : []), ...(options.socketioBaseline ? (['socketio'] as const) : [])];
  for (const kind of relays) {
    const run = await withTarget(await startRelay(options.agents, kind), (relay) => {
      hooks.log(`${kind} relay at ${relay.urls[0]}`);
      const setup: BenchSetup = { siteKey: 'baseline', agents: Array.from({ length: options.agents }, (_, j) => ({ index: j, agentId: `a${j}`, cookie: '' })) };
      return runMessages(options, relay, setup, 'baseline', `${nonce}${kind === 'ws' ? 'r' : 's'}`, hooks);
    });
    const ratio = ratioOf(result.kefu.maxSustainablePerS, run.maxSustainablePerS);
    if (kind === 'ws') {
      result.baseline = run;
      result.ratioToBaseline = ratio;
    } else {
      result.socketioBaseline = run;
      result.ratioToSocketio = ratio;
    }
  }
  if (profileDir) hooks.log(`CPU profiles in ${profileDir} (open them in Chromium DevTools or speedscope)`);
  return result;
}
