import { effectiveGroups, pick, valueLabelText, type LocalText } from '../../model/index.js';
import { term, type Vocabulary, withDeterminer } from '../../model/vocabulary.js';
import { BOM, textCell } from '../csv-cell.js';
import { headerLine, line } from './csv.js';
import { MISSING_VALUE_CODES, missingLabels, type MissingKind } from './formats.js';
import type { ExportContext } from './context.js';
import { wideName, type ExchangeVariable } from './variables.js';
import { WIDE_CASE_COLUMNS } from './wide.js';
import { GROUP_COLUMN, hasGroupColumn } from './case-extras.js';

/** The missing-value codes a variable can hold (not asked only when routing or a respondent group's sections can leave it out). */
export function missingKinds(v: ExchangeVariable): MissingKind[] {
  const out: MissingKind[] = [...v.missing];
  if (v.routed || v.notSeenBy.length) out.push('not_asked');
  return out;
}

/** The case columns' labels, with the study's own words for a participant and a round (model/vocabulary.ts). */
function caseLabels(v: Vocabulary | undefined): Record<(typeof WIDE_CASE_COLUMNS)[number], LocalText> {
  return {
    participant: {
      nl: `Pseudoniem per ${term(v, 'participant', 'nl')} (anon:<nr> bij anonieme respons)`,
      en: `Pseudonymous ${term(v, 'participant', 'en')} key (anon:<no> for an anonymous response)`,
    },
    anonymous: { nl: 'Anonieme respons (1 = ja)', en: 'Anonymous response (1 = yes)' },
    organisation: { nl: 'Organisatie', en: 'Organisation' },
    role: { nl: 'Functie', en: 'Role' },
    team: { nl: 'Team', en: 'Team' },
    left_from: {
      nl: `Uit het onderzoek vanaf ${term(v, 'round', 'nl')} (sleutel; leeg = niet)`,
      en: `Left the study from ${term(v, 'round', 'en')} (key; empty = no)`,
    },
  };
}

type RoleLabel = { code: string; label: { nl: string; en: string } };

const rolesOfExport = new WeakMap<ExportContext, RoleLabel[]>();

/**
 * The role codes in this study's cohort with their labels (labels, never codes: model/value-labels.ts);
 * read once per export (the bundle asks five times: the codebooks, the R script, the SPSS syntax).
 */
export function roleLabels(ctx: ExportContext): RoleLabel[] {
  let roles = rolesOfExport.get(ctx);
  if (roles) return roles;
  const codes = ctx.sqlite
    .prepare("select distinct role from participant where study_id = ? and role != '' order by role")
    .pluck()
    .all(ctx.study.id) as string[];
  roles = codes.map((code) => ({ code, label: valueLabelText(code, ctx.study.definition.valueLabels) }));
  rolesOfExport.set(ctx, roles);
  return roles;
}

const roleList = (ctx: ExportContext, lang: 'nl' | 'en') =>
  roleLabels(ctx)
    .map((r) => `${r.code}=${r.label[lang]}`)
    .join(' | ');

export interface CodebookColumn {
  name: string;
  label: LocalText;
  kind: 'text' | 'flag';
  /** attrs: a cohort attribute's allowed values (the groups' keys) with their labels (absent: any text). */
  values?: { value: string; label: LocalText }[];
}

/** attrs: a cohort attribute's (or the group's) values as the codebook lists them (`jeugd=Jeugd | zorg=Zorg`). */
const attributeValueList = (c: CodebookColumn, lang: 'nl' | 'en') =>
  (c.values ?? []).map((v) => `${v.value}=${pick(v.label, lang) || v.value}`).join(' | ');

/** The case and flag columns of the wide file, described like variables. */
export function caseColumns(ctx: ExportContext): CodebookColumn[] {
  const labels = caseLabels(ctx.study.definition.vocabulary);
  const cols: CodebookColumn[] = WIDE_CASE_COLUMNS.map((name) => ({
    name,
    label: labels[name],
    kind: name === 'anonymous' ? ('flag' as const) : ('text' as const),
  }));
  // The respondent group (a study with groups of its own): its key, labelled with its name.
  if (hasGroupColumn(ctx.study))
    cols.push({
      name: GROUP_COLUMN,
      label: {
        nl: 'Respondentgroep (anonieme respons: de groep van de link)',
        en: 'Respondent group (anonymous response: the group of the link)',
      },
      kind: 'text',
      values: effectiveGroups(ctx.study.definition).map((g) => ({
        value: g.key,
        label: { nl: pick(g.name, 'nl'), en: pick(g.name, 'en') },
      })),
    });
  // attrs: the study's cohort attributes, in the wide file right after left_from (and the group).
  for (const a of ctx.study.definition.cohortAttributes ?? []) {
    cols.push({
      name: a.key,
      label: { nl: a.label.nl, en: a.label.en ?? a.label.nl },
      kind: 'text',
      ...(a.values
        ? {
            values: a.values.map((v) => ({
              value: v.value,
              label: { nl: v.label?.nl ?? v.value, en: v.label?.en ?? v.label?.nl ?? v.value },
            })),
          }
        : {}),
    });
  }
  for (const r of ctx.study.rounds) {
    cols.push({
      name: `invited_${r.key}`,
      label: { nl: `Uitgenodigd voor ${pick(r.label, 'nl')} (1 = ja)`, en: `Invited to ${pick(r.label, 'en')} (1 = yes)` },
      kind: 'flag',
    });
    cols.push({
      name: `responded_${r.key}`,
      label: { nl: `Respons in ${pick(r.label, 'nl')} (1 = ja)`, en: `Responded in ${pick(r.label, 'en')} (1 = yes)` },
      kind: 'flag',
    });
    cols.push({
      name: `submitted_${r.key}`,
      label: { nl: `Ingediend in ${pick(r.label, 'nl')} (ISO-8601, UTC)`, en: `Submitted in ${pick(r.label, 'en')} (ISO-8601, UTC)` },
      kind: 'text',
    });
  }
  return cols;
}

