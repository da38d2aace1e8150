import type { Colophon, Lang, LocalText } from '../../model/index.js';
import type { Vocabulary } from '../../model/vocabulary.js';

/**
 * The numbers a factsheet is written from: one study's analysis reduced to what the factsheet
 * shows. It is built from the analysis result (source.ts) and stored unchanged in a published
 * version, so a published factsheet can be rendered again years later with the same numbers.
 * Plain JSON: no Dates, no typed arrays, no NaN (null instead).
 */
export interface FactsheetData {
  format: 'rondo.factsheet-data/1';
  /** When the analysis was computed (ISO-8601 UTC) and which analysis format it came from. */
  source: { computedAt: string; analysis: string };
  study: FactsheetStudy;
  settings: DisclosureSettings;
  rounds: RoundResponse[];
  /** Roles as codes, with their labels (study's labels or defaults; absent in older versions). */
  cohort: { invited: number; roles: string[]; organisations: number; roleLabels?: Record<string, LocalText> };
  partners: PartnerBlock;
  /** Agreement items on knowledge and competence (share agreeing per round). */
  competence: Series[];
  /** Yes/no indicators such as "mostly able to answer help questions". */
  indicators: Series[];
  tools: ToolBlock;
  /** Satisfaction with the intervention (share agreeing, share rating 7 or more). */
  satisfaction: Series[];
  /** Open questions and how many answers each round had ("n comments"). */
  open: { id: string; label: LocalText; answered: (number | null)[] }[];
  /**
   * The attrition flag of the analysis (METHODS §4.2): those who left after round `from`
   * answered it differently from those who stayed to round `to`, on the variables named (ids).
   * A figure on one of these carries the caveat in the factsheet, as on the dashboard.
   * Absent in versions published before it existed.
   */
  attrition?: { from: number; to: number; variables: string[]; named?: AttritionNamed[] };
  /**
   * The researcher's own indicators (issue 16; analysis/study/indicators.ts), absent in versions
   * published before they existed. A distribution has `value: 'distribution'` (absent in older versions).
   */
  custom?: CustomIndicator[];
  /**
   * What the tools chart counts as using a tool, in words ("‘soms’ of ‘vaak’"): the answers the
   * study's tool questions count (server/factsheet/tool-use.ts). Absent in versions published before it existed.
   */
  toolUse?: LocalText;
  /**
   * Response per respondent group (analysis response.byGroup, the count every screen shows),
   * when the study has more than one group; absent otherwise and in older versions.
   */
  groups?: FactsheetGroup[];
  /** items: ratings, single and multiple choice, numbers per question (analysis/findings/questions.ts); absent in older versions. */
  questions?: QuestionBlock[];
  /**
   * Issue 16: the selection when the factsheet is about one respondent group only ("alleen
   * ouders"); absent when it covers everyone (and in older versions).
   */
  selection?: { group: string; name: LocalText };
  /** Issue 16: the subgroup splits the composition asks for (analysis/findings/splits.ts); absent when none. */
  splits?: FactsheetSplit[];
}

/**
 * A section's figures per subgroup (issue 16): per respondent group (`by: 'group'`) or per value
 * of a cohort attribute (`by`: its key), each subgroup analysed as a filter on it gives, with
 * subgroup suppression (METHODS §6).
 */
export interface FactsheetSplit {
  by: string;
  /** What is split by, as a noun: "respondentgroep", "domein". */
  label: LocalText;
  /** The sections that show it. */
  sections: ('indicators' | 'questions')[];
  groups: FactsheetSubgroup[];
}

export interface FactsheetSubgroup {
  value: string;
  label: LocalText;
  /** Respondents per round; null when hidden. */
  respondents: (number | null)[];
  /** Per round: hidden because this subgroup (or, secondarily, another one of the round) has fewer than minSubgroup respondents. */
  hidden: boolean[];
  custom: CustomIndicator[];
  questions: QuestionBlock[];
}

