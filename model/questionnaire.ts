import { Type, type TSchema } from '@sinclair/typebox';
import { LocalTextSchema } from './i18n.js';
import { INDICATOR_SUMMARIES, MAX_INDICATOR_ITEMS, MAX_INDICATORS } from './indicators.js';
import { GRID_FACETS, MEASURES, SHOW_IF_OPS, VARIABLE_PATTERN } from './questionnaire-shape.js';

/**
 * The questionnaire's runtime schemas, for the server's checks (check-questionnaire.ts). Its
 * plain shape — allowed values, patterns, the item types and the helpers over them — is in
 * questionnaire-shape.ts without TypeBox, so the browser's builder ships no schema library.
 */
export * from './questionnaire-shape.js';

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)) as never) as TSchema;

export const ScalePointSchema = Type.Object(
  { code: Type.Integer({ minimum: 0, maximum: 1000 }), label: LocalTextSchema },
  { additionalProperties: false },
);

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

/** Show an item only when an earlier item's answer meets a condition. */
export const ShowIfSchema = Type.Object(
  {
    item: Type.String({ pattern: VARIABLE_PATTERN }),
    op: literals(SHOW_IF_OPS),
    value: Type.Optional(Type.Union([Type.Number(), Type.Array(Type.Number(), { maxItems: 20 })])),
  },
  { additionalProperties: false },
);

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

export const SectionSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }),
    title: LocalTextSchema,
    intro: Type.Optional(LocalTextSchema),
    items: Type.Array(ItemSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);

/** An indicator the researcher defines (model/indicators.ts); its rules beyond shape are in checkIndicators. */
export const IndicatorSchema = Type.Object(
  {
    key: Type.String({ maxLength: 60 }),
    name: LocalTextSchema,
    items: Type.Array(Type.String({ maxLength: 60 }), { maxItems: MAX_INDICATOR_ITEMS }),
    summary: literals(INDICATOR_SUMMARIES),
  },
  { additionalProperties: false },
);

export const QuestionnaireSchema = Type.Object(
  {
    /** Format marker of the questionnaire definition file. */
    format: Type.Literal('rondo.questionnaire/1'),
    title: LocalTextSchema,
    /** Estimated minutes to complete, shown in the respondent's intro. */
    estimatedMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
    sections: Type.Array(SectionSchema, { minItems: 1, maxItems: 50 }),
    /** Indicators the researcher defines over this version's items (issue 16, indicators). */
    indicators: Type.Optional(Type.Array(IndicatorSchema, { maxItems: MAX_INDICATORS })),
  },
  { additionalProperties: false },
);
