import crypto from 'node:crypto';
import type { Database as SQLiteDatabase } from 'better-sqlite3';
import type { MissingCode } from '../../../model/index.js';
import { EMAIL_PATTERN, normaliseEmail } from '../../users.js';
import type { ExchangeStudy, ExchangeRound } from '../study-data.js';
import { exchangeVariables, wideName, type ExchangeVariable } from '../variables.js';
import '../db.js';
import { decodeCsv, type ImportEncoding } from './decode.js';
import { checkMapping, entries } from './mapping.js';
import { isLongShape, pivotLong } from './long.js';
import { parseCsv, type ImportTable } from './parse.js';
import { xlsxTable } from '../xlsx/import-input.js';
import { ProblemList } from './problems.js';
import { ColumnReader } from './values.js';
import { unneutralise } from '../../csv-cell.js';
import type { ImportMapping, ImportRate, ImportReport } from '../../../model/api/exchange.js';
import { responseRates } from '../response-rates.js';

/** One answer cell to store, addressed like model/answer.ts. */
export interface PlannedCell {
  item: string;
  sub: string;
  partnerId: number | null;
  toolId: number | null;
  code: number | null;
  missing: MissingCode | null;
  text: string | null;
}

/** Where one mapped column's values go: an answer cell's address, shared by every row. */
export type CellTarget = Pick<PlannedCell, 'item' | 'sub' | 'partnerId' | 'toolId'>;

const MISSING: (MissingCode | null)[] = [null, 'dont_know', 'not_applicable'];

/**
 * One response's answer cells, kept column-wise: the target (an index into the plan's shared
 * addresses), the code (NaN for none), the missing code (an index into MISSING) and, only when
 * the response has any, the texts. A plan holds every cell of the file until it is committed:
 * an object per cell took ~250 MB for the 2.7 million cells of a 25 MB file. Plain arrays of
 * small integers and doubles: typed arrays, one backing store each, cost more in allocation and
 * garbage collection than they saved.
 */
export class PlannedCells {
  private readonly target: number[] = [];
  private readonly codes: number[] = [];
  private readonly missing: number[] = [];
  private texts: (string | null)[] | null = null;

  /** `targets`: the plan's addresses, shared by all its responses. */
  constructor(private readonly targets: readonly CellTarget[]) {}

  get length(): number {
    return this.target.length;
  }

  add(target: number, value: { code: number | null; missing: MissingCode | null; text: string | null }): void {
    if (value.text !== null) {
      this.texts ??= new Array<string | null>(this.target.length).fill(null);
      this.texts.push(value.text);
    } else this.texts?.push(null);
    this.target.push(target);
    this.codes.push(value.code ?? NaN);
    this.missing.push(MISSING.indexOf(value.missing));
  }

  /** Cell `k` (0 ≤ k < length), as a new object. */
  cell(k: number): PlannedCell {
    const { item, sub, partnerId, toolId } = this.targets[this.target[k]];
    const code = this.codes[k];
    return {
      item,
      sub,
      partnerId,
      toolId,
      code: Number.isNaN(code) ? null : code,
      missing: MISSING[this.missing[k]],
      text: this.texts === null ? null : this.texts[k],
    };
  }
}

/** A participant: an existing id, or the index of one to create. */
export type ParticipantRef = { existing: number } | { created: number };

export interface PlannedParticipant {
  key: string;
  email: string | null;
  organisation: string;
  role: string;
  team: string;
  /** The round from which the participant had left the study, or null. */
  leftRoundId: number | null;
}

export interface PlannedResponse {
  row: number;
  participant: ParticipantRef | null;
  submittedAt: string;
  cells: PlannedCells;
}

export interface ImportPlan {
  round: ExchangeRound;
  create: PlannedParticipant[];
  /** Participants to invite to the round (those not invited yet), responded or not. */
  invite: ParticipantRef[];
  responses: PlannedResponse[];
}

