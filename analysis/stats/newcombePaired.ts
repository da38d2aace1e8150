import { validPairedCounts } from './pairedCounts.js';
import { DEFAULT_CONF_LEVEL } from './result.js';
import type { StatResult } from './result.js';
import type { PairedBinaryCounts } from './tables.js';
import { wilson } from './wilson.js';
import type { NewcombeOptions } from './newcombeIndependent.js';

export interface NewcombePairedResult extends StatResult {
  /** Proportion "yes" at the later round. */
  pLater: number | null;
  /** Proportion "yes" at the earlier round. */
  pEarlier: number | null;
  /** The correlation correction ψ actually used. */
  psi: number | null;
  confLevel: number;
}

/**
 * **Newcombe square-and-add interval for a paired difference of
 * proportions** (Newcombe 1998b, method 10, with the corrected ψ used by
 * contingencytables and MKinfer's default), for the change in a yes/no
 * item among the same respondents (METHODS §3.3).
 *
 * `estimate` = later − earlier = (noYes − yesNo)/N. In the guide's notation
 * n₁₁ = yesYes, n₁₂ = noYes, n₂₁ = yesNo, n₂₂ = noNo, p₁ = later, p₂ = earlier:
 * A = n₁₁n₂₂ − n₁₂n₂₁; ψ = 0 if any margin is 0; ψ = (A − N/2)/√(r₁r₂c₁c₂)
 * if A > N/2; 0 if 0 ≤ A ≤ N/2; A/√(r₁r₂c₁c₂) if A < 0;
 * L = d − √((p₁−l₁)² + (u₂−p₂)² − 2ψ(p₁−l₁)(u₂−p₂)),
 * U = d + √((p₂−l₂)² + (u₁−p₁)² − 2ψ(p₂−l₂)(u₁−p₁)), with Wilson limits.
 *
 * Reference: R. G. Newcombe (1998), Stat Med 17:2635–2650; Fagerland,
 * Lydersen & Laake (2017) Statistical Analysis of Contingency Tables
 * (contingencytables `Newcombe_square_and_add_CI_paired_2x2`; its test case
 * [[59, 6], [16, 80]] gives −0.0621 (−0.1186 to −0.0046)). Cost: O(1).
 *
 * @example
 * newcombePaired({ yesYes: 59, noYes: 6, yesNo: 16, noNo: 80 }).ci; // [-0.1186, -0.0046]
 */
export function newcombePaired(counts: PairedBinaryCounts, options: NewcombeOptions = {}): NewcombePairedResult {
  const confLevel = options.confLevel ?? DEFAULT_CONF_LEVEL;
  const method = 'Newcombe square-and-add interval (paired proportions)';
  const empty = { method, statistic: null, p: null, confLevel, estimate: null, ci: null, pLater: null, pEarlier: null, psi: null };
  if (!validPairedCounts(counts)) return { ...empty, n: 0, notes: ['invalid-input'] };
  const n11 = counts.yesYes;
  const n12 = counts.noYes;
  const n21 = counts.yesNo;
  const n22 = counts.noNo;
  const N = n11 + n12 + n21 + n22;
  if (N === 0) return { ...empty, n: 0, notes: ['not-estimable'] };
  const r1 = n11 + n12;
  const r2 = n21 + n22;
  const c1 = n11 + n21;
  const c2 = n12 + n22;
  const w1 = wilson(r1, N, { confLevel });
  const w2 = wilson(c1, N, { confLevel });
  if (w1.ci === null || w2.ci === null) return { ...empty, n: N, notes: ['invalid-input'] };
  const [l1, u1] = w1.ci;
  const [l2, u2] = w2.ci;
  const p1 = r1 / N;
  const p2 = c1 / N;
  const A = n11 * n22 - n12 * n21;
  const marginProduct = r1 * r2 * c1 * c2;
  let psi = 0;
  if (marginProduct > 0) {
    if (A > N / 2) psi = (A - N / 2) / Math.sqrt(marginProduct);
    else if (A < 0) psi = A / Math.sqrt(marginProduct);
  }
  const d = p1 - p2;
  const lower = d - Math.sqrt(Math.max(0, (p1 - l1) ** 2 + (u2 - p2) ** 2 - 2 * psi * (p1 - l1) * (u2 - p2)));
  const upper = d + Math.sqrt(Math.max(0, (p2 - l2) ** 2 + (u1 - p1) ** 2 - 2 * psi * (p2 - l2) * (u1 - p1)));
  return { ...empty, n: N, notes: [], estimate: d, ci: [lower, upper], pLater: p1, pEarlier: p2, psi };
}
