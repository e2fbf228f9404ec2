// Preloaded into Kefu's server processes by `--cpu-prof` and `--heap-prof`
// (NODE_OPTIONS=--import=..., since Node 20 refuses --cpu-prof itself in NODE_OPTIONS).
// The bench sends SIGUSR2 when a measured step starts and again when it ends, so that a
// profile shows the step and not the warm-up: each pair writes kefu-<pid>-<n>.<kind>
// into KEFU_BENCH_PROFILE_DIR for each kind in KEFU_BENCH_PROFILES (and one still
// running is written at exit).
// - cpu (.cpuprofile): open it in Chromium DevTools (Performance > Load profile) or
//   https://www.speedscope.app.
// - heap (.heapprofile): V8 samples allocations, one sample per 16 KB on average,
//   counting what collections freed too: how much a message allocates sets how often a
//   scavenge stops the event loop. Chromium DevTools reads it (Memory > Load).
// profile-summary.mjs reads both as text.
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const KINDS = {
  cpu: { start: ['Profiler.start'], stop: 'Profiler.stop', extension: 'cpuprofile' },
  heap: {
    start: ['HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }],
    stop: 'HeapProfiler.stopSampling',
    extension: 'heapprofile',
  },
};

const dir = process.env.KEFU_BENCH_PROFILE_DIR;
const kinds = (process.env.KEFU_BENCH_PROFILES ?? '').split(',').filter((k) => k in KINDS);
if (dir && kinds.length > 0) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  let running = false;
  let written = 0;
  // The in-thread session answers synchronously, so a stop at exit completes before it.
  const stop = () => {
    if (!running) return;
    running = false;
    written++;
    for (const kind of kinds) {
      session.post(KINDS[kind].stop, (err, result) => {
        if (!err) fs.writeFileSync(path.join(dir, `kefu-${process.pid}-${written}.${KINDS[kind].extension}`), JSON.stringify(result.profile));
      });
    }
  };
  process.on('SIGUSR2', () => {
    if (running) return stop();
    running = true;
    for (const kind of kinds) session.post(...KINDS[kind].start);
  });
  process.on('exit', stop);
}
