import type { LocalText, Questionnaire, Round } from '../../model/index.js';
import { IMH_PARTNERS, IMH_QUESTIONNAIRE, IMH_ROUNDS, IMH_TEMPLATE_NAME, IMH_TOOLS } from '../../content/templates/imh-training.js';
import type { NewStudy } from '../studies/create-study.js';

/** A starting point for a new study: rounds, catalogues and a questionnaire. */
export interface StudyTemplate {
  key: string;
  name: LocalText;
  description: LocalText;
  build(title: LocalText): Omit<NewStudy, 'study'>;
}

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
    }),
  },
  {
    key: 'blank',
    name: { nl: 'Leeg onderzoek', en: 'Blank study' },
    description: { nl: 'Een voor- en nameting en een lege vragenlijst.', en: 'A pre and a post round and an empty questionnaire.' },
    build: (title) => ({ rounds: clone(BLANK_ROUNDS), partners: [], tools: [], questionnaire: blankQuestionnaire(title) }),
  },
];
