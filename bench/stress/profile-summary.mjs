#!/usr/bin/env node
// Where a `--cpu-prof` profile's time went, as text: self time by function and by
// package or file, the share of the samples each. A flame graph answers "why is this
// slow"; this answers "what should I fix first" and fits in a commit message.
//
//   node bench/stress/profile-summary.mjs bench/results/<time>/kefu-<pid>-1.cpuprofile [--top 25]
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
if (!file || !Number.isInteger(top) || top <= 0) {
  console.error('usage: profile-summary.mjs <file.cpuprofile> [--top N]');
  process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time of each node: every sample lasts until the next one (timeDeltas[i + 1]).
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const us = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + us);
}
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** node_modules/<pkg> (or @scope/pkg), else the path from the repository's apps/ or packages/, else what V8 calls it. */
function where(url) {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ours = url.search(/\/(apps|packages)\//);
  return ours >= 0 ? url.slice(ours + 1).replace(/^file:\/\//, '') : url.replace(/^file:\/\//, '');
}

const byFunction = new Map();
const byPlace = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  const place = where(callFrame.url);
  const name = `${callFrame.functionName || '(anonymous)'}  ${place}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
}

const print = (title, totals) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
};
console.log(`${file}: ${profile.samples.length} samples, ${(totalUs / 1e6).toFixed(2)} s`);
print('self time by function', byFunction);
print('self time by package or file', byPlace);
