import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '../../apps/server/src/test-support/databases.js';
import { NODE_FLAGS, startNode, type NodeProcess } from '../../apps/server/src/test-support/process.js';
import { RedisChild } from '../chaos/redis.js';
import { pausesBetween, type ProcessPauses } from './pauses.js';
import { scrape } from './server-metrics.js';
import { readStored, type StoredRow } from './stored.js';

export const BENCH_ADMIN = { email: 'bench@example.com', password: 'bench admin with a long password' };

export interface KefuTarget {
  /** Where clients connect, one per node. */
  urls: string[];
  admin: { email: string; password: string };
  /** Server processes on this machine, for the resource sampler (none with --url). */
  pids(): number[];
  /** The bench's stored messages whose clientMsgId starts with `prefix`; null when the database is out of reach. */
  stored(prefix: string): Promise<StoredRow[] | null>;
  /** The SQLite file, for tests that reach into it. */
  sqliteFile: string | null;
  /** --cpu-prof, --heap-prof: starts (true) or ends and writes (false) each node's profiles; see profile-on-signal.mjs. */
  profile(on: boolean): void;
  /** Each process's garbage collections and event-loop delay between two wall-clock times (pause-log.mjs); none with --url. */
  pauses(fromMs: number, toMs: number): ProcessPauses[];
  /** Each node's GET /metrics now, in node order (null where it could not be had); none without a token. */
  metrics(): Promise<(string | null)[]>;
  /** Makes each node collect its garbage, when it was started to (collectGarbageOnSignal); a no-op otherwise. */
  collectGarbage(): void;
  /** SIGKILL a node, and start it again on its port and data (the reconnect storm). */
  kill(node: number): Promise<void>;
  restart(node: number): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  db: 'sqlite' | 'postgres';
  nodes: number;
  /** A folder for --cpu-prof's and --heap-prof's profiles, or null. */
  profileDir: string | null;
  /** Which profiles go there (default: the CPU's). */
  profiles?: { cpu: boolean; heap: boolean };
  /** SIGHUP makes the nodes collect their garbage (gc-on-signal.mjs), before an RSS is read. */
  collectGarbageOnSignal?: boolean;
}

/**
 * The built server as real processes on a fresh database (and a private
 * redis-server for more than one node), as chaos/cluster.ts does, without the
 * balancers: bench clients are spread over the nodes directly.
 */
