import type { Kysely } from 'kysely';
import type { Questionnaire } from '../../model/index.js';
import type { Database } from '../../server/db/schema.js';
import { createStudy, type CreatedStudy } from '../../server/studies/create-study.js';

/**
 * A study that is not the demo: a network's half-yearly self-assessment, Dutch only, with a rating,
 * a single choice and a multiple choice question, two rounds (the first closed in June 2026, the second
 * not yet planned) and no tools or chain partners.
 */
export const MONITOR_QUESTIONNAIRE: Questionnaire = {
  format: 'rondo.questionnaire/1',
  title: { nl: 'Netwerkmonitor' },
  sections: [
    {
      key: 'netwerk',
      title: { nl: 'Het netwerk' },
      items: [
        {
          type: 'rating',
          id: 'cijfer',
          text: { nl: 'Welk rapportcijfer geeft u de samenwerking in het netwerk?' },
          required: true,
          rounds: ['r2026h1', 'r2026h2'],
          measure: 'satisfaction',
          min: 1,
          max: 10,
        },
        {
          type: 'single',
          id: 'richtlijn',
          text: { nl: 'Werkt uw team volgens de afgesproken richtlijn?' },
          required: true,
          rounds: ['r2026h1', 'r2026h2'],
          measure: 'background',
          options: [
            { code: 1, label: { nl: 'Ja' } },
            { code: 2, label: { nl: 'Deels' } },
            { code: 3, label: { nl: 'Nee' } },
          ],
        },
        {
          type: 'multi',
          id: 'aanbod',
          text: { nl: 'Welk aanbod is in uw wijk beschikbaar?' },
          required: false,
          rounds: ['r2026h2'],
          measure: 'background',
          options: [
            { code: 1, label: { nl: 'Oudergroep' } },
            { code: 2, label: { nl: 'Huisbezoek' } },
            { code: 3, label: { nl: 'Spreekuur' } },
          ],
        },
      ],
    },
  ],
};

export function createMonitorStudy(db: Kysely<Database>, slug = 'netwerkmonitor'): Promise<CreatedStudy> {
  return createStudy(db, {
    study: {
      slug,
      title: { nl: 'Netwerkmonitor Jonge Gezinnen' },
      description: { nl: 'Halfjaarlijkse zelfevaluatie van het netwerk.' },
      organisation: 'GGD Regio Noord',
      languages: ['nl'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: [
      {
        key: 'r2026h1',
        label: { nl: '1e helft 2026', en: '1e helft 2026' },
        opensAt: '2026-03-02T08:00:00.000Z',
        closesAt: '2026-03-30T15:00:00.000Z',
      },
      { key: 'r2026h2', label: { nl: '2e helft 2026', en: '2e helft 2026' }, opensAt: null, closesAt: null },
    ],
    partners: [],
    tools: [],
    questionnaire: MONITOR_QUESTIONNAIRE,
  });
}
