// Preloaded into Kefu's server processes by `--heap-prof` (NODE_OPTIONS=--import=...),
// beside or instead of cpu-profile.mjs, and driven the same way: SIGUSR2 when a measured
// step starts and again when it ends. Between the two V8 samples allocations (one
// sample per 16 KB allocated, on average), counting what scavenges and full collections
// freed as well: how much a message allocates is what sets how often the young
// generation fills, which is what a scavenge's rate follows. Each pair writes
// kefu-<pid>-<n>.heapprofile into KEFU_BENCH_PROFILE_DIR; heap-summary.mjs reads it
// (so does Chromium DevTools: Memory > Load).
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.KEFU_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  // The in-thread session answers synchronously, so a stop at exit completes before it.
  const stop = () => {
    if (!running) return;
    running = false;
    session.post('HeapProfiler.stopSampling', (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `kefu-${process.pid}-${++written}.heapprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('SIGUSR2', () => {
    if (running) return stop();
    running = true;
    session.post('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  });
  process.on('exit', stop);
}
