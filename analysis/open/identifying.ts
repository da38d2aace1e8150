import { IDENTIFYING_KINDS, type IdentifyingKind } from '../../model/values.js';

/**
 * Identifying information in a free text: what a researcher must remove before an open answer
 * may be quoted (PRODUCT.md: quotes only as approved, anonymised excerpts).
 *
 * Finds e-mail addresses, phone numbers (Dutch and international), Dutch postcodes, names of
 * organisations in the cohort, names of people in the cohort, and name-like words after a
 * form of address ("mevrouw Jansen", "dr. Smit") or among common Dutch first names. Pure and
 * run both on the server (stored answers) and in the browser (while an excerpt is edited).
 * A warning is a prompt to look, not a guarantee: no detector finds every name.
 */

export { IDENTIFYING_KINDS, type IdentifyingKind };

export interface IdentifyingHit {
  kind: IdentifyingKind;
  /** The text found, as written. */
  match: string;
  start: number;
  end: number;
}

export interface IdentifyingContext {
  /** Organisation names of the cohort (exact names, matched case-insensitively as words). */
  organisations?: readonly string[];
  /** Names of people (cohort contacts), full names or parts of at least three letters. */
  names?: readonly string[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// 06-12345678, 06 1234 5678, 0471-123456, +31 6 12345678, 0031 (0)43 1234567
const PHONE = /(?<![\p{N}])(?:(?:\+|00)\d{2}[\s-]?(?:\(0\)\s?)?\d(?:[\s-]?\d){7,9}|0\d(?:[\s-]?\d){8})(?![\p{N}])/gu;
// 1234 AB, 1234AB (not 1234 SS or SD/SA per PostNL, but a warning may over-report)
const POSTCODE = /(?<![\p{L}\p{N}])[1-9]\d{3}\s?[A-Z]{2}(?![\p{L}\p{N}])/gu;
const ADDRESS =
  /(?<![\p{L}])(?:mevrouw|mevr\.?|meneer|mijnheer|dhr\.?|mw\.?|dr\.?|drs\.?|ir\.?|mr\.?|mrs\.?|ms\.?|miss|collega|juf|meester)\s+((?:van\s+(?:de[rn]?\s+)?|de\s+|ter\s+)?\p{Lu}[\p{L}'-]+)/gu;
/** Frequent Dutch first names (CBS top names, both sexes); a hit asks the researcher to look. */
const FIRST_NAMES = new Set(
  (
    'anna emma julia sophie lisa sara sarah eva lotte fleur noa tess mila zoë zoe nina femke anouk lieke iris ' +
    'sanne marieke linda ingrid monique esther petra ellen karin wilma annemiek maria marie johanna ' +
    'jan piet kees henk gerrit willem hans peter johan kees klaas bram daan sem lucas finn levi luuk thijs ' +
    'jeroen martijn bas tim tom ruben stijn mark erik frank paul dennis sander joost wouter niels rob'
  ).split(' '),
);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function wordsRe(terms: readonly string[], flags = 'giu'): RegExp | null {
  const clean = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length >= 3))].sort((a, b) => b.length - a.length);
  if (!clean.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${clean.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, flags);
}

/** Name particles that are ordinary words on their own ("van", "der"): never a name hit alone. */
const PARTICLES = new Set(['van', 'der', 'den', 'ter', 'ten', 'het', 'von', 'del', 'les', 'dos', 'das', 'the']);

/** Hits in text order; overlapping hits of different kinds are all kept. */
export function findIdentifying(text: string, ctx: IdentifyingContext = {}): IdentifyingHit[] {
  const hits: IdentifyingHit[] = [];
  const add = (kind: IdentifyingKind, re: RegExp | null, group = 0) => {
    if (!re) return;
    for (const m of text.matchAll(re)) {
      const match = m[group];
      const start = m.index! + m[0].lastIndexOf(match);
      hits.push({ kind, match, start, end: start + match.length });
    }
  };
  add('email', EMAIL);
  add('phone', PHONE);
  add('postcode', POSTCODE);
  add('organisation', wordsRe(ctx.organisations ?? []));
  // Whole names in any case; single parts (a first or last name) only as capitalised words,
  // so "Bakker" is a hit and "bakker" or "van" is not.
  add('name', wordsRe(ctx.names ?? []));
  const parts = (ctx.names ?? []).flatMap((n) => n.split(/\s+/)).filter((w) => /^\p{Lu}/u.test(w) && !PARTICLES.has(w.toLowerCase()));
  add('name', wordsRe(parts, 'gu'));
  add('name', ADDRESS, 1);
  for (const m of text.matchAll(/(?<![\p{L}])\p{Lu}[\p{Ll}]+(?![\p{L}])/gu)) {
    if (FIRST_NAMES.has(m[0].toLowerCase())) hits.push({ kind: 'name', match: m[0], start: m.index!, end: m.index! + m[0].length });
  }
  // One hit per span and kind, in text order.
  const seen = new Set<string>();
  return hits
    .filter((h) => {
      const k = `${h.kind}:${h.start}:${h.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The kinds found, each once, in IDENTIFYING_KINDS order. */
export function identifyingKinds(text: string, ctx: IdentifyingContext = {}): IdentifyingKind[] {
  const found = new Set(findIdentifying(text, ctx).map((h) => h.kind));
  return IDENTIFYING_KINDS.filter((k) => found.has(k));
}