/** What an import did or would do (model/api/exchange.ts): also the `details` of a refusal. */
export type { ImportReport } from '../../../model/api/exchange.js';

export interface PlanInput {
  /** The file as uploaded: its SHA-256 refuses a second import, and a CSV is read from it. */
  bytes: Buffer;
  /**
   * The file already read into cells (e.g. a sheet of an .xlsx, by its own reader through
   * `tableFromRows`); without it the bytes are read as CSV.
   */
  table?: ImportTable;
  fileName: string;
  /** For an .xlsx: the sheet to read (default the first). */
  sheet?: string;
  mapping: unknown;
  /** The round from the CLI or the screen; the mapping's own `round` must agree. */
  round?: string;
  now: Date;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
const FORMULA = /^[=+@]|^-[^\d]/;

export const sha256 = (bytes: Buffer): string => crypto.createHash('sha256').update(bytes).digest('hex');

/**
 * The dry run: reads the file, checks the mapping against the study and every cell against
 * its variable, and matches rows to participants. Reads the database, never writes it; the
 * commit runs the same function inside its transaction.
 */
export function planImport(
  sqlite: SQLiteDatabase,
  study: ExchangeStudy,
  input: PlanInput,
): { report: ImportReport; plan: ImportPlan | null } {
  const problems = new ProblemList();
  const report: ImportReport = {
    ok: false,
    study: study.slug,
    round: null,
    file: {
      name: input.fileName,
      sha256: sha256(input.bytes),
      bytes: input.bytes.length,
      encoding: null,
      delimiter: null,
      rows: 0,
      columns: [],
    },
    counts: {
      rows: 0,
      responses: 0,
      anonymous: 0,
      filteredOut: 0,
      participantsMatched: 0,
      participantsCreated: 0,
      invitationsCreated: 0,
      cells: 0,
      empty: 0,
      notInvited: 0,
    },
    shape: 'wide',
    rates: [],
    columns: [],
    problems: [],
    truncated: {},
    errors: 0,
    warnings: 0,
  };
  const finish = (plan: ImportPlan | null) => {
    report.problems = problems.list;
    report.truncated = problems.truncated();
    report.errors = problems.errors;
    report.warnings = [...problems.counts.values()].reduce((a, b) => a + b, 0) - problems.errors;
    report.ok = problems.errors === 0;
    return { report, plan: report.ok ? plan : null };
  };

  const checked = checkMapping(input.mapping, problems);
  const roundKey = input.round ?? checked?.round;
  if (input.round && checked?.round && input.round !== checked.round) {
    problems.error('ROUND_MISMATCH', `The mapping is for round "${checked.round}", the import for round "${input.round}".`);
  }
  const round = study.rounds.find((r) => r.key === roundKey);
  if (!roundKey) problems.error('UNKNOWN_ROUND', 'Name the round the responses belong to.');
  else if (!round)
    problems.error('UNKNOWN_ROUND', `The study has no round "${roundKey}" (rounds: ${study.rounds.map((r) => r.key).join(', ')}).`);
  report.round = round?.key ?? null;

  let table: ImportTable | null = input.table ?? xlsxTable(input.bytes, input.sheet, problems);
  if (!table && problems.errors) return finish(null);
  if (!table) {
    const decoded = decodeCsv(input.bytes, (checked?.csv?.encoding ?? 'auto') as ImportEncoding, problems);
    if (!decoded) return finish(null);
    report.file.encoding = decoded.encoding;
    const parsed = parseCsv(decoded.text, checked?.csv?.delimiter ?? 'auto', problems);
    if (!parsed) return finish(null);
    report.file.delimiter = parsed.delimiter;
    table = parsed;
  }
  report.file.rows = table.rows.length;
  report.file.columns = table.headers;
  if (!checked || !round) return finish(null);
  const shape = checked.shape === 'wide' || checked.shape === 'long' ? checked.shape : isLongShape(table.headers) ? 'long' : 'wide';
  report.shape = shape;
  let mapping: ImportMapping = checked;
  if (shape === 'long') {
    const long = longAsWide(table, checked, study, round.key, problems);
    if (!long) return finish(null);
    ({ table, mapping } = long);
  }
  const csv: ImportTable = table;
  const inviteMode = mapping.invitedColumn !== undefined ? 'file' : (mapping.invite ?? 'none');
  if (mapping.invitedColumn !== undefined && mapping.invite !== undefined && mapping.invite !== 'file')
    problems.error(
      'MAPPING_SCHEMA',
      `mapping/invite: "${mapping.invite}" and an invited column ("${mapping.invitedColumn}") contradict each other; choose one.`,
    );

  const headerIndex = new Map<string, number>();
  csv.headers.forEach((h, i) => {
    if (h && !headerIndex.has(h)) headerIndex.set(h, i);
  });
  const used = new Set<string>();
  const columnOf = (name: string | undefined, what: string): number | undefined => {
    if (name === undefined) return undefined;
    const i = headerIndex.get(name.trim());
    if (i === undefined) problems.error('UNKNOWN_COLUMN', `The mapping's ${what} column "${name}" is not in the file.`, { column: name });
    else used.add(csv.headers[i]);
    return i;
  };

  // Columns → variables.
  const variables = exchangeVariables(study);
  const byName = new Map(variables.map((v) => [v.name, v]));
  const decimal = mapping.csv?.decimal ?? (report.file.delimiter === ';' ? ',' : '.');
  const readers: { index: number; column: string; reader: ColumnReader }[] = [];
  const target = new Map<string, string>();
  for (const [column, m] of entries(mapping.columns)) {
    const index = columnOf(column, 'mapped');
    const v = byName.get(m.variable);
    if (!v) {
      problems.error(
        'UNKNOWN_VARIABLE',
        `Column "${column}" is mapped to "${m.variable}", which is not a variable of this study${nearest(m.variable, variables, study)}.`,
        { column },
      );
      continue;
    }
    if (!v.rounds.includes(round.key)) {
      problems.error(
        'VARIABLE_NOT_IN_ROUND',
        `Column "${column}" is mapped to ${v.name}, which is not asked in round "${round.key}" (asked in: ` +
          `${v.rounds.join(', ') || 'no round'}).`,
        { column },
      );
      continue;
    }
    const other = target.get(v.name);
    if (other !== undefined) {
      problems.error('DUPLICATE_MAPPING', `Columns "${other}" and "${column}" are both mapped to ${v.name}.`, { column });
      continue;
    }
    target.set(v.name, column);
    if (index !== undefined) {
      readers.push({ index, column: csv.headers[index], reader: new ColumnReader(v, m.values, decimal) });
      report.columns.push({ column: csv.headers[index], variable: v.name });
    }
  }
  const p = mapping.participants;
  const idColumn = p.identify === 'anonymous' ? undefined : columnOf(p.column, 'participant');
  const anonColumn = columnOf(p.anonymousColumn, 'anonymous');
  const orgColumn = columnOf(p.organisationColumn, 'organisation');
  const roleColumn = columnOf(p.roleColumn, 'role');
  const teamColumn = columnOf(p.teamColumn, 'team');
  const leftColumn = columnOf(p.leftColumn, 'left');
  const filterColumn = columnOf(mapping.filter?.column, 'filter');
  const invitedColumn = columnOf(mapping.invitedColumn, 'invited');
  const submittedColumn = columnOf(mapping.submittedAtColumn, 'submitted-at');
  // A round that asks no question at all still has who was invited and who submitted (a rondo
  // wide file's invited_ and responded_ columns): with one of those mapped there is something to import.
  const statusOnly = !variables.some((v) => v.rounds.includes(round.key)) && (filterColumn !== undefined || invitedColumn !== undefined);
  if (!readers.length && !statusOnly && !problems.counts.has('UNKNOWN_VARIABLE') && !problems.counts.has('UNKNOWN_COLUMN')) {
    problems.error('NO_MAPPED_COLUMNS', 'The mapping maps no column of the file to a variable.');
  }
  // A rondo wide file holds every round; its columns of other rounds are expected to stay out.
  const otherRounds = new Set(
    study.rounds
      .filter((r) => r.key !== round.key)
      .flatMap((r) => [
        `invited_${r.key}`,
        `responded_${r.key}`,
        `submitted_${r.key}`,
        ...variables.filter((v) => v.rounds.includes(r.key)).map((v) => wideName(v, r.key)),
      ]),
  );
  let otherRoundColumns = 0;
  for (const h of csv.headers) {
    if (!h || used.has(h)) continue;
    if (otherRounds.has(h)) otherRoundColumns++;
    else problems.warning('UNMAPPED_COLUMN', `Column "${h}" is not mapped; it is not imported.`, { column: h });
  }
  if (otherRoundColumns)
    problems.warning(
      'UNMAPPED_COLUMN',
      `${otherRoundColumns} columns of other rounds (rondo wide file) are not imported into round "${round.key}".`,
    );
  const twice = sqlite
    .prepare('select id, created_at from import_batch where study_id = ? and round_id = ? and sha256 = ?')
    .get(study.id, round.id, report.file.sha256) as { id: number; created_at: string } | undefined;
  if (twice)
    problems.error(
      'DUPLICATE_FILE',
      `This file was already imported into round "${round.key}" (import ${twice.id}, ${twice.created_at}); it is not imported twice.`,
    );
  if (problems.errors) return finish(null);

  // Participants already in the study, and who already answered or was invited in this round.
  const byKey = new Map<string, number>();
  const byEmail = new Map<string, number>();
  for (const [id, key, email] of sqlite
    .prepare(
      'select p.id, p.key, c.email from participant p left join participant_contact c on c.participant_id = p.id where p.study_id = ?',
    )
    .raw()
    .iterate(study.id) as IterableIterator<[number, string, string | null]>) {
    byKey.set(key, id);
    if (email) byEmail.set(normaliseEmail(email), id);
  }
  const answered = new Set(
    sqlite
      .prepare('select participant_id from response where round_id = ? and participant_id is not null')
      .pluck()
      .all(round.id) as number[],
  );
  const invited = new Set(sqlite.prepare('select participant_id from invitation where round_id = ?').pluck().all(round.id) as number[]);
  // Revoked invitations stay invitations (no second one is made) but are outside the rate.
  const invitedActive = new Set(
    sqlite.prepare('select participant_id from invitation where round_id = ? and revoked_at is null').pluck().all(round.id) as number[],
  );
  const leftBefore = new Set(
    sqlite
      .prepare('select p.id from participant p join round lr on lr.id = p.left_from_round_id where p.study_id = ? and lr.position <= ?')
      .pluck()
      .all(study.id, round.position) as number[],
  );

  const plan: ImportPlan = { round, create: [], invite: [], responses: [] };
  const targets = readers.map((r) => cellTarget(r.reader.variable, study));
  const createdByKey = new Map<string, number>();
  const createdByEmail = new Map<string, number>();
  const seenInFile = new Map<string, number>();
  const invitedInPlan = new Set<string>();
  const nowIso = input.now.toISOString();
  const refKey = (ref: ParticipantRef) => ('existing' in ref ? `e${ref.existing}` : `c${ref.created}`);
  const cellText = (row: string[], i: number | undefined) => (i === undefined ? '' : unneutralise((row[i] ?? '').trim()));
  const roundByKey = new Map(study.rounds.map((r) => [r.key, r.id]));
  /** A created participant's attributes; the round they left from must be one of the study's. */
  const attributes = (row: string[], rowNo: number) => {
    const left = cellText(row, leftColumn);
    const leftRoundId = left ? roundByKey.get(left) : null;
    if (leftRoundId === undefined)
      problems.error(
        'UNKNOWN_ROUND',
        `Row ${rowNo}: "${left}" is not a round of this study (rounds: ${study.rounds.map((r) => r.key).join(', ')}).`,
        { row: rowNo, column: csv.headers[leftColumn!], value: left },
      );
    return {
      organisation: cellText(row, orgColumn),
      role: cellText(row, roleColumn),
      team: cellText(row, teamColumn),
      leftRoundId: leftRoundId ?? null,
    };
  };

  // Each row is let go once planned, so the parsed rows can be collected while the plan grows.
  const rows: (string[] | null)[] = csv.rows;
  const emptyRows: number[] = [];
  let emptyResponses = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    rows[r] = null;
    const rowNo = csv.rowNumbers[r];
    report.counts.rows++;
    let refOfRow: { ref: ParticipantRef; raw: string; column: string } | null = null;
    const isResponse = filterColumn === undefined || mapping.filter!.values.includes((row[filterColumn] ?? '').trim());
    // A row is on the invitation list only when the researcher said the file is that list.
    const isInvited = inviteMode === 'file' && (invitedColumn === undefined || (row[invitedColumn] ?? '').trim() === '1');
    if (!isResponse) report.counts.filteredOut++;
    if (!isResponse && !isInvited) continue;
    const anonymous = p.identify === 'anonymous' || (anonColumn !== undefined && (row[anonColumn] ?? '').trim() === '1');

    // Who is this?
    let ref: ParticipantRef | null = null;
    if (!anonymous) {
      const column = csv.headers[idColumn!];
      const raw = cellText(row, idColumn);
      if (!raw) {
        problems.error('MISSING_PARTICIPANT', `Row ${rowNo} has no ${p.identify === 'key' ? 'participant key' : 'e-mail address'}.`, {
          row: rowNo,
          column,
        });
        continue;
      }
      if (p.identify === 'key') {
        if (!KEY_PATTERN.test(raw)) {
          problems.error('BAD_PARTICIPANT_KEY', `"${raw}" is not a participant key (letters, digits, - and _, at most 40).`, {
            row: rowNo,
            column,
            value: raw,
          });
          continue;
        }
        const id = byKey.get(raw);
        if (id !== undefined) ref = { existing: id };
        else if (createdByKey.has(raw)) ref = { created: createdByKey.get(raw)! };
        else if (p.create) {
          plan.create.push({ key: raw, email: null, ...attributes(row, rowNo) });
          createdByKey.set(raw, plan.create.length - 1);
          ref = { created: plan.create.length - 1 };
        }
      } else {
        const email = normaliseEmail(raw);
        if (!EMAIL_PATTERN.test(email)) {
          problems.error('BAD_EMAIL', `"${raw}" is not an e-mail address.`, { row: rowNo, column, value: raw });
          continue;
        }
        const id = byEmail.get(email);
        if (id !== undefined) ref = { existing: id };
        else if (createdByEmail.has(email)) ref = { created: createdByEmail.get(email)! };
        else if (p.create) {
          let key: string;
          do key = `i${crypto.randomBytes(5).toString('hex')}`;
          while (byKey.has(key) || createdByKey.has(key));
          plan.create.push({ key, email, ...attributes(row, rowNo) });
          createdByKey.set(key, plan.create.length - 1);
          createdByEmail.set(email, plan.create.length - 1);
          ref = { created: plan.create.length - 1 };
        }
      }
      if (!ref) {
        problems.error(
          'UNKNOWN_PARTICIPANT',
          `Row ${rowNo}: no participant ${p.identify === 'key' ? 'with key' : 'with e-mail address'} "${raw}" in this study ` +
            `(set "create": true to add new participants).`,
          { row: rowNo, column, value: raw },
        );
        continue;
      }
      const leftByNow =
        'existing' in ref
          ? leftBefore.has(ref.existing)
          : (() => {
              const l = plan.create[ref.created].leftRoundId;
              return l !== null && study.rounds.find((x) => x.id === l)!.position <= round.position;
            })();
      if (leftByNow && isResponse) {
        problems.warning('PARTICIPANT_LEFT', `Row ${rowNo}: participant "${raw}" had left the study by this round.`, {
          row: rowNo,
          column,
          value: raw,
        });
      }
      const k = refKey(ref);
      if (isInvited && !invitedInPlan.has(k) && !('existing' in ref && invited.has(ref.existing))) {
        plan.invite.push(ref);
        invitedInPlan.add(k);
      }
      refOfRow = { ref, raw, column };
    }
    if (!isResponse) continue;

    const cells = new PlannedCells(targets);
    const cellProblems = problems.errors;
    for (let t = 0; t < readers.length; t++) {
      const { index, column, reader } = readers[t];
      const raw = row[index] ?? '';
      const value = reader.read(raw);
      if (value.kind === 'none') continue;
      if (value.kind === 'problem') {
        problems.error(value.code, `Row ${rowNo}, column "${column}": ${value.message}.`, { row: rowNo, column, value: raw });
        continue;
      }
      if (value.kind === 'text' && FORMULA.test(value.text)) {
        problems.warning(
          'FORMULA_TEXT',
          `Row ${rowNo}, column "${column}": the answer starts like a spreadsheet formula; it is stored as text and exported ` +
            `with an apostrophe in front.`,
          { row: rowNo, column, value: raw },
        );
      }
      if (value.kind === 'text' && value.text.length > (reader.variable.item.type === 'text' ? reader.variable.item.maxLength : Infinity)) {
        problems.warning(
          'TEXT_TOO_LONG',
          `Row ${rowNo}, column "${column}": the answer is longer than the questionnaire allows ` +
            `(${reader.variable.item.type === 'text' ? reader.variable.item.maxLength : ''} characters); it is stored whole.`,
          { row: rowNo, column },
        );
      }
      cells.add(t, {
        code: value.kind === 'code' ? value.code : null,
        missing: value.kind === 'missing' ? value.missing : null,
        text: value.kind === 'text' ? value.text : null,
      });
    }
    // A row without a single answer is no response, unless the filter column says it is one
    // (a rondo wide file marks a submitted response that skipped every question so).
    if (cells.length === 0 && problems.errors === cellProblems) {
      if (emptyRows.length < 10) emptyRows.push(rowNo);
      if (filterColumn === undefined) {
        report.counts.empty++;
        continue;
      }
      emptyResponses++;
    }

    if (refOfRow) {
      const { raw, column } = refOfRow;
      const k = refKey(refOfRow.ref);
      {
        const earlier = seenInFile.get(k);
        if (earlier !== undefined) {
          problems.error(
            'DUPLICATE_RESPONDENT',
            `Row ${rowNo}: participant "${raw}" already has a response in row ${earlier}; one response per participant per round.`,
            { row: rowNo, column, value: raw },
          );
          continue;
        }
        seenInFile.set(k, rowNo);
        if ('existing' in refOfRow.ref && answered.has(refOfRow.ref.existing)) {
          problems.error(
            'DUPLICATE_RESPONDENT',
            `Row ${rowNo}: participant "${raw}" already has a response in round "${round.key}" in rondo.`,
            { row: rowNo, column, value: raw },
          );
          continue;
        }
      }
    }
    let submittedAt = nowIso;
    if (submittedColumn !== undefined) {
      const raw = (row[submittedColumn] ?? '').trim();
      if (raw) {
        const parsed = parseTimestamp(raw);
        if (!parsed)
          problems.error('BAD_DATE', `Row ${rowNo}: "${raw}" is not a date and time (use 2022-01-15T10:23:00Z or 2022-01-15 10:23).`, {
            row: rowNo,
            column: csv.headers[submittedColumn],
            value: raw,
          });
        else submittedAt = parsed;
      }
    }

    report.counts.cells += cells.length;
    report.counts.responses++;
    if (!ref) report.counts.anonymous++;
    plan.responses.push({ row: rowNo, participant: ref, submittedAt, cells });
  }
  report.counts.participantsCreated = plan.create.length;
  report.counts.participantsMatched = new Set(
    plan.responses.flatMap((r) => (r.participant && 'existing' in r.participant ? [r.participant.existing] : [])),
  ).size;
  report.counts.invitationsCreated = plan.invite.length;

