import { effectiveGroups, pick, type Lang, type LocalText, type Study } from '../../model/index.js';
import { SPLIT_SECTIONS, type Composition } from '../../model/api/factsheet.js';
import type { FactsheetData, FactsheetSplit } from '../../analysis/findings/data.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { splitData, type SubgroupPart } from '../../analysis/findings/splits.js';
import { type CompositionIssue, type CompositionIssueReason, orList, sectionTitle } from './composition.js';

/**
 * Subgroups in the factsheet (issue 16): a composition limited to one respondent group, and the
 * sections whose figures are split by respondent group or by a cohort attribute. What may be
 * chosen comes from the study (its groups and cohort attributes); the numbers per subgroup from
 * the analysis service with the subgroup as a filter; what may be printed from
 * analysis/findings/splits.ts (the subgroup rule of METHODS §6).
 */

/** The key of a split by respondent group. */
export const GROUP_SPLIT = 'group';

const named = (text: LocalText) => ({ nl: text.nl ?? text.en ?? '', en: text.en ?? text.nl ?? '' });
const lower = (text: string, lang: Lang) => (/^.\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase(lang) + text.slice(1) : text);

/** The splits a study offers: by respondent group when it has two or more, then by each cohort attribute. */
export function splitOptions(study: Study, lang: Lang): { key: string; label: string }[] {
  const groups = effectiveGroups(study).filter((g) => !g.implicit);
  return [
    ...(groups.length > 1 ? [{ key: GROUP_SPLIT, label: lang === 'nl' ? 'Respondentgroep' : 'Respondent group' }] : []),
    ...(study.cohortAttributes ?? []).map((a) => ({ key: a.key, label: pick(a.label, lang) })),
  ];
}

/** The respondent groups a factsheet can be limited to (none when the study has one group). */
export function groupOptions(study: Study, lang: Lang): { key: string; label: string }[] {
  const groups = effectiveGroups(study).filter((g) => !g.implicit);
  return groups.length > 1 ? groups.map((g) => ({ key: g.key, label: pick(g.name, lang) })) : [];
}

/**
 * A composition's group and splits the study does not have, as issues (a clear message in Dutch
 * and English naming the groups and splits by their names, nothing saved). A draft can come to
 * hold one when the study loses a group or a cohort attribute after the split was chosen.
 */
export function checkSubgroups(c: Composition, study: Study): CompositionIssue[] {
  const issues: CompositionIssue[] = [];
  const add = (path: string, reason: CompositionIssueReason, message: string, text: { nl: string; en: string }) =>
    issues.push({ path, reason, message, ...text });
  const names = (options: (lang: Lang) => { label: string }[], lang: Lang) =>
    orList(
      options(lang).map((o) => `"${o.label}"`),
      lang,
    );
  const groups = groupOptions(study, 'en').map((g) => g.key);
  if (c.group !== undefined && !groups.includes(c.group)) {
    const shown = c.group.slice(0, 40);
    if (groups.length)
      add('/group', 'unknown-group', `this study has no respondent group "${c.group}"; choose ${groups.join(', ')}`, {
        nl: `Dit onderzoek heeft geen respondentgroep "${shown}"; kies ${names((l) => groupOptions(study, l), 'nl')}.`,
        en: `This study has no respondent group "${shown}"; choose ${names((l) => groupOptions(study, l), 'en')}.`,
      });
    else
      add('/group', 'one-group', `this study has one respondent group; a factsheet cannot be limited to "${c.group}"`, {
        nl: `Dit onderzoek heeft één respondentgroep; de factsheet kan niet worden beperkt tot "${shown}".`,
        en: `This study has one respondent group; the factsheet cannot be limited to "${shown}".`,
      });
  }
  const splits = splitOptions(study, 'en').map((s) => s.key);
  c.sections.forEach((s, i) => {
    if (s.split === undefined || !(SPLIT_SECTIONS as readonly string[]).includes(s.key)) return;
    const path = `/sections/${i}/split`;
    const section = (lang: Lang) => `"${sectionTitle(s.key, lang, study.vocabulary)}"`;
    if (!splits.includes(s.split)) {
      if (splits.length)
        add(path, 'unknown-split', `this study cannot be split by "${s.split}"; choose ${splits.join(', ')}`, {
          nl:
            `De sectie ${section('nl')} is uitgesplitst naar "${s.split}", maar dat kenmerk heeft dit onderzoek (niet meer); ` +
            `kies ${names((l) => splitOptions(study, l), 'nl')}.`,
          en:
            `The section ${section('en')} is split by "${s.split}", which this study does not have (any more); ` +
            `choose ${names((l) => splitOptions(study, l), 'en')}.`,
        });
      else
        add(path, 'nothing-to-split', `this study has no respondent groups or cohort attributes to split "${s.key}" by`, {
          nl: `Dit onderzoek heeft geen respondentgroepen of kenmerken om de sectie ${section('nl')} naar uit te splitsen.`,
          en: `This study has no respondent groups or cohort attributes to split the section ${section('en')} by.`,
        });
    } else if (s.split === GROUP_SPLIT && c.group !== undefined)
      add(path, 'split-by-own-group', 'a factsheet limited to one respondent group cannot be split by respondent group', {
        nl: `Een factsheet over één respondentgroep kan niet per respondentgroep worden uitgesplitst (sectie ${section('nl')}).`,
        en: `A factsheet about one respondent group cannot be split by respondent group (section ${section('en')}).`,
      });
  });
  return issues;
}

