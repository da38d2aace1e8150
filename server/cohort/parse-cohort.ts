import Papa from 'papaparse';
import { PARTICIPANT_ROLES_HINT, type RespondentGroup } from '../../model/index.js';
import { EMAIL_PATTERN } from '../users.js';
import {
  COHORT_FIELDS,
  PARTICIPANT_KEY_PATTERN,
  PREVIEW_PROBLEMS,
  PREVIEW_ROWS,
  type CohortField,
  type CohortProblemCode,
  type DelimiterChoice,
} from '../../model/values.js';
import type { CohortPreview, CohortProblem } from '../../model/api/cohort.js';
import { isReservedAttributeKey, normaliseAttributeValue, type CohortAttribute } from '../../model/cohort-attributes.js';

/**
 * Reads a participant table (the text of a CSV file) into rows and problems, by row and column,
 * without writing anything: the import wizard shows this as its preview and the commit uses
 * the very same function, so what was previewed is what is written.
 *
 * Like PapaParse itself this never throws on bad input: a broken file gives `fileProblems`,
 * a broken row gives row problems.
 */

export { COHORT_FIELDS, DELIMITERS, type CohortField, type DelimiterChoice } from '../../model/values.js';
export type ColumnMapping = Record<Exclude<CohortField, 'key'>, number | null> & { key?: number | null };

export const MAX_ROWS = 10_000;
const MAX_LENGTH: Record<CohortField, number> = { name: 200, email: 254, organisation: 200, role: 120, team: 120, key: 40 };
/** The model's participant key: letters, digits, - and _, at most 40 (PARTICIPANT_KEY_PATTERN). */
const KEY = new RegExp(PARTICIPANT_KEY_PATTERN);

export type ProblemCode = CohortProblemCode;

export type { CohortProblem } from '../../model/api/cohort.js';

/** One row of the file, as read and checked. */
export type CohortRow = CohortPreview['rows'][number];

/** The file as the import wizard previews it (model/api/cohort.ts). */
export type { CohortPreview } from '../../model/api/cohort.js';

export interface CohortContext {
  /** E-mail addresses already in the cohort (lower case) with the participant key. */
  existing: Map<string, string>;
  /** Roles the study already uses. */
  roles: string[];
  /** Roles the researcher accepted as new in the preview. */
  acceptRoles?: string[];
  /** Participant keys the study already has: a key column may not reuse them. */
  keys?: Set<string>;
  /** The study's cohort attributes (and those the researcher is creating with this import). */
  attributes?: CohortAttribute[];
  /** The study's own respondent groups (none: a group column is not read). */
  groups?: readonly RespondentGroup[];
}

const HEADER_NAMES: Record<CohortField, string[]> = {
  name: ['naam', 'name', 'volledige naam', 'full name', 'deelnemer', 'participant', 'voornaam achternaam', 'contactpersoon'],
  email: ['e-mail', 'email', 'e-mailadres', 'emailadres', 'mail', 'e-mail address', 'email address', 'mailadres'],
  organisation: ['organisatie', 'organisation', 'organization', 'werkgever', 'employer', 'instelling', 'organisatie naam'],
  role: ['functie', 'rol', 'role', 'job', 'beroep', 'discipline', 'function'],
  team: ['team', 'regio', 'region', 'afdeling', 'department', 'locatie', 'team/regio'],
  key: [
    'key',
    'participant',
    'sleutel',
    'participant key',
    'deelnemerscode',
    'deelnemer code',
    'code',
    'pseudoniem',
    'pseudonym',
    'respondent id',
  ],
};

const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_\-./]+/g, ' ')
    .trim();

/**
 * The delimiter the header row uses most: semicolon (Dutch Excel), comma or tab. PapaParse's
 * own guess needs several rows of equal length and picks a comma for a one-row tab file; a
 * header row names its columns and rarely contains a delimiter by accident.
 */
export function guessDelimiter(text: string): ';' | ',' | '\t' {
  const header = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const outside = header.replace(/"[^"]*"/g, '');
  const count = (d: string) => outside.split(d).length - 1;
  const ranked = ([';', ',', '\t'] as const).map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return ranked[0][1] > 0 ? ranked[0][0] : ';';
}

