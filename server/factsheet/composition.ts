import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LangSchema, LocalTextSchema, type Lang, type LocalText } from '../../model/index.js';
import { DEFAULT_TERMS, type Terms } from './sentences.js';

/**
 * A factsheet composition: the researcher's choices on top of the generated factsheet —
 * which sections in which order, which chart, the free-text blocks, edited sentences, chosen
 * quotes and the language. One runtime schema (API validation) and its type.
 */

export const SECTION_KEYS = ['project', 'research', 'training', 'findings', 'partners', 'competence', 'tools', 'recommendations', 'quotes', 'colophon'] as const;
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
export const TEXT_BLOCKS = ['project', 'training', 'recommendations', 'colophon'] as const;
export type TextBlock = (typeof TEXT_BLOCKS)[number];

const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)) as never) as TSchema;
const Text = (max: number) => Type.Object(
  { nl: Type.Optional(Type.String({ maxLength: max })), en: Type.Optional(Type.String({ maxLength: max })) },
  { additionalProperties: false },
);

export const SectionChoiceSchema = Type.Object(
  {
    key: literals(SECTION_KEYS),
    enabled: Type.Boolean(),
    chart: Type.Optional(literals(CHART_KINDS)),
    /** A heading other than the default, per language. */
    title: Type.Optional(Text(120)),
  },
  { additionalProperties: false },
);
export interface SectionChoice { key: SectionKey; enabled: boolean; chart?: ChartKind; title?: LocalText }

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
  },
  { additionalProperties: false },
);
export interface QuoteChoice { id: number; section?: SectionKey }

export const LabelSchema = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 80 }), label: Text(120) },
  { additionalProperties: false },
);

export const CompositionSchema = Type.Object(
  {
    format: Type.Literal('rondo.factsheet/1'),
    lang: LangSchema,
    title: Type.Optional(Text(200)),
    subtitle: Type.Optional(Text(300)),
    /** The date line, e.g. "December 2022"; the month of publication when absent. */
    date: Type.Optional(Text(60)),
    sections: Type.Array(SectionChoiceSchema, { maxItems: SECTION_KEYS.length }),
    texts: Type.Object(
      {
        project: Text(4000),
        training: Text(4000),
        recommendations: Text(4000),
        colophon: Text(2000),
      },
      { additionalProperties: false },
    ),
    terms: Type.Object(
      { participants: Text(60), intervention: Text(120), goal: Text(160) },
      { additionalProperties: false },
    ),
    /** Short labels for items, tools and partners in charts and sentences. */
    labels: Type.Array(LabelSchema, { maxItems: 200 }),
    edits: Type.Array(SentenceEditSchema, { maxItems: 400 }),
    quotes: Type.Array(QuoteChoiceSchema, { maxItems: 12 }),
  },
  { additionalProperties: false },
);

export interface Composition {
  format: 'rondo.factsheet/1';
  lang: Lang;
  title?: LocalText;
  subtitle?: LocalText;
  date?: LocalText;
  sections: SectionChoice[];
  texts: Record<TextBlock, LocalText>;
  terms: Terms;
  labels: { id: string; label: LocalText }[];
  edits: SentenceEdit[];
  quotes: QuoteChoice[];
}

export const SECTION_TITLES: Record<SectionKey, LocalText> = {
  project: { nl: 'Over het project', en: 'About the project' },
  research: { nl: 'Over het onderzoek', en: 'About the research' },
  training: { nl: 'Over de training', en: 'About the training' },
  findings: { nl: 'Bevindingen algemeen', en: 'General findings' },
  partners: { nl: 'Samenwerking met partners', en: 'Collaboration with partners' },
  competence: { nl: 'Kennis & competenties', en: 'Knowledge & competences' },
  tools: { nl: 'Gebruik tools', en: 'Use of tools' },
  recommendations: { nl: 'Aanbevelingen', en: 'Recommendations' },
  quotes: { nl: 'In hun eigen woorden', en: 'In their own words' },
  colophon: { nl: 'Colofon', en: 'Colophon' },
};

/** Every section in the model's order, each on, each with its default chart. */
export function defaultSections(): SectionChoice[] {
  return SECTION_KEYS.map((key) => {
    const charts = (SECTION_CHARTS as Record<string, readonly ChartKind[]>)[key];
    return charts ? { key, enabled: true, chart: charts[0] } : { key, enabled: true };
  });
}

export function defaultComposition(lang: Lang, texts: Partial<Record<TextBlock, LocalText>> = {}): Composition {
  return {
    format: 'rondo.factsheet/1',
    lang,
    sections: defaultSections(),
    texts: { project: {}, training: {}, recommendations: {}, colophon: {}, ...texts },
    terms: structuredClone(DEFAULT_TERMS),
    labels: [],
    edits: [],
    quotes: [],
  };
}

export interface CompositionIssue {
  path: string;
  message: string;
}

/**
 * Rules the schema cannot express: each section at most once, a chart the section offers.
 * Sections left out of the list are treated as switched off.
 */
export function checkComposition(c: Composition): CompositionIssue[] {
  const issues: CompositionIssue[] = [];
  const seen = new Set<string>();
  c.sections.forEach((s, i) => {
    if (seen.has(s.key)) issues.push({ path: `/sections/${i}/key`, message: `section "${s.key}" appears twice` });
    seen.add(s.key);
    const allowed = (SECTION_CHARTS as Record<string, readonly string[]>)[s.key];
    if (s.chart && (!allowed || !allowed.includes(s.chart))) {
      issues.push({ path: `/sections/${i}/chart`, message: `section "${s.key}" has no chart "${s.chart}"${allowed ? `; choose ${allowed.join(', ')}` : ''}` });
    }
  });
  const quoteIds = new Set<number>();
  c.quotes.forEach((q, i) => {
    if (quoteIds.has(q.id)) issues.push({ path: `/quotes/${i}/id`, message: `quote ${q.id} is chosen twice` });
    quoteIds.add(q.id);
  });
  const editKeys = new Set<string>();
  c.edits.forEach((e, i) => {
    const k = `${e.key}|${e.lang}`;
    if (editKeys.has(k)) issues.push({ path: `/edits/${i}`, message: `sentence "${e.key}" (${e.lang}) is edited twice` });
    editKeys.add(k);
  });
  return issues;
}
