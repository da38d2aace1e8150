import { pick, type LocalText } from '../../model/index.js';
import { caseColumns, roleLabels } from './codebook.js';
import { MISSING_VALUE_CODES, missingLabels as studyMissingLabels, type MissingKind } from './formats.js';
import type { ExportContext } from './context.js';
import { wideColumns } from './wide.js';

/** SPSS limits, in bytes: variable labels 256, value labels 120 (PSPP accepts the same). */
const VARIABLE_LABEL_BYTES = 250;
const VALUE_LABEL_BYTES = 120;
const MAX_STRING = 32767;

/** A quoted SPSS string: one line, apostrophes doubled, cut at a character boundary. */
export function spssString(text: string, maxBytes: number): string {
  let s = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
  while (Buffer.byteLength(s) > maxBytes) s = [...s].slice(0, -1).join('');
  return `'${s.replace(/'/g, "''")}'`;
}

const ORDINAL_TYPES = new Set(['likert', 'frequency', 'rating', 'partnerGrid', 'toolGrid']);

/**
 * Syntax for SPSS and GNU PSPP that reads the wide file (the one-line copy written next to it)
 * and applies variable labels, value labels, measurement levels and the missing-value codes.
 * Run it from the folder that holds the CSV, or change the FILE HANDLE line.
 * Call after the wide file was written: string widths come from ctx.stats.
 */
