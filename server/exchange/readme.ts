import { pick } from '../../model/index.js';
import { MISSING_VALUE_CODES, missingLabels, type MissingKind } from './formats.js';
import type { ExportContext } from './context.js';
import { exportResponseRates } from './response-rates.js';
import { caseColumns } from './codebook.js';
import { caseExtraColumns } from './case-extras.js';

/** The README of a bundle: what is in it, how it is pseudonymised, what the codes mean. */
export function bundleReadme(ctx: ExportContext, files: string[], withContacts: boolean): string {
  const { study, flavour } = ctx;
  const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(0)}%`);
  const rates = exportResponseRates(ctx)
    .map((r) => `| ${r.round} | ${r.label.en} | ${r.eligible} | ${r.responded} | ${pct(r.rate)} | ${r.anonymous} |`)
    .join('\n');
  // The group and the cohort attributes: columns of every response file, labelled in the codebook.
  const extras = new Set(caseExtraColumns(study));
  const extraRows = caseColumns(ctx)
    .filter((c) => extras.has(c.name))
    .map((c) => {
      const values = (c.values ?? []).map((v) => `\`${v.value}\` = ${v.label.en ?? v.label.nl}`).join(', ');
      return `| \`${c.name}\` | ${c.label.en ?? c.label.nl} / ${c.label.nl} | ${values || 'any text'} |`;
    });
  const extraSection = extraRows.length
    ? `
## Respondent group and cohort attributes

Every response file (\`long.csv\`, \`wide.csv\`, \`rounds/round-<key>.csv\`, the SPSS and R files) has these columns
after the participant's own (in \`long.csv\` after \`anonymous\`). The group of an anonymous response is the
group of the link it came through; an anonymous response has no attribute values.

| column | label | values |
|---|---|---|
${extraRows.join('\n')}
`
    : '';
  const subgroups = extras.size
    ? 'Organisation, role, team, the group and the cohort attributes (below) are included for subgroup analysis: in\n' +
      'small groups they can identify a person, so treat the files as personal data (AVG/GDPR).'
    : 'Organisation, role and team are included for subgroup analysis: in small groups they can\n' +
      'identify a person, so treat the files as personal data (AVG/GDPR).';
  const codes = (Object.keys(MISSING_VALUE_CODES) as MissingKind[])
    .map((k) => `| ${MISSING_VALUE_CODES[k]} | ${k} | ${missingLabels(study)[k].en} / ${missingLabels(study)[k].nl} |`)
    .join('\n');
  return `# rondo export: ${pick(study.definition.title, 'en')}

Study \`${study.slug}\`, questionnaire version ${study.questionnaireVersion}, exported ${ctx.at} (UTC).
CSV flavour: ${flavour.name === 'nl' ? 'Dutch Excel (";" between cells, decimal comma, UTF-8 with byte-order mark)' : 'international (RFC 4180: "," between cells, decimal point, UTF-8)'}.
Open answers: ${ctx.options.openText ? 'included' : 'not included'}.

## Files

${files.map((f) => `- \`${f}\``).join('\n')}

- \`long.csv\`: one row per submitted response × variable asked in its round, with a status
  (answered, dont_know, not_applicable, skipped, not_asked) and the value.
- \`wide.csv\`: one row per participant (and per anonymous response); variables are suffixed with
  the round key (${wideExample(ctx)}); \`invited_<round>\` and
  \`responded_<round>\` flag the invitation and a submitted response per round.
- \`rounds/round-<key>.csv\`: one row per submitted response of that round.
- \`codebook.csv\` / \`codebook.json\`: every variable with its labels (nl/en), type, measure,
  value labels, missing codes, rounds and questionnaire version.
- \`wide.R\`: reads \`wide.csv\` in R with factor labels (\`source("wide.R")\` in this folder).
- \`spss/wide.sps\`: reads \`spss/wide.csv\` in SPSS or GNU PSPP with variable labels, value labels
  and missing values. That copy of the wide file has line breaks inside open answers replaced by
  spaces, because SPSS reads one case per line.
- \`spss/wide.sav\`: the wide file as an SPSS data file, to open directly in SPSS or GNU PSPP:
  labels, value labels, missing values and measurement levels applied, open answers as they are.
- \`response-rates.csv\`: response per round.

## Pseudonymisation

Rows carry the participant's pseudonymous key (\`participant\`), never a name or an e-mail
address. Anonymous responses have no participant; they get \`anon:<number>\` and cannot be
linked across rounds. ${
    withContacts
      ? '**This bundle includes `contacts.csv`, linking keys to names and e-mail addresses. The export was recorded in the audit log. Keep it apart from the answers and delete it when no longer needed.**'
      : 'The key list (names and e-mail addresses) is not in this bundle; it stays in rondo.'
  }
${subgroups}
${extraSection}
## Missing-value codes

| code | status | meaning |
|---|---|---|
${codes}
| (empty) | skipped | no answer: the item was skipped, or there was no response in that round |

Per-item denominators (METHODS.md §2.1) count only substantive answers: leave all of these out.

## Text cells

Every text cell (headers included) that starts with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return
gets an apostrophe in front, so spreadsheet programs show it as text instead of running it as a
formula. rondo's import removes that apostrophe again.

## Response

| round | label | eligible | responded | rate | anonymous |
|---|---|---|---|---|---|
${rates}
`;
}

/** Two wide names of this study's first variable asked in several rounds ("`cijfer_r2026h1`, `cijfer_r2026h2`, …"). */
function wideExample(ctx: ExportContext): string {
  const v = ctx.variables.find((x) => x.rounds.length > 1);
  if (!v) return '`<variable>_<round>`';
  return `${v.rounds
    .slice(0, 2)
    .map((r) => `\`${v.name}_${r}\``)
    .join(', ')}${v.rounds.length > 2 ? ', …' : ''}`;
}
