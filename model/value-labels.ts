import { Type, type Static } from '@sinclair/typebox';
import type { Lang, LocalText } from './i18n.js';

/**
 * Labels for coded values (a participant's role or organisation): what the factsheet, the
 * dashboard, the filters and the exports print instead of the code ("ggd-arts" → "GGD-arts" /
 * "GGD physician"). Stored with the study (`Study.valueLabels`), editable in the cohort screen.
 */

/** The longest label (characters). */
export const VALUE_LABEL_MAX = 200;

const Label = Type.Object(
  {
    nl: Type.Optional(Type.String({ maxLength: 1000 })),
    en: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

export const VALUE_LABEL_KINDS = ['roles', 'organisations'] as const;
export type ValueLabelKind = (typeof VALUE_LABEL_KINDS)[number];

export const ValueLabelsSchema = Type.Object(
  {
    roles: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 120 }), Label)),
    organisations: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 120 }), Label)),
  },
  { additionalProperties: false },
);
export type ValueLabels = Static<typeof ValueLabelsSchema>;

/** Labels rondo knows for the roles of its templates and demo. */
export const KNOWN_VALUE_LABELS: Readonly<Record<string, { nl: string; en: string }>> = Object.freeze({
  'ggd-arts': { nl: 'GGD-arts', en: 'GGD physician' },
  'jgz-verpleegkundige': { nl: 'JGZ-verpleegkundige', en: 'youth health care nurse' },
  gezinscoach: { nl: 'gezinscoach', en: 'family coach' },
  'voorschoolse intern begeleider': { nl: 'voorschoolse intern begeleider', en: 'preschool internal supervisor' },
});

/**
 * A record's own value for a key: a code is whatever a researcher or an import wrote, and a role
 * called "__proto__" or "constructor" must not find Object.prototype's.
 */
function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The label of a code when the study gives none: a label rondo knows, else the code with
 * hyphens and underscores as spaces and the first letter capitalised ("wijk-team" → "Wijk team").
 * Organisations are stored by name ("GGD Limburg-Noord"), which is their label.
 */
export function defaultValueLabel(code: string, kind: ValueLabelKind = 'roles'): { nl: string; en: string } {
  if (kind === 'organisations') return { nl: code, en: code };
  const known = ownValue(KNOWN_VALUE_LABELS, code.trim().toLowerCase());
  if (known) return { ...known };
  const plain = code.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  const text = plain.charAt(0).toLocaleUpperCase('nl') + plain.slice(1);
  return { nl: text, en: text };
}

/** A code's label in one language: the study's label, else the default. */
export function valueLabel(code: string, lang: Lang, labels?: ValueLabels, kind: ValueLabelKind = 'roles'): string {
  const own: LocalText | undefined = ownValue(labels?.[kind], code);
  const text = own?.[lang]?.trim() || (lang === 'en' ? '' : own?.en?.trim()) || '';
  return text || defaultValueLabel(code, kind)[lang];
}

/** A code's label in both languages (for data that keeps both, such as a factsheet's numbers). */
export function valueLabelText(code: string, labels?: ValueLabels, kind: ValueLabelKind = 'roles'): { nl: string; en: string } {
  return { nl: valueLabel(code, 'nl', labels, kind), en: valueLabel(code, 'en', labels, kind) };
}

/**
 * What is wrong with a label a researcher typed, in words for the screen, or null when it is
 * fine: plain text of at most VALUE_LABEL_MAX characters, no markup.
 */
export function checkValueLabel(text: string): { nl: string; en: string } | null {
  if (text.length > VALUE_LABEL_MAX)
    return {
      nl: `Een label mag hoogstens ${VALUE_LABEL_MAX} tekens lang zijn (dit label heeft er ${text.length}).`,
      en: `A label may be at most ${VALUE_LABEL_MAX} characters long (this one has ${text.length}).`,
    };
  if (/[<>]|&[a-z#0-9]+;/i.test(text))
    return { nl: 'Een label is platte tekst: zonder < > of HTML-code.', en: 'A label is plain text: no < > or HTML code.' };
  return null;
}
