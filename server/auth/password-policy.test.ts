import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts passphrases and long passwords without composition rules', () => {
    expect(passwordProblem('de kat krabt de krullen van de trap')).toBeNull();
    expect(passwordProblem('x'.repeat(256))).toBeNull();
    expect(passwordProblem('ééééééééé')).toBeNull();
    expect(passwordProblem('  spaces around are fine  ')).toBeNull();
    expect(passwordProblem('wachtwoord met emoji 🐈‍⬛')).toBeNull();
  });

  it.each([
    ['seven characters', '1234567', 'too-short'],
    ['too long', 'x'.repeat(257), 'too-long'],
    ['on the common list', 'sunshine', 'common'],
    ['on the list in capitals', 'SUNSHINE', 'common'],
    ['a Dutch favourite', 'Welkom123', 'common'],
    ['8 spaces', ' '.repeat(8), 'blank'],
    ['12 non-breaking and ideographic spaces', '\u00a0\u3000'.repeat(6), 'blank'],
    ['8 zero-width spaces', '\u200b'.repeat(8), 'invisible'],
    ['8 NUL characters', '\u0000'.repeat(8), 'invisible'],
    ['a passphrase with a tab', 'de kat\tkrabt de trap', 'invisible'],
    ['a passphrase with a right-to-left mark', 'de kat krabt\u200f de trap', 'invisible'],
  ])('refuses a password that is %s', (_name, password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses the account’s own e-mail address', () => {
    expect(passwordProblem('anna.devries@ggd.nl', 'Anna.deVries@ggd.nl')).toBe('like-email');
    expect(passwordProblem('anna.devries', 'anna.devries@ggd.nl')).toBe('like-email');
  });

  it('knows the shipped list of a thousand common passwords', () => {
    expect(isCommonPassword('123456')).toBe(true);
    expect(isCommonPassword('freepass')).toBe(true);
    expect(isCommonPassword('this is not on any list 7')).toBe(false);
  });
});
