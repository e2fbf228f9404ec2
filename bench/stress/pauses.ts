import fs from 'node:fs';
import path from 'node:path';

/**
 * When a measured process's event loop stood still during a step: its garbage
 * collections and the event loop's delay, from the log pause-log.mjs writes. A message
 * that arrives during a 12 ms scavenge waits 12 ms, so this says how much of a step's
 * p99 the server could not have avoided by working faster.
 */
export interface ProcessPauses {
  pid: number;
  /** Scavenges of the young generation: how many, their median and longest pause. */
  minor: { count: number; medianMs: number; maxMs: number };
  /** Full collections (mark-compact), which V8 mostly does beside the program: their final pause. */
  major: { count: number; maxMs: number };
  /** All collections' pauses, as a share of the step. */
  gcPercent: number;
  /** The event loop's delay: the median over the step's seconds of each second's p99, and the longest. */
  loopDelay: { p99MedianMs: number; maxMs: number; seconds: number };
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0);
const round = (n: number) => Math.round(n * 10) / 10;

/** The pauses of each process between two wall-clock times (ms); a process without a log is left out. */
export function pausesBetween(dir: string, pids: number[], fromMs: number, toMs: number): ProcessPauses[] {
  return pids.flatMap((pid) => {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, `pauses-${pid}.log`), 'utf8');
    } catch {
      return [];
    }
    const minor: number[] = [];
    const major: number[] = [];
    let gcMs = 0;
    const p99s: number[] = [];
    let loopMax = 0;
    for (const line of text.split('\n')) {
      const [at, what, a, b] = line.split(' ');
      const t = Number(at);
      if (!(t >= fromMs && t <= toMs)) continue;
      if (what === 'gc') {
        const ms = Number(b);
        gcMs += ms;
        if (a === 'minor') minor.push(ms);
        else if (a === 'major') major.push(ms);
      } else if (what === 'loop') {
        p99s.push(Number(a));
        loopMax = Math.max(loopMax, Number(b));
      }
    }
    return [{
      pid,
      minor: { count: minor.length, medianMs: round(median(minor)), maxMs: round(Math.max(0, ...minor)) },
      major: { count: major.length, maxMs: round(Math.max(0, ...major)) },
      gcPercent: round((gcMs / Math.max(1, toMs - fromMs)) * 100),
      loopDelay: { p99MedianMs: round(median(p99s)), maxMs: round(loopMax), seconds: p99s.length },
    }];
  });
}

/** One line of the report for a process's pauses. */
export function pausesLine(p: ProcessPauses): string {
  const minor = p.minor.count ? `${p.minor.count} scavenges (median ${p.minor.medianMs} ms, longest ${p.minor.maxMs} ms)` : 'no scavenge';
  const major = p.major.count ? `, ${p.major.count} full collections (longest pause ${p.major.maxMs} ms)` : '';
  return `${minor}${major}, ${p.gcPercent} % of the step in GC; event-loop delay p99 ${p.loopDelay.p99MedianMs} ms (median of ${p.loopDelay.seconds} s), longest ${p.loopDelay.maxMs} ms`;
}