/** The factsheet's selection: the composition's group when the study has it. */
export function selectionOf(study: Study, composition: Composition | undefined): FactsheetData['selection'] | undefined {
  if (!composition?.group) return undefined;
  const group = effectiveGroups(study).find((g) => !g.implicit && g.key === composition.group);
  return group ? { group: group.key, name: group.name } : undefined;
}

/**
 * The numbers of a factsheet about one respondent group with that group's response: its
 * invitations (none for a group reached by anonymous link) and submissions per round, as the
 * whole study's analysis counts them per group (the count every screen shows), and only its own
 * line in the response per group.
 */
export function withGroupResponse(data: FactsheetData, whole: FactsheetData, group: string): FactsheetData {
  const own = whole.groups?.find((g) => g.key === group);
  if (!own) return data;
  return {
    ...data,
    rounds: data.rounds.map((r, i) => {
      const g = own.rounds[i];
      const invited = g?.invited ?? 0;
      const submitted = g?.submitted ?? r.submitted;
      return { ...r, invited, submitted, rate: invited > 0 ? submitted / invited : null };
    }),
    cohort: own.personal ? data.cohort : { ...data.cohort, invited: 0, roles: [], organisations: 0, roleLabels: {} },
    groups: [own],
  };
}

type Analyse = (filters: { groups?: string[]; attributes?: Record<string, string[]> }) => Promise<{
  data: FactsheetData;
  analysis: StudyAnalysis;
}>;

/**
 * The splits the composition asks for (enabled sections only; one per split key, shared by the
 * sections that ask for it), each subgroup analysed with the subgroup as a filter.
 */
export async function factsheetSplits(
  study: { definition: Study },
  composition: Composition | undefined,
  selection: FactsheetData['selection'] | undefined,
  data: FactsheetData,
  analyse: Analyse,
  /** The values participants hold for an attribute without a fixed list. */
  heldValues: (key: string) => Promise<readonly string[]>,
): Promise<FactsheetSplit[]> {
  const wanted = new Map<string, FactsheetSplit['sections']>();
  for (const s of composition?.sections ?? []) {
    if (!s.enabled || !s.split || !(SPLIT_SECTIONS as readonly string[]).includes(s.key)) continue;
    if (s.split === GROUP_SPLIT && selection) continue;
    wanted.set(s.split, [...(wanted.get(s.split) ?? []), s.key as FactsheetSplit['sections'][number]]);
  }
  const out: FactsheetSplit[] = [];
  const def = study.definition;
  for (const [by, sections] of wanted) {
    let values: { value: string; label: LocalText; filters: { groups?: string[]; attributes?: Record<string, string[]> } }[];
    let label: LocalText;
    if (by === GROUP_SPLIT) {
      const groups = effectiveGroups(def).filter((g) => !g.implicit);
      if (groups.length < 2) continue;
      values = groups.map((g) => ({ value: g.key, label: g.name, filters: { groups: [g.key] } }));
      label = { nl: 'respondentgroep', en: 'respondent group' };
    } else {
      const attribute = def.cohortAttributes?.find((a) => a.key === by);
      if (!attribute) continue;
      const n = named(attribute.label);
      label = { nl: lower(n.nl, 'nl'), en: lower(n.en, 'en') };
      // The attribute's own values in its order; without a list, the values participants hold.
      const held = attribute.values?.map((v) => ({ value: v.value, label: v.label ?? { nl: v.value } }));
      values = (held ?? (await heldValues(by)).map((value) => ({ value, label: { nl: value } }))).map((v) => ({
        ...v,
        filters: { attributes: { [by]: [v.value] } },
      }));
    }
    const parts: SubgroupPart[] = [];
    for (const v of values) {
      const { data: sub, analysis } = await analyse(v.filters);
      if (analysis.selection.units === 0) continue;
      parts.push({
        value: v.value,
        label: v.label,
        // Respondents by personal link (the round's count) or anonymous link (counted per item).
        respondents: analysis.rounds.map((r) =>
          Math.max(
            r.submitted + r.submittedNotEligible,
            ...analysis.items.map((i) => i.rounds.find((x) => x.round === r.key)?.respondents ?? 0),
          ),
        ),
        data: { custom: sub.custom, questions: sub.questions },
      });
    }
    // No subgroup in the selection (parents only, split by a cohort attribute): nothing to show or to mention.
    if (parts.length) out.push(splitData(by, label, sections, parts, data.settings.minSubgroup));
  }
  return out;
}