/** A mean per round with its t-interval (a mean score, or the mean of per-person shares). */
export interface MeanValue {
  value: number;
  n: number;
  ci: [number, number] | null;
}

/**
 * A researcher-defined indicator: a share of one item (`perRound`, Wilson), a mean
 * (`means`: a score, or with `percent` the mean of per-person shares), or a distribution
 * (`options`: each answer as a share per round with its Wilson interval, and `shift`, the test of
 * change of the whole distribution), and its primary change.
 */
/**
 * A variable the attrition flag names (METHODS §4.2, §4.5): its question, and how those who dropped
 * out had answered it at baseline against those who stayed (lower or higher on its scale or share,
 * or just differently for unordered answers).
 */
export interface AttritionNamed {
  /** The item's id: its short label, where the factsheet has one, names it (SentenceContext.labels). */
  id: string;
  label: LocalText;
  leavers: 'lower' | 'higher' | 'different';
}

export interface CustomIndicator {
  id: string;
  label: LocalText;
  value: 'share' | 'mean' | 'distribution';
  /** The value reads as a percentage (shares and means of per-person shares). */
  percent: boolean;
  /** How a share reads ('yes' for yes/no items, else a top box); only for `value: 'share'`. */
  form?: 'yes' | 'agree' | 'label';
  perRound: (Share | null)[];
  means: (MeanValue | null)[];
  change: Change | null;
  /** The range of one person's value (the scale of a mean score, 0–1 for a share); absent in older versions. */
  range?: [number, number] | null;
  /** A distribution's answers, each a series of shares (`<key>.o<code>`), in the item's order. */
  options?: Series[];
  /**
   * A distribution's primary comparison: for a single choice the exact Bowker (pairs) or
   * Fisher test of METHODS §3.2, for an ordered scale the test on the whole scale (Wilcoxon).
   */
  shift?: QuestionBlock['shift'];
}

/** One respondent group's response; `invited` is null for a group reached only by anonymous link. */
export interface FactsheetGroup {
  key: string;
  name: LocalText;
  personal: boolean;
  rounds: { invited: number | null; submitted: number | null }[];
}

/** items: one rating, choice or number question of the "Results per question" section. */
export interface QuestionBlock {
  id: string;
  type: 'rating' | 'single' | 'multi' | 'number';
  label: LocalText;
  unit: LocalText | null;
  maxSelect: number | null;
  /** Ratings and numbers: the mean per round with n and its t-interval (null when not asked or hidden). */
  means: ({ n: number; mean: number; ci: [number, number] | null } | null)[] | null;
  /** Single and multiple choice: each option as a series of shares (x chose it of the n who answered). */
  options: Series[] | null;
  /** Ratings: each score as a series of shares per round (the distribution); absent for other types and in older versions. */
  distribution?: Series[];
  /** Ratings and numbers: median and quartiles (R type 7) per round; absent in older versions. */
  quartiles?: ({ median: number; q1: number; q3: number } | null)[];
  /** Ratings: the scale (lowest and highest score); absent otherwise. */
  scale?: [number, number];
  /** Ratings and numbers: the primary change, decided by the test on the whole scale; `difference` is in means. */
  change: Change | null;
  /** Single choice: the primary comparison of the distributions (exact Bowker on pairs, else Fisher). */
  shift: {
    from: number;
    to: number;
    p: number | null;
    pAdjusted: number | null;
    alpha: number;
    /** Share of answers that moved option (total variation distance). */
    moved: number | null;
    /** The observed direction: 'increase' or 'decrease' up or down an ordered scale, 'shift' between unordered options. */
    observed?: 'increase' | 'decrease' | 'none' | 'shift';
    paired: boolean;
    n: number;
  } | null;
}

export interface FactsheetStudy {
  slug: string;
  title: LocalText;
  question: LocalText | null;
  description: LocalText;
  organisation: string;
  colophon: Colophon;
  languages: Lang[];
  isDemo: boolean;
  /** The study's own words when the data was taken (issue 16); absent in versions published before studies had them. */
  vocabulary?: Vocabulary;
}

