// Preloaded into Kefu's server processes by `--cpu-prof` (NODE_OPTIONS=--import=...,
// since Node 20 refuses --cpu-prof itself in NODE_OPTIONS). The bench sends SIGUSR2
// when a measured step starts and again when it ends, so that a profile shows the
// step and not the warm-up: each pair writes kefu-<pid>-<n>.cpuprofile into
// KEFU_BENCH_PROFILE_DIR (and one still running is written at exit). Open it in
// Chromium DevTools (Performance > Load profile) or https://www.speedscope.app.
import fs from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.KEFU_BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  let running = false;
  let written = 0;
  // The in-thread session answers synchronously, so a stop at exit completes before it.
  const stop = () => {
    if (!running) return;
    running = false;
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `kefu-${process.pid}-${++written}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on('SIGUSR2', () => {
    if (running) return stop();
    running = true;
    session.post('Profiler.start');
  });
  process.on('exit', stop);
}
