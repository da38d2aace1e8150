import { domainOptions } from '../../model/domain-coverage-check.js';
import type { DomainCoverage, DomainFromAnswers, DomainFromCohort } from '../../model/domains.js';
import type { Study } from '../../model/study.js';
import type { AnalysisInput, InputDomains } from './input.js';
import type { ItemAnalysis } from './result.js';
import type { Selection } from './selection.js';

/**
 * Domain coverage (issue 17, model/domains.ts): which of a network's domains its team and support
 * network represent, computed twice and reported side by side.
 *
 * - From the cohort: the active members (participants who have not left) per domain, and per value
 *   of the role attribute when the setting names one. These are facts about the study's own
 *   members, not answers, so every member of the study may see them, with or without filters:
 *   the selection does not narrow them.
 * - From the answers: per analysed round, how many of those who answered the multiple-choice item
 *   named each domain. Read from the item's option summaries after suppression, so the counts
 *   follow the study's disclosure rules like every other count (an aggregate reader of a subgroup
 *   gets the round marked `suppressed` instead of a count that was hidden).
 *
 * Null when the study has no setting or its attribute lists no values. Pure, like the rest of the
 * analysis: the dashboard, the factsheet, the regional overview and `rondo analyze` read the same.
 */
export function domainCoverage(input: AnalysisInput, sel: Selection, items: readonly ItemAnalysis[]): DomainCoverage | null {
  const setup = input.domains;
  const values = setup?.attribute.values;
  if (!setup || !values?.length) return null;
  const domains = values.map((v) => ({ value: v.value, label: v.label ?? { nl: v.value } }));
  const role = setup.roleAttribute;
  return {
    attribute: setup.attribute.key,
    domains,
    ...(role
      ? { roleAttribute: role.key, roles: (role.values ?? []).map((v) => ({ value: v.value, label: v.label ?? { nl: v.value } })) }
      : {}),
    cohort: fromCohort(input, domains),
    answers: fromAnswers(input, sel, items),
  };
}

function fromCohort(input: AnalysisInput, domains: DomainCoverage['domains']): DomainCoverage['cohort'] {
  const setup = input.domains!;
  const { units } = input;
  const domainOf = units.attributes.find((a) => a.key === setup.attribute.key);
  const roleOf = setup.roleAttribute ? units.attributes.find((a) => a.key === setup.roleAttribute!.key) : undefined;
  const perDomain: DomainFromCohort[] = domains.map((d) => ({
    value: d.value,
    label: d.label,
    members: 0,
    ...(setup.roleAttribute ? { byRole: {} as Record<string, number> } : {}),
  }));
  const at = new Map(perDomain.map((d, i) => [d.value, i]));
  for (let u = 0; u < units.participants && domainOf; u++) {
    if (units.leftFromRound[u] >= 0) continue;
    const index = domainOf.index[u];
    const entry = index < 0 ? undefined : perDomain[at.get(domainOf.values[index]) ?? -1];
    if (!entry) continue;
    entry.members++;
    const role = roleOf && roleOf.index[u] >= 0 ? roleOf.values[roleOf.index[u]] : null;
    if (entry.byRole && role) entry.byRole[role] = (entry.byRole[role] ?? 0) + 1;
  }
  return {
    represented: perDomain.filter((d) => d.members > 0).map((d) => d.value),
    missing: perDomain.filter((d) => d.members === 0).map((d) => d.value),
    perDomain,
  };
}

function fromAnswers(input: AnalysisInput, sel: Selection, items: readonly ItemAnalysis[]): DomainCoverage['answers'] {
  const setup = input.domains!;
  const item = setup.setting.item === undefined ? undefined : input.items.find((i) => i.id === setup.setting.item);
  if (item?.type !== 'multi') return [];
  const codes = domainOptions(item, setup.attribute);
  if (!codes) return [];
  const options = items.filter((v) => v.item === item.id);
  const optionCode = (v: ItemAnalysis) => Number(v.id.slice(v.id.lastIndexOf('.o') + 2));
  const out: DomainCoverage['answers'] = [];
  for (const r of sel.rounds) {
    const key = input.rounds[r].key;
    const summaries = options.map((v) => ({ value: codes.get(optionCode(v)), summary: v.rounds.find((s) => s.round === key) }));
    const first = summaries[0]?.summary;
    if (!first?.asked) continue;
    if (summaries.some((s) => s.summary?.topBox?.x === null || s.summary?.topBox?.x === undefined)) {
      out.push({ round: key, n: first.n, perDomain: [], suppressed: true });
      continue;
    }
    const perDomain: DomainFromAnswers[] = setup.attribute
      .values!.map((d) => summaries.find((s) => s.value === d.value))
      .filter((s) => s !== undefined)
      .map((s) => ({ value: s.value!, count: s.summary!.topBox!.x!, n: s.summary!.n }));
    out.push({ round: key, n: first.n, perDomain });
  }
  return out;
}

/** The analysis input's domain part from a study definition: absent without a setting whose attribute the study defines. */
export function domainInput(study: Pick<Study, 'domainCoverage' | 'cohortAttributes'>): InputDomains | undefined {
  const setting = study.domainCoverage;
  const attribute = setting && study.cohortAttributes?.find((a) => a.key === setting.attribute);
  if (!setting || !attribute) return undefined;
  const roleAttribute = setting.roleAttribute ? (study.cohortAttributes?.find((a) => a.key === setting.roleAttribute) ?? null) : null;
  return { setting, attribute, roleAttribute };
}
