import type { Questionnaire, Round } from '../../model/index.js';
import { roundKeyFromName } from '../../model/round-key.js';
import type { Vocabulary } from '../../model/vocabulary.js';
import { AGREEMENT } from './scales.js';

/**
 * The study types "Nieuwe studie" offers besides the training evaluation (imh-training.ts):
 * a repeated monitor (two half-yearly rounds), a single measurement, and the words and starter
 * questions each begins with. Plain data: the researcher changes rounds, words and questions
 * afterwards, and the rounds area may generate longer schedules from the same shape.
 */

/** A training evaluation's words: the 1000 Kansen template and demo keep saying training, tools, chain partners. */
export const TRAINING_VOCABULARY: Vocabulary = {
  intervention: { nl: { one: 'training', many: 'trainingen', article: 'de' }, en: { one: 'training', many: 'trainings' } },
  tool: { nl: { one: 'tool', many: 'tools', article: 'de' }, en: { one: 'tool', many: 'tools' } },
  partner: { nl: { one: 'ketenpartner', many: 'ketenpartners', article: 'de' }, en: { one: 'chain partner', many: 'chain partners' } },
  round: { nl: { one: 'meting', many: 'metingen', article: 'de' }, en: { one: 'round', many: 'rounds' } },
  participant: { nl: { one: 'deelnemer', many: 'deelnemers', article: 'de' }, en: { one: 'participant', many: 'participants' } },
};

/** A network's repeated self-assessment: what it evaluates is its way of working, with its members. */
export const MONITOR_VOCABULARY: Vocabulary = {
  intervention: { nl: { one: 'werkwijze', many: 'werkwijzen', article: 'de' }, en: { one: 'way of working', many: 'ways of working' } },
  tool: { nl: { one: 'instrument', many: 'instrumenten', article: 'het' }, en: { one: 'instrument', many: 'instruments' } },
  partner: { nl: { one: 'partner', many: 'partners', article: 'de' }, en: { one: 'partner', many: 'partners' } },
  round: { nl: { one: 'meting', many: 'metingen', article: 'de' }, en: { one: 'round', many: 'rounds' } },
  participant: { nl: { one: 'deelnemer', many: 'deelnemers', article: 'de' }, en: { one: 'participant', many: 'participants' } },
};

/** One questionnaire, answered once. */
export const SINGLE_VOCABULARY: Vocabulary = {
  round: { nl: { one: 'meting', many: 'metingen', article: 'de' }, en: { one: 'round', many: 'rounds' } },
  participant: { nl: { one: 'respondent', many: 'respondenten', article: 'de' }, en: { one: 'respondent', many: 'respondents' } },
};

/** Two half-yearly rounds of the given year, keyed from their short names (`r2027h1`, `r2027h2`). */
export function halfYearRounds(year: number): Round[] {
  const taken: string[] = [];
  return [1, 2].map((half) => {
    const key = roundKeyFromName(`${year}h${half}`, taken);
    taken.push(key);
    return {
      key,
      label:
        half === 1
          ? { nl: `Eerste helft ${year}`, en: `First half of ${year}` }
          : { nl: `Tweede helft ${year}`, en: `Second half of ${year}` },
      opensAt: null,
      closesAt: null,
    };
  });
}

export const SINGLE_ROUNDS: Round[] = [{ key: 'meting', label: { nl: 'Meting', en: 'Survey' }, opensAt: null, closesAt: null }];

/**
 * Neutral starter questions for any repeated measurement: the respondent's role, three
 * statements on how the work goes (each an indicator), a mark, what needs attention, and room to
 * explain. Nothing presumes a training, tools or a case meeting; each item says what it measures.
 */
