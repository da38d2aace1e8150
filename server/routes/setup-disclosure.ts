import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { DisclosureResponse, DisclosureSettingsSchema } from '../../model/api/disclosure.js';
import {
  DEFAULT_DISCLOSURE,
  DISCLOSURE_LIMITS,
  disclosureOf,
  disclosureProblems,
  type Disclosure,
  type DisclosureField,
} from '../../model/disclosure.js';
import { ApiError } from '../errors.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { actorOf } from '../setup/request-meta.js';
import { getStudyDefinition, saveStudyDefinition } from '../studies/repository.js';
import type { RoutePlugin } from './route-plugin.js';

const KEYS = ['minDenominatorForPercent', 'minSubgroup', 'minGroupForQuotes', 'teamMode'] as const satisfies readonly (
  | DisclosureField
  | 'teamMode'
)[];

const answer = (settings: Disclosure, changed: string[] = []) => ({
  settings,
  defaults: { ...DEFAULT_DISCLOSURE },
  limits: DISCLOSURE_LIMITS,
  changed,
});

/**
 * A study's disclosure settings (issue 16): minimum n for a percentage, minimum subgroup,
 * minimum group for quotes and the team mode. Every member may read the rules that apply to what
 * they see; only researchers change them. A change is checked whole (model/disclosure.ts: ranges
 * and the rules between the fields, in Dutch and English), saved in the study's definition and
 * audit-logged with the old and new value of each changed field, in one transaction; bad input
 * changes nothing. The analysis service picks the new values up on its next request (any write
 * invalidates its cache), so the dashboard, the API and the factsheet follow at once.
 */
const disclosureRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/studies/:slug/disclosure',
    { schema: { params: SlugParams, response: { 200: DisclosureResponse, ...STAFF_ERRORS } }, config: { permission: 'study:read' } },
    async (req) => answer(disclosureOf(req.study!.definition.settings)),
  );

  app.put(
    '/api/studies/:slug/disclosure',
    {
      schema: { params: SlugParams, body: DisclosureSettingsSchema, response: { 200: DisclosureResponse, ...STAFF_ERRORS } },
      config: { permission: 'study:write' },
    },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const next: Disclosure = { ...req.body };
      const problems = disclosureProblems(next);
      if (problems.length)
        throw new ApiError('VALIDATION', problems.map((p) => p.en).join(' '), {
          field: problems[0].field,
          nl: problems.map((p) => p.nl).join(' '),
          problems,
        });
      return writeTx(db, async (trx) => {
        const def = await getStudyDefinition(trx, study.id);
        const before = disclosureOf(def.settings);
        const changed = KEYS.filter((k) => before[k] !== next[k]);
        if (!changed.length) return answer(before);
        await saveStudyDefinition(trx, study.id, { ...def, settings: { ...def.settings, ...next } });
        await audit(trx, {
          actor: meta.actor,
          session: meta.session,
          studyId: study.id,
          action: 'study.disclosure',
          details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: next[k] }])),
        });
        return answer(next, changed);
      });
    },
  );
};

export default disclosureRoutes;
