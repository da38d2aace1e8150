import type { ItemType, LocalText, Measure, StudySettings } from '../../model/index.js';
import { ANALYSIS_FORMAT } from '../../model/values.js';
import { SUMMARY_REASONS } from '../../model/hidden-value-reasons.js';
import type { DomainCoverage } from '../../model/domains.js';
import type { IndicatorAnalysis } from './indicators.js';
import type { LoadNote, VariableCode, VariableKind } from './input.js';

/**
 * The shape of `analyzeStudy()`'s result: what the API, the CLI (`--json`), the dashboard and
 * the factsheet read. Documented field by field in docs/analysis-json.md; bump the format
 * version on any incompatible change. The JSON never holds NaN or ±Infinity: a value that
 * cannot be computed is null, with `n` and a reason next to it.
 */
export { ANALYSIS_FORMAT };

/** Who the result is for: 'full' (researchers: everything, flags instead of suppression) or 'aggregate' (trainers: suppressed). */
export const AUDIENCES = ['full', 'aggregate'] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface StudyAnalysis {
  format: typeof ANALYSIS_FORMAT;
  study: { slug: string; title: LocalText; organisation: string };
  audience: Audience;
  settings: StudySettings;
  selection: SelectionInfo;
  rounds: RoundResponse[];
  response: ResponseAnalysis;
  items: ItemAnalysis[];
  /** items: every answerable question in questionnaire order, by type, with the priority-vote ranking of multiple choice. */
  questions: QuestionReport[];
  partners: PartnerResult[];
  partnerRanking: PartnerRanking | null;
  tools: ToolResult[];
  /** The researcher's own indicators (analysis/study/indicators.ts; issue 16). */
  indicators: IndicatorAnalysis[];
  /** quickscan (issue 17): domain coverage from the cohort and the answers (analysis/study/domains.ts); null without the setting. */
  domains: DomainCoverage | null;
  trends: TrendResult[];
  attrition: AttritionAnalysis | null;
  families: FamilyResult[];
  caveats: Caveat[];
  findings: Finding[];
  notes: {
    questionnaireVersions: { version: number; rounds: string[] }[];
    load: LoadNote[];
    /** Non-finite numbers replaced by null before output: always 0 unless there is a bug. */
    nonFinite: number;
  };
}

export interface SelectionInfo {
  /** Keys of the analysed rounds, in study order. */
  rounds: string[];
  organisations: string[] | null;
  roles: string[] | null;
  /** attrs: the cohort-attribute filters (key → values), present only when one is set. */
  attributes?: Record<string, string[]>;
  /** Only participants who submitted in every selected round. */
  matched: boolean;
  /** Units (participants and anonymous responses) in the selection. */
  units: number;
  /** The pre-specified primary contrast: first and last selected round with a response in scope (selection.ts). */
  primary: { from: string; to: string } | null;
  /** Respondent groups selected (keys); null: every group. */
  groups: string[] | null;
  /** True when a filter narrows the cohort (a subgroup for disclosure rules). */
  subgroup: boolean;
}

/** A proportion x of n with its Wilson 95% interval. */
export interface Proportion {
  x: number | null;
  n: number;
  estimate: number | null;
  ci: [number, number] | null;
  method: string;
}

export const FLAGS = [
  /** The denominator is at least minDenominatorForPercent but below smallNumbersBelow: indicative only. */
  'small-numbers',
  /** The denominator is below minDenominatorForPercent: show "x of n", no percentage. */
  'no-percentage',
  /** Values were hidden for this audience (see `suppressed` reasons). */
  'suppressed',
  /** The item's definition (type, scale, routing) differs between questionnaire versions in use. */
  'definition-changed',
  /** A mean's interval was clipped to the scale range. */
  'clipped',
  /**
   * A count equals 0 or the whole group in a subgroup table (attribute disclosure risk), or
   * (full audience) a response pattern, pair or flow count of 1 to minSubgroup − 1 that the
   * aggregate audience does not see.
   */
  'disclosure-risk',
] as const;
export type Flag = (typeof FLAGS)[number];

/** Why a round's summary has no value; the list is shared with the words for it (model/hidden-value-reasons.ts). */
export const REASONS = SUMMARY_REASONS;
export type Reason = (typeof REASONS)[number];

export interface DistributionCell {
  code: number;
  label: LocalText;
  count: number | null;
  /** count / n; null when suppressed or n is 0. */
  share: number | null;
  /** Single choice (nominal) only: the share's Wilson 95% interval; null when the share is. */
  ci?: [number, number] | null;
}

export interface MeanSummary {
  estimate: number | null;
  sd: number | null;
  ci: [number, number] | null;
  method: string;
}