  if (inviteMode === 'cohort') {
    // The cohort is the invitation list: everyone in the study (and created now) not invited yet.
    // Participants who had left the study by this round are not on it.
    for (const id of byKey.values()) if (!invited.has(id) && !leftBefore.has(id)) plan.invite.push({ existing: id });
    plan.create.forEach((_, i) => {
      if (!invitedInPlan.has(`c${i}`)) plan.invite.push({ created: i });
    });
    report.counts.invitationsCreated = plan.invite.length;
  }
  const leftBy = (ref: ParticipantRef) => {
    if ('existing' in ref) return leftBefore.has(ref.existing);
    const l = plan.create[ref.created].leftRoundId;
    return l !== null && study.rounds.find((x) => x.id === l)!.position <= round.position;
  };
  const invitedNow = new Set(plan.invite.map(refKey));
  const newInvited = plan.invite.filter((ref) => !leftBy(ref)).length;
  let newResponding = 0;
  for (const r of plan.responses) {
    if (!r.participant) continue;
    const isInvited = invitedNow.has(refKey(r.participant)) || ('existing' in r.participant && invitedActive.has(r.participant.existing));
    if (!isInvited) report.counts.notInvited++;
    else if (!leftBy(r.participant)) newResponding++;
  }
  report.rates = responseRates(sqlite, study).map((now) => {
    const imported = now.round === round.key;
    const invitedCount = now.eligible + (imported ? newInvited : 0);
    const responding = now.responded + (imported ? newResponding : 0);
    return rateOf(now.round, imported, invitedCount, responding, imported && inviteMode !== 'none' ? inviteMode : 'invitations');
  });
  rateWarnings(report, problems, round.key, { emptyRows, emptyResponses, filter: mapping.filter?.column });
  return finish(plan);
}

