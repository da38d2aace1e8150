/**
 * The one result shape that every test, interval and effect size in
 * `analysis/stats` returns (METHODS §7.3, STYLE habit 4).
 *
 * Rules that hold for every result:
 * - never a bare number, so the method is printed with every value;
 * - never `NaN` or `±Infinity`: a value that cannot be computed is `null`
 *   and a short machine code in `notes` says why;
 * - `p` is the *reportable* p-value. For discrete tests it is withheld
 *   (`null`, note `'too-few-observations'`) when the smallest p-value the
 *   design can reach (`minAchievableP`) exceeds `alpha`; the computed value
 *   stays available in `pComputed` for reference checks;
 * - full precision: nothing is rounded here. Round only when displaying.
 */
export interface StatResult {
  /** Human-readable method name, e.g. "Wilson score interval". */
  method: string;
  /** Number of observations (or pairs, blocks, trials) actually used. */
  n: number;
  estimate: number | null;
  ci: [number, number] | null;
  statistic: number | null;
  p: number | null;
  notes: NoteCode[];
  [extra: string]: unknown;
}

/**
 * The machine codes used in `StatResult.notes`. They are stable and not
 * localised; the display layer translates them.
 */
export const NOTE_CODES = [
  /** The design cannot reach p < alpha (or n is below the minimum for the method): p is withheld. */
  'too-few-observations',
  /** An estimate, statistic or interval is undefined (n = 0, zero variance, empty margin, …). */
  'not-estimable',
  /** Tied values were present; rank tests used midranks and tie-corrected variances. */
  'ties',
  /** Zero differences were dropped (Wilcoxon's zero method, sign test, McNemar concordant pairs). */
  'zeros-dropped',
  /** The interval was clipped to the scale range. */
  'clipped',
  /** Missing values (null, NaN, incomplete pairs or blocks) were removed before analysis. */
  'missing-dropped',
  /** A χ² approximation was used with an expected count below 5. */
  'low-expected-counts',
  /** The exact p-value was not computed (not requested or too large); `p` is asymptotic. */
  'approximate-p',
  /** The input was malformed (negative or non-integer counts, x > n, unequal lengths, …). */
  'invalid-input',
] as const;

export type NoteCode = (typeof NOTE_CODES)[number];

/** The confidence level used when none is given. */
export const DEFAULT_CONF_LEVEL = 0.95;

/** The significance level used for the minimum-achievable-p rule when none is given. */
export const DEFAULT_ALPHA = 0.05;
