import Papa from 'papaparse';
import type { InstrumentReport } from '../../../model/api/instrument.js';
import { MAX_INSTRUMENT_BYTES } from '../../../model/api/instrument.js';
import { InstrumentBuilder, codedOptions, reportOf, type StudyContext } from './build.js';

/**
 * A REDCap data dictionary (CSV, as "Download the current Data Dictionary" writes it) read as a
 * rondo questionnaire: a section per form (and per section header), radio and dropdown → single,
 * checkbox → multi, yesno and truefalse → yes/no, text with integer or number validation →
 * number, other text → a one-line text, notes → open text, slider → rating 0–100, descriptive →
 * section introduction; calc, file and sql fields are reported as not imported, as are
 * branching logic, action tags and other validations. A matrix group (fields that share their
 * choices, shown as one grid) is noted on each of its fields: they become separate questions,
 * and a ranking matrix's one-choice-per-row rule is not kept. REDCap has one language: its texts
 * are used for each language of the study (noted once).
 */

const COLUMNS = {
  name: 'variable / field name',
  form: 'form name',
  header: 'section header',
  type: 'field type',
  label: 'field label',
  choices: 'choices, calculations, or slider labels',
  note: 'field note',
  validation: 'text validation type or show slider number',
  min: 'text validation min',
  max: 'text validation max',
  branching: 'branching logic (show field only if...)',
  required: 'required field?',
  annotation: 'field annotation',
  matrix: 'matrix group name',
  ranking: 'matrix ranking?',
} as const;

