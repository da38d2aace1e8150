import { EMAIL_PATTERN } from '../users.js';

export type AddressCheck =
  | { ok: true; address: string }
  | { ok: false; reason: 'EMPTY' | 'LINE_BREAK' | 'SEVERAL' | 'INVALID'; message: string };

/**
 * One recipient address, or a reason why not. Refuses line breaks and lists outright rather
 * than cleaning them up: an address with CR/LF is an attempt at header injection or a broken
 * import, and either way no mail should go to whatever it would be turned into. The address is
 * also given to the SMTP envelope alone, never parsed from a header.
 */
export function checkAddress(raw: string | null | undefined): AddressCheck {
  const value = (raw ?? '').trim();
  if (!value) return { ok: false, reason: 'EMPTY', message: 'no e-mail address' };
  if (/[\r\n\u2028\u2029]/.test(value)) return { ok: false, reason: 'LINE_BREAK', message: 'the e-mail address contains a line break' };
  if (/[,;]/.test(value) || (value.match(/@/g) ?? []).length > 1) {
    return { ok: false, reason: 'SEVERAL', message: 'the e-mail address field holds more than one address' };
  }
  if (value.length > 254 || !EMAIL_PATTERN.test(value))
    return { ok: false, reason: 'INVALID', message: `"${value.slice(0, 80)}" is not a valid e-mail address` };
  return { ok: true, address: value };
}
