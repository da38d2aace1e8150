import { Type, type Static } from '@sinclair/typebox';

/**
 * Cohort attributes (issue 16, deliverable 6): fields the researcher defines for the
 * participants of a study — domain, team, region … — beside the built-in ones (organisation,
 * role). Each has a key (the export column and the filter name), a label, and optionally a list
 * of allowed values with labels; without a list any short text is a value. The definitions live
 * on the study (`Study.cohortAttributes`); the values per participant in the store.
 *
 * Used as dashboard filters and subgroup splits (`?attribute=domain:jeugd`, `?split=domain`) and
 * as columns of the data exports, so a key must never be mistaken for a built-in column.
 */

/** Lower-case letters, digits and _, starting with a letter: a safe export column and filter name. */
export const ATTRIBUTE_KEY_PATTERN = '^[a-z][a-z0-9_]{0,29}$';
/** No markup, braces, line breaks or control characters: labels are printed as plain text everywhere. */
export const ATTRIBUTE_TEXT_PATTERN = '^[^<>{}\\u0000-\\u001f\\u007f]*$';
export const ATTRIBUTE_LABEL_MAX = 80;
export const ATTRIBUTE_VALUE_MAX = 120;
export const MAX_ATTRIBUTES = 20;
export const MAX_ATTRIBUTE_VALUES = 100;

/**
 * Keys that name a built-in participant field, a column the exports already write, or an
 * object's own machinery. `team` is built in: the cohort's "Team/regio" field, filterable as
 * `?attribute=team:…` like any attribute.
 */
export const RESERVED_ATTRIBUTE_KEYS: readonly string[] = [
  'email',
  'e_mail',
  'mail',
  'name',
  'naam',
  'role',
  'rol',
  'functie',
  'organisation',
  'organization',
  'organisatie',
  'team',
  'language',
  'lang',
  'taal',
  'group',
  'groep',
  'participant',
  'deelnemer',
  'id',
  'key',
  'token',
  'round',
  'ronde',
  'meting',
  'anonymous',
  'left_from',
  'status',
  'created_at',
  'submitted_at',
  'attribute',
  'split',
  'matched',
  'audience',
  'constructor',
  'prototype',
  'proto',
  'hasownproperty',
  'tostring',
  'valueof',
];
/** Prefixes of the export's per-round columns (`invited_pre`): a key with one could collide. */
const RESERVED_PREFIXES = ['invited_', 'responded_', 'submitted_'] as const;

/** The built-in attribute every cohort has: the participant's team or region (participant.team). */
export const TEAM_ATTRIBUTE = 'team' as const;

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: ATTRIBUTE_TEXT_PATTERN });
const Label = Type.Object({ nl: Text(ATTRIBUTE_LABEL_MAX), en: Type.Optional(Text(ATTRIBUTE_LABEL_MAX)) }, { additionalProperties: false });

export const AttributeValueSchema = Type.Object(
  { value: Text(ATTRIBUTE_VALUE_MAX), label: Type.Optional(Label) },
  { additionalProperties: false },
);
export type AttributeValue = Static<typeof AttributeValueSchema>;

export const CohortAttributeSchema = Type.Object(
  {
    key: Type.String({ pattern: ATTRIBUTE_KEY_PATTERN }),
    label: Label,
    /** The allowed values, in the order screens list them; absent: any short text. */
    values: Type.Optional(Type.Array(AttributeValueSchema, { minItems: 1, maxItems: MAX_ATTRIBUTE_VALUES })),
  },
  { additionalProperties: false },
);
export type CohortAttribute = Static<typeof CohortAttributeSchema>;

export const CohortAttributesSchema = Type.Array(CohortAttributeSchema, { maxItems: MAX_ATTRIBUTES });

export const ATTRIBUTE_ISSUE_CODES = [
  'invalid-key',
  'reserved-key',
  'duplicate-key',
  'missing-label',
  'markup',
  'too-long',
  'duplicate-value',
  'too-many',
  'value-not-allowed',
  'formula',
] as const;
export type AttributeIssueCode = (typeof ATTRIBUTE_ISSUE_CODES)[number];