export function starterQuestionnaire(title: { nl?: string; en?: string }, rounds: string[]): Questionnaire {
  const statement = (id: string, nl: string, en: string) => ({
    id,
    type: 'likert' as const,
    measure: 'satisfaction' as const,
    required: false,
    rounds,
    text: { nl, en },
    scale: structuredClone(AGREEMENT),
  });
  return {
    format: 'rondo.questionnaire/1',
    title: { nl: title.nl || title.en || 'Vragenlijst', en: title.en || title.nl || 'Questionnaire' },
    estimatedMinutes: 5,
    sections: [
      {
        key: 'about',
        title: { nl: 'Over u', en: 'About you' },
        items: [
          {
            id: 'role',
            type: 'single',
            measure: 'background',
            required: true,
            rounds,
            text: { nl: 'Wat is uw rol?', en: 'What is your role?' },
            options: [
              { code: 1, label: { nl: 'Uitvoerend professional', en: 'Practitioner' } },
              { code: 2, label: { nl: 'Coördinator', en: 'Coordinator' } },
              { code: 3, label: { nl: 'Leidinggevende', en: 'Manager' } },
              { code: 4, label: { nl: 'Anders', en: 'Other' } },
            ],
          },
        ],
      },
      {
        key: 'work',
        title: { nl: 'Hoe het werk gaat', en: 'How the work goes' },
        items: [
          statement('clear_roles', 'Het is duidelijk wie waarvoor verantwoordelijk is.', 'It is clear who is responsible for what.'),
          statement('agreements_kept', 'Gemaakte afspraken worden nagekomen.', 'Agreements made are kept.'),
          statement('know_where', 'Ik weet bij wie ik terecht kan met een vraag.', 'I know whom to ask when I have a question.'),
          {
            id: 'mark',
            type: 'rating',
            measure: 'satisfaction',
            required: false,
            rounds,
            text: { nl: 'Welk rapportcijfer geeft u de afgelopen periode?', en: 'What mark do you give the past period?' },
            min: 1,
            max: 10,
            minLabel: { nl: 'Zeer slecht', en: 'Very poor' },
            maxLabel: { nl: 'Uitstekend', en: 'Excellent' },
            topBoxFrom: 7,
          },
          {
            id: 'attention',
            type: 'multi',
            // What respondents want attention for is a finding, not who they are: the factsheet reports it.
            measure: 'other',
            required: false,
            rounds,
            text: { nl: 'Wat verdient de komende periode aandacht?', en: 'What needs attention in the coming period?' },
            options: [
              { code: 1, label: { nl: 'Afstemming en overleg', en: 'Coordination and meetings' } },
              { code: 2, label: { nl: 'Kennis en scholing', en: 'Knowledge and learning' } },
              { code: 3, label: { nl: 'Bereik van de doelgroep', en: 'Reaching the target group' } },
              { code: 4, label: { nl: 'Tijd en middelen', en: 'Time and resources' } },
            ],
          },
          {
            id: 'explain',
            type: 'text',
            measure: 'open',
            required: false,
            rounds,
            text: { nl: 'Wilt u uw antwoorden toelichten?', en: 'Would you like to explain your answers?' },
            maxLength: 2000,
            multiline: true,
          },
        ],
      },
    ],
    // What the statements measure, as the study's own indicators (issue 16): the dashboard and the
    // factsheet report each as the share agreeing per round, with its test of change, where
    // otherwise a study without a training, partners or tools would have no section for them.
    indicators: [
      {
        key: 'clear_roles',
        name: { nl: 'Duidelijke verantwoordelijkheden', en: 'Clear responsibilities' },
        items: ['clear_roles'],
        summary: 'share-agreeing',
      },
      {
        key: 'agreements_kept',
        name: { nl: 'Afspraken nagekomen', en: 'Agreements kept' },
        items: ['agreements_kept'],
        summary: 'share-agreeing',
      },
      {
        key: 'know_where',
        name: { nl: 'Weet bij wie terecht', en: 'Knows whom to ask' },
        items: ['know_where'],
        summary: 'share-agreeing',
      },
    ],
  };
}
