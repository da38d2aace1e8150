import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { PutVocabularyBody, VocabularyResponse } from '../../model/api/vocabulary.js';
import type { Study } from '../../model/index.js';
import { checkVocabulary, VOCABULARY_TERMS } from '../../model/vocabulary.js';
import { refusal } from '../errors.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { actorOf } from '../setup/request-meta.js';
import { getStudyDefinition, saveStudyDefinition } from '../studies/repository.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * The study's own words (issue 16): what it calls its intervention, instruments, partners,
 * rounds and participants, edited on the set-up screen. The whole vocabulary is replaced at
 * once; a refused word refuses the lot and changes nothing. Audit-logged with the terms that
 * changed, not the words (they are the researcher's, but the log lists what, not content).
 */
const vocabularyRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.put(
    '/api/studies/:slug/vocabulary',
    {
      schema: { params: SlugParams, body: PutVocabularyBody, response: { 200: VocabularyResponse, ...STAFF_ERRORS } },
      config: { permission: 'study:write' },
    },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const { vocabulary, issues } = checkVocabulary(req.body.vocabulary);
      if (issues.length) {
        const first = issues[0];
        const more = issues.length > 1 ? ` (+${issues.length - 1})` : '';
        throw refusal('VALIDATION', { nl: first.nl + more, en: first.en + more }, { issues });
      }
      await writeTx(db, async (trx) => {
        const def: Study = await getStudyDefinition(trx, study.id);
        const before = def.vocabulary ?? {};
        const changed = VOCABULARY_TERMS.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(vocabulary[k] ?? null));
        const next: Study = { ...def, vocabulary };
        if (!Object.keys(vocabulary).length) delete next.vocabulary;
        await saveStudyDefinition(trx, study.id, next);
        await audit(trx, {
          actor: meta.actor,
          session: meta.session,
          studyId: study.id,
          action: 'study.vocabulary',
          details: { terms: changed },
        });
      });
      return { vocabulary };
    },
  );
};
export default vocabularyRoutes;
