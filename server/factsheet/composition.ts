import type { Lang, LocalText, Questionnaire } from '../../model/index.js';
import { measuresOf } from '../../model/questionnaire-measures.js';
import type { Measure } from '../../model/questionnaire-shape.js';
import {
  SECTION_CHARTS,
  SECTION_KEYS,
  SPLIT_SECTIONS,
  type ChartKind,
  type Composition,
  type SectionChoice,
  type SectionKey,
  type TextBlock,
} from '../../model/api/factsheet.js';
import { termsFor } from '../../analysis/findings/sentences.js';
import { dutchDeterminer, term, type Vocabulary, withDeterminer } from '../../model/vocabulary.js';
import type { FactsheetData } from '../../analysis/findings/data.js';
import { QUOTE_TRANSLATION_MAX } from '../../model/api/factsheet.js';

/**
 * A factsheet composition: the researcher's choices on top of the generated factsheet —
 * which sections in which order, which chart, the free-text blocks, edited sentences, chosen
 * quotes and the language. Its schema and type are in model/api/factsheet.ts (re-exported
 * here for the server's modules); this file holds the defaults and the rules the schema
 * cannot express.
 */
export {
  CHART_KINDS,
  CompositionSchema,
  LabelSchema,
  QuoteChoiceSchema,
  SECTION_CHARTS,
  SECTION_KEYS,
  SectionChoiceSchema,
  SentenceEditSchema,
  TEXT_BLOCKS,
  type ChartKind,
  type Composition,
  type QuoteChoice,
  type SectionChoice,
  type SectionKey,
  type SentenceEdit,
  type TextBlock,
} from '../../model/api/factsheet.js';

export const SECTION_TITLES: Record<SectionKey, Record<Lang, string>> = {
  project: { nl: 'Over het project', en: 'About the project' },
  research: { nl: 'Over het onderzoek', en: 'About the research' },
  training: { nl: 'Over de training', en: 'About the training' },
  findings: { nl: 'Bevindingen algemeen', en: 'General findings' },
  partners: { nl: 'Samenwerking met partners', en: 'Collaboration with partners' },
  competence: { nl: 'Kennis & competenties', en: 'Knowledge & competences' },
  tools: { nl: 'Gebruik tools', en: 'Use of tools' },
  indicators: { nl: 'Indicatoren', en: 'Indicators' },
  questions: { nl: 'Uitkomsten per vraag', en: 'Results per question' },
  recommendations: { nl: 'Aanbevelingen', en: 'Recommendations' },
  quotes: { nl: 'In hun eigen woorden', en: 'In their own words' },
  colophon: { nl: 'Colofon', en: 'Colophon' },
  annex: { nl: 'Technische bijlage', en: 'Technical annex' },
  'network-standing': { nl: 'Waar staan we', en: 'Where we stand' },
  'network-change': { nl: 'Verandering sinds de vorige meting', en: 'Change since the previous round' },
  'network-plan': { nl: 'Verbeterplan', en: 'Improvement plan' },
  'network-next': { nl: 'Volgende stappen', en: 'Next steps' },
};

/**
 * A section's title in the study's own words (issue 16): "Over de training" / "Gebruik tools"
 * for a training evaluation, "Over de werkwijze" / "Gebruik instrumenten" for a network
 * monitor. The partners' section names the study's partners only when the study named them.
 * Without a vocabulary (versions published before studies had one), SECTION_TITLES.
 */
export function sectionTitle(key: SectionKey, lang: Lang, vocabulary: Vocabulary | undefined): string {
  if (!vocabulary) return SECTION_TITLES[key][lang];
  const nl = lang === 'nl';
  switch (key) {
    case 'training':
      return nl ? `Over ${withDeterminer(vocabulary, 'intervention', lang, 'de')}` : `About the ${term(vocabulary, 'intervention', lang)}`;
    case 'tools':
      return nl ? `Gebruik ${term(vocabulary, 'tool', lang, 'many')}` : `Use of ${term(vocabulary, 'tool', lang, 'many')}`;
    case 'partners':
      if (!vocabulary.partner?.[lang]) return SECTION_TITLES[key][lang];
      return nl
        ? `Samenwerking met ${term(vocabulary, 'partner', lang, 'many')}`
        : `Collaboration with ${term(vocabulary, 'partner', lang, 'many')}`;
    case 'network-change':
      // "Verandering sinds de vorige scan" in the words of a Quick Scan that calls its rounds scans.
      return nl
        ? `Verandering sinds ${dutchDeterminer(vocabulary, 'round', 'de')} vorige ${term(vocabulary, 'round', lang)}`
        : `Change since the previous ${term(vocabulary, 'round', lang)}`;
    default:
      return SECTION_TITLES[key][lang];
  }
}

/**
 * Whether the composer offers a section: the measure sections only when the study has items
 * that measure it (a monitor without tool items is never offered "Gebruik tools"). The
 * document leaves such sections out anyway; this keeps them out of the researcher's list.
 */
