import type { Kysely } from 'kysely';
import { IMH_PARTNERS, IMH_QUESTIONNAIRE, IMH_ROUNDS, IMH_TOOLS } from '../../content/templates/imh-training.js';
import type { Database } from '../../server/db/schema.js';
import { createStudy, type CreatedStudy } from '../../server/studies/create-study.js';
import type { LocalText } from '../../model/index.js';

/** A bilingual study of the organisation 'GGD' made from the IMH template, with an empty description and colophon. */
export function createImhStudy(db: Kysely<Database>, slug: string, title: LocalText): Promise<CreatedStudy> {
  return createStudy(db, {
    study: {
      slug,
      title,
      description: { nl: '', en: '' },
      organisation: 'GGD',
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      colophon: {},
    },
    rounds: IMH_ROUNDS,
    partners: IMH_PARTNERS,
    tools: IMH_TOOLS,
    questionnaire: IMH_QUESTIONNAIRE,
  });
}