const SOURCE = {
  invitations: { nl: 'uitnodigingen', en: 'invitations' },
  cohort: { nl: 'deelnemers', en: 'participants' },
  file: { nl: 'bestand', en: 'file' },
} as const;

/** One round's response as a sentence in both languages: "48 uitgenodigd (deelnemers), 40 met antwoorden → 83%". */
export function rateOf(round: string, imported: boolean, invited: number, responding: number, from: ImportRate['invitedFrom']): ImportRate {
  const rate = invited > 0 ? responding / invited : null;
  const pct = rate === null ? null : `${Math.round(rate * 100)}%`;
  return {
    round,
    imported,
    invited,
    responding,
    rate,
    invitedFrom: from,
    text: {
      nl: `${invited} uitgenodigd (${SOURCE[from].nl}), ${responding} met antwoorden → ${pct ?? 'geen percentage: niemand uitgenodigd'}`,
      en: `${invited} invited (${SOURCE[from].en}), ${responding} with answers → ${pct ?? 'no rate: nobody invited'}`,
    },
  };
}

/** Warnings on the response the import leaves: rows without answers, 100%, no or missing invitations. */
function rateWarnings(
  report: ImportReport,
  problems: ProblemList,
  roundKey: string,
  empty: { emptyRows: number[]; emptyResponses: number; filter: string | undefined },
): void {
  const rate = report.rates.find((r) => r.imported)!;
  const n = report.counts.empty + empty.emptyResponses;
  if (n) {
    const rows = `row${n === 1 ? '' : 's'} ${empty.emptyRows.join(', ')}${n > empty.emptyRows.length ? ', …' : ''}`;
    problems.warning(
      'EMPTY_ROWS',
      report.counts.empty
        ? `${n} row${n === 1 ? ' has' : 's have'} no answers (${rows}); ` +
            `${n === 1 ? 'it is not imported as a response' : 'they are not imported as responses'}.`
        : `${n} row${n === 1 ? '' : 's'} marked as responses in "${empty.filter}" ${n === 1 ? 'has' : 'have'} no answers ` +
            `(${rows}); ${n === 1 ? 'it is' : 'they are'} imported as ${n === 1 ? 'a response' : 'responses'} without answers.`,
    );
  }
  if (rate.rate === 1 && rate.responding > 0)
    problems.warning(
      'FULL_RESPONSE',
      `Everyone invited to round "${roundKey}" will have a response (${rate.responding} of ${rate.invited}, 100%). If the file ` +
        `holds only those who responded, the invitations are missing: import the cohort's invitations first or choose who was invited.`,
    );
  const identified = report.counts.responses - report.counts.anonymous;
  if (rate.invited === 0 && identified > 0)
    problems.warning(
      'NO_INVITATIONS',
      `Nobody is invited to round "${roundKey}", so it has no response rate. If every participant of the study was invited, ` +
        `choose "the cohort is the invitation list"; if the file is, choose "the file".`,
    );
  else if (report.counts.notInvited)
    problems.warning(
      'NOT_INVITED',
      `${report.counts.notInvited} response${report.counts.notInvited === 1 ? ' comes' : 's come'} from participants not ` +
        `invited to round "${roundKey}": imported, but outside its response rate.`,
    );
}

