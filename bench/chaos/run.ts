/**
 * `npm run chaos`: the large chaos run (see README.md). Prints progress, then the
 * figures; exits 1 when anything was lost, duplicated, reordered or mismatched.
 *
 *   npm run chaos -- --db postgres --nodes 2 --visitors 200 --agents 20 --duration 60 --kills 5
 */
import { parseArgs } from 'node:util';
import { failed, type Report } from './accounting.js';
import { runChaos, type ChaosOptions } from './scenario.js';

const HELP = `usage: npm run chaos -- [options]
  --db sqlite|postgres     storage (default sqlite; KEFU_TEST_PG for postgres)
  --nodes 1|2              server processes; 2 needs postgres and runs a private redis-server
  --visitors N             default 200
  --tabs N                 tabs per visitor, sharing its storage (token, outbox) (default 1)
  --agents N               default 20
  --duration S             seconds of typing while things break (default 60)
  --kills N                node SIGKILLs, spread over the run (default 5)
  --redis-restarts N       redis-server SIGKILLs (default 1 with 2 nodes, else 0)
  --down-ms MS             a killed node stays down this long before its restart (default 500)
  --visitor-interval MS-MS pause between a visitor's messages (default 1000-5000)
  --agent-interval MS-MS   pause between an agent's replies (default 500-2500)
  --follows N              conversations each agent opens and replies into (default 20)
  --polling-every N        every Nth visitor and agent uses long-polling only (default 5; 0: none)
  --settle S               seconds allowed afterwards to send what is left and converge (default 60)
  --seed N                 replay a run's random choices (default: time-based, printed)
  --json                   print the result as JSON at the end too`;

function options(argv: string[]): (ChaosOptions & { json: boolean }) | null {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      db: { type: 'string', default: 'sqlite' },
      nodes: { type: 'string', default: '1' },
      visitors: { type: 'string', default: '200' },
      tabs: { type: 'string', default: '1' },
      agents: { type: 'string', default: '20' },
      duration: { type: 'string', default: '60' },
      kills: { type: 'string', default: '5' },
      'redis-restarts': { type: 'string' },
      'down-ms': { type: 'string', default: '500' },
      'visitor-interval': { type: 'string', default: '1000-5000' },
      'agent-interval': { type: 'string', default: '500-2500' },
      follows: { type: 'string', default: '20' },
      'polling-every': { type: 'string', default: '5' },
      settle: { type: 'string', default: '60' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const count = (name: keyof typeof values, min = 0) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${values[name]}`);
    return n;
  };
  const range = (name: 'visitor-interval' | 'agent-interval'): [number, number] => {
    const m = /^(\d+)-(\d+)$/.exec(values[name]);
    if (!m || Number(m[1]) > Number(m[2])) throw new Error(`--${name} must look like 1000-5000, got ${values[name]}`);
    return [Number(m[1]), Number(m[2])];
  };
  if (values.db !== 'sqlite' && values.db !== 'postgres') throw new Error(`--db must be sqlite or postgres, got ${values.db}`);
  const nodes = count('nodes', 1);
  if (nodes !== 1 && nodes !== 2) throw new Error('--nodes must be 1 or 2');
  if (nodes === 2 && values.db !== 'postgres') throw new Error('--nodes 2 needs --db postgres (one SQLite file serves one node)');
  return {
    db: values.db,
    nodes,
    visitors: count('visitors', 1),
    tabs: count('tabs', 1),
    agents: count('agents', 1),
    durationMs: count('duration', 1) * 1000,
    kills: count('kills'),
    redisRestarts: values['redis-restarts'] === undefined ? (nodes === 2 ? 1 : 0) : count('redis-restarts'),
    downMs: count('down-ms'),
    redisDownMs: 2000,
    visitorIntervalMs: range('visitor-interval'),
    agentIntervalMs: range('agent-interval'),
    agentFollows: count('follows', 1),
    pollingEvery: count('polling-every'),
    settleMs: count('settle', 1) * 1000,
    seed: values.seed === undefined ? Date.now() % 1_000_000 : count('seed'),
    progressMs: 2000,
    log: (line) => process.stdout.write(`${line}\n`),
    json: values.json,
  };
}

function figures(report: Report): string {
  const rows: [string, number][] = [
    ['sent', report.sent],
    ['acked', report.acked],
    ['stored', report.stored],
    ['delivered', report.delivered],
    ['lost', report.lost],
    ['  acked, not stored', report.lostAcked],
    ['  never stored', report.neverStored],
    ['  stored, not shown', report.notDelivered],
    ['duplicated', report.duplicated],
    ['out-of-order', report.outOfOrder],
    ['mismatched', report.mismatched],
    ['strays', report.strays],
  ];
  return rows.map(([name, n]) => `  ${name.padEnd(22)} ${n}`).join('\n');
}

async function main(): Promise<number> {
  let o: ReturnType<typeof options>;
  try {
    o = options(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}\n`);
    return 2;
  }
  if (!o) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const abort = new AbortController();
  process.once('SIGINT', () => {
    o.log('interrupted: stopping and cleaning up (Ctrl-C again to leave at once)');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  const { json, ...chaos } = o;
  const result = await runChaos({ ...chaos, signal: abort.signal });
  const { report } = result;
  const bad = failed(report);
  o.log(`\nchaos: ${o.nodes} node(s), ${o.db}, ${o.visitors} visitors${o.tabs > 1 ? ` x ${o.tabs} tabs` : ''}, ${o.agents} agents, ${o.durationMs / 1000} s, ${o.kills} node kills, ${o.nodes === 2 ? `${o.redisRestarts} redis restarts, ` : ''}seed ${o.seed}`);
  o.log(figures(report));
  if (result.drainedInMs !== null) o.log(`  outboxes empty ${result.drainedInMs} ms after the typing stopped`);
  if (result.convergedInMs !== null) o.log(`  transcripts equal the database ${result.convergedInMs} ms after the typing stopped`);
  o.log(`  (agent, message) pairs not heard live, made up by sync: ${result.missedLive}`);
  if (report.problems.length) o.log(`\nproblems (first ${report.problems.length}):\n  ${report.problems.join('\n  ')}`);
  if (bad && result.warnings.length) o.log(`\nserver warnings and errors (first 30):\n  ${result.warnings.slice(0, 30).join('\n  ')}`);
  if (json) o.log(JSON.stringify({ options: { ...chaos, log: undefined, signal: undefined }, ...result }));
  o.log(bad ? '\nFAIL' : '\nOK: nothing lost, duplicated or out of order');
  return abort.signal.aborted ? 130 : bad ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`chaos failed to run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
