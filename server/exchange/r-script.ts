import { pick, type LocalText } from '../../model/index.js';
import { caseColumns, roleLabels } from './codebook.js';
import { MISSING_VALUE_CODES, missingLabels } from './formats.js';
import type { ExportContext } from './context.js';
import { wideColumns } from './wide.js';

/** An R string literal that survives any locale: non-ASCII characters as \u escapes. */
export function rString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x80) out += ch;
    else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U{${cp.toString(16)}}`;
  }
  return out + '"';
}

/**
 * An R script that reads the wide file with base R only and returns `rondo`: answer codes as
 * factors with their labels (missing-value codes become NA; `rondo_raw` keeps the codes and
 * `missing_kind()` tells them apart), the role as a factor of its labels, numbers as numbers,
 * and a "label" attribute on every column. Run it from the folder holding the CSV (`setwd()`), or change `csv_file`.
 */
export function rScript(ctx: ExportContext, csvName: string): string {
  const { flavour, options, study } = ctx;
  const lang = options.lang;
  const label = (t: LocalText) => pick(t, lang);
  const columns = wideColumns(ctx);
  const lines: string[] = [];
  lines.push(`# rondo export of study "${study.slug}", questionnaire version ${study.questionnaireVersion}, made ${ctx.at}.`);
  lines.push('# Reads the wide file (one row per participant) with labels; base R only.');
  lines.push(
    `# Missing values: ${MISSING_VALUE_CODES.dont_know} = don't know, ${MISSING_VALUE_CODES.not_applicable} = not applicable, ${MISSING_VALUE_CODES.not_asked} = ${missingLabels(study).not_asked.en.toLowerCase()};`,
  );
  lines.push('# an empty cell = no answer (item skipped, or no response in that round).');
  lines.push(`csv_file <- ${rString(csvName)}  # run from the folder holding the CSV, or give its full path`);
  lines.push('');
  const classes = columns.map(
    (c) =>
      `${rString(c.name)} = ${c.kind === 'text' || c.kind === 'submitted' || (c.kind === 'case' && c.name !== 'anonymous') ? '"character"' : '"numeric"'}`,
  );
  lines.push('col_classes <- c(');
  lines.push('  ' + classes.join(',\n  '));
  lines.push(')');
  lines.push(
    `rondo_raw <- utils::read.csv(csv_file, sep = ${rString(flavour.delimiter)}, dec = ${rString(flavour.decimal)}, fileEncoding = "UTF-8-BOM", encoding = "UTF-8",`,
  );
  lines.push('  na.strings = "", colClasses = col_classes, check.names = FALSE, stringsAsFactors = FALSE)');
  lines.push(
    `missing_codes <- c(dont_know = ${MISSING_VALUE_CODES.dont_know}, not_applicable = ${MISSING_VALUE_CODES.not_applicable}, not_asked = ${MISSING_VALUE_CODES.not_asked})`,
  );
  lines.push('# Which missing-value code a raw column holds: dont_know, not_applicable, not_asked or NA.');
  lines.push('missing_kind <- function(x) factor(x, levels = unname(missing_codes), labels = names(missing_codes))');
  lines.push('labelled <- function(x, codes, labels, label) {');
  lines.push('  x[x %in% missing_codes] <- NA');
  lines.push('  if (length(codes)) x <- factor(x, levels = codes, labels = labels)');
  lines.push('  attr(x, "label") <- label');
  lines.push('  x');
  lines.push('}');
  lines.push('rondo <- rondo_raw');
  const yes = lang === 'nl' ? 'Ja' : 'Yes';
  const no = lang === 'nl' ? 'Nee' : 'No';
  for (const c of caseColumns(ctx)) {
    if (c.kind === 'flag')
      lines.push(
        `rondo[[${rString(c.name)}]] <- labelled(rondo_raw[[${rString(c.name)}]], c(1, 0), c(${rString(yes)}, ${rString(no)}), ${rString(label(c.label))})`,
      );
    else lines.push(`attr(rondo[[${rString(c.name)}]], "label") <- ${rString(label(c.label))}`);
  }
  // Role codes get their labels (labels, never codes: model/value-labels.ts), as SPSS's VALUE
  // LABELS give them: a factor whose levels are the labels; a code without a label keeps itself.
  const roles = roleLabels(ctx);
  if (roles.length) {
    lines.push(`role_labels <- c(${roles.map((r) => `${rString(r.code)} = ${rString(r.label[lang])}`).join(', ')})`);
    lines.push('rondo[["role"]] <- local({');
    lines.push('  codes <- union(names(role_labels), sort(unique(stats::na.omit(rondo_raw[["role"]]))))');
    lines.push(
      '  x <- factor(rondo_raw[["role"]], levels = codes, labels = ifelse(codes %in% names(role_labels), role_labels[codes], codes))',
    );
    lines.push(`  attr(x, "label") <- ${rString(label(caseColumns(ctx).find((c) => c.name === 'role')!.label))}`);
    lines.push('  x');
    lines.push('})');
  }
  // attrs: a cohort attribute with a list of values becomes a factor of their labels, as the role does.
  for (const c of caseColumns(ctx)) {
    if (!c.values?.length) continue;
    const name = rString(c.name);
    lines.push(`rondo[[${name}]] <- local({`);
    lines.push(`  values <- c(${c.values.map((v) => `${rString(v.value)} = ${rString(label(v.label))}`).join(', ')})`);
    lines.push(`  codes <- union(names(values), sort(unique(stats::na.omit(rondo_raw[[${name}]]))))`);
    lines.push(`  x <- factor(rondo_raw[[${name}]], levels = codes, labels = ifelse(codes %in% names(values), values[codes], codes))`);
    lines.push(`  attr(x, "label") <- ${rString(label(c.label))}`);
    lines.push('  x');
    lines.push('})');
  }
  const roundLabel = new Map(study.rounds.map((r) => [r.id, label(r.label)]));
  for (const c of columns) {
    if (c.variable < 0) continue;
    const v = ctx.variables[c.variable];
    const varLabel = rString(`${roundLabel.get(c.roundId)}: ${label(v.label)}`);
    const name = rString(c.name);
    if (c.kind === 'text') lines.push(`attr(rondo[[${name}]], "label") <- ${varLabel}`);
    else if (c.kind === 'categorical') {
      const codes = v.values.map((p) => String(p.code)).join(', ');
      const labels = v.values.map((p) => rString(label(p.label))).join(', ');
      lines.push(`rondo[[${name}]] <- labelled(rondo_raw[[${name}]], c(${codes}), c(${labels}), ${varLabel})`);
    } else lines.push(`rondo[[${name}]] <- labelled(rondo_raw[[${name}]], c(), c(), ${varLabel})`);
  }
  lines.push('');
  lines.push('# Response per round:');
  lines.push(`# sapply(rondo_raw[grep("^responded_", names(rondo_raw))], sum)`);
  return lines.join('\n') + '\n';
}
