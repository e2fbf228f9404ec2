/**
 * A token bucket for one worker: `rate` tokens a second, at most `burstMs` worth
 * saved up. One bucket per worker rather than a timer per client: thousands of
 * setInterval timers drift and cost more than the sends they pace.
 */
export class TokenBucket {
  private tokens = 0;
  private last: number;

  constructor(
    private readonly ratePerS: number,
    private readonly burstMs = 100,
    now = performance.now(),
  ) {
    this.last = now;
  }

  /** Whole tokens available now; the caller spends them with `spend`. */
  available(now = performance.now()): number {
    const cap = Math.max(1, (this.ratePerS * this.burstMs) / 1000);
    this.tokens = Math.min(cap, this.tokens + (this.ratePerS * (now - this.last)) / 1000);
    this.last = now;
    return Math.floor(this.tokens);
  }

  spend(n: number): void {
    this.tokens -= n;
  }
}

