import type { CohortAttribute } from '../../model/cohort-attributes.js';
import type { DomainCoverageSetting } from '../../model/domains.js';
import type { GridFacet, Indicator, Item, LocalText, Measure, StudySettings } from '../../model/index.js';

/**
 * The analysis input: one study in columnar form, so that analysis is pure and fast.
 *
 * Rows are *respondent units*: first every participant of the cohort, then one unit per
 * anonymous response (a response without a participant: it counts for item results but has
 * no invitation, no organisation or role and cannot be paired across rounds).
 *
 * Every per-unit-per-round array is laid out round-major: the cell of unit `u` in round
 * index `r` is at `r * units.count + u` (see `cell()`), so one round is one contiguous slice.
 *
 * Built by server/analysis (from SQLite) or by `InputBuilder` in tests; never changed by the
 * analysis.
 */
export interface AnalysisInput {
  study: InputStudy;
  /** Rounds in their study order (position). */
  rounds: InputRound[];
  partners: InputPartner[];
  tools: InputTool[];
  /** Questionnaire items in order: the newest version's items, then items only older versions had. */
  items: Item[];
  /** The researcher's indicators (of the newest questionnaire version); absent means none (issue 16, indicators). */
  indicators?: Indicator[];
  /** The questionnaire versions submitted responses used, oldest first. */
  questionnaireVersions: InputQuestionnaireVersion[];
  variables: Variable[];
  units: Units;
  status: UnitRoundStatus;
  /** Respondent groups (model/respondent-groups.ts): which group each unit belongs to. */
  groups: InputGroups;
  /** Problems met while loading (unknown answer cells, duplicate submissions, …), with counts. */
  loadNotes: LoadNote[];
  /** quickscan (issue 17): the domain coverage setting with its attributes' definitions; absent: no coverage. */
  domains?: InputDomains;
}

/** The study's domain coverage setting (model/domains.ts) and the cohort attributes it names. */
export interface InputDomains {
  setting: DomainCoverageSetting;
  /** The attribute whose allowed values are the domains. */
  attribute: CohortAttribute;
  /** The attribute that tells team from support network, when the setting names one the study defines. */
  roleAttribute: CohortAttribute | null;
}

export interface InputStudy {
  slug: string;
  title: LocalText;
  organisation: string;
  /** The study's settings with the defaults of METHODS.md filled in. */
  settings: StudySettings;
}

export interface InputRound {
  key: string;
  label: LocalText;
  opensAt: string | null;
  closesAt: string | null;
}

export interface InputPartner {
  /** Database id, as used in answer cells (`p<id>.frequency`). */
  id: number;
  name: string;
  domain: string;
}

export interface InputTool {
  id: number;
  name: string;
}

export interface InputQuestionnaireVersion {
  version: number;
  /** Keys of the rounds in which submitted responses used this version. */
  rounds: string[];
}

export interface LoadNote {
  code: LoadNoteCode;
  count: number;
}

export const LOAD_NOTE_CODES = [
  /** Answer cells whose item or sub-cell is in no questionnaire version (ignored). */
  'unknown-answer-cells',
  /** More than one submitted response for a participant in a round: the latest was used. */
  'duplicate-submissions',
  /** Answer cells with neither a code, a missing code nor text (ignored). */
  'empty-answer-cells',
  /** Codes outside the item's scale or options: counted as skipped, not as answers. */
  'out-of-scale-codes',
] as const;
export type LoadNoteCode = (typeof LOAD_NOTE_CODES)[number];

/**
 * What one cell (unit × round × variable) holds. A cell is ANSWERED only with a substantive
 * answer; everything else leaves the item's denominator (METHODS §2.1) and is counted apart.
 */
export const CELL = {
  /** The unit did not submit a response in this round (unit non-response). */
  NO_RESPONSE: 0,
  /** A substantive answer: `values` holds the code (or 1 for an answered open question). */
  ANSWERED: 1,
  /** The item was asked but left empty (item non-response). */
  SKIPPED: 2,
  DONT_KNOW: 3,
  NOT_APPLICABLE: 4,
  /** Not routed to the respondent: not in the round, not in the questionnaire version used, or hidden by show-if. */
  NOT_ASKED: 5,
} as const;
export type CellState = (typeof CELL)[keyof typeof CELL];

/** How a variable is analysed. */
export const VARIABLE_KINDS = ['ordinal', 'binary', 'nominal', 'numeric', 'text'] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];

/** One labelled answer code of a variable, in scale order. */
export interface VariableCode {
  code: number;
  label: LocalText;
}

/**
 * One analysable column: an item, or one cell of a grid item (a partner × facet, a tool) or
 * one option of a multiple-choice item.
 */