export function sectionOffered(key: SectionKey, data: FactsheetData): boolean {
  switch (key) {
    case 'partners':
      return data.partners.items.length > 0;
    case 'competence':
      return data.competence.length + data.indicators.length > 0;
    case 'tools':
      return data.tools.items.length + data.tools.extra.length > 0;
    // netfs (issue 17): a network study's sections, when it has the data (server/factsheet/network/).
    case 'network-standing':
      return !!data.network && (data.network.indicators.length > 0 || !!data.network.domains);
    case 'network-change':
      return !!data.network?.indicators.some((i) => i.change);
    case 'network-plan':
    case 'network-next':
      return !!data.network?.plans.length;
    default:
      return true;
  }
}

/** Sections that are off until the researcher switches them on (the results per question: `questionsByDefault`). */
const OFF_BY_DEFAULT: readonly SectionKey[] = ['annex', 'network-standing', 'network-change', 'network-plan', 'network-next'];

/**
 * Every section in the model's order, each on (except those OFF_BY_DEFAULT), each with its
 * default chart. `questions`: the results per question on as well — for a study whose
 * questionnaire measures no knowledge, collaboration or tool use (`questionsByDefault`), its
 * questions are what it asks, and without them its factsheet would report almost nothing.
 */
export function defaultSections(options: { questions?: boolean } = {}): SectionChoice[] {
  return SECTION_KEYS.map((key) => {
    const charts = (SECTION_CHARTS as Record<string, readonly ChartKind[]>)[key];
    const enabled = key === 'questions' ? !!options.questions : !OFF_BY_DEFAULT.includes(key);
    return charts ? { key, enabled, chart: charts[0] } : { key, enabled };
  });
}

/** What the training evaluation's own sections report: with any of these, "results per question" stays an option. */
const SECTION_MEASURES: ReadonlySet<Measure> = new Set<Measure>([
  'competence',
  'collaboration-frequency',
  'collaboration-quality',
  'tool-use',
]);

/** Whether a new draft shows the results per question: the questionnaire has no item the measure sections report. */
export function questionsByDefault(questionnaire: Questionnaire): boolean {
  return !measuresOf(questionnaire).some((m) => SECTION_MEASURES.has(m));
}

/**
 * A composition with every section the model knows: a section added to rondo after the draft
 * was made (the technical annex) is listed, switched off, so the composer can offer it.
 */
export function withAllSections(c: Composition): Composition {
  const missing = SECTION_KEYS.filter((k) => !c.sections.some((s) => s.key === k));
  return missing.length ? { ...c, sections: [...c.sections, ...missing.map((key) => ({ key, enabled: false }))] } : c;
}

export function defaultComposition(
  lang: Lang,
  texts: Partial<Record<TextBlock, LocalText>> = {},
  vocabulary?: Vocabulary,
  options: { questions?: boolean } = {},
): Composition {
  return {
    format: 'rondo.factsheet/1',
    lang,
    sections: defaultSections(options),
    texts: { project: {}, training: {}, recommendations: {}, colophon: {}, ...texts },
    terms: termsFor(vocabulary),
    labels: [],
    edits: [],
    quotes: [],
  };
}

/** Why a composition was refused (stable codes; tests and scripts assert these, not the words). */
export const COMPOSITION_ISSUE_REASONS = [
  'section-twice',
  'split-section',
  'omit-section',
  'chart',
  'quote-twice',
  'quote-too-long',
  'quote-markup',
  'edit-twice',
  'unknown-group',
  'one-group',
  'unknown-split',
  'nothing-to-split',
  'split-by-own-group',
] as const;
export type CompositionIssueReason = (typeof COMPOSITION_ISSUE_REASONS)[number];

/**
 * One refused part of a composition: where (`/sections/3/split`), why, and what to do in Dutch
 * and English for the composer screen, which names sections by their titles. `message` is the
 * English line the API has always given (with the sections' keys), kept for scripts.
 */
export interface CompositionIssue {
  path: string;
  reason: CompositionIssueReason;
  message: string;
  nl: string;
  en: string;
}

