// How often a browser polls when its shared token is over TeamViewer's rate limit: after a 429 it
// skips the next tick, then 2 (doubling at each 429, up to `max`), and comes back down one step per
// `calmTicks` ticks that went through. Browsers that share one token thus lower their demand until
// it fits the limit, instead of all retrying at full rate, and return to full rate slowly. Pure.
export class PollBackoff {
  private level = 0;
  private skipLeft = 0;
  private calm = 0;

  constructor(private readonly max = 2, private readonly calmTicks = 5) {}

  /** Called at each tick: true when this tick should send nothing. */
  skip(): boolean {
    if (this.skipLeft <= 0) return false;
    this.skipLeft--;
    return true;
  }

  rateLimited(): void {
    this.level = Math.min(this.max, Math.max(1, this.level * 2));
    this.skipLeft = this.level;
    this.calm = 0;
  }

  succeeded(): void {
    if (this.level > 0 && ++this.calm >= this.calmTicks) {
      this.level--;
      this.calm = 0;
    }
  }

  /** Between ticks that send (for the bench): 1 at full rate. */
  get slowdown(): number {
    return this.level + 1;
  }
}
