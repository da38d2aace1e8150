import { pick, type Lang, type LocalText } from '../../model/index.js';
import { networkBlocks } from './network/sections.js';
import { networkSentences, type NetworkSection } from './network/sentences.js';
import { groupedBars, type BarValue } from './charts/grouped-bars.js';
import { roundColours } from './charts/palette.js';
import { changeText, partnerDots, valueText, type PartnerChange } from './charts/partner-dots.js';
import { partnerHeatmap } from './charts/partner-heatmap.js';
import { responseBars } from './charts/response-bars.js';
import { trendLines } from './charts/trend-lines.js';
import { term, type Vocabulary } from '../../model/vocabulary.js';
import { fillTerms } from '../../model/vocabulary-text.js';
import { sectionTitle, type ChartKind, type Composition, type SectionKey } from './composition.js';
import type { FactsheetData, Series, Share } from '../../analysis/findings/data.js';
import { deriveCheckedStatements, safeChange, type Paragraph } from '../../analysis/findings/statements.js';
import { longDate, monthYear } from '../../analysis/findings/format.js';
import { writeSentences, writeStatement, type GeneratedSentence, type SentenceContext } from '../../analysis/findings/sentences.js';
import { NEUTRAL_STYLE, type HouseStyle } from './house-style/house-style.js';
import { fieldworkPeriod, type Fieldwork } from './layout/fieldwork.js';
import { keyFigures, type KeyFigure } from './layout/key-figures.js';
import { indicatorCharts, questionCharts } from './item-charts.js';
import { scopeLine, splitBlocks } from './split-table.js';

/**
 * The factsheet as it will be printed, in one language: every sentence resolved (generated or
 * edited), every chart drawn, every quote checked against the disclosure rules. The HTML
 * template only lays this out; a published version stores it as it was.
 */
export interface FactsheetDocument {
  format: 'rondo.factsheet-document/1';
  lang: Lang;
  title: string;
  subtitle: string;
  date: string;
  organisation: string;
  /** Shown in the title block: the data are synthetic (the demo study). */
  synthetic: boolean;
  sections: DocSection[];
  charts: DocChart[];
  /** Things the composer should tell the researcher (never printed). */
  warnings: DocWarning[];
  version: { number: number; publishedAt: string } | null;
  /**
   * The cover's fieldwork period ("januari – oktober 2022"), the key-figure tiles of page 1 and
   * the house style. Optional: versions published before they existed have none.
   */
  fieldwork?: string;
  keyFigures?: KeyFigure[];
  style?: HouseStyle;
  /** Issue 16: the one respondent group the factsheet is about, for the title area ("Alleen ouders"); absent: everyone. */
  scope?: string;
}

export interface DocSection {
  key: SectionKey;
  title: string;
  blocks: Block[];
}

export type Block =
  // netfs (issue 17): the network sections' figures (server/factsheet/network/sections.ts).
  /**
   * A small table of figures with text columns (actions, quarters); `numeric` right-aligns a column.
   * Every cell is plain text. ('figures', not 'table': issue 16's subgroup tables are another block.)
   */
  | { kind: 'figures'; caption: string; head: string[]; rows: string[][]; numeric: boolean[]; note?: string }
  /** A bulleted list of plain-text items under a small title. */
  | { kind: 'list'; title: string; items: string[] }
  | { kind: 'paragraph'; style: Paragraph; sentences: DocSentence[] }
  | { kind: 'text'; text: string }
  | { kind: 'chart'; chart: string }
  | { kind: 'quote'; id: number; text: string; attribution: string }
  | { kind: 'colophon'; lines: { label: string; value: string; href?: string }[]; text: string }
  /** Issue 16: a section's figures per subgroup (splits.ts splitTable); `muted` marks hidden cells. */
  | { kind: 'table'; caption: string; head: string[]; rows: { cells: string[]; heading?: boolean; muted?: boolean[] }[]; note: string };