export interface VariableMeta {
  /** Stable name: `item` for plain items, `item.p<partnerId>.<facet>`, `item.t<toolId>`, `item.o<code>`. */
  id: string;
  /** The variable's name in the exports and the codebook (model/variable-name.ts): `item_p1_freq`, `item_t2`, `item_o3`. */
  exportName: string;
  item: string;
  /** The answer cell's `sub` address (model/answer.ts). */
  sub: string;
  kind: VariableKind;
  measure: Measure;
  /** Index into `partners`, for partner-grid cells. */
  partner: number | null;
  facet: GridFacet | null;
  /** Index into `tools`, for tool-grid rows. */
  tool: number | null;
  /** The option code, for one option of a multiple-choice item. */
  option: number | null;
  /** Answer codes in scale order (ordinal, binary, nominal); null for numeric and text. */
  codes: VariableCode[] | null;
  /** Codes counted as the top box ("agree", "at least monthly", "yes"); null when none is defined. */
  topBox: number[] | null;
  /** Scale range for clipping a mean's interval; null when unbounded. */
  range: [number, number] | null;
  /** Per round index: the item is in the round's definition (`item.rounds`). */
  inRound: boolean[];
  /** The item's definition differs between questionnaire versions used in the selected data. */
  definitionChanged: boolean;
}

export interface Variable extends VariableMeta {
  /** The answer per cell (round-major); NaN unless the cell is ANSWERED. */
  values: Float64Array;
  /** The CELL state per cell (round-major). */
  state: Uint8Array;
}

export interface Units {
  /** Number of units (participants + anonymous responses). */
  count: number;
  /** The first `participants` units are cohort participants. */
  participants: number;
  /** Index into `organisations`, −1 when unknown (anonymous units). */
  organisation: Int32Array;
  /** Index into `roles`, −1 when unknown. */
  role: Int32Array;
  organisations: string[];
  roles: string[];
  /** Round index from which the participant has left (no longer eligible), −1 when never. */
  leftFromRound: Int32Array;
  /**
   * attrs: the participants' cohort attributes (the built-in `team` and the study's own, in the
   * study's order), each as an index per unit into its distinct values (−1: no value, anonymous).
   */
  attributes: UnitAttribute[];
}

/** One cohort attribute of the units (issue 16): `values[index[u]]` is unit u's value. */
export interface UnitAttribute {
  key: string;
  values: string[];
  index: Int32Array;
}

/** A respondent group as the analysis knows it. */
export interface InputGroup {
  key: string;
  name: LocalText;
  /** Reached by personal links from the cohort: has invitations and a response rate. */
  personal: boolean;
  /** Reached by an anonymous link. */
  anonymous: boolean;
  /** Section keys the group sees; null: all (items of other sections are not asked of it). */
  sections: string[] | null;
  /** The items of those sections (filled in by the InputBuilder); null: all. */
  items?: string[] | null;
  /** The study defines no groups: this is everyone. */
  implicit: boolean;
}

export interface InputGroups {
  /** The study's groups in order; one implicit group when it defines none. */
  list: InputGroup[];
  /** Index into `list` per unit. */
  unit: Int32Array;
  /**
   * Anonymous drafts (begun on an anonymous link, never submitted) per round × group,
   * round-major (`r * list.length + g`): they are no units but count as started.
   */
  anonymousDrafts: Int32Array;
}

/** Invitation and response status per unit × round (round-major, as the variables). */
export interface UnitRoundStatus {
  /** 1 when the unit holds an invitation for the round that was not revoked. */
  invited: Uint8Array;
  /** Milliseconds since the epoch (UTC); NaN when it did not happen. */
  sentAt: Float64Array;
  openedAt: Float64Array;
  startedAt: Float64Array;
  submittedAt: Float64Array;
  /** 1 when a submitted response exists. */
  submitted: Uint8Array;
  /** 1 when a draft (started, not submitted) response exists and none was submitted. */
  draft: Uint8Array;
  /** Index into `questionnaireVersions` of the submitted response, −1 when none. */
  version: Int32Array;
}

/** Index of unit `u` in round `r` in the round-major arrays. */
export function cell(input: Pick<AnalysisInput, 'units'>, r: number, u: number): number {
  return r * input.units.count + u;
}

/**
 * Whether unit `u` is eligible in round `r`: it holds an invitation and has not left before
 * or in that round. Eligible units are the response-rate denominator (METHODS §1).
 */
export function isEligible(input: AnalysisInput, r: number, u: number): boolean {
  const left = input.units.leftFromRound[u];
  return input.status.invited[r * input.units.count + u] === 1 && !(left >= 0 && r >= left);
}
