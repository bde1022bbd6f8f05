// One rate limit, many callers: when TeamViewer answers 429, every later call of this worker waits
// until the limit is over, not only a retry of the call that got it. With a shared token every
// technician's browser draws on the same limit, so a browser that hammers on makes it worse for
// all. Pure: the clock is injected.

/** Without a Retry-After, how long a 429 closes the gate. */
export const DEFAULT_BLOCK_MS = 30_000;

export class RateGate {
  private until = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** How long to wait before the next call; 0: go. */
  waitMs(): number {
    return Math.max(0, this.until - this.now());
  }

  /** TeamViewer answered 429: nobody calls before `retryAfterMs` has passed. */
  block(retryAfterMs: number | undefined): void {
    this.until = Math.max(this.until, this.now() + (retryAfterMs ?? DEFAULT_BLOCK_MS));
  }
}