export interface AttributeIssue {
  code: AttributeIssueCode;
  /** The attribute's key (as given) the issue is about. */
  key: string;
  message: { nl: string; en: string };
}

const TEXT = new RegExp(ATTRIBUTE_TEXT_PATTERN);
const KEY = new RegExp(ATTRIBUTE_KEY_PATTERN);
const shown = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Whether a key names a built-in field, an export column or object machinery (case-insensitive). */
export function isReservedAttributeKey(key: string): boolean {
  const k = key.toLowerCase();
  return RESERVED_ATTRIBUTE_KEYS.includes(k) || k.startsWith('_') || RESERVED_PREFIXES.some((p) => k.startsWith(p));
}

/** A cell a spreadsheet would run as a formula when exported (as the cohort import checks). */
function looksLikeFormula(value: string): boolean {
  return /^[=@\t\r]/.test(value) || (/^[+-]/.test(value) && !/^[+-]?[\d\s.,()]*$/.test(value));
}

/**
 * Checks a study's attribute definitions as a researcher wrote them, with a clear message per
 * problem (Dutch and English). An empty list means they can be stored; the caller stores
 * nothing otherwise.
 */
export function checkCohortAttributes(list: readonly { key: string; label: { nl?: string; en?: string }; values?: unknown }[]) {
  const issues: AttributeIssue[] = [];
  const add = (code: AttributeIssueCode, key: string, nl: string, en: string) => issues.push({ code, key, message: { nl, en } });
  if (list.length > MAX_ATTRIBUTES)
    add('too-many', '', `Hoogstens ${MAX_ATTRIBUTES} kenmerken per onderzoek.`, `At most ${MAX_ATTRIBUTES} attributes per study.`);
  const seen = new Set<string>();
  for (const a of list) {
    const key = String(a.key ?? '');
    if (isReservedAttributeKey(key)) {
      add(
        'reserved-key',
        key,
        `De naam ${shown(key)} is al van een vast veld of een exportkolom (zoals e-mail, naam, functie, organisatie, team, ` +
          `taal, groep, deelnemer, ronde); kies een andere naam, bijvoorbeeld "domein".`,
        `The key ${shown(key)} belongs to a built-in field or export column (such as email, name, role, organisation, team, ` +
          `language, group, participant, round); choose another key, for example "domain".`,
      );
    } else if (!KEY.test(key)) {
      add(
        'invalid-key',
        key,
        `De naam ${shown(key)} mag alleen kleine letters, cijfers en _ bevatten, begint met een letter en is hoogstens 30 tekens.`,
        `The key ${shown(key)} may hold only lower-case letters, digits and _, starts with a letter and has at most 30 characters.`,
      );
    } else if (seen.has(key)) {
      add('duplicate-key', key, `De naam ${shown(key)} komt twee keer voor.`, `The key ${shown(key)} is used twice.`);
    }
    seen.add(key);
    checkLabel(a.label, key, 'label', add);
    if (a.values === undefined) continue;
    const values = Array.isArray(a.values) ? (a.values as { value?: unknown; label?: { nl?: string; en?: string } }[]) : [];
    if (values.length > MAX_ATTRIBUTE_VALUES)
      add(
        'too-many',
        key,
        `Hoogstens ${MAX_ATTRIBUTE_VALUES} waarden per kenmerk.`,
        `At most ${MAX_ATTRIBUTE_VALUES} values per attribute.`,
      );
    const seenValues = new Set<string>();
    for (const v of values) {
      const value = String(v.value ?? '').trim();
      const problem = valueProblem(value);
      if (problem) issues.push({ ...problem, key });
      else if (seenValues.has(value.toLowerCase()))
        add('duplicate-value', key, `De waarde ${shown(value)} komt twee keer voor.`, `The value ${shown(value)} is listed twice.`);
      seenValues.add(value.toLowerCase());
      if (v.label !== undefined) checkLabel(v.label, key, `value ${value}`, add);
    }
  }
  return issues;
}

