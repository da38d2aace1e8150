import type { Kysely } from 'kysely';
import type { LocalText } from '../../../model/index.js';
import type { AnalysisService } from '../../analysis/service.js';
import type { Database } from '../../db/schema.js';
import { readCycle } from '../../improvement/store.js';
import type { DataSource, StudyRef } from '../service.js';
import { networkFigures, type AnalysisWithDomains, type NetworkFigures } from './figures.js';

/**
 * A network study's figures for its factsheet, from the analysis the factsheet is made from and
 * the improvement store. A study is a network study when it names its domains (Study.domainCoverage)
 * or has an improvement plan; any other study gets null and its factsheet is unchanged.
 */
export async function loadNetworkFigures(
  db: Kysely<Database>,
  study: StudyRef,
  analysis: AnalysisWithDomains,
  now: Date,
): Promise<NetworkFigures | null> {
  const cycle = await readCycle(db, study.id, null);
  if (!cycle.plans.length && !study.definition.domainCoverage) return null;
  // Every member who ever owned an action, also one whose account was disabled since: the role is what is printed.
  const members = await db.selectFrom('study_member').select(['user_id as id', 'role']).where('study_id', '=', study.id).execute();
  const setting = study.definition.domainCoverage;
  const roleAttribute = setting?.roleAttribute
    ? study.definition.cohortAttributes?.find((a) => a.key === setting.roleAttribute)
    : undefined;
  const roleLabels: Record<string, LocalText> = Object.fromEntries(
    (roleAttribute?.values ?? []).map((v) => [v.value, v.label ? ({ ...v.label } as LocalText) : { nl: v.value, en: v.value }]),
  );
  return networkFigures(analysis, { points: cycle.points, plans: cycle.plans, members }, now, roleLabels);
}

/**
 * The factsheet's numbers with a network study's figures added (`FactsheetData.network`), read
 * fresh on every call: a plan changes without new answers. The analysis is the one the factsheet's
 * numbers come from (the service's cached researchers' analysis, load-data.ts); other studies'
 * numbers pass through unchanged.
 */
export function withNetworkFigures(source: DataSource, service: AnalysisService, db: Kysely<Database>, now: () => Date): DataSource {
  return async (...args: Parameters<DataSource>) => {
    const data = await source(...args);
    const study = args[0];
    const analysed = await service.analyse(study.slug, { audience: 'full', matched: false });
    const figures = analysed ? await loadNetworkFigures(db, study, analysed.analysis, now()) : null;
    return figures ? { ...data, network: figures } : data;
  };
}

/** Whether a study's first factsheet draft should be the network composition (network/composition.ts). */
export async function isNetworkStudy(db: Kysely<Database>, study: StudyRef): Promise<boolean> {
  if (study.definition.domainCoverage) return true;
  const plan = await db.selectFrom('improvement_plan').select('id').where('study_id', '=', study.id).executeTakeFirst();
  return !!plan;
}
