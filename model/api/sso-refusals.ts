/**
 * Why a single sign-on login was refused, sent to the login screen as `/login?sso=<reason>`;
 * the screen says it in the user's language. Nothing from the provider's answer is passed on.
 * Plain values, no TypeBox, so the browser can import them without shipping a schema library.
 */
export const SSO_REFUSALS = [
  /** The provider's answer did not pass a check (signature, issuer, audience, nonce, expiry…). */
  'failed',
  /** The login started too long ago, was already used, or started in another browser. */
  'expired',
  /** The user stopped at the provider, or the provider refused. */
  'cancelled',
  /** The provider could not be reached. */
  'unavailable',
  'unverified',
  'domain',
  'unknown-account',
  'disabled',
  'throttled',
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];
