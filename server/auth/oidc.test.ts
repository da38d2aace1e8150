import { describe, expect, it } from 'vitest';
import { SsoRefused, identityFrom } from './oidc.js';
import { redactUrl } from '../app.js';

const settings = { accountClaim: 'email', allowedDomains: ['ggd.example', 'uni.example'] };

/** The refusal reason identityFrom answers for these claims, or 'accepted'. */
function outcome(claims: Record<string, unknown>, s = settings): string {
  try {
    identityFrom(claims, s);
    return 'accepted';
  } catch (err) {
    if (err instanceof SsoRefused) return err.reason;
    throw err;
  }
}

describe('identityFrom: what rondo takes from the checked claims', () => {
  it('takes a verified address of an allowed domain, in lower case, with the name', () => {
    expect(identityFrom({ email: ' Anna@GGD.Example ', email_verified: true, name: 'Anna\u0000 Jansen' }, settings)).toEqual({
      email: 'anna@ggd.example',
      name: 'Anna Jansen',
    });
  });

  it.each([
    [{ email: 'a@ggd.example', email_verified: false }, 'unverified'],
    [{ email: 'a@ggd.example', email_verified: 'true' }, 'unverified'],
    [{ email: 'a@ggd.example' }, 'unverified'],
    [{ email: 'a@ggd.example', xms_edov: 'true' }, 'unverified'],
    [{ email: 'a@ggd.example', xms_edov: true }, 'accepted'],
    [{ email: 'a@other.example', email_verified: true }, 'domain'],
    // Only the listed domains themselves: no subdomain, no look-alike suffix.
    [{ email: 'a@sub.ggd.example', email_verified: true }, 'domain'],
    [{ email: 'a@evilggd.example', email_verified: true }, 'domain'],
    [{ email: 'a@ggd.example.evil.example', email_verified: true }, 'domain'],
    [{ email_verified: true }, 'failed'],
    [{ email: ['a@ggd.example'], email_verified: true }, 'failed'],
    [{ email: 'not an address', email_verified: true }, 'failed'],
  ])('%j → %s', (claims, expected) => {
    expect(outcome(claims)).toBe(expected);
  });

  it('matches on the configured claim', () => {
    const upn = { ...settings, accountClaim: 'upn' };
    expect(outcome({ upn: 'a@uni.example', email: 'x@other.example', email_verified: true }, upn)).toBe('accepted');
    expect(outcome({ email: 'a@uni.example', email_verified: true }, upn)).toBe('failed');
  });
});

describe('the callback in the request log', () => {
  it('keeps the code and state out of the log line', () => {
    expect(redactUrl('/login/sso/callback?code=abc&state=def&iss=https%3A%2F%2Fidp')).toBe('/login/sso/callback?[redacted]');
    expect(redactUrl('/login/sso?next=%2Fapp')).toBe('/login/sso?next=%2Fapp');
  });
});
