import type { LocalText } from './i18n.js';
import type { Indicator } from './indicators.js';

/**
 * The questionnaire's plain shape: allowed values as `as const` tuples, the variable-name
 * pattern, the item types as a discriminated union on `type`, and pure helpers over them. No
 * TypeBox here: the browser's questionnaire builder imports these values without shipping a
 * schema library; the runtime schemas built from them are in questionnaire.ts.
 */

/** What an item measures, so analysis knows what to compute with it. */
export const MEASURES = [
  'competence',
  'collaboration-frequency',
  'collaboration-quality',
  'tool-use',
  'satisfaction',
  'background',
  'open',
  // Neutral choices for studies that are not a training (issue 16, indicators): whether an
  // intervention or offer is available, and anything else the researcher reports through an
  // indicator of their own. No built-in analysis (families, trends, findings) keys on them.
  'availability',
  'other',
] as const;
export type Measure = (typeof MEASURES)[number];

export const ITEM_TYPES = [
  'likert',
  'frequency',
  'rating',
  'yesno',
  'single',
  'multi',
  'number',
  'text',
  'partnerGrid',
  'toolGrid',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Answer codes distinct from a skip: "don't know" and "not applicable". */
export const MISSING_CODES = ['dont_know', 'not_applicable'] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

export const VARIABLE_PATTERN = '^[a-z][a-z0-9_]{0,39}$';

export const SHOW_IF_OPS = ['equals', 'notEquals', 'anyOf', 'atLeast', 'atMost', 'answered'] as const;
export type ShowIfOp = (typeof SHOW_IF_OPS)[number];
/** Show an item only when an earlier item's answer meets a condition. */
export type ShowIf = { item: string; op: ShowIfOp; value?: number | number[] };

export const GRID_FACETS = ['frequency', 'quality'] as const;
export type GridFacet = (typeof GRID_FACETS)[number];

export interface ScalePoint {
  code: number;
  label: LocalText;
}
/** An ordered set of labelled points; codes increase with the point's order. */
export interface Scale {
  points: ScalePoint[];
  /** Codes counted as "agree" / "at least monthly" / "good": the top box. */
  topBox?: number[];
  dontKnow?: boolean;
  notApplicable?: boolean;
}

interface ItemBase {
  id: string;
  text: LocalText;
  help?: LocalText;
  required: boolean;
  rounds: string[];
  showIf?: ShowIf;
  measure: Measure;
}
export type LikertItem = ItemBase & { type: 'likert'; scale: Scale };
export type FrequencyItem = ItemBase & { type: 'frequency'; scale: Scale };
export type RatingItem = ItemBase & {
  type: 'rating';
  min: number;
  max: number;
  minLabel?: LocalText;
  maxLabel?: LocalText;
  topBoxFrom?: number;
  dontKnow?: boolean;
  notApplicable?: boolean;
};
export type YesNoItem = ItemBase & { type: 'yesno'; dontKnow?: boolean; notApplicable?: boolean };
export type SingleItem = ItemBase & { type: 'single'; options: ScalePoint[] };
export type MultiItem = ItemBase & { type: 'multi'; options: ScalePoint[]; maxSelect?: number };
export type NumberItem = ItemBase & { type: 'number'; min: number; max: number; integer: boolean; unit?: LocalText };
export type TextItem = ItemBase & { type: 'text'; maxLength: number; multiline: boolean };
export interface GridFacetDef {
  key: GridFacet;
  measure: 'collaboration-frequency' | 'collaboration-quality';
  label: LocalText;
  scale: Scale;
}
export type PartnerGridItem = ItemBase & { type: 'partnerGrid'; facets: GridFacetDef[] };
export type ToolGridItem = ItemBase & { type: 'toolGrid'; scale: Scale };
export type Item =
  | LikertItem
  | FrequencyItem
  | RatingItem
  | YesNoItem
  | SingleItem
  | MultiItem
  | NumberItem
  | TextItem
  | PartnerGridItem
  | ToolGridItem;

export interface Section {
  key: string;
  title: LocalText;
  intro?: LocalText;
  items: Item[];
}

export interface Questionnaire {
  format: 'rondo.questionnaire/1';
  title: LocalText;
  estimatedMinutes?: number;
  sections: Section[];
  /** Indicators the researcher defines over this version's items (model/indicators.ts; issue 16, indicators). */
  indicators?: Indicator[];
}

/** What a problem found in a questionnaire definition is about (check-questionnaire.ts). */
export const QUESTIONNAIRE_ISSUE_CODES = [
  'schema',
  'duplicate-variable',
  'duplicate-section',
  'show-if-missing-item',
  'show-if-later-item',
  'show-if-self',
  'show-if-value',
  'scale-too-small',
  'scale-codes',
  'top-box',
  'missing-language',
  'unknown-round',
  'no-partners',
  'no-tools',
  'bounds',
  // Indicators (model/indicators.ts): one code for every indicator problem, the details in the message.
  'indicator',
  // polish: an edit that would break the study's domain coverage setting (model/domain-coverage-check.ts coverageBrokenBy).
  'domain-coverage',
] as const;
export type QuestionnaireIssueCode = (typeof QUESTIONNAIRE_ISSUE_CODES)[number];

/** All items in questionnaire order. */
export function itemsOf(q: Questionnaire): Item[] {
  return q.sections.flatMap((s) => s.items);
}

/** The items asked in one round, in order. */
export function itemsInRound(q: Questionnaire, roundKey: string): Item[] {
  return itemsOf(q).filter((i) => i.rounds.includes(roundKey));
}

/** Yes/no items store yes as 1 and no as 0, so a mean is a proportion. */
export const YES = 1;
export const NO = 0;
