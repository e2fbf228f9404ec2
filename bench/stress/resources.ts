import fs from 'node:fs';

/** Often enough to see a short peak, rarely enough to cost nothing. */
const SAMPLE_MS = 250;
/** Linux's USER_HZ: /proc's CPU times are in these ticks. */
const TICKS_PER_S = 100;

export interface ProcessFigures {
  pid: number;
  peakRssMb: number;
  /** Mean CPU over the window, % of one core (200 = both cores of a 2-core machine). */
  cpuPercent: number;
  /** The busiest 250 ms sample. */
  peakCpuPercent: number;
  /**
   * Each thread's CPU over the window, the busiest first (those that used any): the
   * event loop (`main`), SQLite's writer and checkpointer, V8's GC helpers, libuv's
   * pool. Per message stored, these moved by about 5 % from run to run where p99 moved
   * by 2x: the steadier way to compare two trees on a shared machine.
   */
  threads: { tid: number; main: boolean; cpuS: number }[];
}

interface Sample {
  ticks: number;
  rssKb: number;
  at: number;
}

/** User + system CPU ticks from a /proc/.../stat file (a process's or a thread's). */
function cpuTicks(statPath: string): number {
  const stat = fs.readFileSync(statPath, 'utf8');
  // Fields after "(comm)": state is the 1st, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function sample(pid: number): Sample | null {
  try {
    const ticks = cpuTicks(`/proc/${pid}/stat`);
    const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { ticks, rssKb: rss ? Number(rss[1]) : 0, at: performance.now() };
  } catch {
    return null; // exited, or restarting
  }
}

/** Each thread's CPU ticks so far, by thread id (empty when the process is gone). */
function threadTicks(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) ticks.set(Number(tid), cpuTicks(`/proc/${pid}/task/${tid}/stat`));
  } catch {
    // exited, or a thread ended between the listing and its read: what was read stands
  }
  return ticks;
}

/** The current resident set of a process, in KB (0 when it is gone). */
export function rssKb(pid: number): number {
  return sample(pid)?.rssKb ?? 0;
}

/** The process's open-file limit (soft), from /proc. */
export function openFilesLimit(pid: number | 'self'): number | null {
  try {
    const m = /Max open files\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/limits`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Samples the server processes' /proc/<pid>/stat and status every 250 ms; `window()`
 * gives each one's peak RSS and CPU since the last `mark()`.
 */
export class ResourceSampler {
  private readonly timer: NodeJS.Timeout;
  private readonly state = new Map<number, { first: Sample; last: Sample; peakRssKb: number; peakCpu: number }>();
  /** Each process's thread ticks at the last mark(). */
  private threadsAtMark = new Map<number, Map<number, number>>();

  constructor(private readonly pids: () => number[]) {
    this.timer = setInterval(() => this.tick(), SAMPLE_MS);
    this.timer.unref();
    this.tick();
  }

  mark(): void {
    this.state.clear();
    this.threadsAtMark = new Map(this.pids().map((pid) => [pid, threadTicks(pid)]));
    this.tick();
  }

  window(): ProcessFigures[] {
    this.tick();
    return [...this.state].map(([pid, s]) => {
      const seconds = (s.last.at - s.first.at) / 1000;
      const round = (n: number) => Math.round(n * 10) / 10;
      return {
        pid,
        peakRssMb: round(s.peakRssKb / 1024),
        cpuPercent: round(seconds > 0 ? ((s.last.ticks - s.first.ticks) / TICKS_PER_S / seconds) * 100 : 0),
        peakCpuPercent: round(s.peakCpu),
        threads: this.threadsSinceMark(pid),
      };
    });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private threadsSinceMark(pid: number): ProcessFigures['threads'] {
    const before = this.threadsAtMark.get(pid) ?? new Map<number, number>();
    return [...threadTicks(pid)]
      .map(([tid, ticks]) => ({ tid, main: tid === pid, cpuS: (ticks - (before.get(tid) ?? 0)) / TICKS_PER_S }))
      .filter((t) => t.cpuS > 0)
      .sort((a, b) => b.cpuS - a.cpuS);
  }

  private tick(): void {
    for (const pid of this.pids()) {
      const now = sample(pid);
      if (!now) continue;
      const s = this.state.get(pid);
      if (!s) {
        this.state.set(pid, { first: now, last: now, peakRssKb: now.rssKb, peakCpu: 0 });
        continue;
      }
      const seconds = (now.at - s.last.at) / 1000;
      if (seconds > 0.1) s.peakCpu = Math.max(s.peakCpu, ((now.ticks - s.last.ticks) / TICKS_PER_S / seconds) * 100);
      s.last = now;
      s.peakRssKb = Math.max(s.peakRssKb, now.rssKb);
    }
  }
}
