import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LocalTextSchema } from './i18n.js';

/** What an item measures, so analysis knows what to compute with it. */
export const MEASURES = [
  'competence',
  'collaboration-frequency',
  'collaboration-quality',
  'tool-use',
  'satisfaction',
  'background',
  'open',
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

const literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as never) as TSchema;

export const ScalePointSchema = Type.Object(
  { code: Type.Integer({ minimum: 0, maximum: 1000 }), label: LocalTextSchema },
  { additionalProperties: false },
);
export type ScalePoint = Static<typeof ScalePointSchema>;

/** An ordered set of labelled points; codes increase with the point's order. */
export const ScaleSchema = Type.Object(
  {
    points: Type.Array(ScalePointSchema, { maxItems: 11 }),
    /** Codes counted as "agree" / "at least monthly" / "good": the top box. */
    topBox: Type.Optional(Type.Array(Type.Integer(), { maxItems: 11 })),
    dontKnow: Type.Optional(Type.Boolean()),
    notApplicable: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Scale = Static<typeof ScaleSchema>;

export const SHOW_IF_OPS = ['equals', 'notEquals', 'anyOf', 'atLeast', 'atMost', 'answered'] as const;
export type ShowIfOp = (typeof SHOW_IF_OPS)[number];

/** Show an item only when an earlier item's answer meets a condition. */
export const ShowIfSchema = Type.Object(
  {
    item: Type.String({ pattern: VARIABLE_PATTERN }),
    op: literals(SHOW_IF_OPS),
    value: Type.Optional(Type.Union([Type.Number(), Type.Array(Type.Number(), { maxItems: 20 })])),
  },
  { additionalProperties: false },
);
export type ShowIf = { item: string; op: ShowIfOp; value?: number | number[] };

const base = {
  id: Type.String({ pattern: VARIABLE_PATTERN }),
  text: LocalTextSchema,
  help: Type.Optional(LocalTextSchema),
  required: Type.Boolean(),
  /** Keys of the rounds this item is asked in. */
  rounds: Type.Array(Type.String({ maxLength: 20 }), { minItems: 1, maxItems: 20 }),
  showIf: Type.Optional(ShowIfSchema),
  measure: literals(MEASURES),
};

const item = <T extends string, P extends Record<string, TSchema>>(type: T, props: P) =>
  Type.Object({ type: Type.Literal(type), ...base, ...props }, { additionalProperties: false });

export const LikertItemSchema = item('likert', { scale: ScaleSchema });
export const FrequencyItemSchema = item('frequency', { scale: ScaleSchema });
export const RatingItemSchema = item('rating', {
  min: Type.Integer({ minimum: 0, maximum: 100 }),
  max: Type.Integer({ minimum: 1, maximum: 100 }),
  minLabel: Type.Optional(LocalTextSchema),
  maxLabel: Type.Optional(LocalTextSchema),
  /** Ratings at or above this count as the top box (e.g. 7 on a 1–10 rating). */
  topBoxFrom: Type.Optional(Type.Integer()),
  dontKnow: Type.Optional(Type.Boolean()),
  notApplicable: Type.Optional(Type.Boolean()),
});
export const YesNoItemSchema = item('yesno', {
  dontKnow: Type.Optional(Type.Boolean()),
  notApplicable: Type.Optional(Type.Boolean()),
});
export const SingleItemSchema = item('single', { options: Type.Array(ScalePointSchema, { maxItems: 50 }) });
export const MultiItemSchema = item('multi', {
  options: Type.Array(ScalePointSchema, { maxItems: 50 }),
  maxSelect: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
});
export const NumberItemSchema = item('number', {
  min: Type.Number(),
  max: Type.Number(),
  integer: Type.Boolean(),
  unit: Type.Optional(LocalTextSchema),
});
export const TextItemSchema = item('text', {
  maxLength: Type.Integer({ minimum: 1, maximum: 10000 }),
  multiline: Type.Boolean(),
});
export const GRID_FACETS = ['frequency', 'quality'] as const;
export type GridFacet = (typeof GRID_FACETS)[number];
export const PartnerGridItemSchema = item('partnerGrid', {
  /** Frequency and/or quality per chain partner, each on its own scale. */
  facets: Type.Array(
    Type.Object(
      {
        key: literals(GRID_FACETS),
        measure: literals(['collaboration-frequency', 'collaboration-quality'] as const),
        label: LocalTextSchema,
        scale: ScaleSchema,
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 2 },
  ),
});
export const ToolGridItemSchema = item('toolGrid', { scale: ScaleSchema });

export const ItemSchema = Type.Union([
  LikertItemSchema,
  FrequencyItemSchema,
  RatingItemSchema,
  YesNoItemSchema,
  SingleItemSchema,
  MultiItemSchema,
  NumberItemSchema,
  TextItemSchema,
  PartnerGridItemSchema,
  ToolGridItemSchema,
]);

interface ItemBase {
  id: string;
  text: Static<typeof LocalTextSchema>;
  help?: Static<typeof LocalTextSchema>;
  required: boolean;
  rounds: string[];
  showIf?: ShowIf;
  measure: Measure;
}
type LocalText = Static<typeof LocalTextSchema>;
export type LikertItem = ItemBase & { type: 'likert'; scale: Scale };
export type FrequencyItem = ItemBase & { type: 'frequency'; scale: Scale };
export type RatingItem = ItemBase & {
  type: 'rating'; min: number; max: number; minLabel?: LocalText; maxLabel?: LocalText;
  topBoxFrom?: number; dontKnow?: boolean; notApplicable?: boolean;
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
  | LikertItem | FrequencyItem | RatingItem | YesNoItem | SingleItem | MultiItem
  | NumberItem | TextItem | PartnerGridItem | ToolGridItem;

export const SectionSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    title: LocalTextSchema,
    intro: Type.Optional(LocalTextSchema),
    items: Type.Array(ItemSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
export interface Section { key: string; title: LocalText; intro?: LocalText; items: Item[] }

export const QuestionnaireSchema = Type.Object(
  {
    /** Format marker of the questionnaire definition file. */
    format: Type.Literal('rondo.questionnaire/1'),
    title: LocalTextSchema,
    /** Estimated minutes to complete, shown in the respondent's intro. */
    estimatedMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
    sections: Type.Array(SectionSchema, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
);
export interface Questionnaire {
  format: 'rondo.questionnaire/1';
  title: LocalText;
  estimatedMinutes?: number;
  sections: Section[];
}

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
