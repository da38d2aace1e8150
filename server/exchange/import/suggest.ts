import { pick } from '../../../model/index.js';
import type { ExchangeStudy } from '../study-data.js';
import { exchangeVariables, wideName, type ExchangeVariable } from '../variables.js';
import type { ImportMapping, ValueTarget } from './mapping.js';
import { normaliseLabel, ColumnReader } from './values.js';
import { isLongShape } from './long.js';

/** A value the suggested mapping could not read, with the label it most resembles. */
export interface UnresolvedValue {
  column: string;
  variable: string;
  value: string;
  count: number;
  suggestion: ValueTarget | null;
}

export interface Suggestion {
  mapping: ImportMapping;
  /** Values that need a decision; those with a suggestion are already in mapping.columns[…].values. */
  unresolved: UnresolvedValue[];
}

const words = (s: string) =>
  normaliseLabel(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
const ident = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** Dice coefficient over letter pairs: 1 for equal texts, near 0 for unrelated ones. */
export function similarity(a: string, b: string): number {
  const pairs = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const x = pairs(a);
  const y = pairs(b);
  let common = 0;
  let total = 0;
  for (const [k, n] of x) {
    common += Math.min(n, y.get(k) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total ? (2 * common) / total : a === b ? 1 : 0;
}

/**
 * What a header is compared with, worked out once per variable: its names (variable name and
 * wide name in this round) and its question texts. Matching a header then costs a lookup and a
 * few string tests per variable instead of normalising every text again for every column
 * (20,000 columns once stalled the server for seconds).
 */
interface VariableTexts {
  v: ExchangeVariable;
  names: readonly string[];
  /** Exact question texts (the variable's label, and the item's text when it has no sub-question), nl and en. */
  exact: readonly string[];
  /** For grid and multiple-choice columns: "Question text [sub-question]" parts, per language. */
  parts: readonly { item: string; sub: string; facet: RegExp | null }[];
}

function textsOf(v: ExchangeVariable, roundKey: string): VariableTexts {
  const exact: string[] = [];
  const parts: { item: string; sub: string; facet: RegExp | null }[] = [];
  for (const lang of ['nl', 'en'] as const) {
    exact.push(words(pick(v.label, lang)));
    const itemText = words(pick(v.item.text, lang));
    // "Question text [sub-question]" as LimeSurvey, Qualtrics and Forms write grid columns.
    const sub =
      v.partner?.name ??
      v.tool?.name ??
      (v.option !== undefined
        ? pick(v.item.type === 'multi' ? v.item.options.find((o) => o.code === v.option)?.label : undefined, lang)
        : undefined);
    if (!itemText) continue;
    if (sub === undefined) exact.push(itemText);
    else
      parts.push({
        item: itemText,
        sub: words(sub),
        facet: v.partner ? (v.partner.facet === 'frequency' ? /(freq|vaak|often)/ : /(qual|kwal|goed|well)/) : null,
      });
  }
  return { v, names: [v.name, wideName(v, roundKey)], exact: exact.filter(Boolean), parts };
}

/** Whether a header (already normalised to `words`) is the variable's question text. */
function textOf(text: string, x: VariableTexts): boolean {
  if (!text) return false;
  if (x.exact.includes(text)) return true;
  return x.parts.some((p) => text.includes(p.item) && text.includes(p.sub) && (!p.facet || p.facet.test(text)));
}

const PARTICIPANT_HEADERS = new Set([
  'participant',
  'key',
  'sleutel',
  'deelnemer',
  'respondent',
  'pseudonym',
  'pseudoniem',
  'participant_key',
]);

/**
 * Suggests a mapping for a file: columns to variables of the round (by variable name, wide name
 * `<name>_<round>`, or question text), the participant column, rondo's own wide-file flags, and
 * value maps for values that resemble a scale label ("Helemaal mee eens" → "Helemaal eens").
 * A suggestion; the researcher confirms it on the screen or edits the JSON.
 */
export function suggestMapping(study: ExchangeStudy, roundKey: string, headers: string[], rows: string[][]): Suggestion {
  if (isLongShape(headers)) {
    // A long file names its variables in a column: nothing to match, only who the participant is.
    const participant = headers.find((h) => h.toLowerCase() === 'participant');
    return {
      mapping: {
        format: 'rondo.import-mapping/1',
        round: roundKey,
        shape: 'long',
        participants: participant ? { identify: 'key', column: participant } : { identify: 'anonymous' },
        columns: {},
      },
      unresolved: [],
    };
  }
  const variables = exchangeVariables(study).filter((v) => v.rounds.includes(roundKey));
  const mapping: ImportMapping = {
    format: 'rondo.import-mapping/1',
    round: roundKey,
    participants: { identify: 'anonymous' },
    columns: {},
  };
  const taken = new Set<string>();
  const idents = headers.map(ident);
  const find = (names: string[]) => {
    const i = idents.findIndex((h) => names.includes(h));
    return i >= 0 ? headers[i] : undefined;
  };

  const keyColumn = headers.find((h, i) => PARTICIPANT_HEADERS.has(idents[i]));
  const emailColumn = headers.find((h, i) => /(^|_)(e_?mail|mail|email_address|e_mailadres|emailadres)($|_)/.test(idents[i]));
  if (keyColumn) mapping.participants = { identify: 'key', column: keyColumn };
  else if (emailColumn) mapping.participants = { identify: 'email', column: emailColumn };
  const anonymous = find(['anonymous', 'anoniem']);
  if (anonymous && mapping.participants.identify !== 'anonymous') mapping.participants.anonymousColumn = anonymous;
  for (const [field, names] of [
    ['organisationColumn', ['organisation', 'organization', 'organisatie']],
    ['roleColumn', ['role', 'functie']],
    ['teamColumn', ['team']],
    ['leftColumn', ['left_from']],
  ] as const) {
    const c = find([...names]);
    if (c && mapping.participants.identify !== 'anonymous') mapping.participants[field] = c;
  }
  const responded = find([`responded_${roundKey}`]);
  if (responded) mapping.filter = { column: responded, values: ['1'] };
  const invited = find([`invited_${roundKey}`]);
  if (invited && mapping.participants.identify !== 'anonymous') mapping.invitedColumn = invited;
  const submitted = find([
    `submitted_${roundKey}`,
    `submitted_at_${roundKey}`,
    'submitted_at',
    'submitdate',
    'datum_ingediend',
    'completed',
    'end_date',
    'enddate',
  ]);
  if (submitted) mapping.submittedAtColumn = submitted;

  // Columns that describe the participant or the row are never answers.
  const p = mapping.participants;
  const reserved = new Set(
    [
      p.column,
      p.anonymousColumn,
      p.organisationColumn,
      p.roleColumn,
      p.teamColumn,
      p.leftColumn,
      mapping.filter?.column,
      mapping.invitedColumn,
      mapping.submittedAtColumn,
    ].filter((c): c is string => !!c),
  );
  // Names first, question texts second, so a text never takes a column that names another variable.
  const texts = variables.map((v) => textsOf(v, roundKey));
  const byName = new Map<string, VariableTexts[]>();
  for (const x of texts) for (const name of x.names) byName.set(name, [...(byName.get(name) ?? []), x]);
  const chosen = new Map<number, ExchangeVariable>();
  headers.forEach((header, col) => {
    if (!header || reserved.has(header)) return;
    const v = byName.get(idents[col])?.find((x) => !taken.has(x.v.name))?.v;
    if (v) taken.add(v.name), chosen.set(col, v);
  });
  headers.forEach((header, col) => {
    if (!header || reserved.has(header) || chosen.has(col)) return;
    const text = words(header);
    const v = texts.find((x) => !taken.has(x.v.name) && textOf(text, x))?.v;
    if (v) taken.add(v.name), chosen.set(col, v);
  });

  const unresolved: UnresolvedValue[] = [];
  for (const [col, v] of [...chosen].sort((a, b) => a[0] - b[0])) {
    const header = headers[col];
    const entry: { variable: string; values?: Record<string, ValueTarget> } = { variable: v.name };
    if (v.kind !== 'text') {
      const reader = new ColumnReader(v, undefined, '.');
      const counts = new Map<string, number>();
      for (const row of rows) {
        const raw = (row[col] ?? '').trim();
        if (!raw) continue;
        const seen = counts.get(raw);
        if (seen !== undefined) counts.set(raw, seen + 1);
        else if (counts.size < 50 && reader.read(raw.replace(',', '.')).kind === 'problem') counts.set(raw, 1);
      }
      for (const [value, count] of counts) {
        const best = bestLabel(value, v);
        if (best !== null) (entry.values ??= {})[value] = best;
        unresolved.push({ column: header, variable: v.name, value, count, suggestion: best });
      }
    }
    mapping.columns[header] = entry;
  }
  return { mapping, unresolved };
}

function bestLabel(value: string, v: ExchangeVariable): ValueTarget | null {
  const text = words(value);
  let best: { score: number; code: ValueTarget } | null = null;
  const consider = (label: string, code: ValueTarget) => {
    const score = similarity(text, words(label));
    if (score >= 0.6 && (!best || score > best.score)) best = { score, code };
  };
  for (const p of v.values) for (const lang of ['nl', 'en'] as const) consider(pick(p.label, lang), p.code);
  if (v.missing.includes('dont_know')) ['weet niet', "don't know", 'geen idee'].forEach((l) => consider(l, 'dont_know'));
  if (v.missing.includes('not_applicable')) ['niet van toepassing', 'not applicable'].forEach((l) => consider(l, 'not_applicable'));
  return (best as { code: ValueTarget } | null)?.code ?? null;
}
