import { dbinom } from './dbinom.js';
import { mcnemarFromDiscordant } from './mcnemarExact.js';
import type { McNemarOptions, McNemarResult } from './mcnemarExact.js';
import { pbinom } from './pbinom.js';
import { DEFAULT_ALPHA } from './result.js';
import type { PairedBinaryCounts } from './tables.js';

/**
 * **McNemar mid-p test**: the exact test with half the probability of the
 * observed outcome, p = 2·[P(X < min(b, c)) + ½·P(X = min(b, c))] for
 * X ~ Bin(b + c, ½), capped at 1. Less conservative than the exact test and
 * recommended by Fagerland, Lydersen & Laake (2013); label it as mid-p.
 *
 * The smallest achievable mid-p is 0.5ᵏ for k discordant pairs; `p` is
 * withheld above alpha. `estimate` is later − earlier, as `mcnemarExact`.
 *
 * Reference: Fagerland, Lydersen & Laake (2013), BMC Med Res Methodol
 * 13:91. R (manual): `2 * (pbinom(m - 1, k, .5) + dbinom(m, k, .5) / 2)`.
 * Cost: O(b + c).
 *
 * @example
 * mcnemarMidP({ yesYes: 3, yesNo: 1, noYes: 6, noNo: 2 }).p; // 0.0703125
 */
export function mcnemarMidP(counts: PairedBinaryCounts, options: McNemarOptions = {}): McNemarResult {
  return mcnemarFromDiscordant(
    counts,
    'McNemar mid-p test',
    options.alpha ?? DEFAULT_ALPHA,
    (b, c) => {
      const k = b + c;
      const low = Math.min(b, c);
      return Math.min(1, 2 * (pbinom(low - 1, k, 0.5) + dbinom(low, k, 0.5) / 2));
    },
    (k) => Math.min(1, 0.5 ** k),
  );
}
