import { binomialTwoSidedP } from './binomialTwoSidedP.js';
import { validPairedCounts } from './pairedCounts.js';
import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import type { PairedBinaryCounts } from './tables.js';

export interface McNemarOptions {
  /** Significance level for the minimum-achievable-p rule, default 0.05. */
  alpha?: number;
}

export interface McNemarResult extends StatResult {
  yesNo: number;
  noYes: number;
  /** Discordant pairs b + c: the only pairs that carry information. */
  discordant: number;
  pComputed: number | null;
  minAchievableP: number | null;
}

/**
 * **Exact McNemar test** for a paired yes/no item (METHODS §3.3): given the
 * b + c discordant pairs, b ~ Bin(b + c, ½) under H₀, so
 * p = min(1, 2·P(Bin(b + c, ½) ≤ min(b, c))).
 *
 * `estimate` is the change in the proportion "yes", later − earlier =
 * (noYes − yesNo)/N; use `newcombePaired` for its interval. With k
 * discordant pairs the smallest achievable p is 2·0.5ᵏ: k ≤ 5 can never give
 * p < 0.05, and then `p` is withheld ('too-few-observations').
 *
 * Reference: R `binom.test(b, b + c)$p.value`; McNemar (1947).
 * Cost: O(b + c).
 *
 * @param counts the paired table with named cells
 * @example
 * mcnemarExact({ yesYes: 3, yesNo: 1, noYes: 6, noNo: 2 }).p; // 0.125 (R: binom.test(1, 7)$p.value)
 */
export function mcnemarExact(counts: PairedBinaryCounts, options: McNemarOptions = {}): McNemarResult {
  return mcnemarFromDiscordant(
    counts,
    'Exact McNemar test',
    options.alpha ?? DEFAULT_ALPHA,
    (b, c) => binomialTwoSidedP(b, b + c, 0.5),
    (k) => Math.min(1, 2 * 0.5 ** k),
  );
}

/**
 * Shared shape of the exact and mid-p McNemar tests (internal).
 */
export function mcnemarFromDiscordant(
  counts: PairedBinaryCounts,
  method: string,
  alpha: number,
  pValue: (b: number, c: number) => number,
  minP: (discordant: number) => number,
): McNemarResult {
  if (!validPairedCounts(counts)) {
    return {
      method,
      n: 0,
      estimate: null,
      ci: null,
      statistic: null,
      p: null,
      notes: ['invalid-input'],
      yesNo: 0,
      noYes: 0,
      discordant: 0,
      pComputed: null,
      minAchievableP: null,
    };
  }
  const { yesYes, yesNo, noYes, noNo } = counts;
  const n = yesYes + yesNo + noYes + noNo;
  const k = yesNo + noYes;
  const notes: NoteCode[] = [];
  if (yesYes + noNo > 0) notes.push('zeros-dropped');
  const pComputed = k === 0 ? 1 : pValue(yesNo, noYes);
  const minAchievableP = k === 0 ? 1 : minP(k);
  const withheld = minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  if (n === 0) notes.push('not-estimable');
  return {
    method,
    n,
    estimate: n === 0 ? null : (noYes - yesNo) / n,
    ci: null,
    statistic: null,
    p: withheld ? null : pComputed,
    notes,
    yesNo,
    noYes,
    discordant: k,
    pComputed,
    minAchievableP,
  };
}
