import type { Kysely } from 'kysely';
import type { DomainCoverage } from '../../model/domains.js';
import type { LocalText } from '../../model/i18n.js';
import { TEAM_ATTRIBUTE } from '../../model/cohort-attributes.js';
import type { ProgrammeNetwork } from '../../model/api/programme.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { attributesOf } from '../cohort/attributes.js';
import type { Database } from '../db/schema.js';
import type { StoredStudy } from '../studies/repository.js';

/**
 * A network's domain coverage from its cohort, as the programme overview prints it ("4 van 5
 * domeinen vertegenwoordigd; ontbreekt: …"). The study analysis computes coverage itself once
 * `StudyAnalysis.domains` exists (issue 17, deliverable 2: analysis/study/domains.ts); until then,
 * and for an analysis without it, the active members are counted here per value of the attribute
 * the study names in `domainCoverage`. Both read the same setting and the same cohort, so this
 * function can be dropped for the analysis's result without a change the reader would see.
 */
export async function networkDomains(
  db: Kysely<Database>,
  study: StoredStudy,
  analysis: StudyAnalysis,
): Promise<{ coverage: ProgrammeNetwork['domains']; labels: Record<string, LocalText> }> {
  const setting = study.definition.domainCoverage;
  if (!setting) return { coverage: null, labels: {} };
  const attribute = attributesOf(study.definition).find((a) => a.key === setting.attribute);
  const labels: Record<string, LocalText> = {};
  for (const v of attribute?.values ?? []) labels[v.value] = v.label ?? { nl: v.value };
  const fromAnalysis = (analysis as StudyAnalysis & { domains?: DomainCoverage | null }).domains;
  if (fromAnalysis?.cohort) {
    for (const d of fromAnalysis.domains) labels[d.value] ??= d.label;
    return {
      coverage: { total: fromAnalysis.domains.length, represented: fromAnalysis.cohort.represented, missing: fromAnalysis.cohort.missing },
      labels,
    };
  }
  const domains = (attribute?.values ?? []).map((v) => v.value);
  if (!domains.length) return { coverage: null, labels };
  const members =
    setting.attribute === TEAM_ATTRIBUTE
      ? await db
          .selectFrom('participant')
          .select('team as value')
          .where('study_id', '=', study.id)
          .where('left_from_round_id', 'is', null)
          .execute()
      : await db
          .selectFrom('participant_attribute')
          .innerJoin('participant', 'participant.id', 'participant_attribute.participant_id')
          .select('participant_attribute.value')
          .where('participant.study_id', '=', study.id)
          .where('participant.left_from_round_id', 'is', null)
          .where('participant_attribute.key', '=', setting.attribute)
          .execute();
  const present = new Set(members.map((m) => m.value));
  return {
    coverage: {
      total: domains.length,
      represented: domains.filter((d) => present.has(d)),
      missing: domains.filter((d) => !present.has(d)),
    },
    labels,
  };
}
