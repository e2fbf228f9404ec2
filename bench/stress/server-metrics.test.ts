import { expect, it } from 'vitest';
import { minus, parseHistogram, quantile, stepLatency } from './server-metrics.js';

/** A scrape as prom-client writes it, of the writer's three histograms with these cumulative counts. */
function scrape(settle: number[], batch: number[], size: { sum: number; count: number }): string {
  const les = ['0.001', '0.01', '0.1', '+Inf'];
  const histogram = (name: string, counts: number[], sum: number) => [
    `# HELP ${name} something`,
    `# TYPE ${name} histogram`,
    ...les.map((le, i) => `${name}_bucket{le="${le}"} ${counts[i]}`),
    `${name}_sum ${sum}`,
    `${name}_count ${counts.at(-1)}`,
  ];
  return [
    'process_cpu_user_seconds_total 1.5',
    ...histogram('kefu_message_settle_seconds', settle, 0.5),
    ...histogram('kefu_message_batch_seconds', batch, 0.1),
    ...histogram('kefu_message_batch_messages', [0, 0, size.count, size.count], size.sum),
  ].join('\n');
}

it('reads a histogram out of a scrape, and what was observed between two', () => {
  const before = parseHistogram(scrape([1, 2, 2, 2], [0, 1, 1, 1], { sum: 2, count: 1 }), 'kefu_message_settle_seconds')!;
  expect(before).toEqual({ buckets: [[0.001, 1], [0.01, 2], [0.1, 2], [Infinity, 2]], sum: 0.5, count: 2 });
  const after = parseHistogram(scrape([1, 52, 102, 102], [0, 1, 1, 1], { sum: 2, count: 1 }), 'kefu_message_settle_seconds')!;
  expect(minus(after, before)).toEqual({ buckets: [[0.001, 0], [0.01, 50], [0.1, 100], [Infinity, 100]], sum: 0, count: 100 });
  expect(parseHistogram('nothing here', 'kefu_message_settle_seconds')).toBeNull();
});

it('estimates quantiles within buckets as Prometheus does', () => {
  const h = { buckets: [[0.001, 0], [0.01, 50], [0.1, 100], [Infinity, 100]] as [number, number][], sum: 0, count: 100 };
  expect(quantile(h, 0.5)).toBeCloseTo(0.01); // the 50th of 100 is the last of the second bucket
  expect(quantile(h, 0.25)).toBeCloseTo(0.001 + (0.01 - 0.001) * 0.5); // half-way through it
  expect(quantile(h, 0.99)).toBeCloseTo(0.01 + (0.1 - 0.01) * (49 / 50));
  expect(quantile({ ...h, buckets: [[0.001, 0], [Infinity, 100]] }, 0.99)).toBe(0.001); // in +Inf: the last finite bound
  expect(quantile({ buckets: [], sum: 0, count: 0 }, 0.5)).toBeNull();
});

it("summarises a node's step in milliseconds, and nothing when a scrape is missing", () => {
  const before = scrape([0, 0, 0, 0], [0, 0, 0, 0], { sum: 0, count: 0 });
  const after = scrape([0, 100, 100, 100], [0, 40, 40, 40], { sum: 100, count: 40 });
  expect(stepLatency(before, after)).toEqual({ messages: 100, settle: { p50: 5.5, p99: 9.9 }, batch: { p50: 5.5, p99: 9.9 }, batchMeanMessages: 2.5 });
  expect(stepLatency(null, after)).toBeNull();
  expect(stepLatency(before, 'an old server without these')).toBeNull();
});
