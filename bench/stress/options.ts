import os from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  visitors: number;
  agents: number;
  /** Messages a second offered in total, visitors and agents together. */
  rate: number;
  durationMs: number;
  /** The share of `rate` that agents send. */
  agentShare: number;
  db: 'sqlite' | 'postgres';
  nodes: number;
  transport: 'websocket' | 'polling';
  workers: number;
  json: boolean;
  findMax: boolean;
  stepDurationMs: number;
  /** --find-max stops when p99 send->deliver exceeds this. */
  p99BoundMs: number;
  /** Raise the rate by this factor per --find-max step. */
  stepFactor: number;
  maxSteps: number;
  /** --find-max: tries at a rate beyond the first, after a step that missed only its latency or rate bound. */
  retries: number;
  baseline: boolean;
  /** Also the same relay on plain Socket.IO: how much of the gap is Socket.IO's own. */
  socketioBaseline: boolean;
  /** Target a running Kefu instead of starting one. */
  url: string | null;
  adminEmail: string | null;
  adminPassword: string | null;
  /** With --url: the database to count `stored` in (postgres://... or a SQLite file path). */
  databaseUrl: string | null;
  scenario: 'messages' | 'connections';
  connections: number;
  cpuProf: boolean;
  /** Server processes sample their allocations in each measured step (profile-on-signal.mjs). */
  heapProf: boolean;
  /** Upper bound of the wait for acks and deliveries after each measured phase. */
  drainMs: number;
  /** Test faults, off in real runs. */
  faults: WorkerFaults;
}

export interface WorkerFaults {
  /** Receivers drop every Nth message addressed to them (0: none). */
  dropEveryNth: number;
  /** Receivers skip the final sync, so that dropped frames stay missing. */
  skipFinalSync: boolean;
}

export const HELP = `usage: npm run bench -- [options]      (see docs/benchmarks.md, "Stress bench")
  --visitors V          visitors, one conversation each (default 2000)
  --agents A            agents answering them (default 50)
  --rate R              messages/s offered in total (default 2000)
  --agent-share F       share of R that agents send (default 0.5)
  --duration S          seconds measured (default 20)
  --db sqlite|postgres  storage of the started Kefu (default sqlite; postgres: KEFU_TEST_PG)
  --nodes N             Kefu processes; N > 1 needs postgres, and a private redis-server is started
  --transport websocket|polling   websocket: the bench's lean client; polling: @kefu/client (default websocket)
  --workers K           client processes (default: cores, at least 2)
  --find-max            raise the rate step by step until p99 > --p99 or anything is lost
                        (halving it first while even --rate does not hold)
  --step-duration S     seconds per --find-max step (default 10)
  --step-factor F       rate multiplier per step (default 1.3)
  --max-steps N         at most this many steps (default 20)
  --retries N           a step that missed only its p99 or rate bound runs again at that rate, N times (default 1)
  --p99 MS              the p99 send->deliver bound of --find-max (default 50)
  --baseline            also run a plain ws relay without persistence with the same clients, and compare
  --socketio-baseline   also run the same relay on plain Socket.IO (how much of the gap is Socket.IO's own)
  --url URL             target a running Kefu (setup with --admin-email/--admin-password)
  --database-url URL    with --url: where to count stored messages (postgres://... or a SQLite file)
  --scenario messages|connections   connections: idle visitors held, RSS per connection, reconnect storm
  --connections N       visitors of the connections scenario (default 19000)
  --cpu-prof            server processes write .cpuprofile files into bench/results/<stamp>/
  --heap-prof           server processes write .heapprofile files (allocations sampled) there too
  --drain S             upper bound of the wait for acks and deliveries after a phase (default 10)
  --json                one JSON object on stdout, nothing else
  -h, --help`;

export function parseOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      visitors: { type: 'string', default: '2000' },
      agents: { type: 'string', default: '50' },
      rate: { type: 'string', default: '2000' },
      'agent-share': { type: 'string', default: '0.5' },
      duration: { type: 'string', default: '20' },
      db: { type: 'string', default: 'sqlite' },
      nodes: { type: 'string', default: '1' },
      transport: { type: 'string', default: 'websocket' },
      workers: { type: 'string', default: String(Math.max(2, os.availableParallelism())) },
      'find-max': { type: 'boolean', default: false },
      'step-duration': { type: 'string', default: '10' },
      'step-factor': { type: 'string', default: '1.3' },
      'max-steps': { type: 'string', default: '20' },
      retries: { type: 'string', default: '1' },
      p99: { type: 'string', default: '50' },
      baseline: { type: 'boolean', default: false },
      'socketio-baseline': { type: 'boolean', default: false },
      url: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'database-url': { type: 'string' },
      scenario: { type: 'string', default: 'messages' },
      connections: { type: 'string', default: '19000' },
      'cpu-prof': { type: 'boolean', default: false },
      'heap-prof': { type: 'boolean', default: false },
      drain: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const number = (name: keyof typeof values, min: number, integer = true): number => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${values[name]}`);
    return n;
  };
  const oneOf = <T extends string>(name: keyof typeof values, allowed: readonly T[]): T => {
    const v = values[name] as T;
    if (!allowed.includes(v)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got ${v}`);
    return v;
  };
  const options: BenchOptions = {
    visitors: number('visitors', 1),
    agents: number('agents', 1),
    rate: number('rate', 1, false),
    durationMs: number('duration', 0.1, false) * 1000,
    agentShare: number('agent-share', 0, false),
    db: oneOf('db', ['sqlite', 'postgres'] as const),
    nodes: number('nodes', 1),
    transport: oneOf('transport', ['websocket', 'polling'] as const),
    workers: number('workers', 1),
    json: values.json,
    findMax: values['find-max'],
    stepDurationMs: number('step-duration', 0.1, false) * 1000,
    stepFactor: number('step-factor', 1.01, false),
    maxSteps: number('max-steps', 1),
    retries: number('retries', 0),
    p99BoundMs: number('p99', 0.1, false),
    baseline: values.baseline,
    socketioBaseline: values['socketio-baseline'],
    url: values.url?.replace(/\/$/, '') ?? null,
    adminEmail: values['admin-email'] ?? null,
    adminPassword: values['admin-password'] ?? null,
    databaseUrl: values['database-url'] ?? null,
    scenario: oneOf('scenario', ['messages', 'connections'] as const),
    connections: number('connections', 1),
    cpuProf: values['cpu-prof'],
    heapProf: values['heap-prof'],
    drainMs: number('drain', 0, false) * 1000,
    faults: { dropEveryNth: 0, skipFinalSync: false },
  };
  if (options.agentShare > 1) throw new Error('--agent-share must be between 0 and 1');
  if (options.nodes > 1 && options.db !== 'postgres' && !options.url) throw new Error('--nodes > 1 needs --db postgres (one SQLite file serves one node)');
  if (options.url && (!options.adminEmail || !options.adminPassword)) throw new Error('--url needs --admin-email and --admin-password');
  if ((options.baseline || options.socketioBaseline) && options.transport === 'polling') throw new Error('the baseline relays are driven over WebSocket only: drop --transport polling or the baseline');
  if (options.scenario === 'connections' && options.url) throw new Error('the connections scenario kills and restarts the node: it needs a Kefu the bench starts (no --url)');
  return options;
}

/** Options for a programmatic run (tests): the defaults of the CLI, overridden. */
export function benchOptions(overrides: Partial<BenchOptions>): BenchOptions {
  return { ...parseOptions([])!, ...overrides };
}