export interface DocSentence {
  key: string;
  /** What is printed: the edit when there is one. */
  text: string;
  generated: string;
  edited: boolean;
  /** Edited on other numbers than the current ones. */
  stale: boolean;
}

export interface DocChart {
  id: string;
  section: SectionKey;
  kind: ChartKind;
  title: string;
  note: string;
  svg: string;
  /** A half-width panel, set two side by side (the questions section). */
  half?: boolean;
}

export interface DocWarning {
  code:
    | 'quote-group-too-small'
    | 'quote-missing'
    | 'quote-untranslated'
    | 'text-missing-language'
    | 'edit-orphaned'
    | 'edit-stale'
    | 'sentence-dropped';
  message: string;
  ref?: string;
}

/** An approved quote excerpt as the factsheet receives it. */
export interface QuoteExcerpt {
  id: number;
  text: string;
  /** "professional over de IMH-training": the role only, never a name or organisation. */
  attribution: LocalText;
  /** How many people the attribution refers to (respondents of the round, or of the role). */
  groupSize: number;
}

export interface BuildOptions {
  data: FactsheetData;
  composition: Composition;
  quotes: QuoteExcerpt[];
  lang: Lang;
  /** The date of the factsheet (ISO): publication, or now for a draft. */
  at: string;
  version?: { number: number; publishedAt: string } | null;
  /** When the rounds' data were collected (store.ts roundDates, layout/fieldwork.ts); null when unknown. */
  fieldwork?: Fieldwork | null;
  /** The study's house style; the neutral default when absent. */
  style?: HouseStyle | null;
}

/** The question ids the researcher left out of the questions section (its `omit`). */
export const omittedQuestions = (c: Composition): ReadonlySet<string> => new Set(c.sections.find((s) => s.key === 'questions')?.omit ?? []);

/**
 * The factsheet's data without the questions left out of the questions section: their
 * sentences, charts, split rows and annex lines then follow from the data, as for a question
 * the questionnaire does not have.
 */
function withoutOmitted(data: FactsheetData, omit: ReadonlySet<string>): FactsheetData {
  if (!omit.size || !data.questions?.some((q) => omit.has(q.id))) return data;
  return { ...data, questions: data.questions.filter((q) => !omit.has(q.id)) };
}

/** Whether a sentence key (`questions.<item>…`, `annex.<item>…`) is about a question left out: its edit is kept, not orphaned. */
export function omittedSentence(key: string, omit: ReadonlySet<string>): boolean {
  const item = /^(?:questions|annex)\.([a-z][a-z0-9_]*)(?:\.|$)/.exec(key)?.[1];
  return item !== undefined && omit.has(item);
}

/** A4 content width in CSS pixels (210 mm − 2 × 16 mm margins). */
export const CONTENT_WIDTH = 672;

const T = {
  responseTitle: { nl: 'Respons per {roundWord}', en: 'Response per {roundWord}' },
  responseDesc: {
    nl: 'Aandeel uitgenodigden dat de vragenlijst invulde, per {roundWord}, met de grens voor voorzichtig vergelijken.',
    en: 'Share of those invited who completed the questionnaire, per {roundWord}, with the caution line.',
  },
  competenceTitle: { nl: 'Kennis en competenties per {roundWord}', en: 'Knowledge and competences per {roundWord}' },
  toolsTitle: { nl: 'Gebruik van de tools per {roundWord}', en: 'Use of the tools per {roundWord}' },
  agreeAxis: { nl: '% (helemaal) eens', en: '% agree or strongly agree' },
  ciNote: {
    nl: 'De lijn bij elke waarde is het 95%-betrouwbaarheidsinterval (Wilson); n is het aantal dat de vraag beantwoordde.',
    en: 'The line at each value is the 95% confidence interval (Wilson); n is the number who answered the question.',
  },
  trendNote: {
    nl: 'Percentage (helemaal) eens per {roundWord}; n is het aantal dat de vraag beantwoordde. De lijnen tonen geen betrouwbaarheidsintervallen: bij deze kleine aantallen zijn die breed.',
    en: 'Share agreeing per {roundWord}; n is the number who answered. The lines show no confidence intervals: with numbers this small they are wide.',
  },
  heatNote: {
    nl: 'Hoe donkerder, hoe hoger het percentage; n is het aantal dat de vraag beantwoordde.',
    en: 'The darker, the higher the share; n is the number who answered.',
  },
  professional: { nl: 'professional', en: 'professional' },
} satisfies Record<string, LocalText>;

