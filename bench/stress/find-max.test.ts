import { describe, expect, it } from 'vitest';
import { nextStep, startSearch, type Next, type Search } from './find-max.js';

const options = { stepFactor: 1.5, retries: 1 };

/** Runs the search over steps that each held (null) or missed a bound (a reason); `!` marks a broken step. */
function rates(outcomes: (string | null)[], retries = 1): number[] {
  const tried: number[] = [];
  let search: Search = startSearch(1000);
  for (const outcome of outcomes) {
    tried.push(search.rate);
    const next: Next = nextStep(search, outcome, outcome?.startsWith('!') ?? false, { ...options, retries });
    if (next.kind === 'stop') return tried;
    search = next.search;
  }
  throw new Error(`the search went on past ${outcomes.length} steps: ${tried.join(', ')}`);
}

describe('find-max', () => {
  it('climbs by the step factor and stops at a rate that misses twice', () => {
    expect(rates([null, null, 'p99', 'p99'])).toEqual([1000, 1500, 2250, 2250]);
  });

  it('goes on climbing when the second try at a rate holds', () => {
    expect(rates([null, 'p99', null, 'p99', 'p99'])).toEqual([1000, 1500, 1500, 2250, 2250]);
  });

  it('gives each rate its own tries', () => {
    expect(rates([null, 'p99', null, 'p99', null, 'p99', 'p99'])).toEqual([1000, 1500, 1500, 2250, 2250, 3375, 3375]);
  });

  it('never runs a broken step again: a loss is not noise', () => {
    expect(rates([null, '!lost'])).toEqual([1000, 1500]);
  });

  it('stops at the first miss without retries', () => {
    expect(rates([null, 'p99'], 0)).toEqual([1000, 1500]);
  });

  it('halves a first rate that does not hold until one does, then climbs from there', () => {
    expect(rates(['p99', 'p99', null, 'p99', 'p99'])).toEqual([1000, 500, 250, 375, 375]);
  });

  it('tries the floor again, then gives up, when nothing holds', () => {
    expect(rates(['p99', 'p99', 'p99', 'p99', 'p99', 'p99', 'p99', 'p99'])).toEqual([1000, 500, 250, 125, 63, 32, 16, 16]);
  });
});