export function spssSyntax(ctx: ExportContext, csvName: string): string {
  const { flavour, options, study } = ctx;
  const lang = options.lang;
  const label = (t: LocalText) => pick(t, lang);
  const columns = wideColumns(ctx);
  const out: string[] = [];
  out.push('* Encoding: UTF-8.');
  out.push(`* rondo export of study "${study.slug}", questionnaire version ${study.questionnaireVersion}, made ${ctx.at}.`);
  out.push('* Reads the wide file (one row per participant) and applies labels and missing-value codes.');
  out.push(
    `* Missing values: ${(Object.keys(MISSING_VALUE_CODES) as MissingKind[]).map((k) => `${MISSING_VALUE_CODES[k]} = ${studyMissingLabels(study)[k].en.toLowerCase()}`).join(', ')}; an empty cell = no answer (system missing).`,
  );
  out.push('* Run from the folder holding the CSV file, or put its full path in the FILE HANDLE below.');
  out.push(`FILE HANDLE rondo_wide /NAME='${csvName}'.`);
  out.push(`SET DECIMAL=${flavour.decimal === ',' ? 'COMMA' : 'DOT'}.`);
  out.push('GET DATA');
  out.push('  /TYPE=TXT');
  out.push('  /FILE=rondo_wide');
  out.push("  /ENCODING='UTF-8'");
  out.push('  /ARRANGEMENT=DELIMITED');
  out.push('  /DELCASE=LINE');
  out.push('  /FIRSTCASE=2');
  out.push(`  /DELIMITERS="${flavour.delimiter}"`);
  out.push(`  /QUALIFIER='"'`);
  out.push('  /VARIABLES=');
  for (const c of columns) {
    let format: string;
    if (c.kind === 'submitted') format = 'A24';
    else if (c.kind === 'case' && c.name !== 'anonymous')
      format = `A${Math.min(MAX_STRING, Math.max(1, ctx.stats.textWidths.get(c.name) ?? 1))}`;
    else if (c.kind === 'text') format = `A${Math.min(MAX_STRING, Math.max(1, ctx.stats.textWidths.get(c.name) ?? 1))}`;
    else if (c.kind === 'numeric') {
      const item = ctx.variables[c.variable].item;
      format = item.type === 'number' && !item.integer ? 'F10.2' : 'F8.0';
    } else format = 'F8.0';
    out.push(`    ${c.name} ${format}`);
  }
  out[out.length - 1] += '.';
  out.push('');

  out.push('VARIABLE LABELS');
  const labels: string[] = [];
  for (const c of caseColumns(ctx)) labels.push(`${c.name} ${spssString(label(c.label), VARIABLE_LABEL_BYTES)}`);
  const roundLabel = new Map(study.rounds.map((r) => [r.id, label(r.label)]));
  for (const c of columns) {
    if (c.variable < 0) continue;
    const v = ctx.variables[c.variable];
    labels.push(`${c.name} ${spssString(`${roundLabel.get(c.roundId)}: ${label(v.label)}`, VARIABLE_LABEL_BYTES)}`);
  }
  out.push('  ' + labels.join('\n  /') + '.');
  out.push('');

  const missingLabels = (Object.keys(MISSING_VALUE_CODES) as MissingKind[])
    .map((k) => `${MISSING_VALUE_CODES[k]} ${spssString(studyMissingLabels(ctx.study)[k][lang], VALUE_LABEL_BYTES)}`)
    .join(' ');
  const flags = columns.filter((c) => c.kind === 'invited' || c.kind === 'responded').map((c) => c.name);
  const valueLabels: string[] = [
    `  anonymous ${flags.join(' ')} 1 ${spssString(lang === 'nl' ? 'Ja' : 'Yes', VALUE_LABEL_BYTES)} 0 ${spssString(lang === 'nl' ? 'Nee' : 'No', VALUE_LABEL_BYTES)}`,
  ];
  const numeric = columns.filter((c) => c.variable >= 0 && c.kind !== 'text');
  for (const c of numeric) {
    const v = ctx.variables[c.variable];
    const own = v.values.map((p) => `${p.code} ${spssString(label(p.label), VALUE_LABEL_BYTES)}`).join(' ');
    valueLabels.push(`  /${c.name} ${own}${own ? ' ' : ''}${missingLabels}`);
  }
  // Role codes get their labels (labels, never codes: model/value-labels.ts); only codes that fit the column.
  const roleWidth = Math.min(MAX_STRING, Math.max(1, ctx.stats.textWidths.get('role') ?? 1));
  const roles = roleLabels(ctx).filter((r) => Buffer.byteLength(r.code, 'utf8') <= roleWidth);
  if (roles.length)
    valueLabels.push(
      `  /role ${roles.map((r) => `${spssString(r.code, roleWidth)} ${spssString(r.label[lang], VALUE_LABEL_BYTES)}`).join(' ')}`,
    );
  // attrs: a cohort attribute with a list of values gets their labels, as the role codes do.
  for (const c of caseColumns(ctx)) {
    if (!c.values?.length) continue;
    const w = Math.min(MAX_STRING, Math.max(1, ctx.stats.textWidths.get(c.name) ?? 1));
    const fit = c.values.filter((v) => Buffer.byteLength(v.value, 'utf8') <= w);
    if (fit.length)
      valueLabels.push(
        `  /${c.name} ${fit.map((v) => `${spssString(v.value, w)} ${spssString(pick(v.label, lang), VALUE_LABEL_BYTES)}`).join(' ')}`,
      );
  }
  out.push('VALUE LABELS');
  out.push(valueLabels.join('\n') + '.');
  out.push('');

  if (numeric.length) {
    // The same three codes for every answer variable: a code a variable cannot hold is harmless.
    out.push(
      `MISSING VALUES ${numeric.map((c) => c.name).join(' ')} (${MISSING_VALUE_CODES.dont_know}, ${MISSING_VALUE_CODES.not_applicable}, ${MISSING_VALUE_CODES.not_asked}).`,
    );
    const levels: Record<'NOMINAL' | 'ORDINAL' | 'SCALE', string[]> = { NOMINAL: [...flags, 'anonymous'], ORDINAL: [], SCALE: [] };
    for (const c of numeric) {
      const v = ctx.variables[c.variable];
      levels[v.item.type === 'number' ? 'SCALE' : ORDINAL_TYPES.has(v.item.type) ? 'ORDINAL' : 'NOMINAL'].push(c.name);
    }
    const level = Object.entries(levels)
      .filter(([, names]) => names.length)
      .map(([lvl, names]) => `${names.join(' ')} (${lvl})`);
    out.push(`VARIABLE LEVEL ${level.join('\n  /')}.`);
  }
  out.push('EXECUTE.');
  out.push("* To keep an SPSS data file: SAVE OUTFILE='rondo-wide.sav'.");
  return '\uFEFF' + out.join('\n') + '\n';
}
