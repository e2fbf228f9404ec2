/**
 * The server's own view of a step, from its GET /metrics (apps/server/src/metrics):
 * how long its message writer took to settle each message and each batch. Set beside
 * the clients' send->deliver figures, it tells the server's share of a latency from
 * the clients' and the network's.
 */

/** A Prometheus histogram as scraped: cumulative counts by upper bound (the last is +Inf), sum and count. */
export interface ScrapedHistogram {
  buckets: [le: number, count: number][];
  sum: number;
  count: number;
}

export interface ServerLatency {
  /** Messages the writer settled during the step. */
  messages: number;
  /** Arrival in the writer to outcome known, ms (p50 and p99 interpolated within buckets, as Prometheus's histogram_quantile). */
  settle: { p50: number | null; p99: number | null };
  /** One batch's round trip to the database, ms. */
  batch: { p50: number | null; p99: number | null };
  batchMeanMessages: number | null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The histogram `name` (no labels) out of a scrape; null when it is not there. */
export function parseHistogram(text: string, name: string): ScrapedHistogram | null {
  const bucket = new RegExp(`^${escape(name)}_bucket\\{le="([^"]+)"\\} (\\S+)$`);
  const buckets: [number, number][] = [];
  let sum: number | null = null;
  let count: number | null = null;
  for (const line of text.split('\n')) {
    const m = bucket.exec(line);
    if (m) buckets.push([m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2])]);
    else if (line.startsWith(`${name}_sum `)) sum = Number(line.slice(name.length + 5));
    else if (line.startsWith(`${name}_count `)) count = Number(line.slice(name.length + 7));
  }
  return buckets.length && sum !== null && count !== null ? { buckets: buckets.sort((a, b) => a[0] - b[0]), sum, count } : null;
}

/** What was observed between two scrapes of one histogram. */
export function minus(after: ScrapedHistogram, before: ScrapedHistogram | null): ScrapedHistogram {
  if (!before) return after;
  return {
    buckets: after.buckets.map(([le, n], i) => [le, n - (before.buckets[i]?.[1] ?? 0)]),
    sum: after.sum - before.sum,
    count: after.count - before.count,
  };
}

/**
 * The q-quantile, linearly interpolated within its bucket (Prometheus's
 * histogram_quantile): exact to the bucket, an estimate inside it. The last finite
 * bound when it falls in +Inf; null for an empty histogram.
 */
export function quantile(h: ScrapedHistogram, q: number): number | null {
  if (h.count <= 0) return null;
  const rank = q * h.count;
  let lower = 0;
  let below = 0;
  for (const [le, n] of h.buckets) {
    if (n >= rank) {
      if (le === Infinity) return lower;
      return lower + ((le - lower) * (rank - below)) / Math.max(1, n - below);
    }
    if (le !== Infinity) lower = le;
    below = n;
  }
  return lower;
}

const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 10_000) / 10);

/** One node's step, from its scrapes before and after; null when either is missing. */
export function stepLatency(before: string | null, after: string | null): ServerLatency | null {
  if (before === null || after === null) return null;
  const read = (name: string) => {
    const a = parseHistogram(after, name);
    return a ? minus(a, parseHistogram(before, name)) : null;
  };
  const settle = read('kefu_message_settle_seconds');
  const batch = read('kefu_message_batch_seconds');
  const size = read('kefu_message_batch_messages');
  if (!settle || !batch || !size) return null;
  return {
    messages: settle.count,
    settle: { p50: ms(quantile(settle, 0.5)), p99: ms(quantile(settle, 0.99)) },
    batch: { p50: ms(quantile(batch, 0.5)), p99: ms(quantile(batch, 0.99)) },
    batchMeanMessages: size.count ? Math.round((size.sum / size.count) * 10) / 10 : null,
  };
}

/** GET /metrics of one node with the bearer token; null when it cannot be had (an old server, no token). */
export async function scrape(url: string, token: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(5_000) });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

/** One line of the report for a node's step. */
export function serverLatencyLine(l: ServerLatency): string {
  return `${l.messages} messages settled by the writer in p50 ${l.settle.p50} ms, p99 ${l.settle.p99} ms; batches of ${l.batchMeanMessages} on average, stored in p50 ${l.batch.p50} ms, p99 ${l.batch.p99} ms`;
}
