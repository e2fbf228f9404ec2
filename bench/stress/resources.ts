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
}

interface Sample {
  ticks: number;
  rssKb: number;
  at: number;
}

function sample(pid: number): Sample | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is the 1st, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    return { ticks: Number(fields[11]) + Number(fields[12]), rssKb: rss ? Number(rss[1]) : 0, at: performance.now() };
  } catch {
    return null; // exited, or restarting
  }
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

  constructor(private readonly pids: () => number[]) {
    this.timer = setInterval(() => this.tick(), SAMPLE_MS);
    this.timer.unref();
    this.tick();
  }

  mark(): void {
    this.state.clear();
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
      };
    });
  }

  stop(): void {
    clearInterval(this.timer);
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