/**
 * A text of T in the study's words: `{roundWord}` becomes the study's word for a round ("peiling"),
 * rondo's "meting"/"round" for a study that names none and for versions published before studies had words.
 */
const said = (text: LocalText, lang: Lang, vocabulary: Vocabulary | undefined) => fillTerms(pick(text, lang), vocabulary, lang);

const TRANSLATED_FROM: Record<Lang, LocalText> = {
  nl: { nl: '(vertaald uit het Nederlands)', en: '(translated from Dutch)' },
  en: { nl: '(vertaald uit het Engels)', en: '(translated from English)' },
};

const L = (lang: Lang, nl: string, en: string) => (lang === 'nl' ? nl : en);

export function buildDocument(o: BuildOptions): FactsheetDocument {
  const { composition: c, lang } = o;
  const omit = omittedQuestions(c);
  const data = withoutOmitted(o.data, omit);
  const t = (text: LocalText | undefined) => pick(text, lang);
  const warnings: DocWarning[] = [];
  const labels = Object.fromEntries(c.labels.map((l) => [l.id, l.label]));
  const short = (id: string, label: LocalText) => t(labels[id] ?? label);
  const ctx: SentenceContext = {
    lang,
    minPercent: data.settings.minDenominatorForPercent,
    smallBelow: data.settings.smallNumbersBelow,
    terms: c.terms,
    labels,
    vocabulary: data.study.vocabulary,
  };

  // Sentences: generated from the findings whose claims hold on the printed figures, then the
  // researcher's edits on top. A sentence whose claim does not hold is left out and listed.
  const checked = deriveCheckedStatements(data);
  for (const d of checked.dropped) {
    warnings.push({
      code: 'sentence-dropped',
      ref: d.key,
      message: `${writeStatement(d.finding, ctx)} — ${L(lang, 'weggelaten', 'left out')}: ${d.reasons.map((r) => r[lang]).join('; ')}`,
    });
  }
  // The network sections' sentences (issue 17), checked on their own figures, join the others.
  const network = networkSentences(data, ctx);
  for (const d of network.dropped)
    warnings.push({
      code: 'sentence-dropped',
      ref: d.key,
      message: `${d.text} — ${L(lang, 'weggelaten', 'left out')}: ${d.reasons.map((r) => r[lang]).join('; ')}`,
    });
  const generated: (Omit<GeneratedSentence, 'section'> & { section: SentenceSection })[] = [
    ...writeSentences(checked.statements, ctx),
    ...network.sentences,
  ];
  const edits = new Map(c.edits.filter((e) => e.lang === lang).map((e) => [e.key, e]));
  const resolved = generated.map((g): DocSentence & { section: SentenceSection; paragraph: Paragraph } => {
    const edit = edits.get(g.key);
    const stale = !!edit && !!edit.basis && edit.basis !== g.basis;
    if (stale)
      warnings.push({
        code: 'edit-stale',
        ref: g.key,
        message: `The numbers under an edited sentence changed since it was edited (${g.key}).`,
      });
    return {
      key: g.key,
      section: g.section,
      paragraph: g.paragraph,
      text: edit ? edit.text : g.text,
      generated: g.text,
      edited: !!edit,
      stale,
    };
  });
  for (const e of edits.values()) {
    if (!generated.some((g) => g.key === e.key) && !omittedSentence(e.key, omit))
      warnings.push({
        code: 'edit-orphaned',
        ref: e.key,
        message: `An edited sentence no longer applies to the data (${e.key}); it is not printed.`,
      });
  }
  const paragraphs = (section: SentenceSection): Block[] => {
    const out: Block[] = [];
    for (const style of ['lead', 'body', 'caveat', 'note'] as const) {
      const sentences = resolved.filter((s) => s.section === section && s.paragraph === style && s.text.trim() !== '');
      if (sentences.length)
        out.push({ kind: 'paragraph', style, sentences: sentences.map(({ section: _s, paragraph: _p, ...rest }) => rest) });
    }
    return out;
  };

  // Quotes: approved excerpts only (the caller passes only those), from groups large enough.
  const byId = new Map(o.quotes.map((q) => [q.id, q]));
  const quoteBlocks = new Map<SectionKey | 'quotes', Block[]>();
  for (const choice of c.quotes) {
    const q = byId.get(choice.id);
    if (!q) {
      warnings.push({
        code: 'quote-missing',
        ref: String(choice.id),
        message: `Quote ${choice.id} is no longer approved or no longer exists; it is not printed.`,
      });
      continue;
    }
    if (q.groupSize < data.settings.minGroupForQuotes) {
      warnings.push({
        code: 'quote-group-too-small',
        ref: String(q.id),
        message: `Quote ${q.id} comes from a group of ${q.groupSize}, fewer than ${data.settings.minGroupForQuotes}; it is not printed.`,
      });
      continue;
    }
    // Quotes are in the study's first language; another edition prints the researcher's
    // translation, marked as such, and leaves out a quote that has none.
    const source = data.study.languages[0] ?? 'nl';
    let text = q.text;
    let attribution = t(q.attribution) || t(T.professional);
    if (lang !== source) {
      const translation = choice.translation?.[lang]?.trim();
      if (!translation) {
        warnings.push({
          code: 'quote-untranslated',
          ref: String(q.id),
          message: L(
            lang,
            `Citaat ${q.id} heeft geen Nederlandse vertaling; het staat niet in deze editie.`,
            `Quote ${q.id} has no English translation; it is left out of this edition.`,
          ),
        });
        continue;
      }
      text = translation;
      attribution = `${attribution} ${t(TRANSLATED_FROM[source])}`;
    }
    const place = choice.section && choice.section !== 'quotes' ? choice.section : 'quotes';
    const list = quoteBlocks.get(place) ?? [];
    list.push({ kind: 'quote', id: q.id, text, attribution });
    quoteBlocks.set(place, list);
  }

  const charts: DocChart[] = [];
  const sections: DocSection[] = [];
  const colours = roundColours(data.rounds.length);
  const roundLabels = data.rounds.map((r) => t(r.label));

  for (const choice of c.sections) {
    if (!choice.enabled) continue;
    const key = choice.key;
    const title = t(choice.title) || sectionTitle(key, lang, data.study.vocabulary);
    const blocks: Block[] = [];
    const textBlock = (block: 'project' | 'training' | 'recommendations' | 'colophon') => {
      const value = c.texts[block];
      const text = t(value).trim();
      if (text && !value?.[lang]?.trim()) {
        warnings.push({
          code: 'text-missing-language',
          ref: block,
          message: `The ${block} text has no ${lang === 'nl' ? 'Dutch' : 'English'} version; the other language is printed.`,
        });
      }
      if (text) blocks.push({ kind: 'text', text });
    };
    const addChart = (chart: DocChart | null) => {
      if (!chart) return;
      charts.push(chart);
      blocks.push({ kind: 'chart', chart: chart.id });
    };
    switch (key) {
      case 'project':
        textBlock('project');
        break;
      case 'research':
        blocks.push(...paragraphs('research').filter((b) => b.kind !== 'paragraph' || b.style !== 'note'));
        if (choice.chart !== 'none' && data.rounds.some((r) => r.invited > 0)) addChart(responseChart(data, lang, colours));
        blocks.push(...paragraphs('research').filter((b) => b.kind === 'paragraph' && b.style === 'note'));
        break;
      case 'training':
        textBlock('training');
        break;
      case 'findings':
        blocks.push(...paragraphs('findings'));
        break;
      case 'partners': {
        if (!data.partners.items.length) continue;
        const anyShare = data.partners.items.some((x) => x.frequency.some((v) => v && v.n > 0));
        blocks.push(...paragraphs('partners').filter((b) => b.kind !== 'paragraph' || b.style !== 'note'));
        if (choice.chart !== 'none' && anyShare)
          addChart(partnersChart(data, choice.chart === 'heatmap' ? 'heatmap' : 'dots', lang, colours, roundLabels));
        blocks.push(...paragraphs('partners').filter((b) => b.kind === 'paragraph' && b.style === 'note'));
        break;
      }
      case 'competence': {
        if (!data.competence.length && !data.indicators.length) continue;
        blocks.push(...paragraphs('competence'));
        if (choice.chart !== 'none' && hasData([...data.competence, ...data.indicators]))
          addChart(competenceChart(data, choice.chart === 'trend' ? 'trend' : 'bars', lang, colours, roundLabels, short));
        break;
      }
      case 'tools': {
        if (!data.tools.items.length) continue;
        blocks.push(...paragraphs('tools'));
        if (choice.chart !== 'none' && hasData([...data.tools.items, ...data.tools.extra]))
          addChart(toolsChart(data, lang, colours, roundLabels, short));
        break;
      }
      case 'indicators':
        // The study's own indicators (issue 16): sentences, a chart per kind of summary, the split; nothing when it defines none.
        if (!data.custom?.length) continue;
        blocks.push(...paragraphs('indicators'));
        if (choice.chart !== 'none') indicatorCharts({ data, lang, colours, rounds: roundLabels }).forEach(addChart);
        blocks.push(...splitBlocks(data, 'indicators', choice.split, lang));
        break;
      case 'questions':
        if (!data.questions?.length) continue;
        blocks.push(...paragraphs('questions'));
        if (choice.chart !== 'none') questionCharts({ data, lang, colours, rounds: roundLabels }).forEach(addChart);
        blocks.push(...splitBlocks(data, 'questions', choice.split, lang));
        break;
      case 'recommendations':
        textBlock('recommendations');
        break;
      case 'quotes':
        break;
      case 'annex':
        blocks.push(...paragraphs('annex'));
        break;
      case 'network-standing':
      case 'network-change':
      case 'network-plan':
      case 'network-next':
        if (!data.network) continue;
        blocks.push(
          ...networkBlocks({
            key,
            data,
            composition: c,
            lang,
            labels,
            sentences: resolved
              .filter((s) => s.section === key)
              .map(({ section: _s, ...rest }) => rest)
              .filter((s) => s.text.trim() !== ''),
          }),
        );
        break;
      case 'colophon': {
        const col = data.study.colophon;
        const lines: { label: string; value: string; href?: string }[] = [];
        const L = (nl: string, en: string) => (lang === 'nl' ? nl : en);
        if (col.partOf) lines.push({ label: L('Onderdeel van', 'Part of'), value: col.partOf });
        if (col.organisation || data.study.organisation)
          lines.push({
            label: L('Organisatie', 'Organisation'),
            value: [col.organisation || data.study.organisation, col.team].filter(Boolean).join(', '),
          });
        if (col.authors) lines.push({ label: L('Onderzoek door', 'Research by'), value: col.authors });
        if (col.contactEmail) lines.push({ label: L('E-mail', 'E-mail'), value: col.contactEmail, href: `mailto:${col.contactEmail}` });
        if (col.moreInfoUrl && /^https?:\/\//.test(col.moreInfoUrl))
          lines.push({ label: L('Meer informatie', 'More information'), value: col.moreInfoUrl, href: col.moreInfoUrl });
        lines.push({
          label: L('Versie', 'Version'),
          value: o.version
            ? L(
                `versie ${o.version.number}, gepubliceerd op ${longDate(o.version.publishedAt, lang)}`,
                `version ${o.version.number}, published ${longDate(o.version.publishedAt, lang)}`,
              )
            : L(`concept van ${longDate(o.at, lang)} (niet gepubliceerd)`, `draft of ${longDate(o.at, lang)} (not published)`),
        });
        lines.push({
          label: L('Cijfers', 'Figures'),
          value: L(
            `berekend op ${longDate(data.source.computedAt, lang)} met rondo`,
            `computed on ${longDate(data.source.computedAt, lang)} with rondo`,
          ),
        });
        blocks.push({ kind: 'colophon', lines, text: t(c.texts.colophon).trim() });
        if (!t(c.texts.colophon).trim()) break;
        if (!c.texts.colophon[lang]?.trim())
          warnings.push({
            code: 'text-missing-language',
            ref: 'colophon',
            message: `The colophon text has no ${lang === 'nl' ? 'Dutch' : 'English'} version; the other language is printed.`,
          });
        break;
      }
    }
    const placed = key === 'quotes' ? (quoteBlocks.get('quotes') ?? []) : (quoteBlocks.get(key) ?? []);
    blocks.push(...placed);
    if (blocks.length) sections.push({ key, title, blocks });
  }
  // Quotes placed in a section that is switched off go to the quotes section when it is on.
  const shownKeys = new Set(sections.map((s) => s.key));
  const quotesSection = sections.find((s) => s.key === 'quotes');
  for (const [place, blocks] of quoteBlocks) {
    if (place !== 'quotes' && !shownKeys.has(place) && quotesSection) quotesSection.blocks.push(...blocks);
  }

  return {
    format: 'rondo.factsheet-document/1',
    lang,
    title: t(c.title) || t(data.study.title),
    subtitle: t(c.subtitle) || t(data.study.question ?? undefined),
    date: t(c.date) || monthYear(o.version?.publishedAt ?? o.at, lang),
    organisation: data.study.organisation,
    synthetic: data.study.isDemo,
    sections,
    charts,
    warnings,
    version: o.version ?? null,
    fieldwork: o.fieldwork ? fieldworkPeriod(o.fieldwork, lang) : '',
    keyFigures: keyFigures(data, lang, short, t(c.terms.participants)),
    style: o.style ?? NEUTRAL_STYLE,
    ...(data.selection ? { scope: scopeLine(data.selection.name, lang) } : {}),
  };
}

/** The sections a generated sentence can belong to: the factsheet's own and a network study's (issue 17). */
type SentenceSection = GeneratedSentence['section'] | NetworkSection;

/** A chart is drawn only when at least one of its values has answers. */
const hasData = (series: Series[]) => series.some((x) => x.perRound.some((v) => v && v.n > 0));

const bar = (s: Share | null): BarValue | null => (s && s.n > 0 ? { x: s.x, n: s.n, ci: s.ci } : null);

function responseChart(data: FactsheetData, lang: Lang, colours: string[]): DocChart {
  const title = said(T.responseTitle, lang, data.study.vocabulary);
  return {
    id: 'chart-response',
    section: 'research',
    kind: 'response',
    title,
    note: '',
    svg: responseBars({
      id: 'chart-response',
      title,
      desc: said(T.responseDesc, lang, data.study.vocabulary),
      lang,
      width: 430,
      threshold: data.settings.cautionResponseBelow,
      minPercent: data.settings.minDenominatorForPercent,
      rounds: data.rounds.map((r, i) => ({ label: pick(r.label, lang), invited: r.invited, submitted: r.submitted, colour: colours[i] })),
    }),
  };
}

function partnersChart(data: FactsheetData, kind: 'dots' | 'heatmap', lang: Lang, colours: string[], rounds: string[]): DocChart {
  const p = data.partners;
  const frequencyLabel = pick(p.frequencyLabel, lang);
  // The study's own word for a partner, as the section's heading has it ("Samenwerking met
  // netwerkpartners"); rondo's neutral "partner" for a study that names none.
  const partner = term(data.study.vocabulary, 'partner', lang);
  const perPartner = lang === 'nl' ? `Samenwerking per ${partner}` : `Collaboration per ${partner}`;
  const title = `${perPartner}: ${lang === 'nl' ? 'aandeel dat' : 'share working together'} ${frequencyLabel}${lang === 'nl' ? ' samenwerkt' : ''}`;
  // Partners ordered by their change, largest increase first; those not compared go last.
  const order = [...p.items].sort((a, b) => (b.frequencyChange?.difference ?? -2) - (a.frequencyChange?.difference ?? -2));
  const increased = (x: (typeof order)[number]) => !!x.frequencyChange && safeChange(x.frequencyChange).evidence === 'increase';
  const top = new Set(
    order
      .filter(increased)
      .slice(0, 3)
      .map((x) => x.name),
  );
  const min = data.settings.minDenominatorForPercent;
  const changeOf = (x: (typeof order)[number]): PartnerChange | null =>
    x.frequencyChange
      ? {
          difference: x.frequencyChange.difference,
          evidence: safeChange(x.frequencyChange).evidence,
          from: x.frequencyChange.from,
          to: x.frequencyChange.to,
          n: x.frequencyChange.n,
          paired: x.frequencyChange.paired,
        }
      : null;
  // What a screen reader hears: each round's share, or its counts under the threshold as the text
  // gives them, and (dots) the change column under the same rule as the chart.
  const desc = order
    .map((x) => {
      const values = x.frequency.map(bar);
      const parts = values.map((v, i) => valueText(rounds[i], v, min, lang)).filter((v): v is string => v !== null);
      const change = kind === 'dots' ? changeText(values, changeOf(x), min, lang) : null;
      return `${x.name}: ${[...parts, ...(change ? [change] : [])].join(', ')}`;
    })
    .join('; ');
  if (kind === 'heatmap') {
    return {
      id: 'chart-partners',
      section: 'partners',
      kind,
      title,
      note: pick(T.heatNote, lang),
      svg: partnerHeatmap({
        id: 'chart-partners',
        title,
        desc,
        lang,
        width: CONTENT_WIDTH,
        rounds,
        minPercent: data.settings.minDenominatorForPercent,
        rows: order.map((x) => ({ label: x.name, values: x.frequency.map(bar), emphasis: top.has(x.name) })),
        caption: lang === 'nl' ? `Percentage dat ${frequencyLabel} samenwerkt` : `Share working together ${frequencyLabel}`,
      }),
    };
  }
  return {
    id: 'chart-partners',
    section: 'partners',
    kind,
    title,
    note: pick(T.ciNote, lang),
    svg: partnerDots({
      id: 'chart-partners',
      title,
      desc,
      lang,
      width: CONTENT_WIDTH,
      minPercent: data.settings.minDenominatorForPercent,
      rounds: rounds.map((label, i) => ({ label, colour: colours[i] })),
      rows: order.map((x) => ({
        label: x.name,
        values: x.frequency.map(bar),
        emphasis: top.has(x.name),
        change: changeOf(x),
      })),
      axisLabel: lang === 'nl' ? `% dat ${frequencyLabel} samenwerkt` : `% working together ${frequencyLabel}`,
      roundWord: { one: term(data.study.vocabulary, 'round', lang), many: term(data.study.vocabulary, 'round', lang, 'many') },
    }),
  };
}

function competenceChart(
  data: FactsheetData,
  kind: 'bars' | 'trend',
  lang: Lang,
  colours: string[],
  rounds: string[],
  short: (id: string, label: LocalText) => string,
): DocChart {
  const items: Series[] = [...data.competence, ...data.indicators];
  const title = said(T.competenceTitle, lang, data.study.vocabulary);
  const desc = items
    .map(
      (s) =>
        `${short(s.id, s.label)}: ${s.perRound
          .map((v, i) =>
            v && v.n >= data.settings.minDenominatorForPercent ? `${rounds[i]} ${Math.round((v.x / v.n) * 100)}% (n=${v.n})` : null,
          )
          .filter(Boolean)
          .join(', ')}`,
    )
    .join('; ');
  const axis = data.indicators.length ? (lang === 'nl' ? '% (helemaal) eens, of ‘ja’' : '% agreeing, or ‘yes’') : pick(T.agreeAxis, lang);
  if (kind === 'trend') {
    return {
      id: 'chart-competence',
      section: 'competence',
      kind,
      title,
      note: said(T.trendNote, lang, data.study.vocabulary),
      svg: trendLines({
        id: 'chart-competence',
        title,
        desc,
        lang,
        width: CONTENT_WIDTH,
        height: 250,
        rounds,
        axisLabel: axis,
        minPercent: data.settings.minDenominatorForPercent,
        lines: items.map((s) => ({ label: short(s.id, s.label), values: s.perRound.map(bar) })),
      }),
    };
  }
  return {
    id: 'chart-competence',
    section: 'competence',
    kind,
    title,
    note: pick(T.ciNote, lang),
    svg: groupedBars({
      id: 'chart-competence',
      title,
      desc,
      lang,
      width: CONTENT_WIDTH,
      axisLabel: axis,
      minPercent: data.settings.minDenominatorForPercent,
      categories: items.map((s) => ({ label: short(s.id, s.label) })),
      series: rounds.map((label, i) => ({ label, colour: colours[i] })),
      values: items.map((s) => s.perRound.map(bar)),
    }),
  };
}

function toolsChart(
  data: FactsheetData,
  lang: Lang,
  colours: string[],
  rounds: string[],
  short: (id: string, label: LocalText) => string,
): DocChart {
  const items = [...data.tools.items, ...data.tools.extra];
  // Rounds in which no tool question was asked are left out of the chart altogether.
  const asked = rounds.map((_, i) => i).filter((i) => items.some((s) => s.perRound[i] && s.perRound[i]!.n > 0));
  const vocabulary = data.study.vocabulary;
  // The study's own word for its instruments; factsheets published before studies had words keep "de tools".
  const title = vocabulary
    ? lang === 'nl'
      ? `Gebruik van de ${term(vocabulary, 'tool', lang, 'many')} per ${term(vocabulary, 'round', lang)}`
      : `Use of the ${term(vocabulary, 'tool', lang, 'many')} per ${term(vocabulary, 'round', lang)}`
    : said(T.toolsTitle, lang, vocabulary);
  // What counts as using a tool is the study's own (its scale's top box: tool-use.ts): "% ‘soms’ of
  // ‘vaak’", not "% ‘ja’" for a frequency scale; "% gebruikt" for numbers from before that was stored.
  const axis = data.toolUse ? `% ${pick(data.toolUse, lang)}` : lang === 'nl' ? '% gebruikt' : '% used';
  const desc = `${axis}. ${items
    .map(
      (s) =>
        `${short(s.id, s.label)}: ${asked
          .map((i) => {
            const v = s.perRound[i];
            return v && v.n >= data.settings.minDenominatorForPercent ? `${rounds[i]} ${Math.round((v.x / v.n) * 100)}% (n=${v.n})` : null;
          })
          .filter(Boolean)
          .join(', ')}`,
    )
    .join('; ')}`;
  return {
    id: 'chart-tools',
    section: 'tools',
    kind: 'bars',
    title,
    note: pick(T.ciNote, lang),
    svg: groupedBars({
      id: 'chart-tools',
      title,
      desc,
      lang,
      width: CONTENT_WIDTH,
      axisLabel: axis,
      minPercent: data.settings.minDenominatorForPercent,
      categories: items.map((s) => ({ label: short(s.id, s.label) })),
      series: asked.map((i) => ({ label: rounds[i], colour: colours[i] })),
      values: items.map((s) => asked.map((i) => bar(s.perRound[i]))),
    }),
  };
}
