import path from 'node:path';
import { parseArgs } from 'node:util';

export interface Config {
  port: number;
  host: string;
  /** The URL browsers reach Kefu at; its origin is Kefu's own origin (console, widget iframe). */
  publicUrl: string;
  /** postgres://... or null for SQLite under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** Set: fan-out across nodes through Redis. */
  redisUrl: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  logLevel: string;
  /** How long a person may have no connection before they count as offline (page changes, short drops). */
  presenceGraceMs: number;
  /** The server pings every pingIntervalMs; a client that has not answered pingTimeoutMs later is dropped. */
  pingIntervalMs: number;
  pingTimeoutMs: number;
  /** How often routing looks for chats to auto-reply to or reassign (their timers are per site, in seconds). */
  routingSweepMs: number;
  /** While messages keep coming, each conversation's inbox row goes to all agents at most this often (see SummaryPublisher). */
  inboxRowIntervalMs: number;
  /** Where the built front-ends are; tests may point elsewhere. */
  staticRoot: string;
  /** Set: GET /metrics answers Prometheus with this bearer token; unset: /metrics does not exist. */
  metricsToken: string | null;
}

const FLAGS = {
  port: 'PORT',
  host: 'HOST',
  'public-url': 'KEFU_PUBLIC_URL',
  'database-url': 'DATABASE_URL',
  'data-dir': 'KEFU_DATA_DIR',
  'redis-url': 'REDIS_URL',
  'admin-email': 'KEFU_ADMIN_EMAIL',
  'admin-password': 'KEFU_ADMIN_PASSWORD',
  'log-level': 'LOG_LEVEL',
  'presence-grace-ms': 'PRESENCE_GRACE_MS',
  'ping-interval-ms': 'KEFU_PING_INTERVAL_MS',
  'ping-timeout-ms': 'KEFU_PING_TIMEOUT_MS',
  'routing-sweep-ms': 'KEFU_ROUTING_SWEEP_MS',
  'inbox-row-interval-ms': 'KEFU_INBOX_ROW_INTERVAL_MS',
  'metrics-token': 'KEFU_METRICS_TOKEN',
} as const;

/** A token anyone could guess would publish the node's figures to the world. */
const METRICS_TOKEN_MIN_LENGTH = 16;

/** The repository's root, where apps/* live, found from this file (src/ or dist/). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/** Environment variables, overridden by the matching `--flag value` arguments. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(FLAGS).map((k) => [k, { type: 'string' as const }])),
    strict: true,
  });
  const get = (flag: keyof typeof FLAGS): string | undefined => (values[flag] as string | undefined) ?? env[FLAGS[flag]] ?? undefined;

  const port = Number(get('port') ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0-65535, got ${get('port')}`);
  const publicUrl = (get('public-url') ?? `http://localhost:${port}`).replace(/\/$/, '');
  new URL(publicUrl); // throws a clear "Invalid URL" early
  const millis = (flag: keyof typeof FLAGS, fallback: number) => {
    const value = Number(get(flag) ?? fallback);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${FLAGS[flag]} must be a number of milliseconds, got ${get(flag)}`);
    return value;
  };
  const metricsToken = get('metrics-token') || null;
  if (metricsToken !== null && metricsToken.length < METRICS_TOKEN_MIN_LENGTH) {
    throw new Error(`KEFU_METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters (e.g. openssl rand -hex 24)`);
  }
  const databaseUrl = get('database-url') || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite)');
  }
  return {
    port,
    host: get('host') ?? '0.0.0.0',
    publicUrl,
    databaseUrl,
    dataDir: path.resolve(get('data-dir') ?? 'data'),
    redisUrl: get('redis-url') || null,
    adminEmail: get('admin-email') || null,
    adminPassword: get('admin-password') || null,
    logLevel: get('log-level') ?? 'info',
    presenceGraceMs: millis('presence-grace-ms', 15_000),
    pingIntervalMs: millis('ping-interval-ms', 20_000),
    pingTimeoutMs: millis('ping-timeout-ms', 15_000),
    routingSweepMs: millis('routing-sweep-ms', 5_000) || 5_000,
    inboxRowIntervalMs: millis('inbox-row-interval-ms', 1_000),
    staticRoot: REPO_ROOT,
    metricsToken,
  };
}
