/**
 * How --find-max moves from one step to the next. Up by the step factor from the
 * first rate that holds; down by half until one does, when even the first is too
 * much; and a step that missed only its latency or rate bound, which one scavenge at
 * the wrong moment or a neighbour on a shared machine can cause, is run again at the
 * same rate (--retries times) before the search stops there. A step that lost,
 * doubled, reordered or refused anything is never run again: that is not noise.
 */

/** Below this a halving search gives up. */
const MIN_RATE_PER_S = 10;

export interface SearchOptions {
  stepFactor: number;
  /** Tries at one rate beyond the first. */
  retries: number;
}

export interface Search {
  rate: number;
  /** Some step held: the search only goes up (or tries again) from here. */
  passed: boolean;
  /** Tries at this rate so far. */
  tries: number;
}

export type Next =
  | { kind: 'stop' }
  /** `again`: the same rate once more, after a step that missed a bound. */
  | { kind: 'step'; search: Search; move: 'up' | 'down' | 'again' };

export const startSearch = (rate: number): Search => ({ rate, passed: false, tries: 0 });

/**
 * After a step at `search.rate`: `why` is why it did not hold (null if it did),
 * `broken` whether it lost, doubled, reordered or refused anything.
 */
export function nextStep(search: Search, why: string | null, broken: boolean, options: SearchOptions): Next {
  const tries = search.tries + 1;
  if (why === null) return { kind: 'step', search: { rate: Math.round(search.rate * options.stepFactor), passed: true, tries: 0 }, move: 'up' };
  if (!search.passed && search.rate / 2 >= MIN_RATE_PER_S) return { kind: 'step', search: { rate: Math.round(search.rate / 2), passed: false, tries: 0 }, move: 'down' };
  if (!broken && tries <= options.retries) return { kind: 'step', search: { ...search, tries }, move: 'again' };
  return { kind: 'stop' };
}