export function readRedcap(bytes: Buffer, fileName: string, study: StudyContext): InstrumentReport {
  const b = new InstrumentBuilder('redcap', study);
  const file = { name: fileName, bytes: bytes.length };
  if (bytes.length > MAX_INSTRUMENT_BYTES) {
    b.note(
      null,
      'TOO_LARGE',
      'error',
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; a dictionary may be at most ${MAX_INSTRUMENT_BYTES / 1048576} MB.`,
    );
    return reportOf(b, file, null);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) {
    b.note(null, 'NOT_CSV', 'error', 'The file holds binary data; a data dictionary is a CSV text file.');
    return reportOf(b, file, null);
  }
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  const [header = [], ...data] = parsed.data;
  const at = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = (['name', 'form', 'type', 'label'] as const).filter((k) => !at.has(COLUMNS[k]));
  if (missing.length) {
    b.note(
      null,
      'MISSING_COLUMNS',
      'error',
      `This is not a REDCap data dictionary: no column ${missing.map((k) => `"${COLUMNS[k]}"`).join(', ')} (compare "Variable ` +
        `/ Field Name", "Form Name", "Field Type", "Field Label").`,
    );
    return reportOf(b, file, null);
  }
  const cellOf = (row: string[], k: keyof typeof COLUMNS) => (at.has(COLUMNS[k]) ? (row[at.get(COLUMNS[k])!] ?? '').trim() : '');
  // The fields of each matrix group, for the note on each of them.
  const matrices = new Map<string, string[]>();
  for (const row of data) {
    const group = cellOf(row, 'matrix');
    if (group && cellOf(row, 'name')) matrices.set(group, [...(matrices.get(group) ?? []), cellOf(row, 'name')]);
  }
  let form: string | null = null;
  for (const row of data) {
    const cell = (k: keyof typeof COLUMNS) => cellOf(row, k);
    const name = cell('name');
    if (!name) continue;
    if (cell('form') !== form) {
      form = cell('form');
      b.section(form, { en: form.replace(/_/g, ' ') });
    }
    if (cell('header')) b.section(`${form}_${cell('header')}`, { en: cell('header') });
    field(b, {
      name,
      type: cell('type').toLowerCase(),
      label: cell('label'),
      choices: cell('choices'),
      note: cell('note'),
      validation: cell('validation').toLowerCase(),
      min: cell('min'),
      max: cell('max'),
      branching: cell('branching'),
      required: cell('required').toLowerCase() === 'y',
      annotation: cell('annotation'),
      matrix: cell('matrix')
        ? { name: cell('matrix'), fields: matrices.get(cell('matrix'))!, ranking: cell('ranking').toLowerCase() === 'y' }
        : null,
    });
  }
  b.note(null, 'ONE_LANGUAGE', 'info', 'A REDCap dictionary has one language; its texts are used for every language of the study.');
  return reportOf(b, file, b.finish({ en: fileName.replace(/\.[^.]+$/, '') }));
}

interface Field {
  name: string;
  type: string;
  label: string;
  choices: string;
  note: string;
  validation: string;
  min: string;
  max: string;
  branching: string;
  required: boolean;
  annotation: string;
  /** The matrix group the field is in, with the group's fields, and whether it is a ranking. */
  matrix: { name: string; fields: string[]; ranking: boolean } | null;
}

function field(b: InstrumentBuilder, f: Field) {
  const q = b.question(f.name, f.type);
  // One language: the same text in each of the study's languages (not a copy worth a note per item).
  const one = (t: string) => Object.fromEntries(b.study.languages.map((l) => [l, t]));
  const text = b.text(one(f.label || f.name), q, f.name);
  const help = f.note ? { help: b.text(one(f.note), q, f.name) } : {};
  const base = () => ({ id: b.id(f.name, q), text, required: f.required, ...help });
  if (f.branching)
    b.note(q, 'CONDITION', 'warning', `Branching logic "${f.branching.slice(0, 120)}" is not imported: the question is always asked.`);
  if (f.matrix) {
    const { name, fields, ranking } = f.matrix;
    const list = fields.length > 6 ? `${fields.slice(0, 5).join(', ')} … (${fields.length} fields)` : fields.join(', ');
    b.note(
      q,
      'MATRIX_GROUP',
      ranking ? 'warning' : 'info',
      `Part of matrix group "${name.slice(0, 60)}" (${list}): each field becomes a question of its own, one after the other` +
        (ranking ? '; the ranking (each choice used once across the rows) is not imported.' : '.'),
    );
  }
  if (f.annotation && /@[A-Z]/.test(f.annotation))
    b.note(q, 'ACTION_TAGS', 'warning', `Action tags (${f.annotation.slice(0, 80)}) are not imported.`);
  const choices = () =>
    f.choices
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => {
        const comma = c.indexOf(',');
        return comma < 0 ? { code: c, label: one(c) } : { code: c.slice(0, comma).trim(), label: one(c.slice(comma + 1).trim()) };
      });
  switch (f.type) {
    case 'radio':
    case 'dropdown':
    case 'checkbox': {
      const options = codedOptions(b, q, choices());
      if (!options.length || options.length > 50)
        return void b.note(
          q,
          'TOO_MANY_OPTIONS',
          'warning',
          `${options.length} choices; rondo takes 1 to 50, so the field is not imported.`,
        );
      return b.item(q, { ...base(), type: f.type === 'checkbox' ? 'multi' : 'single', options });
    }
    case 'yesno':
    case 'truefalse':
      if (f.type === 'truefalse') b.note(q, 'CODES_RENUMBERED', 'info', 'True is stored as 1 (yes), false as 0 (no), as REDCap does.');
      return b.item(q, { ...base(), type: 'yesno' });
    case 'text': {
      const numeric = /^(integer|number)/.test(f.validation);
      if (!numeric) {
        if (f.validation) b.note(q, 'VALIDATION', 'warning', `Validation "${f.validation}" is not imported: the answer is free text.`);
        return b.item(q, { ...base(), type: 'text', maxLength: 255, multiline: false });
      }
      const min = Number(f.min);
      const max = Number(f.max);
      const bounded = f.min !== '' && f.max !== '' && Number.isFinite(min) && Number.isFinite(max);
      if (!bounded)
        b.note(q, 'DEFAULT_BOUNDS', 'info', 'No minimum and maximum in the file: 0 to 1,000,000 is used; set them in the builder.');
      if (f.validation !== 'integer' && f.validation !== 'number')
        b.note(q, 'VALIDATION', 'info', `Validation "${f.validation}" becomes a number without a fixed number of decimals.`);
      return b.item(q, {
        ...base(),
        type: 'number',
        min: bounded ? min : 0,
        max: bounded ? max : 1_000_000,
        integer: f.validation === 'integer',
      });
    }
    case 'notes':
      return b.item(q, { ...base(), type: 'text', maxLength: 2000, multiline: true });
    case 'slider': {
      const labels = f.choices.split('|').map((c) => c.trim());
      b.note(q, 'VALIDATION', 'info', 'The slider becomes a rating from 0 to 100 with its end labels.');
      return b.item(q, {
        ...base(),
        type: 'rating',
        min: 0,
        max: 100,
        ...(labels[0] ? { minLabel: b.text(one(labels[0]), q, f.name) } : {}),
        ...(labels.length > 1 && labels[labels.length - 1] ? { maxLabel: b.text(one(labels[labels.length - 1]), q, f.name) } : {}),
      });
    }
    case 'descriptive':
      return b.intro(q, text);
    case 'calc':
      return void b.note(
        q,
        'CALCULATION',
        'warning',
        `A calculated field (${f.choices.slice(0, 80)}) is not imported: rondo does not calculate during a survey.`,
      );
    default:
      b.note(q, 'UNSUPPORTED_TYPE', 'warning', `Field type "${f.type}" has no rondo counterpart; the field is not imported.`);
  }
}
