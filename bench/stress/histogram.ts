/**
 * A latency histogram in the manner of HdrHistogram, small enough to post between
 * processes: values in microseconds, exact below 128 µs, then 64 buckets per power
 * of two (within about 1.6 %). Workers record, the runner merges.
 */

/** Buckets per power of two above the exact range. */
const SUB_BUCKETS = 64;
const EXACT_BELOW_US = SUB_BUCKETS * 2;

function bucketOf(us: number): number {
  if (us < EXACT_BELOW_US) return us;
  // Shift so that the value falls in [SUB_BUCKETS, 2 * SUB_BUCKETS).
  const shift = 31 - Math.clz32(us) - 6;
  return EXACT_BELOW_US + (shift - 1) * SUB_BUCKETS + ((us >>> shift) - SUB_BUCKETS);
}

/** The middle of a bucket, in microseconds. */
function valueOf(bucket: number): number {
  if (bucket < EXACT_BELOW_US) return bucket;
  const k = bucket - EXACT_BELOW_US;
  const shift = Math.floor(k / SUB_BUCKETS) + 1;
  const low = ((k % SUB_BUCKETS) + SUB_BUCKETS) * 2 ** shift;
  return low + 2 ** (shift - 1);
}

/** What crosses process boundaries: [bucket, count] pairs and the exact maximum. */
export interface HistogramData {
  buckets: [number, number][];
  maxMs: number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Map<number, number>();
  count = 0;
  maxMs = 0;

  record(ms: number): void {
    const us = Math.min(2 ** 31 - 1, Math.max(0, Math.round(ms * 1000)));
    const bucket = bucketOf(us);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.count++;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  merge(data: HistogramData): this {
    for (const [bucket, n] of data.buckets) {
      this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + n);
      this.count += n;
    }
    this.maxMs = Math.max(this.maxMs, data.maxMs);
    return this;
  }

  /** The value (ms) at or below which `p` percent of the recordings lie; 0 when empty. */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= rank) return Math.min(valueOf(bucket) / 1000, this.maxMs);
    }
    return this.maxMs;
  }

  summary(): Percentiles {
    const round = (ms: number) => Math.round(ms * 100) / 100;
    return { count: this.count, p50: round(this.percentile(50)), p95: round(this.percentile(95)), p99: round(this.percentile(99)), max: round(this.maxMs) };
  }

  data(): HistogramData {
    return { buckets: [...this.counts], maxMs: this.maxMs };
  }

  reset(): void {
    this.counts.clear();
    this.count = 0;
    this.maxMs = 0;
  }
}

/** Milliseconds on a clock all processes of this machine share (worker A's send, worker B's receipt). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}