/** One variable in one round. */
export interface RoundSummary {
  round: string;
  /** Someone in the selection was routed to the item in this round. */
  asked: boolean;
  /** Units in the selection that submitted a response in this round. */
  respondents: number;
  /** Substantive answers: the denominator. */
  n: number;
  skipped: number;
  dontKnow: number;
  notApplicable: number;
  notAsked: number;
  distribution: DistributionCell[] | null;
  topBox: Proportion | null;
  mean: MeanSummary | null;
  median: number | null;
  q1: number | null;
  q3: number | null;
  iqr: number | null;
  flags: Flag[];
  reason: Reason | null;
}

export interface TestResult {
  method: string;
  n: number;
  statistic: number | null;
  /** The reportable p-value; null when the test could not reach alpha or could not be run. */
  p: number | null;
  /** p adjusted within `family`; null when p is null. */
  pAdjusted: number | null;
  family: FamilyId | null;
  /** p comes from the exact (conditional) distribution. */
  exact: boolean;
  minAchievableP: number | null;
  notes: string[];
}

export const EFFECT_MEASURES = [
  'rank-biserial',
  'cliffs-delta',
  'difference-in-proportions',
  'mean-difference',
  'kendall-w',
  // items: a single-choice item's shift between rounds (total variation distance, 0–1)
  'distribution-shift',
] as const;
export type EffectMeasure = (typeof EFFECT_MEASURES)[number];

export interface Effect {
  measure: EffectMeasure;
  estimate: number | null;
  ci: [number, number] | null;
  method: string;
}

export interface PairedChange {
  /** Units with a substantive answer in both rounds. */
  n: number;
  /** Later answer higher (or yes where it was no). */
  improved: number;
  same: number;
  worse: number;
  /** Single choice (nominal) only: units whose answer moved to another option (improved and worse stay 0). */
  changed?: number;
  /** Mean of later − earlier over the pairs (for binary items: difference in proportions). */
  meanDifference: number | null;
  effect: Effect | null;
  test: TestResult | null;
}

export interface CrossSectionalChange {
  nFrom: number;
  nTo: number;
  /** Mean (or proportion) at the later round minus the earlier one. */
  meanDifference: number | null;
  effect: Effect | null;
  test: TestResult | null;
  /** Always true: the same cohort answers in both rounds, so the samples overlap. */
  overlapping: true;
}