/** The study's publication thresholds (METHODS.md §4.5 and §6). */
export interface DisclosureSettings {
  minDenominatorForPercent: number;
  smallNumbersBelow: number;
  minSubgroup: number;
  minGroupForQuotes: number;
  cautionResponseBelow: number;
  strongCautionResponseBelow: number;
  responseGapWarning: number;
  alpha: number;
  /**
   * Team mode (a self-assessment): below minDenominatorForPercent the team sees its own counts
   * ("3 van 5"), never a percentage. Absent in versions published before it existed (= false).
   */
  teamMode?: boolean;
}

export interface RoundResponse {
  key: string;
  label: LocalText;
  invited: number;
  submitted: number;
  /** submitted / invited; null when no one was invited. */
  rate: number | null;
}

/**
 * A proportion: `x` of the `n` who answered (per-item denominator), with its Wilson 95%
 * interval. `dontKnow` counts answers left out of `n` as "don't know".
 */
export interface Share {
  x: number;
  n: number;
  ci: [number, number] | null;
  dontKnow?: number;
}

/**
 * What the evidence says about a change: an increase or decrease only when the test gives p below
 * alpha after adjustment for multiple tests (METHODS §3.6); the interval is precision, not a criterion.
 */
export const CHANGE_EVIDENCE = ['increase', 'decrease', 'no-change', 'not-tested'] as const;
export type ChangeEvidence = (typeof CHANGE_EVIDENCE)[number];

/**
 * The change of a share between two rounds. The evidence rests either on the interval of the
 * difference (yes/no items: Newcombe) or, for ordinal items, on a test of the whole scale
 * (exact Wilcoxon) whose adjusted p is compared with alpha; `difference` is then the
 * descriptive change in the share and `ci` is null.
 */
export interface Change {
  /** Round indexes compared. */
  from: number;
  to: number;
  /** Difference in the share (to − from) as a fraction; null when not estimable. */
  difference: number | null;
  /** 95% interval of the difference, as fractions; null when the evidence is a test. */
  ci: [number, number] | null;
  p: number | null;
  pAdjusted: number | null;
  alpha: number;
  evidence: ChangeEvidence;
  /** Paired (same people in both rounds) or cross-sectional. */
  paired: boolean;
  /** Pairs (paired) or the smaller round's n (cross-sectional). */
  n: number;
  /** How the evidence was established, e.g. "exact Wilcoxon signed-rank test". */
  method: string;
  /**
   * The direction the test's own effect points (the whole scale for ordinal items), which can
   * differ from the top-box difference; absent in versions published before it existed.
   */
  observed?: 'increase' | 'decrease' | 'none';
}

/** One indicator across rounds; `perRound[i]` is null when it was not asked in round i. */
export interface Series {
  id: string;
  label: LocalText;
  perRound: (Share | null)[];
  /** First asked round → last asked round. */
  change: Change | null;
  /** How a share of it reads: answered "yes", agrees with a statement, or a labelled top box. */
  form?: 'yes' | 'agree' | 'label';
  /** Round indexes with the highest value, as the analysis found them (trends). */
  peak?: number[];
}

export interface PartnerSeries {
  name: string;
  domain: string;
  frequency: (Share | null)[];
  quality: (Share | null)[];
  frequencyChange: Change | null;
  qualityChange: Change | null;
  /** The analysis's ranking by increase in frequency (1 = largest); null when not ranked. */
  rank?: number | null;
}

export interface PartnerBlock {
  /** What the frequency share counts, e.g. "ten minste maandelijks". */
  frequencyLabel: LocalText;
  qualityLabel: LocalText;
  items: PartnerSeries[];
}

export interface ToolBlock {
  items: Series[];
  /** Other tool-use indicators, e.g. "brought a case to the ZAT". */
  extra: Series[];
}