/** The codebook as one JSON document (format rondo.codebook/1, described in docs/exchange.md). */
export function codebookJson(ctx: ExportContext): string {
  const { study } = ctx;
  const doc = {
    format: 'rondo.codebook/1',
    study: { slug: study.slug, title: study.definition.title },
    exportedAt: ctx.at,
    questionnaireVersion: study.questionnaireVersion,
    openTextIncluded: ctx.options.openText,
    missingValues: Object.fromEntries(
      (Object.keys(MISSING_VALUE_CODES) as MissingKind[]).map((k) => [k, { code: MISSING_VALUE_CODES[k], label: missingLabels(study)[k] }]),
    ),
    emptyCell: {
      nl: `Geen antwoord: vraag overgeslagen, of geen respons in ${withDeterminer(study.definition.vocabulary, 'round', 'nl', 'die')}`,
      en: `No answer: item skipped, or no response in that ${term(study.definition.vocabulary, 'round', 'en')}`,
    },
    rounds: study.rounds.map((r) => ({ key: r.key, position: r.position, label: r.label })),
    partners: study.partners.map((p) => ({ number: p.number, name: p.name })),
    tools: study.tools.map((t) => ({ number: t.number, name: t.name })),
    caseColumns: caseColumns(ctx),
    roleLabels: roleLabels(ctx),
    variables: ctx.variables.map((v) => ({
      name: v.name,
      wideNames: v.rounds.map((r) => wideName(v, r)),
      item: v.item.id,
      itemType: v.item.type,
      kind: v.kind,
      measure: v.measure,
      label: v.label,
      values: v.values.map((p) => ({ code: p.code, label: p.label })),
      missing: missingKinds(v).map((k) => ({ kind: k, code: MISSING_VALUE_CODES[k] })),
      rounds: v.rounds,
      ...(v.partner ? { partner: v.partner } : {}),
      ...(v.tool ? { tool: v.tool } : {}),
      ...(v.option !== undefined ? { option: v.option } : {}),
      ...(v.item.showIf ? { showIf: v.item.showIf } : {}),
      ...(v.notSeenBy.length ? { notAskedGroups: v.notSeenBy } : {}),
      ...(v.kind === 'text' && !ctx.options.openText ? { inThisExport: false } : {}),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export const CODEBOOK_COLUMNS = [
  'variable',
  'wide_names',
  'item',
  'item_type',
  'kind',
  'measure',
  'label_nl',
  'label_en',
  'values_nl',
  'values_en',
  'missing_codes',
  'rounds',
  'partner',
  'facet',
  'tool',
  'option',
  'questionnaire_version',
] as const;

const valueList = (values: { code: number; label: LocalText }[], lang: 'nl' | 'en') =>
  values.map((p) => `${p.code}=${pick(p.label, lang)}`).join(' | ');

/** The codebook as CSV: one row per case column and per variable. */
export function* codebookCsv(ctx: ExportContext): Generator<string> {
  const f = ctx.flavour;
  const version = String(ctx.study.questionnaireVersion);
  yield (f.bom ? BOM : '') + headerLine([...CODEBOOK_COLUMNS], f);
  for (const c of caseColumns(ctx)) {
    yield line(
      [
        textCell(c.name),
        textCell(c.name),
        '',
        '',
        c.kind,
        '',
        textCell(c.label.nl),
        textCell(c.label.en),
        c.kind === 'flag'
          ? textCell('1=Ja | 0=Nee')
          : c.name === 'role'
            ? textCell(roleList(ctx, 'nl'))
            : textCell(attributeValueList(c, 'nl')),
        c.kind === 'flag'
          ? textCell('1=Yes | 0=No')
          : c.name === 'role'
            ? textCell(roleList(ctx, 'en'))
            : textCell(attributeValueList(c, 'en')),
        '',
        '',
        '',
        '',
        '',
        '',
        version,
      ],
      f,
    );
  }
  const labels = missingLabels(ctx.study);
  for (const v of ctx.variables) {
    const missing = missingKinds(v)
      .map((k) => `${MISSING_VALUE_CODES[k]}=${labels[k].en}`)
      .join(' | ');
    yield line(
      [
        textCell(v.name),
        textCell(v.rounds.map((r) => wideName(v, r)).join(' ')),
        textCell(v.item.id),
        textCell(v.item.type),
        textCell(v.kind),
        textCell(v.measure),
        textCell(pick(v.label, 'nl')),
        textCell(pick(v.label, 'en')),
        textCell(valueList(v.values, 'nl')),
        textCell(valueList(v.values, 'en')),
        textCell(missing),
        textCell(v.rounds.join(' ')),
        textCell(v.partner?.name),
        textCell(v.partner?.facet),
        textCell(v.tool?.name),
        v.option === undefined ? '' : String(v.option),
        version,
      ],
      f,
    );
  }
}