export async function startKefu(options: StartOptions): Promise<KefuTarget> {
  const db: TestDatabase = await createTestDatabase(options.db);
  const redis = options.nodes > 1 ? await RedisChild.start() : null;
  const env: Record<string, string> = {
    DATABASE_URL: db.databaseUrl ?? '',
    REDIS_URL: redis?.url ?? '',
    KEFU_DATA_DIR: db.dataDir,
    KEFU_ADMIN_EMAIL: BENCH_ADMIN.email,
    KEFU_ADMIN_PASSWORD: BENCH_ADMIN.password,
    LOG_LEVEL: 'warn',
    // The server's own figures for each step (server-metrics.ts).
    KEFU_METRICS_TOKEN: randomBytes(24).toString('hex'),
  };
  // startNode takes no node flags (and Node 20 refuses --cpu-prof in NODE_OPTIONS): preloads instead.
  const pauseDir = path.join(db.dataDir, 'pauses');
  fs.mkdirSync(pauseDir, { recursive: true });
  env.KEFU_BENCH_PAUSE_DIR = pauseDir;
  const preloads: string[] = ['./pause-log.mjs'];
  if (options.profileDir) {
    fs.mkdirSync(options.profileDir, { recursive: true });
    const { cpu, heap } = options.profiles ?? { cpu: true, heap: false };
    preloads.push('./profile-on-signal.mjs');
    env.KEFU_BENCH_PROFILES = [...(cpu ? ['cpu'] : []), ...(heap ? ['heap'] : [])].join(',');
    env.KEFU_BENCH_PROFILE_DIR = options.profileDir;
  }
  if (options.collectGarbageOnSignal) preloads.push('./gc-on-signal.mjs');
  env.NODE_OPTIONS = [process.env.NODE_OPTIONS ?? '', ...preloads.map((p) => `--import=${fileURLToPath(new URL(p, import.meta.url))}`)].join(' ').trim();
  const nodes: (NodeProcess | null)[] = [];
  const ports: number[] = [];
  const sqliteFile = db.databaseUrl ? null : path.join(db.dataDir, 'kefu.db');
  const close = async () => {
    // SIGTERM: a graceful exit, which is also when --cpu-prof writes its profile.
    await Promise.all(nodes.map((n) => n?.stop('SIGTERM')));
    await redis?.kill();
    await db.drop();
  };
  try {
    // The first node alone: the bootstrap (admin, default site) happens once.
    for (let i = 0; i < options.nodes; i++) {
      const node = await startNode(env);
      nodes.push(node);
      ports.push(node.port);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    urls: nodes.map((n) => n!.url),
    admin: BENCH_ADMIN,
    pids: () => nodes.flatMap((n) => (n?.child.pid ? [n.child.pid] : [])),
    stored: (prefix) => readStored({ sqliteFile, databaseUrl: db.databaseUrl }, prefix),
    sqliteFile,
    pauses: (fromMs, toMs) => pausesBetween(pauseDir, nodes.flatMap((n) => (n?.child.pid ? [n.child.pid] : [])), fromMs, toMs),
    metrics: () => Promise.all(nodes.map((n) => (n ? scrape(n.url, env.KEFU_METRICS_TOKEN!) : null))),
    profile: () => {
      if (!options.profileDir) return;
      for (const node of nodes) node?.child.kill('SIGUSR2');
    },
    collectGarbage: () => {
      if (!options.collectGarbageOnSignal) return;
      for (const node of nodes) node?.child.kill('SIGHUP');
    },
    async kill(i) {
      const node = nodes[i];
      nodes[i] = null;
      await node?.stop('SIGKILL');
    },
    async restart(i) {
      if (!nodes[i]) nodes[i] = await startNode(env, { port: ports[i]! });
    },
    close,
  };
}

/**
 * A Kefu someone else runs (--url): no processes to sample, stored counted only with
 * --database-url, its own figures only when the bench has its KEFU_METRICS_TOKEN.
 */
export function remoteKefu(url: string, admin: { email: string; password: string }, databaseUrl: string | null, metricsToken = process.env.KEFU_METRICS_TOKEN): KefuTarget {
  const where = databaseUrl && /^postgres(ql)?:/.test(databaseUrl) ? { sqliteFile: null, databaseUrl } : { sqliteFile: databaseUrl, databaseUrl: null };
  return {
    urls: [url],
    admin,
    pids: () => [],
    stored: (prefix) => (databaseUrl ? readStored(where, prefix) : Promise.resolve(null)),
    sqliteFile: where.sqliteFile,
    pauses: () => [],
    metrics: async () => (metricsToken ? [await scrape(url, metricsToken)] : []),
    profile: () => undefined,
    collectGarbage: () => undefined,
    kill: () => Promise.reject(new Error('cannot kill a Kefu the bench did not start')),
    restart: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

/** The relays, by what carries them: plain `ws`, or Socket.IO. */
const RELAYS = { ws: './baseline-relay.ts', socketio: './socketio-relay.ts' } as const;
export type RelayKind = keyof typeof RELAYS;

/** A baseline relay (baseline-relay.ts or socketio-relay.ts) as its own process on a free port. */
export async function startRelay(agents: number, kind: RelayKind): Promise<KefuTarget> {
  const script = fileURLToPath(new URL(RELAYS[kind], import.meta.url));
  const hooks = fileURLToPath(new URL('./hooks.mjs', import.meta.url));
  const pauseLog = fileURLToPath(new URL('./pause-log.mjs', import.meta.url));
  const pauseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-relay-pauses-'));
  // The Socket.IO relay runs as Kefu's nodes do (their young generation), to compare like with like.
  const flags = kind === 'socketio' ? NODE_FLAGS : [];
  const child = spawn(process.execPath, [...flags, '--import', hooks, '--import', pauseLog, script, String(agents)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KEFU_BENCH_PAUSE_DIR: pauseDir },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the ${kind} relay exited with ${code}: ${out}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    urls: [`http://127.0.0.1:${port}`],
    admin: BENCH_ADMIN,
    pids: () => (child.pid ? [child.pid] : []),
    stored: () => Promise.resolve(null),
    sqliteFile: null,
    pauses: (fromMs, toMs) => pausesBetween(pauseDir, child.pid ? [child.pid] : [], fromMs, toMs),
    metrics: () => Promise.resolve([]),
    profile: () => undefined,
    collectGarbage: () => undefined,
    kill: () => Promise.reject(new Error('the relay has no storm')),
    restart: () => Promise.resolve(),
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(pauseDir, { recursive: true, force: true });
    },
  };
}