/** Guesses which column holds which field from the header texts. */
export function guessMapping(headers: string[], taken: readonly number[] = []): ColumnMapping {
  const mapping: ColumnMapping = { name: null, email: null, organisation: null, role: null, team: null, key: null };
  for (const field of COHORT_FIELDS) {
    // The first alias that names a free column wins, so rondo's own contacts.csv
    // ("participant","name","email") maps name to "name" and the key to "participant".
    for (const alias of HEADER_NAMES[field].map(norm)) {
      const at = headers.findIndex((h, i) => norm(h) === alias && !Object.values(mapping).includes(i) && !taken.includes(i));
      if (at >= 0) {
        mapping[field] = at;
        break;
      }
    }
  }
  return mapping;
}

/**
 * Which column holds each cohort attribute: a header equal to the attribute's key or one of its
 * labels. Checked before the built-in fields' aliases, so an attribute "region" gets the
 * "Region" column rather than the team field.
 */
export function guessAttributeColumns(headers: string[], attributes: readonly CohortAttribute[]): Record<string, number> {
  const out: Record<string, number> = {};
  const used = new Set<number>();
  for (const a of attributes) {
    const names = [a.key, a.label.nl, a.label.en].filter((x): x is string => !!x).map(norm);
    const at = headers.findIndex((h, i) => !used.has(i) && names.includes(norm(h)));
    if (at >= 0) (out[a.key] = at), used.add(at);
  }
  return out;
}

/** A key for a new attribute from a column's header ("Domein" → "domein"); '' when none fits. */
export function suggestAttributeKey(header: string): string {
  const key = norm(header)
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/ +/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 30);
  return key && !isReservedAttributeKey(key) ? key : '';
}

const t = (nl: string, en: string) => ({ nl, en });

/** Headers of the respondent-group column: the exports' `group`, and its Dutch names. */
const GROUP_HEADERS = ['group', 'groep', 'respondentgroep', 'respondent group'];

/** The group a cell names, by key or by name (any case); only groups a participant can be in (reached by personal link). */
function groupByName(groups: readonly RespondentGroup[], cell: string): RespondentGroup | undefined {
  const want = norm(cell);
  return groups.find(
    (g) => g.reach.includes('personal') && [g.key, g.name.nl, g.name.en].some((name) => name !== undefined && norm(name) === want),
  );
}

/** A cell a spreadsheet would run as a formula when the data is exported again. */
export function looksLikeFormula(value: string): boolean {
  return /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-]?[\d\s.,()]*$/.test(value));
}

