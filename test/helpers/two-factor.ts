import { hotp, totpStep, TOTP_WINDOW, base32Decode } from '../../server/auth/totp.js';
import { openSecret, twoFactorKey } from '../../server/auth/two-factor.js';
import type { TestApp } from './app.js';

/**
 * What an authenticator app would show, for tests: the code of an account's enrolled secret,
 * read from the database and opened with the data directory's secret, exactly as the server
 * does. It picks the first step after the last one used (the server refuses a step twice), so
 * two logins in the same 30 seconds both work; a third would need the clock to move.
 */
export function totpCodeFor(t: TestApp, email: string): string {
  const row = t.data.store.sqlite
    .prepare(
      'select f.user_id as userId, f.secret_enc as sealed, f.last_step as lastStep ' +
        'from two_factor f join user u on u.id = f.user_id where u.email = ?',
    )
    .get(email) as { userId: number; sealed: string; lastStep: number | null } | undefined;
  if (!row) throw new Error(`${email} has no two-factor secret`);
  const secret = openSecret(twoFactorKey(t.data.secret), row.userId, row.sealed);
  const current = totpStep(t.app.rondo.now());
  const step = Math.max(current, (row.lastStep ?? -Infinity) + 1);
  if (step > current + TOTP_WINDOW) throw new Error(`${email}: every code of this moment was used; move the test clock on`);
  return hotp(secret, step);
}

/** The code an app shows for a base32 secret (as typed from the enrolment screen) at the app's time. */
export function totpCodeFromSecret(t: TestApp, secretBase32: string, stepOffset = 0): string {
  return hotp(base32Decode(secretBase32), totpStep(t.app.rondo.now()) + stepOffset);
}
