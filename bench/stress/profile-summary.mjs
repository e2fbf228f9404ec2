#!/usr/bin/env node
// Where a `--cpu-prof` profile's time went, or a `--heap-prof` profile's bytes, as text:
// self time (or bytes allocated) by function and by package or file, the share of the
// total each. A flame graph answers "why is this slow"; this answers "what should I fix
// first" and fits in a commit message. With --messages N (the step's messages stored,
// from the bench's table) a heap profile's totals are also given per message.
//
//   node bench/stress/profile-summary.mjs bench/results/<time>/kefu-<pid>-1.cpuprofile [--top 25]
//   node bench/stress/profile-summary.mjs bench/results/<time>/kefu-<pid>-1.heapprofile [--top 25] [--messages 60000]
import fs from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const top = option('--top', 25);
const messages = option('--messages', null);
if (!file || !Number.isInteger(top) || top <= 0 || (messages !== null && !(messages > 0))) {
  console.error('usage: profile-summary.mjs <file.cpuprofile | file.heapprofile> [--top N] [--messages N]');
  process.exit(2);
}

const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const heap = 'head' in profile;

/** Each profile node's call frame and its own share (µs of samples, or bytes allocated). */
const own = [];
if (heap) {
  // A tree: each node's selfSize is what V8 estimates its function allocated.
  const walk = (node) => {
    own.push([node.callFrame, node.selfSize]);
    for (const child of node.children) walk(child);
  };
  walk(profile.head);
} else {
  // Every sample lasts until the next one (timeDeltas[i + 1]).
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  for (const [id, us] of selfUs) own.push([nodes.get(id).callFrame, us]);
}
const total = own.reduce((sum, [, amount]) => sum + amount, 0);

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
for (const [callFrame, amount] of own) {
  const place = where(callFrame.url);
  const name = `${callFrame.functionName || '(anonymous)'}  ${place}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + amount);
  byPlace.set(place, (byPlace.get(place) ?? 0) + amount);
}

const shown = (amount) =>
  heap ? `${(amount / 1e6).toFixed(1).padStart(7)} MB${messages ? `${((amount / messages / 1024).toFixed(2)).padStart(7)} KB a message` : ''}` : `${(amount / 1000).toFixed(0).padStart(7)} ms`;
const print = (title, totals) => {
  console.log(`\n${title}`);
  for (const [name, amount] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * amount) / total).toFixed(1).padStart(6)} %  ${shown(amount)}  ${name}`);
  }
};
const what = heap ? 'bytes allocated' : 'self time';
console.log(heap ? `${file}: ${profile.samples.length} samples, ${shown(total).trim()} allocated` : `${file}: ${profile.samples.length} samples, ${(total / 1e6).toFixed(2)} s`);
print(`${what} by function`, byFunction);
print(`${what} by package or file`, byPlace);