export function parseCohort(
  text: string,
  ctx: CohortContext,
  options: { delimiter?: DelimiterChoice; mapping?: ColumnMapping; attributeColumns?: Record<string, number> } = {},
): CohortPreview {
  const delimiter =
    options.delimiter === 'tab' ? '\t' : options.delimiter && options.delimiter !== 'auto' ? options.delimiter : guessDelimiter(text);
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false, header: false });
  const fileProblems: CohortProblem[] = [];
  const problems: CohortProblem[] = [];
  const empty: CohortPreview = {
    delimiter,
    headers: [],
    mapping: { name: null, email: null, organisation: null, role: null, team: null, key: null },
    rows: [],
    fileProblems,
    problems,
    unknownRoles: [],
    counts: { rows: 0, valid: 0, invalid: 0, problems: 0 },
    attributeColumns: {},
    extraColumns: [],
  };

  for (const e of parsed.errors) {
    if (e.code === 'MissingQuotes' || e.code === 'InvalidQuotes') {
      const row = (e.row ?? 0) + 1;
      fileProblems.push({
        row,
        code: 'unbalanced-quotes',
        message: t(
          `Rij ${row}: een aanhalingsteken (") wordt geopend maar niet gesloten, waardoor de rest van het bestand als één cel ` +
            `wordt gelezen. Controleer de aanhalingstekens in deze rij.`,
          `Row ${row}: a quote (") is opened but never closed, so the rest of the file reads as one cell. Check the quotes in this row.`,
        ),
      });
      break;
    }
  }
  const lines = parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => String(c ?? '')) }));
  const nonEmpty = lines.filter((l) => l.cells.some((c) => c.trim() !== ''));
  if (!nonEmpty.length) {
    fileProblems.push({ row: 0, code: 'no-rows', message: t('Het bestand bevat geen rijen.', 'The file has no rows.') });
    return empty;
  }
  const [headerLine, ...dataLines] = nonEmpty;
  const headers = headerLine.cells.map((h) => h.trim());
  const attributes = ctx.attributes ?? [];
  // Only the study's attributes: a column given for an unknown key is ignored, never stored.
  const attributeColumns = Object.fromEntries(
    Object.entries(options.attributeColumns ?? guessAttributeColumns(headers, attributes)).filter(([k]) =>
      attributes.some((a) => a.key === k),
    ),
  );
  const attributeAt = Object.values(attributeColumns);
  const mapping: ColumnMapping = options.mapping ? { key: null, ...options.mapping } : guessMapping(headers, attributeAt);
  const fieldAt = Object.values(mapping).filter((v): v is number => typeof v === 'number');
  // The respondent group, in the column the exports write it (`group`), for a study with groups of its own.
  const groups = ctx.groups ?? [];
  const groupAt = groups.length
    ? headers.findIndex((h, i) => GROUP_HEADERS.includes(norm(h)) && !fieldAt.includes(i) && !attributeAt.includes(i))
    : -1;
  const extraColumns = headers
    .map((header, column) => ({ column, header, suggestedKey: suggestAttributeKey(header) }))
    .filter((c) => c.header && !fieldAt.includes(c.column) && !attributeAt.includes(c.column) && c.column !== groupAt);
  const preview: CohortPreview = {
    ...empty,
    headers,
    mapping,
    attributeColumns,
    ...(groupAt >= 0 ? { groupColumn: groupAt } : {}),
    extraColumns,
  };

  if (headers.some((h) => EMAIL_PATTERN.test(h.toLowerCase()))) {
    fileProblems.push({
      row: headerLine.row,
      code: 'header-looks-like-data',
      message: t(
        'De eerste rij lijkt een deelnemer en geen kopregel. Voeg bovenaan een rij toe met kolomnamen (bijv. Naam; E-mail; ' +
          'Organisatie; Functie).',
        'The first row looks like a participant, not a header. Add a first row with column names (e.g. Name; E-mail; Organisation; Role).',
      ),
    });
  }
  const used = [...Object.values(mapping).filter((v): v is number => typeof v === 'number'), ...attributeAt];
  if (new Set(used).size !== used.length) {
    fileProblems.push({
      row: 0,
      code: 'duplicate-mapping',
      message: t('Eén kolom is aan twee velden gekoppeld.', 'One column is mapped to two fields.'),
    });
  }
  if (used.some((i) => i < 0 || i >= headers.length)) {
    fileProblems.push({
      row: 0,
      code: 'duplicate-mapping',
      message: t('Een gekoppelde kolom bestaat niet in het bestand.', 'A mapped column does not exist in the file.'),
    });
  }
  if (mapping.email === null) {
    fileProblems.push({
      row: 0,
      code: 'no-email-column',
      message: t(
        'Geen kolom met e-mailadressen gevonden; kies hieronder welke kolom het e-mailadres bevat.',
        'No column with e-mail addresses found; choose below which column holds the e-mail address.',
      ),
    });
  }
  if (!dataLines.length) {
    fileProblems.push({
      row: 0,
      code: 'no-rows',
      message: t('Het bestand heeft alleen een kopregel, geen deelnemers.', 'The file has only a header row, no participants.'),
    });
  }
  if (dataLines.length > MAX_ROWS) {
    fileProblems.push({
      row: 0,
      code: 'too-many-rows',
      message: t(
        `Het bestand heeft ${dataLines.length} rijen; het maximum is ${MAX_ROWS}.`,
        `The file has ${dataLines.length} rows; the maximum is ${MAX_ROWS}.`,
      ),
    });
  }
  if (fileProblems.length) return preview;

  const knownRoles = [...new Set([...PARTICIPANT_ROLES_HINT, ...ctx.roles, ...(ctx.acceptRoles ?? [])].filter(Boolean))];
  const roleByNorm = new Map(knownRoles.map((r) => [norm(r), r]));
  const seen = new Map<string, number>();
  const seenKeys = new Map<string, number>();
  const unknown = new Map<string, string>();
  const accepted = new Set((ctx.acceptRoles ?? []).map(norm));

  for (const line of dataLines) {
    const rowProblems: CohortProblem[] = [];
    const at = (field: CohortField) => mapping[field] ?? null;
    const cell = (field: CohortField) => (at(field) === null ? '' : (line.cells[at(field)!] ?? '').trim());
    const column = (field: CohortField) => (at(field) === null ? undefined : headers[at(field)!] || `#${at(field)! + 1}`);
    const problem = (field: CohortField | undefined, code: ProblemCode, message: { nl: string; en: string }) =>
      rowProblems.push({ row: line.row, column: field ? column(field) : undefined, field, code, message });

    if (line.cells.length !== headers.length) {
      problem(
        undefined,
        'ragged',
        t(
          `Rij ${line.row} heeft ${line.cells.length} cellen, de kopregel ${headers.length}: waarschijnlijk staat er een ` +
            `scheidingsteken te veel of te weinig.`,
          `Row ${line.row} has ${line.cells.length} cells, the header ${headers.length}: probably a delimiter too many or too few.`,
        ),
      );
    }
    const values = Object.fromEntries(COHORT_FIELDS.map((f) => [f, cell(f)])) as Record<CohortField, string>;
    for (const f of COHORT_FIELDS) {
      const v = values[f];
      if (f === 'key') continue; // checked below, against the model's key rules
      if (v && looksLikeFormula(v)) {
        problem(
          f,
          'formula',
          t(
            `Begint met "${v[0]}" en lijkt een spreadsheetformule; pas de cel aan.`,
            `Starts with "${v[0]}" and looks like a spreadsheet formula; change the cell.`,
          ),
        );
      } else if ([...v].length > MAX_LENGTH[f]) {
        problem(f, 'too-long', t(`Langer dan ${MAX_LENGTH[f]} tekens.`, `Longer than ${MAX_LENGTH[f]} characters.`));
      }
    }
    const email = values.email.toLowerCase();
    if (!email) {
      problem('email', 'missing-email', t('E-mailadres ontbreekt.', 'E-mail address is missing.'));
    } else if (!EMAIL_PATTERN.test(email)) {
      problem(
        'email',
        'invalid-email',
        t(`"${values.email}" is geen geldig e-mailadres.`, `"${values.email}" is not a valid e-mail address.`),
      );
    } else if (seen.has(email)) {
      problem(
        'email',
        'duplicate-in-file',
        t(`Dit e-mailadres staat ook in rij ${seen.get(email)}.`, `This e-mail address is also in row ${seen.get(email)}.`),
      );
    } else if (ctx.existing.has(email)) {
      problem(
        'email',
        'already-in-cohort',
        t(`Staat al in de deelnemerslijst (${ctx.existing.get(email)}).`, `Already in the cohort (${ctx.existing.get(email)}).`),
      );
    }
    if (email && !seen.has(email)) seen.set(email, line.row);

    if (at('key') !== null) {
      const key = values.key;
      const earlier = seenKeys.get(key);
      if (!KEY.test(key)) {
        problem(
          'key',
          'invalid-key',
          key
            ? t(
                `Rij ${line.row}: sleutel "${key.slice(0, 60)}" heeft tekens die niet mogen: alleen letters, cijfers, - en _, ` +
                  `hoogstens 40.`,
                `Row ${line.row}: key "${key.slice(0, 60)}" has characters that are not allowed: only letters, digits, - and ` +
                  `_, at most 40.`,
              )
            : t(`Rij ${line.row}: de sleutel ontbreekt.`, `Row ${line.row}: the key is missing.`),
        );
      } else if (earlier !== undefined) {
        problem(
          'key',
          'duplicate-key',
          t(
            `Sleutel "${key}" staat in rij ${earlier} en rij ${line.row}; een sleutel hoort bij één deelnemer.`,
            `Key "${key}" is in row ${earlier} and row ${line.row}; a key belongs to one participant.`,
          ),
        );
      } else if (ctx.keys?.has(key)) {
        problem(
          'key',
          'key-taken',
          t(`Sleutel "${key}" is al van een deelnemer in dit onderzoek.`, `Key "${key}" already belongs to a participant of this study.`),
        );
      }
      if (KEY.test(key) && earlier === undefined) seenKeys.set(key, line.row);
    }

    let role = values.role;
    if (role) {
      const known = roleByNorm.get(norm(role));
      if (known) role = known;
      else if (!accepted.has(norm(role))) {
        if (!unknown.has(norm(role))) unknown.set(norm(role), role);
        problem(
          'role',
          'unknown-role',
          t(
            `Onbekende functie "${values.role}". Kies hieronder of u deze functie wilt toevoegen.`,
            `Unknown role "${values.role}". Choose below whether to add this role.`,
          ),
        );
      }
    }
    const attributeValues: Record<string, string> = {};
    for (const [key, at] of Object.entries(attributeColumns)) {
      const attribute = attributes.find((a) => a.key === key)!;
      const checked = normaliseAttributeValue(attribute, line.cells[at] ?? '');
      if (checked.ok) {
        if (checked.value) attributeValues[key] = checked.value;
      } else {
        rowProblems.push({
          row: line.row,
          column: headers[at] || `#${at + 1}`,
          code: 'attribute-value',
          message: t(`Rij ${line.row}: ${checked.issue.message.nl}`, `Row ${line.row}: ${checked.issue.message.en}`),
        });
      }
    }
    let group: string | undefined;
    if (groupAt >= 0) {
      const raw = (line.cells[groupAt] ?? '').trim();
      const match = raw ? groupByName(groups, raw) : undefined;
      if (!raw) group = '';
      else if (match) group = match.key;
      else {
        const allowed = groups.filter((g) => g.reach.includes('personal')).map((g) => g.key);
        rowProblems.push({
          row: line.row,
          column: headers[groupAt] || `#${groupAt + 1}`,
          code: 'unknown-group',
          message: t(
            `Rij ${line.row}: "${raw.slice(0, 60)}" is geen groep van dit onderzoek die een persoonlijke link krijgt; kies uit: ` +
              `${allowed.join(', ')}.`,
            `Row ${line.row}: "${raw.slice(0, 60)}" is not a group of this study reached by personal link; choose from: ` +
              `${allowed.join(', ')}.`,
          ),
        });
      }
    }
    problems.push(...rowProblems);
    preview.rows.push({
      row: line.row,
      values,
      role,
      attributes: attributeValues,
      ...(group !== undefined ? { group } : {}),
      ok: rowProblems.length === 0,
    });
  }
  preview.unknownRoles = [...unknown.values()];
  const valid = preview.rows.filter((r) => r.ok).length;
  preview.counts = { rows: preview.rows.length, valid, invalid: preview.rows.length - valid, problems: problems.length };
  return preview;
}

/**
 * The preview as the screen gets it (PREVIEW_ROWS, PREVIEW_PROBLEMS): the first rows and the
 * problems it lists, not a copy of the whole file — 10,000 rows were 2–4 MB of JSON for a
 * table that shows 200. The counts stay those of the whole file.
 */
export function shownPreview(preview: CohortPreview): CohortPreview {
  const rows = preview.rows.slice(0, PREVIEW_ROWS);
  const lastRow = rows.length ? rows[rows.length - 1].row : 0;
  return { ...preview, rows, problems: preview.problems.filter((p, i) => i < PREVIEW_PROBLEMS || p.row <= lastRow) };
}
