import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { PutValueLabelBody, ValueLabelsResponse, type ValueLabelRow } from '../../model/api/value-labels.js';
import { checkValueLabel, defaultValueLabel, type Study, type ValueLabelKind } from '../../model/index.js';
import { refusal } from '../errors.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { actorOf } from '../setup/request-meta.js';
import { getStudyDefinition, saveStudyDefinition } from '../studies/repository.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * Labels of coded values (roles, organisations) for the cohort screen: what the factsheet, the
 * dashboard and the exports print instead of a code. Stored in the study's definition
 * (`valueLabels`); the codes are those of the cohort plus any the study already labels.
 */
const valueLabelRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/studies/:slug/value-labels',
    {
      schema: { params: SlugParams, response: { 200: ValueLabelsResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:read' },
    },
    async (req) => {
      const study = req.study!;
      const rows = await db
        .selectFrom('participant')
        .select(['role', 'organisation'])
        .distinct()
        .where('study_id', '=', study.id)
        .execute();
      const table = (kind: ValueLabelKind, codes: string[]): ValueLabelRow[] => {
        const own = study.definition.valueLabels?.[kind] ?? {};
        return [...new Set([...codes.filter((c) => c.trim() !== ''), ...Object.keys(own)])]
          .sort((a, b) => a.localeCompare(b, 'nl'))
          .map((code) => {
            const defaults = defaultValueLabel(code, kind);
            const label = own[code];
            return { code, nl: label?.nl || defaults.nl, en: label?.en || defaults.en, defaults, custom: !!label };
          });
      };
      return {
        roles: table(
          'roles',
          rows.map((r) => r.role),
        ),
        organisations: table(
          'organisations',
          rows.map((r) => r.organisation),
        ),
      };
    },
  );

  app.put(
    '/api/studies/:slug/value-labels',
    {
      schema: { params: SlugParams, body: PutValueLabelBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:write' },
    },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const { kind, code } = req.body;
      const nl = req.body.nl.trim();
      const en = req.body.en.trim();
      for (const text of [nl, en]) {
        const problem = checkValueLabel(text);
        if (problem) throw refusal('VALIDATION', problem, { field: text === nl ? 'nl' : 'en' });
      }
      await writeTx(db, async (trx) => {
        const def: Study = await getStudyDefinition(trx, study.id);
        const labels = { ...def.valueLabels };
        const table = { ...labels[kind] };
        if (nl || en) table[code] = { ...(nl ? { nl } : {}), ...(en ? { en } : {}) };
        else delete table[code];
        labels[kind] = table;
        await saveStudyDefinition(trx, study.id, { ...def, valueLabels: labels });
        await audit(trx, {
          actor: meta.actor,
          session: meta.session,
          studyId: study.id,
          action: 'study.value-label',
          target: `${kind}:${code}`,
          details: { reset: !nl && !en },
        });
      });
      return { ok: true };
    },
  );
};
export default valueLabelRoutes;
