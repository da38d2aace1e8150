import { validPairedCounts } from './pairedCounts.js';
import { pchisq } from './pchisq.js';
import { DEFAULT_ALPHA } from './result.js';
import type { NoteCode, StatResult } from './result.js';
import type { PairedBinaryCounts } from './tables.js';

export interface McNemarAsymptoticOptions {
  /** Continuity correction (|b − c| − 1)², default true as R. */
  correct?: boolean;
  alpha?: number;
}

export interface McNemarAsymptoticResult extends StatResult {
  df: 1;
  pComputed: number | null;
  minAchievableP: number | null;
}

/**
 * **Asymptotic McNemar χ² test** — a reference-check value only: never
 * report it at rondo's counts (METHODS §3.3); use `mcnemarExact`.
 *
 * X² = (|b − c| − 1)²/(b + c) with `correct` (skipped when b = c, as R),
 * else (b − c)²/(b + c); p = P(χ²₁ > X²). The p-value is withheld under the
 * same exact-design rule as `mcnemarExact` (minimum achievable p 2·0.5ᵏ).
 *
 * Reference: R `mcnemar.test(tab, correct = TRUE / FALSE)`. Cost: O(1).
 *
 * @example
 * mcnemarAsymptotic({ yesYes: 3, yesNo: 1, noYes: 6, noNo: 2 }).pComputed; // 0.1305700
 */
export function mcnemarAsymptotic(counts: PairedBinaryCounts, options: McNemarAsymptoticOptions = {}): McNemarAsymptoticResult {
  const { correct = true, alpha = DEFAULT_ALPHA } = options;
  const method = `McNemar's chi-squared test${correct ? ' with continuity correction' : ''}`;
  if (!validPairedCounts(counts)) {
    return {
      method,
      n: 0,
      estimate: null,
      ci: null,
      statistic: null,
      p: null,
      notes: ['invalid-input'],
      df: 1,
      pComputed: null,
      minAchievableP: null,
    };
  }
  const { yesYes, yesNo: b, noYes: c, noNo } = counts;
  const n = yesYes + b + c + noNo;
  const k = b + c;
  const notes: NoteCode[] = ['approximate-p'];
  if (k === 0) {
    return {
      method,
      n,
      estimate: n === 0 ? null : 0,
      ci: null,
      statistic: null,
      p: null,
      notes: [...notes, 'too-few-observations', 'not-estimable'],
      df: 1,
      pComputed: null,
      minAchievableP: 1,
    };
  }
  const diff = Math.abs(b - c) - (correct && b !== c ? 1 : 0);
  const statistic = (diff * diff) / k;
  const pComputed = pchisq(statistic, 1, false);
  const minAchievableP = Math.min(1, 2 * 0.5 ** k);
  const withheld = minAchievableP > alpha;
  if (withheld) notes.push('too-few-observations');
  return { method, n, estimate: (c - b) / n, ci: null, statistic, p: withheld ? null : pComputed, notes, df: 1, pComputed, minAchievableP };
}
