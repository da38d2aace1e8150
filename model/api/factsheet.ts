import { Type, type Static } from '@sinclair/typebox';
import { LangSchema, LocalTextSchema } from '../i18n.js';
import { VARIABLE_PATTERN } from '../questionnaire-shape.js';
import { DateTime, STAFF_ERRORS, Slug, SlugParams, literals } from './common.js';

/**
 * Factsheets: the composer's draft (a composition on top of the generated factsheet), publishing
 * frozen versions, and the published outputs. The composition is one runtime schema (API
 * validation) with its type; the server (server/factsheet/) and the composer in the browser use
 * both from here.
 */

export const SECTION_KEYS = [
  'project',
  'research',
  'training',
  'findings',
  'partners',
  'competence',
  'tools',
  /** The study's own indicators (issue 16); shows nothing when the study defines none. */
  'indicators',
  /**
   * items: ratings, single and multiple choice, numbers per question; on in a first draft only
   * when the study has no training's measures (server/factsheet/composition.ts, questionsByDefault).
   */
  'questions',
  'recommendations',
  'quotes',
  'colophon',
  /** Test names, p-values and intervals of every change; off by default (issue 18). */
  'annex',
  // netfs (issue 17): a network study's factsheet (server/factsheet/network/), offered only when the study has the data.
  /** "Waar staan we": each indicator's latest value with n, and domain coverage. */
  'network-standing',
  /** "Verandering sinds de vorige scan": each indicator from the last-but-one to the last round, with its evidence. */
  'network-change',
  /** "Verbeterplan": the selected points' plans, targets against the latest values, actions, quarterly PDCA entries. */
  'network-plan',
  /** "Volgende stappen": open actions, the next quarterly evaluation due, and the researcher's own text. */
  'network-next',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** The chart each section can show; the first is the default. */
export const SECTION_CHARTS = {
  research: ['response', 'none'],
  partners: ['dots', 'heatmap', 'none'],
  competence: ['bars', 'trend', 'none'],
  tools: ['bars', 'none'],
} as const;
export const CHART_KINDS = ['response', 'dots', 'heatmap', 'bars', 'trend', 'none'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** The free-text blocks researchers write. */
export const TEXT_BLOCKS = ['project', 'training', 'recommendations', 'colophon', 'nextSteps'] as const;
export type TextBlock = (typeof TEXT_BLOCKS)[number];

const Text = (max: number) =>
  Type.Object(
    { nl: Type.Optional(Type.String({ maxLength: max })), en: Type.Optional(Type.String({ maxLength: max })) },
    { additionalProperties: false },
  );

/** A split: `group` or a cohort attribute key (model/cohort-attributes.ts ATTRIBUTE_KEY_PATTERN). */
export const SPLIT_PATTERN = '^[a-z][a-z0-9_]{0,29}$';
/** The most question ids a questions section can leave out (a questionnaire has fewer items). */
export const QUESTIONS_MAX = 500;
/** The sections that can show their figures per subgroup (issue 16). */
export const SPLIT_SECTIONS = ['indicators', 'questions'] as const;

export const SectionChoiceSchema = Type.Object(
  {
    key: literals(SECTION_KEYS),
    enabled: Type.Boolean(),
    chart: Type.Optional(literals(CHART_KINDS)),
    /** A heading other than the default, per language. */
    title: Type.Optional(Text(120)),
    /**
     * Issue 16: the section's figures also per subgroup — `group` (the respondent groups) or a
     * cohort attribute's key (`domain`); only the indicator and questions sections (checkComposition).
     */
    split: Type.Optional(Type.String({ pattern: SPLIT_PATTERN })),
    /**
     * The questions section only: ids of the questions left out of the factsheet (a background
     * question such as "Wat is uw rol?" describes who answered, not an outcome). An id the
     * questionnaire no longer has is kept and does nothing.
     */
    omit: Type.Optional(Type.Array(Type.String({ pattern: VARIABLE_PATTERN }), { maxItems: QUESTIONS_MAX, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type SectionChoice = Static<typeof SectionChoiceSchema>;

export const SentenceEditSchema = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 120, pattern: '^[a-z0-9_.-]+$' }),
    lang: LangSchema,
    /** The researcher's text; empty hides the sentence. */
    text: Type.String({ maxLength: 2000 }),
    /**
     * Fingerprint of the numbers the sentence was written from when it was edited, and when.
     * The server sets both when an edit is new or changed; clients may leave them out.
     */
    basis: Type.Optional(Type.String({ maxLength: 64 })),
    editedAt: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type SentenceEdit = Static<typeof SentenceEditSchema>;

export const QuoteChoiceSchema = Type.Object(
  {
    id: Type.Integer({ minimum: 1 }),
    /** Show the quote at the end of this section instead of in the quotes section. */
    section: Type.Optional(literals(SECTION_KEYS)),
    /**
     * The researcher's translation per edition language, printed in that edition marked
     * "(translated from Dutch)"; an edition in another language than the quote's leaves out a
     * quote without one. Plain text: checkComposition refuses markup and more than
     * QUOTE_TRANSLATION_MAX characters with a clear message (the schema only bounds the body).
     */
    translation: Type.Optional(
      Type.Object(
        { nl: Type.Optional(Type.String({ maxLength: 100_000 })), en: Type.Optional(Type.String({ maxLength: 100_000 })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type QuoteChoice = Static<typeof QuoteChoiceSchema>;

/** The longest quote translation a composition keeps (characters). */
export const QUOTE_TRANSLATION_MAX = 2000;

export const LabelSchema = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 80 }), label: Text(120) },
  { additionalProperties: false },
);

/** Study-specific words the generated sentences use (analysis/findings/sentences.ts). */
export const TermsSchema = Type.Object(
  {
    /** Who answered: "professionals". */
    participants: Text(60),
    /** What is evaluated, with article: "de IMH-training". */
    intervention: Text(120),
    /** What it should contribute to: "de zorg rondom het jonge kind". */
    goal: Text(160),
  },
  { additionalProperties: false },
);
export type Terms = Static<typeof TermsSchema>;

export const CompositionSchema = Type.Object(
  {
    format: Type.Literal('rondo.factsheet/1'),
    lang: LangSchema,
    title: Type.Optional(Text(200)),
    subtitle: Type.Optional(Text(300)),
    /** The date line, e.g. "December 2022"; the month of publication when absent. */
    date: Type.Optional(Text(60)),
    /**
     * Issue 16: the factsheet is about one respondent group only (its key, model/respondent-groups.ts);
     * the title area then says so ("Alleen ouders"). Absent: everyone.
     */
    group: Type.Optional(Type.String({ pattern: SPLIT_PATTERN })),
    sections: Type.Array(SectionChoiceSchema, { maxItems: SECTION_KEYS.length }),
    texts: Type.Object(
      {
        project: Text(4000),
        training: Text(4000),
        recommendations: Text(4000),
        colophon: Text(2000),
        /** netfs (issue 17): the researcher's own words under "Volgende stappen"; absent in older drafts. */
        nextSteps: Type.Optional(Text(4000)),
      },
      { additionalProperties: false },
    ),
    terms: TermsSchema,
    /** Short labels for items, tools and partners in charts and sentences. */
    labels: Type.Array(LabelSchema, { maxItems: 200 }),
    edits: Type.Array(SentenceEditSchema, { maxItems: 400 }),
    quotes: Type.Array(QuoteChoiceSchema, { maxItems: 12 }),
    /**
     * netfs (issue 17): the improvement plan may name the members who own its actions. Off (absent)
     * by default: the factsheet names an owner by role only, since members' names are personal data.
     */
    nameMembers: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Composition = Static<typeof CompositionSchema>;

// ---- routes ------------------------------------------------------------------------------

const CHART_ID = '^chart-[a-z]{1,20}$';
const VERSION = '^(latest|[1-9][0-9]{0,5})$';

export const LangQuery = Type.Object({ lang: Type.Optional(LangSchema) }, { additionalProperties: false });

export const OutputQuery = Type.Object(
  {
    lang: Type.Optional(LangSchema),
    /** docx: the editable Word document (server/factsheet/docx/). */
    format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf'), Type.Literal('docx')])),
    /**
     * `preview`: for showing the HTML on A4 pages in the app (the composer, the versions list):
     * the policy keeps the origin; a draft also marks edited and stale sentences.
     */
    mode: Type.Optional(Type.Union([Type.Literal('final'), Type.Literal('preview')])),
    download: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
    /** Ignored: lets the composer's preview ask for a fresh copy after each save. */
    v: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const ChartParams = Type.Object({ slug: Slug, chart: Type.String({ pattern: CHART_ID }) }, { additionalProperties: false });
export const VersionParams = Type.Object({ slug: Slug, version: Type.String({ pattern: VERSION }) }, { additionalProperties: false });
export const VersionChartParams = Type.Object(
  { slug: Slug, version: Type.String({ pattern: VERSION }), chart: Type.String({ pattern: CHART_ID }) },
  { additionalProperties: false },
);

export const SaveDraftBody = Type.Object(
  { revision: Type.Integer({ minimum: 1 }), composition: CompositionSchema },
  { additionalProperties: false },
);
export const SaveDraftResponse = Type.Object({ revision: Type.Integer(), updatedAt: Type.String() }, { additionalProperties: false });
export const PublishBody = Type.Object(
  { revision: Type.Optional(Type.Integer({ minimum: 1 })), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const VersionSummarySchema = Type.Object({
  version: Type.Integer(),
  publishedAt: Type.String(),
  languages: Type.Array(LangSchema),
  note: Type.String(),
});
export type FactsheetVersion = Static<typeof VersionSummarySchema>;
export const VersionListResponse = Type.Object({ versions: Type.Array(VersionSummarySchema) });

/** A generated sentence as the composer shows it: the text printed, the generated one, whether it is edited or stale. */
export const DraftSentenceSchema = Type.Object(
  {
    key: Type.String(),
    text: Type.String(),
    generated: Type.String(),
    edited: Type.Boolean(),
    stale: Type.Boolean(),
    section: literals(SECTION_KEYS),
    paragraph: Type.String(),
  },
  { additionalProperties: false },
);
export type DraftSentence = Static<typeof DraftSentenceSchema>;

export const DraftQuoteSchema = Type.Object(
  {
    id: Type.Integer(),
    text: Type.String(),
    attribution: LocalTextSchema,
    item: Type.String(),
    round: Type.String(),
    groupSize: Type.Integer(),
    eligible: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DraftQuote = Static<typeof DraftQuoteSchema>;

/** The publication thresholds of the study (FactsheetData settings). */
export const ThresholdsSchema = Type.Object(
  {
    minDenominatorForPercent: Type.Number(),
    smallNumbersBelow: Type.Number(),
    minSubgroup: Type.Number(),
    minGroupForQuotes: Type.Number(),
    cautionResponseBelow: Type.Number(),
    strongCautionResponseBelow: Type.Number(),
    responseGapWarning: Type.Number(),
    alpha: Type.Number(),
    /** disclosure (issue 16): counts instead of percentages under the threshold; absent in older versions. */
    teamMode: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const DocWarningSchema = Type.Object(
  {
    code: literals([
      'quote-group-too-small',
      'quote-missing',
      'quote-untranslated',
      'text-missing-language',
      'edit-orphaned',
      'edit-stale',
      'sentence-dropped',
    ] as const),
    message: Type.String(),
    ref: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type DocWarning = Static<typeof DocWarningSchema>;

/** GET …/factsheet/draft: the composer's data in one language. */
export const DraftResponse = Type.Object(
  {
    revision: Type.Integer(),
    updatedAt: DateTime,
    lang: LangSchema,
    languages: Type.Array(LangSchema),
    composition: CompositionSchema,
    catalogue: Type.Array(
      Type.Object(
        { key: literals(SECTION_KEYS), title: Type.String(), charts: Type.Array(literals(CHART_KINDS)) },
        { additionalProperties: false },
      ),
    ),
    sentences: Type.Array(DraftSentenceSchema),
    /** Sentences hidden by an empty edit (not in the document). */
    hidden: Type.Array(Type.String()),
    charts: Type.Array(
      Type.Object(
        { id: Type.String(), section: literals(SECTION_KEYS), kind: literals(CHART_KINDS), title: Type.String() },
        { additionalProperties: false },
      ),
    ),
    warnings: Type.Array(DocWarningSchema),
    quotes: Type.Array(DraftQuoteSchema),
    thresholds: ThresholdsSchema,
    pdfAvailable: Type.Boolean(),
    /**
     * Issue 16: what the composer offers to split a section by (`group` when the study has two or
     * more respondent groups, then each cohort attribute) and the respondent groups a factsheet can
     * be limited to.
     */
    splitOptions: Type.Optional(Type.Array(Type.Object({ key: Type.String(), label: Type.String() }, { additionalProperties: false }))),
    groupOptions: Type.Optional(Type.Array(Type.Object({ key: Type.String(), label: Type.String() }, { additionalProperties: false }))),
    /** The questions the questions section can report, in questionnaire order, with their text in this language. */
    questionOptions: Type.Optional(Type.Array(Type.Object({ id: Type.String(), label: Type.String() }, { additionalProperties: false }))),
  },
  { additionalProperties: false },
);
export type DraftResponse = Static<typeof DraftResponse>;

export const DraftRoute = { params: SlugParams, querystring: LangQuery, response: { 200: DraftResponse, ...STAFF_ERRORS } } as const;
export const SaveDraftRoute = { params: SlugParams, body: SaveDraftBody, response: { 200: SaveDraftResponse, ...STAFF_ERRORS } } as const;
/** HTML or PDF: no response schema for 200 (not JSON). */
export const DraftOutputRoute = { params: SlugParams, querystring: OutputQuery } as const;
export const DraftChartRoute = { params: ChartParams, querystring: LangQuery } as const;
export const PublishRoute = { params: SlugParams, body: PublishBody, response: { 201: VersionSummarySchema, ...STAFF_ERRORS } } as const;
export const VersionListRoute = { params: SlugParams, response: { 200: VersionListResponse, ...STAFF_ERRORS } } as const;
export const VersionOutputRoute = { params: VersionParams, querystring: OutputQuery } as const;
export const VersionChartRoute = { params: VersionChartParams, querystring: LangQuery } as const;