/** Names and lists in both languages: a section by its title, a list as "a, b of c" / "a, b or c". */
const bothLangs = (f: (lang: Lang) => string) => ({ nl: f('nl'), en: f('en') });
export const orList = (items: readonly string[], lang: Lang) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${lang === 'nl' ? 'of' : 'or'} ${items[items.length - 1]}`;

/**
 * Rules the schema cannot express: each section at most once, a chart the section offers, a
 * split only on the sections that can show one, quotes and sentence edits at most once, a
 * quote's translation plain text of bounded length. Sections left out of the list are treated
 * as switched off. `vocabulary` names the sections in the study's own words.
 */
export function checkComposition(c: Composition, vocabulary?: Vocabulary): CompositionIssue[] {
  const issues: CompositionIssue[] = [];
  const add = (path: string, reason: CompositionIssueReason, message: string, text: { nl: string; en: string }) =>
    issues.push({ path, reason, message, ...text });
  const title = (key: SectionKey, lang: Lang) => `"${sectionTitle(key, lang, vocabulary)}"`;
  const seen = new Set<string>();
  c.sections.forEach((s, i) => {
    if (seen.has(s.key))
      add(`/sections/${i}/key`, 'section-twice', `section "${s.key}" appears twice`, {
        nl: `De sectie ${title(s.key, 'nl')} staat twee keer in de factsheet; haal er één weg.`,
        en: `The section ${title(s.key, 'en')} is in the factsheet twice; remove one.`,
      });
    if (s.split !== undefined && !(SPLIT_SECTIONS as readonly string[]).includes(s.key))
      add(
        `/sections/${i}/split`,
        'split-section',
        `section "${s.key}" cannot be split by subgroup; only ${SPLIT_SECTIONS.join(' and ')} can`,
        bothLangs((lang) => {
          const can = orList(
            SPLIT_SECTIONS.map((k) => title(k, lang)),
            lang,
          );
          return lang === 'nl'
            ? `De sectie ${title(s.key, lang)} kan niet per subgroep worden uitgesplitst; dat kan alleen bij ${can}.`
            : `The section ${title(s.key, lang)} cannot be split by subgroup; only ${can} can.`;
        }),
      );
    if (s.omit !== undefined && s.key !== 'questions')
      add(
        `/sections/${i}/omit`,
        'omit-section',
        `section "${s.key}" has no questions to leave out; only questions has`,
        bothLangs((lang) =>
          lang === 'nl'
            ? `In de sectie ${title(s.key, lang)} kunt u geen vragen weglaten; dat kan alleen in ${title('questions', lang)}.`
            : `The section ${title(s.key, lang)} has no questions to leave out; only ${title('questions', lang)} has.`,
        ),
      );
    seen.add(s.key);
    const allowed = (SECTION_CHARTS as Record<string, readonly string[]>)[s.key];
    if (s.chart && (!allowed || !allowed.includes(s.chart)))
      add(
        `/sections/${i}/chart`,
        'chart',
        `section "${s.key}" has no chart "${s.chart}"${allowed ? `; choose ${allowed.join(', ')}` : ''}`,
        {
          nl: `De sectie ${title(s.key, 'nl')} heeft geen grafiek "${s.chart}"${allowed ? `; kies ${orList(allowed, 'nl')}` : ''}.`,
          en: `The section ${title(s.key, 'en')} has no chart "${s.chart}"${allowed ? `; choose ${orList(allowed, 'en')}` : ''}.`,
        },
      );
  });
  const quoteIds = new Set<number>();
  c.quotes.forEach((q, i) => {
    if (quoteIds.has(q.id))
      add(`/quotes/${i}/id`, 'quote-twice', `quote ${q.id} is chosen twice`, {
        nl: `Citaat ${q.id} is twee keer gekozen.`,
        en: `Quote ${q.id} is chosen twice.`,
      });
    quoteIds.add(q.id);
    for (const [lang, text] of Object.entries(q.translation ?? {})) {
      const name = lang === 'nl' ? { nl: 'Nederlandse', en: 'Dutch' } : { nl: 'Engelse', en: 'English' };
      if (text.length > QUOTE_TRANSLATION_MAX)
        add(
          `/quotes/${i}/translation/${lang}`,
          'quote-too-long',
          `the ${name.en} translation of quote ${q.id} has ${text.length} characters; at most ${QUOTE_TRANSLATION_MAX} are allowed`,
          {
            nl: `De ${name.nl} vertaling van citaat ${q.id} heeft ${text.length} tekens; hooguit ${QUOTE_TRANSLATION_MAX} mogen.`,
            en: `The ${name.en} translation of quote ${q.id} has ${text.length} characters; at most ${QUOTE_TRANSLATION_MAX} are allowed.`,
          },
        );
      else if (/<\/?[a-z!?][^>]*>?|&[a-z#0-9]+;/i.test(text))
        add(
          `/quotes/${i}/translation/${lang}`,
          'quote-markup',
          `the ${name.en} translation of quote ${q.id} contains HTML markup; write plain text`,
          {
            nl: `De ${name.nl} vertaling van citaat ${q.id} bevat HTML-opmaak; schrijf gewone tekst.`,
            en: `The ${name.en} translation of quote ${q.id} contains HTML markup; write plain text.`,
          },
        );
    }
  });
  const editKeys = new Set<string>();
  c.edits.forEach((e, i) => {
    const k = `${e.key}|${e.lang}`;
    if (editKeys.has(k))
      add(`/edits/${i}`, 'edit-twice', `sentence "${e.key}" (${e.lang}) is edited twice`, {
        nl: `De zin "${e.key}" (${e.lang}) is twee keer bewerkt.`,
        en: `The sentence "${e.key}" (${e.lang}) is edited twice.`,
      });
    editKeys.add(k);
  });
  return issues;
}