/** The answer cell a variable's values go to. */
function cellTarget(v: ExchangeVariable, study: ExchangeStudy): CellTarget {
  const partnerId = v.partner ? study.partners.find((p) => p.number === v.partner!.number)!.id : null;
  const toolId = v.tool ? study.tools.find((t) => t.number === v.tool!.number)!.id : null;
  return { item: v.item.id, sub: v.sub, partnerId, toolId };
}

/** ISO-8601, or "YYYY-MM-DD HH:MM[:SS]" read as UTC; null when it is neither. */
export function parseTimestamp(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(raw);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', ms = '0', zone = 'Z'] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms.padEnd(3, '0')}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** " (did you mean …?)" for a variable name close to one of the study's. */
function nearest(name: string, variables: ExchangeVariable[], study: ExchangeStudy): string {
  const suffix = study.rounds.find((r) => name.endsWith(`_${r.key}`));
  const base = suffix ? name.slice(0, -suffix.key.length - 1) : name;
  const hit = variables.find((v) => v.name === base) ?? variables.find((v) => v.name.startsWith(name) || name.startsWith(v.name));
  return hit ? ` (did you mean ${hit.name}?)` : '';
}

/** A long file as the wide table of one round, and the mapping for that table (variables by name). */
function longAsWide(
  table: ImportTable,
  mapping: ImportMapping,
  study: ExchangeStudy,
  roundKey: string,
  problems: ProblemList,
): { table: ImportTable; mapping: ImportMapping } | null {
  const participantColumn = mapping.participants.column ?? 'participant';
  const pivot = pivotLong(table, study, roundKey, participantColumn, problems);
  if (!pivot) return null;
  if (pivot.otherRoundRows)
    problems.warning('UNMAPPED_COLUMN', `${pivot.otherRoundRows} rows of other rounds are not imported into round "${roundKey}".`);
  const own = new Map(entries(mapping.columns));
  const columns: ImportMapping['columns'] = {};
  for (const name of pivot.variables) {
    // The file names the variables; the mapping's entry for a name only adds its value map.
    const values = own.get(name)?.values;
    columns[name] = values ? { variable: name, values } : { variable: name };
  }
  const identified = mapping.participants.identify !== 'anonymous';
  return {
    table: pivot.table,
    mapping: {
      ...mapping,
      participants: {
        ...mapping.participants,
        column: identified ? participantColumn : undefined,
        anonymousColumn: identified && table.headers.some((h) => h.toLowerCase() === 'anonymous') ? 'anonymous' : undefined,
      },
      columns,
    },
  };
}
