/**
 * `npm run bench`: the stress bench (see docs/benchmarks.md, "Stress bench").
 * Progress on stderr; at the end a table on stdout, or with --json one JSON object
 * and nothing else. Exits 1 when a single measured phase lost, doubled or reordered
 * anything (--find-max expects its last step to fail).
 *
 *   npm run bench -- --visitors 2000 --agents 50 --rate 2000 --duration 20
 */
import { broken } from './accounting.js';
import { runBench } from './bench.js';
import { HELP, parseOptions } from './options.js';
import { table } from './report.js';

let options;
try {
  options = parseOptions(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}\n`);
  process.exit(2);
}
if (!options) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const result = await runBench(options, { log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${options.json ? JSON.stringify(result) : table(result)}\n`);
const failed = !options.findMax && [result.kefu, result.baseline, result.socketioBaseline].some((run) => run?.steps.some((s) => broken(s.accounting)));
process.exit(failed ? 1 : 0);