/** 'shift': a single-choice item's answers moved between options, which have no up or down. */
export const DIRECTIONS = ['increase', 'decrease', 'none', 'shift'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const EVIDENCE = ['demonstrated', 'not-demonstrated', 'not-tested', 'descriptive'] as const;
export type EvidenceStrength = (typeof EVIDENCE)[number];

export interface Conclusion {
  /** 'increase', 'decrease' (or 'shift' for single choice) only when the evidence is 'demonstrated'; otherwise 'none'. */
  direction: Direction;
  evidence: EvidenceStrength;
  /** Which analysis the conclusion rests on. */
  basis: 'paired' | 'cross-sectional' | null;
  /** The observed direction, whatever the evidence (for ranking and wording "no demonstrable change"). */
  observed: Direction;
  reason: Reason | null;
}

export interface ChangeResult {
  from: string;
  to: string;
  /** This round pair is the primary contrast (first → last selected round with responses). */
  primary: boolean;
  paired: PairedChange | null;
  crossSectional: CrossSectionalChange | null;
  conclusion: Conclusion;
}

/** Friedman (ordinal) or Cochran's Q (binary) across all selected rounds, on complete cases. */
export interface OverallTest {
  rounds: string[];
  /** Complete cases: units with a substantive answer in every round. */
  n: number;
  test: TestResult | null;
  effect: Effect | null;
  reason: Reason | null;
}

export interface VariableAnalysis {
  /** Variable id (docs/analysis-json.md: `item`, `item.p<id>.<facet>`, `item.t<id>`, `item.o<code>`). */
  id: string;
  /**
   * The variable's name in the exports and their codebook (`collab_p1_freq`), so a number in the
   * analysis can be found in the data; the wide file adds `_<round>`.
   */
  exportName: string;
  item: string;
  kind: VariableKind;
  measure: Measure;
  codes: VariableCode[] | null;
  topBoxCodes: number[] | null;
  rounds: RoundSummary[];
  changes: ChangeResult[];
  overall: OverallTest | null;
  flags: Flag[];
}

export interface ItemAnalysis extends VariableAnalysis {
  type: ItemType;
  text: LocalText;
  /** For one option of a multiple-choice item: its label. */
  optionLabel: LocalText | null;
  /**
   * Keys of the respondent groups asked this item, when the study has groups and not all of
   * them were (a parents-only finding names its population: "onder ouders"); absent otherwise.
   */
  population?: string[];
}

/** One question of the questionnaire as reported question by question (analysis/study/questions.ts). */
export interface QuestionReport {
  item: string;
  type: ItemType;
  text: LocalText;
  /** Ids of its variables in `items`: one, or one per option of a multiple-choice question. */
  variables: string[];
  /** Multiple choice: how many options a respondent may choose (a priority vote), or null. */
  maxSelect: number | null;
  /** Numbers: the unit ("uur", "hours"), or null. */
  unit: LocalText | null;
  /** Multiple choice: per round, the options ranked by votes (most chosen first). */
  ranking: ChoiceRanking[] | null;
}

export interface ChoiceRanking {
  round: string;
  asked: boolean;
  /** Respondents who answered the question in this round: the denominator of every share. */
  n: number;
  options: {
    variable: string;
    label: LocalText;
    /** Respondents who chose the option; null when suppressed. */
    votes: number | null;
    share: number | null;
    ci: [number, number] | null;
    /** 1 = most votes; equal votes share a rank; null for options nobody chose or whose count is hidden. */
    rank: number | null;
  }[];
}

export interface PartnerResult {
  /** Position in the study's partner list. */
  index: number;
  name: string;
  domain: string;
  frequency: VariableAnalysis | null;
  quality: VariableAnalysis | null;
  /** The ranking metric for this partner (see partnerRanking). */
  increase: PartnerIncrease;
}

export interface PartnerIncrease {
  /** Mean paired change in the frequency code, later − earlier (primary contrast). */
  meanChange: number | null;
  nPairs: number;
  /** 1 = largest increase; null when not ranked. */
  rank: number | null;
  conclusion: Conclusion | null;
  reason: Reason | null;
}

export interface PartnerRanking {
  measure: 'collaboration-frequency';
  from: string;
  to: string;
  metric: 'mean-paired-change';
  /** Partners with fewer pairs are not ranked. */
  minPairs: number;
  /** Partner indices from largest to smallest increase. */
  order: number[];
}

export interface ToolResult {
  index: number;
  name: string;
  use: VariableAnalysis;
}

export const TREND_SHAPES = ['rising', 'falling', 'peak', 'dip', 'flat', 'mixed', 'insufficient'] as const;
export type TrendShape = (typeof TREND_SHAPES)[number];

export interface TrendResult {
  variable: string;
  item: string;
  kind: VariableKind;
  /** What the trend follows: the mean score (ordinal) or the share yes / top box (binary). */
  basis: 'mean' | 'share';
  points: { round: string; n: number; value: number | null }[];
  /** Round(s) with the highest value; empty when nothing could be computed. */
  peak: string[];
  shape: TrendShape;
  overall: OverallTest | null;
}

export interface GroupSummary {
  n: number;
  /** Mean (ordinal, numeric) or share of yes (binary). */
  value: number | null;
}

export interface AttritionVariable {
  variable: string;
  item: string;
  kind: VariableKind;
  stayers: GroupSummary;
  leavers: GroupSummary;
  /** stayers − leavers, with a Newcombe interval for proportions and a Welch interval for means. */
  difference: Effect | null;
  smd: number | null;
  cliffsDelta: number | null;
  flagged: boolean;
  /** What triggered the flag: 'smd', 'difference', 'cliffs-delta'. */
  flaggedBy: ('smd' | 'difference' | 'cliffs-delta')[];
}

export interface AttritionComparison {
  /** The later round whose response splits baseline respondents into stayers and leavers. */
  round: string;
  stayers: number;
  leavers: number;
  variables: AttritionVariable[];
}

export interface BoundsResult {
  variable: string;
  round: string;
  /** Yes answers, substantive answers, eligible participants. */
  x: number;
  n: number;
  eligible: number;
  /** Worst/best case for the share among all eligible: [x/N, (x + N − n)/N]. Not a confidence interval. */
  bounds: [number, number] | null;
}

export interface AttritionAnalysis {
  baseline: string;
  comparisons: AttritionComparison[];
  bounds: BoundsResult[];
}

export const FAMILY_IDS = [
  'primary',
  'secondary',
  'partners-frequency',
  'partners-quality',
  'tools',
  'overall',
  'cross-sectional',
  // The researcher's indicators (issue 16): paired tests of the primary contrast (Holm), every other indicator test (BH).
  'indicators',
  'indicators-exploratory',
] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

export interface FamilyMember {
  variable: string;
  from: string | null;
  to: string | null;
  analysis: 'paired' | 'cross-sectional' | 'overall';
  p: number;
  pAdjusted: number;
}

export interface FamilyResult {
  id: FamilyId;
  method: 'holm' | 'BH';
  /** Number of tests in the family (m). */
  size: number;
  members: FamilyMember[];
}

export const CAVEAT_CODES = [
  'low-response',
  'very-low-response',
  'response-gap',
  'baseline-difference',
  'overlapping-samples',
  'small-numbers',
  'questionnaire-changed',
  'no-linked-respondents',
  'no-evidence-is-not-no-effect',
  'unadjusted-intervals',
  'subgroup-too-small',
] as const;
export type CaveatCode = (typeof CAVEAT_CODES)[number];

export interface Caveat {
  code: CaveatCode;
  severity: 'info' | 'caution' | 'strong';
  subject: { round?: string; rounds?: string[]; variable?: string; variables?: string[] };
  numbers: Record<string, number | string | null>;
}

export const FINDING_KINDS = [
  'response',
  'response-caveat',
  'partner-ranking',
  'change',
  'peak',
  'share',
  'tool-use',
  'least-used-tool',
  'attrition',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Evidence {
  strength: EvidenceStrength;
  alpha: number;
  test?: string;
  p?: number | null;
  pAdjusted?: number | null;
  family?: FamilyId | null;
  ci?: [number, number] | null;
  n?: number;
}

/**
 * A machine-readable statement. The dashboard and the factsheet turn it into a sentence;
 * `id` is stable across refreshes so an edited sentence can be matched to its finding.
 */
export interface Finding {
  id: string;
  kind: FindingKind;
  subject: Record<string, unknown>;
  numbers: Record<string, unknown>;
  evidence: Evidence;
}

export interface RoundResponse {
  key: string;
  label: LocalText;
  opensAt: string | null;
  closesAt: string | null;
  /** Eligible: invited (link not revoked) and not left before or in this round. The denominator. */
  invited: number;
  /** Participants with an invitation who had left by this round. */
  left: number;
  sent: number;
  opened: number;
  started: number;
  /** Eligible participants who submitted. */
  submitted: number;
  /** Submitted responses of participants who were not eligible (left, no invitation). */
  submittedNotEligible: number;
  /** Submitted anonymous responses (anonymous link): in item results, not in the response rate. */
  anonymous: number;
  /** submitted / invited; null when nobody was invited. */
  responseRate: number | null;
  responseRateCi: [number, number] | null;
  /** Submissions per day (UTC) and cumulative. */
  timeline: { date: string; submitted: number; cumulative: number }[];
  flags: Flag[];
}

export interface GroupResponse {
  name: string;
  rounds: { round: string; invited: number | null; submitted: number | null; responseRate: number | null }[];
  flags: Flag[];
  reason: Reason | null;
}

/** One respondent group's counts per selected round (group-responses.ts: the one definition). */
export interface GroupCounts {
  key: string;
  name: LocalText;
  /** Reached by personal links (has invited and a response rate). */
  personal: boolean;
  /** Reached by an anonymous link. */
  anonymous: boolean;
  /** The study defines no groups: this is everyone. */
  implicit: boolean;
  rounds: {
    round: string;
    /** Eligible participants of the group; null when the group is reached only anonymously (no denominator). */
    invited: number | null;
    /** Began or submitted (participants and anonymous link). */
    started: number | null;
    /** Submitted (participants and anonymous link). */
    submitted: number | null;
    /** Of `submitted`, through the anonymous link. */
    anonymousSubmitted: number | null;
    /** Participants' submissions / invited; null without a denominator. */
    responseRate: number | null;
    flags: Flag[];
  }[];
}

export interface ResponseAnalysis {
  /** Invited, started and submitted per respondent group (one implicit group when the study has none). */
  byGroup: GroupCounts[];
  /** Per organisation and per role; null for the aggregate audience. */
  byOrganisation: GroupResponse[] | null;
  byRole: GroupResponse[] | null;
  /**
   * Who answered which selected rounds: '1' submitted, '0' not; among eligible-at-least-once
   * participants. Counts, pairs, complete and flow cells are null where suppressed for the
   * aggregate audience (response-suppression.ts); rows then carry the flag `suppressed`, and
   * for the full audience `disclosure-risk` marks a count of 1 to minSubgroup − 1.
   */
  patterns: { pattern: string; count: number | null; flags: Flag[] }[];
  /** Units that submitted in both rounds of each pair. */
  pairs: { from: string; to: string; n: number | null; flags: Flag[] }[];
  /** Units that submitted in every selected round. */
  complete: number | null;
  /** `submitted` equals the round's submissions in the selection and is never suppressed. */
  flow: { round: string; submitted: number; alsoPrevious: number | null; returning: number | null; new: number | null; flags: Flag[] }[];
}