function checkLabel(
  label: { nl?: string; en?: string } | undefined,
  key: string,
  what: string,
  add: (code: AttributeIssueCode, key: string, nl: string, en: string) => void,
): void {
  if (!label?.nl?.trim()) {
    add('missing-label', key, `Geef ${shown(key)} een Nederlandse naam (${what}).`, `Give ${shown(key)} a Dutch label (${what}).`);
  }
  for (const text of [label?.nl, label?.en]) {
    if (text === undefined) continue;
    if (!TEXT.test(text))
      add(
        'markup',
        key,
        `Namen zijn platte tekst: geen <, >, {, } of regeleinden (${what} van ${shown(key)}).`,
        `Labels are plain text: no <, >, {, } or line breaks (${what} of ${shown(key)}).`,
      );
    else if (text.length > ATTRIBUTE_LABEL_MAX)
      add(
        'too-long',
        key,
        `Een naam is hoogstens ${ATTRIBUTE_LABEL_MAX} tekens (${what} van ${shown(key)}).`,
        `A label has at most ${ATTRIBUTE_LABEL_MAX} characters (${what} of ${shown(key)}).`,
      );
  }
}

/** Why a text cannot be an attribute value (null: it can). */
function valueProblem(value: string): Omit<AttributeIssue, 'key'> | null {
  if (!value) return { code: 'missing-label', message: { nl: 'Een waarde is leeg.', en: 'A value is empty.' } };
  if (!TEXT.test(value))
    return {
      code: 'markup',
      message: {
        nl: 'Waarden zijn platte tekst: geen <, >, {, } of regeleinden.',
        en: 'Values are plain text: no <, >, {, } or line breaks.',
      },
    };
  if (value.length > ATTRIBUTE_VALUE_MAX)
    return {
      code: 'too-long',
      message: {
        nl: `Een waarde is hoogstens ${ATTRIBUTE_VALUE_MAX} tekens.`,
        en: `A value has at most ${ATTRIBUTE_VALUE_MAX} characters.`,
      },
    };
  if (looksLikeFormula(value))
    return {
      code: 'formula',
      message: {
        nl: `Begint met "${value[0]}" en lijkt een spreadsheetformule.`,
        en: `Starts with "${value[0]}" and looks like a spreadsheet formula.`,
      },
    };
  return null;
}

/**
 * The value as it is stored for a participant: trimmed, and for an attribute with a list the
 * list's own spelling (matched without regard to case or to the value's label). Returns an issue
 * when the value cannot be stored; '' (no value) is always allowed.
 */
export function normaliseAttributeValue(
  attribute: CohortAttribute,
  raw: string,
): { ok: true; value: string } | { ok: false; issue: AttributeIssue } {
  const value = raw.trim();
  if (!value) return { ok: true, value: '' };
  const problem = valueProblem(value);
  if (problem) return { ok: false, issue: { ...problem, key: attribute.key } };
  if (!attribute.values) return { ok: true, value };
  const lower = value.toLowerCase();
  const match = attribute.values.find(
    (v) => v.value.toLowerCase() === lower || v.label?.nl?.toLowerCase() === lower || v.label?.en?.toLowerCase() === lower,
  );
  if (match) return { ok: true, value: match.value };
  const allowed = attribute.values.map((v) => v.value).join(', ');
  return {
    ok: false,
    issue: {
      code: 'value-not-allowed',
      key: attribute.key,
      message: {
        nl: `${shown(value)} is geen toegestane waarde van ${attribute.label.nl}; kies uit: ${allowed}.`,
        en: `${shown(value)} is not an allowed value of ${attribute.label.en ?? attribute.label.nl}; choose from: ${allowed}.`,
      },
    },
  };
}

/** The label of a value in a language (the value itself when it has none). */
export function attributeValueLabel(attribute: CohortAttribute | undefined, value: string, lang: 'nl' | 'en'): string {
  const v = attribute?.values?.find((x) => x.value === value);
  return (lang === 'en' ? (v?.label?.en ?? v?.label?.nl) : v?.label?.nl) ?? value;
}
