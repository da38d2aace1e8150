/**
 * A fixed-window request counter per key (a link's token hash, or a client address). Respondent
 * routes use two: a tight one per link, because one person needs few requests, and a generous
 * one per address, because a whole organisation may reach rondo through one address.
 *
 * Memory is bounded: counters live for one window, and when the table is full it is cleared
 * (erring towards letting requests through rather than shutting everyone out).
 */
export class WindowLimiter {
  private counts = new Map<string, number>();
  private windowStart = 0;

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts a request; returns 0 when allowed, or the seconds until the window resets. */
  hit(key: string): number {
    const now = this.clock();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.counts.clear();
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    if (n === 1 && this.counts.size >= this.maxKeys) this.counts.clear();
    this.counts.set(key, n);
    return n > this.max ? Math.max(1, Math.ceil((this.windowStart + this.windowMs - now) / 1000)) : 0;
  }
}

/** Limits for respondent routes, per minute. */
export const RESPONDENT_LIMITS = {
  /** One respondent: page loads, autosaves (at most one a second while typing) and a submit. */
  perLink: 240,
  /** One address: an organisation behind one NAT with hundreds of respondents at once. */
  perAddress: 6000,
  /** Link tokens that match nothing, per address: guessing is hopeless, and this keeps it so. */
  unknownPerAddress: 60,
} as const;
