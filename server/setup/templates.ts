import type { LocalText, Questionnaire, Round } from '../../model/index.js';
import { IMH_PARTNERS, IMH_QUESTIONNAIRE, IMH_ROUNDS, IMH_TEMPLATE_NAME, IMH_TOOLS } from '../../content/templates/imh-training.js';
import {
  MONITOR_VOCABULARY,
  SINGLE_ROUNDS,
  SINGLE_VOCABULARY,
  TRAINING_VOCABULARY,
  halfYearRounds,
  starterQuestionnaire,
} from '../../content/templates/study-types.js';
import type { Vocabulary } from '../../model/vocabulary.js';
import type { Study } from '../../model/study.js';
import type { NewStudy } from '../studies/create-study.js';
import {
  QUICK_SCAN_ATTRIBUTES,
  QUICK_SCAN_DOMAIN_COVERAGE,
  QUICK_SCAN_GROUPS,
  QUICK_SCAN_PARTNERS,
  QUICK_SCAN_TEMPLATE_NAME,
  QUICK_SCAN_VOCABULARY,
  quickScanQuestionnaire,
} from '../../content/templates/imh-quick-scan.js';

/** A starting point for a new study (a study type): rounds, the study's words, catalogues and a questionnaire. */
export interface StudyTemplate {
  key: string;
  name: LocalText;
  description: LocalText;
  build(title: LocalText, now?: Date): Omit<NewStudy, 'study'> & { vocabulary?: Vocabulary; definition?: TemplateDefinition };
}

/** Issue 17: what a template's study starts with besides its words (groups, cohort attributes, domain coverage, settings). */
export type TemplateDefinition = Pick<Study, 'groups' | 'cohortAttributes' | 'domainCoverage' | 'settings'>;

const clone = <T>(v: T): T => structuredClone(v);

export const BLANK_ROUNDS: Round[] = [
  { key: 'pre', label: { nl: 'Voormeting', en: 'Pre' }, opensAt: null, closesAt: null },
  { key: 'post', label: { nl: 'Nameting', en: 'Post' }, opensAt: null, closesAt: null },
];

export function blankQuestionnaire(title: LocalText): Questionnaire {
  return {
    format: 'rondo.questionnaire/1',
    title: { nl: title.nl || title.en || 'Vragenlijst', en: title.en || title.nl || 'Questionnaire' },
    sections: [{ key: 'general', title: { nl: 'Algemeen', en: 'General' }, items: [] }],
  };
}

export const TEMPLATES: StudyTemplate[] = [
  {
    key: 'imh-training',
    name: IMH_TEMPLATE_NAME,
    description: {
      nl: 'Voor-, tussen- en nameting met kennis en competenties, samenwerking per ketenpartner, gebruik van tools en oordeel over de training — de vragenlijst van 1000 Kansen.',
      en: 'Pre, mid and post rounds with knowledge and competences, collaboration per chain partner, tool use and training feedback — the 1000 Kansen questionnaire.',
    },
    build: () => ({
      rounds: clone(IMH_ROUNDS),
      partners: clone(IMH_PARTNERS),
      tools: clone(IMH_TOOLS),
      questionnaire: clone(IMH_QUESTIONNAIRE),
      vocabulary: clone(TRAINING_VOCABULARY),
    }),
  },
  {
    key: 'monitor',
    name: { nl: 'Herhaalde monitor (halfjaarlijks)', en: 'Repeated monitor (half-yearly)' },
    description: {
      nl:
        'Twee metingen per jaar (eerste en tweede helft), dezelfde vragen elke keer: ' +
        'stellingen over het werk, een rapportcijfer, wat aandacht verdient en een toelichting.',
      en:
        'Two rounds a year (first and second half), the same questions each time: ' +
        'statements on the work, a mark, what needs attention and room to explain.',
    },
    build: (title, now) => {
      const rounds = halfYearRounds((now ?? new Date()).getUTCFullYear());
      const keys = rounds.map((r) => r.key);
      return { rounds, partners: [], tools: [], questionnaire: starterQuestionnaire(title, keys), vocabulary: clone(MONITOR_VOCABULARY) };
    },
  },
  // Issue 17: a local IMH network's half-yearly self-assessment, with parents through the anonymous link.
  {
    key: 'imh-quick-scan',
    name: QUICK_SCAN_TEMPLATE_NAME,
    description: {
      nl:
        'Twee scans per jaar voor een lokaal IMH-netwerk: beschikbare interventies, vertegenwoordigde domeinen, ' +
        'kwaliteitseisen, ouders begeleiden, samenwerking per netwerkpartner, tevredenheid van professionals en ' +
        '(via een anonieme link) van ouders, en verbeterpunten.',
      en:
        'Two scans a year for a local IMH network: available interventions, represented domains, quality requirements, ' +
        'guiding parents, collaboration per network partner, satisfaction of professionals and (through an anonymous ' +
        'link) of parents, and improvement points.',
    },
    build: (_title, now) => {
      const rounds = halfYearRounds((now ?? new Date()).getUTCFullYear());
      return {
        rounds,
        partners: clone(QUICK_SCAN_PARTNERS),
        tools: [],
        questionnaire: quickScanQuestionnaire(rounds.map((r) => r.key)),
        vocabulary: clone(QUICK_SCAN_VOCABULARY),
        definition: {
          groups: clone(QUICK_SCAN_GROUPS),
          cohortAttributes: clone(QUICK_SCAN_ATTRIBUTES),
          domainCoverage: clone(QUICK_SCAN_DOMAIN_COVERAGE),
          // A team reading its own small numbers: counts ("3 van 5") instead of an empty chart, never a percentage.
          settings: { teamMode: true },
        },
      };
    },
  },
  {
    key: 'single',
    name: { nl: 'Eenmalige meting', en: 'Single measurement' },
    description: {
      nl: 'Eén meting met een korte startvragenlijst, bijvoorbeeld een tevredenheidspeiling.',
      en: 'One round with a short starter questionnaire, for example a satisfaction survey.',
    },
    build: (title) => ({
      rounds: clone(SINGLE_ROUNDS),
      partners: [],
      tools: [],
      questionnaire: starterQuestionnaire(
        title,
        SINGLE_ROUNDS.map((r) => r.key),
      ),
      vocabulary: clone(SINGLE_VOCABULARY),
    }),
  },
  {
    key: 'blank',
    name: { nl: 'Leeg onderzoek', en: 'Blank study' },
    description: { nl: 'Een voor- en nameting en een lege vragenlijst.', en: 'A pre and a post round and an empty questionnaire.' },
    build: (title) => ({ rounds: clone(BLANK_ROUNDS), partners: [], tools: [], questionnaire: blankQuestionnaire(title) }),
  },
];
