// Preloaded into every process the bench starts to measure (Kefu's nodes, the relay):
// writes when its main thread stood still, to KEFU_BENCH_PAUSE_DIR/pauses-<pid>.log, so
// that a step's report can say how much of its tail was the server not running at all.
// Two kinds of line, each starting with the wall-clock time in ms:
//
//   <at> gc <minor|major|incremental|weak> <ms>     a garbage collection (its pause)
//   <at> loop <p99 ms> <max ms>                     the event loop's delay over the second before
//
// The file is read after each step (pauses.ts); writing a line costs nothing next to
// what it records (one or two collections a second under load).
import fs from 'node:fs';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.KEFU_BENCH_PAUSE_DIR;
// The node's own threads (SQLite's) load the preloads too: only the event loop is measured.
if (dir && isMainThread) {
  const fd = fs.openSync(`${dir}/pauses-${process.pid}.log`, 'a');
  const kinds = {
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak',
  };
  new PerformanceObserver((list) => {
    let lines = '';
    for (const e of list.getEntries()) {
      lines += `${Math.round(performance.timeOrigin + e.startTime)} gc ${kinds[e.detail?.kind] ?? 'other'} ${e.duration.toFixed(2)}\n`;
    }
    fs.writeSync(fd, lines);
  }).observe({ entryTypes: ['gc'] });

  // A 10 ms timer: the delay a message waits is what matters, not sub-millisecond jitter.
  // The histogram holds whole intervals between its timer's runs, the 10 ms included.
  const RESOLUTION_MS = 10;
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const late = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS).toFixed(1);
  setInterval(() => {
    fs.writeSync(fd, `${Date.now()} loop ${late(delay.percentile(99))} ${late(delay.max)}\n`);
    delay.reset();
  }, 1000).unref();
}
