import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';

/**
 * What a password must be, following NIST SP 800-63B §5.1.1.2: at least 8 characters, long
 * passphrases welcome (up to 256), no composition rules, and not one of the passwords that
 * attackers try first. Counted in Unicode code points after NFKC normalisation, as hashed.
 */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = 'blank' | 'invisible' | 'too-short' | 'too-long' | 'common' | 'like-email';

/**
 * Characters nobody can see or type on purpose: control characters (NUL, tab, newline …),
 * format characters (zero-width space and joiners, bidi marks, the BOM), and unassigned
 * code points. A password of them is easy to mistype and can hide from the person who set it.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cn}]/u;
/** A zero-width joiner inside an emoji sequence (🐈‍⬛) is part of a visible character. */
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200d(?=\p{Extended_Pictographic})/gu;

const LIST_FILE = path.join(ROOT, 'server/auth/common-passwords.txt');

/** Dutch passwords that any guesser here tries too; the file holds the international list. */
const DUTCH = [
  'wachtwoord',
  'wachtwoord1',
  'wachtwoord123',
  'welkom01',
  'welkom123',
  'welkomwelkom',
  'geheim123',
  'voetbal123',
  'rondo123',
  'rondorondo',
  'onderzoek',
  'onderzoek1',
];

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  if (!common) {
    const lines = fs.readFileSync(LIST_FILE, 'utf8').split(/\r?\n/);
    common = new Set([...lines.filter((l) => l && !l.startsWith('#')), ...DUTCH].map((l) => l.toLowerCase()));
  }
  return common;
}

/** True when the password is on the common list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.normalize('NFKC').toLowerCase());
}

/** The first problem with a new password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  const normal = password.normalize('NFKC');
  if (INVISIBLE.test(normal.replace(EMOJI_JOINER, ''))) return 'invisible';
  if (normal.trim() === '') return 'blank';
  const length = [...normal].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (length > MAX_PASSWORD_LENGTH) return 'too-long';
  if (isCommonPassword(normal)) return 'common';
  if (email) {
    const lower = normal.toLowerCase();
    const address = email.trim().toLowerCase();
    const local = address.split('@')[0];
    if (lower === address || (local.length >= 4 && lower === local)) return 'like-email';
  }
  return null;
}

export const PASSWORD_MESSAGES: Record<PasswordProblem, { nl: string; en: string }> = {
  blank: { nl: 'Een wachtwoord kan niet alleen uit spaties bestaan.', en: 'A password cannot be only spaces.' },
  invisible: {
    nl:
      'Een wachtwoord mag geen onzichtbare tekens of stuurtekens bevatten ' +
      '(zoals een spatie zonder breedte, een tab of een nieuwe regel).',
    en: 'A password cannot contain invisible or control characters (such as a zero-width space, a tab or a line break).',
  },
  'too-short': {
    nl: `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens; een zin van een paar woorden is het makkelijkst.`,
    en: `A password needs at least ${MIN_PASSWORD_LENGTH} characters; a passphrase of a few words is easiest.`,
  },
  'too-long': {
    nl: `Een wachtwoord heeft hoogstens ${MAX_PASSWORD_LENGTH} tekens.`,
    en: `A password can have at most ${MAX_PASSWORD_LENGTH} characters.`,
  },
  common: {
    nl: 'Dit wachtwoord is een van de meest gebruikte en makkelijk te raden; kies een ander.',
    en: 'This password is one of the most common ones and is easily guessed; choose another.',
  },
  'like-email': { nl: 'Een wachtwoord mag niet het e-mailadres zijn.', en: 'A password cannot be your e-mail address.' },
};
