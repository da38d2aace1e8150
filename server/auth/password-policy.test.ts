import { describe, expect, it } from 'vitest';
import { isCommonPassword, passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts passphrases and long passwords without composition rules', () => {
    expect(passwordProblem('de kat krabt de krullen van de trap')).toBeNull();
    expect(passwordProblem('x'.repeat(256))).toBeNull();
    expect(passwordProblem('ééééééééé')).toBeNull();
  });

  it.each([
    ['seven characters', '1234567', 'too-short'],
    ['too long', 'x'.repeat(257), 'too-long'],
    ['on the common list', 'sunshine', 'common'],
    ['on the list in capitals', 'SUNSHINE', 'common'],
    ['a Dutch favourite', 'Welkom123', 'common'],
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
