import { describe, expect, it } from 'vitest';
import { Histogram } from './histogram.js';
import { TokenBucket } from './pacing.js';

describe('stress histogram and pacing', () => {
  it('percentiles within 2 % of the exact ones, merged across processes', () => {
    const a = new Histogram();
    const b = new Histogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 0.05 + (i % 1000) * 0.37);
    values.forEach((v, i) => (i % 2 ? a : b).record(v));
    const merged = new Histogram().merge(a.data()).merge(b.data());
    const sorted = [...values].sort((x, y) => x - y);
    for (const p of [50, 95, 99]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      expect(Math.abs(merged.percentile(p) - exact) / exact).toBeLessThan(0.02);
    }
    expect(merged.summary()).toMatchObject({ count: 10_000, max: Math.round(Math.max(...values) * 100) / 100 });
  });

  it('a token bucket hands out its rate over time, and saves up no more than its burst', () => {
    const bucket = new TokenBucket(1000, 100, 0);
    expect(bucket.available(10)).toBe(10);
    bucket.spend(10);
    expect(bucket.available(10_000)).toBe(100);
  });

});
