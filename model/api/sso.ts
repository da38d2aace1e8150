import { Type, type Static } from '@sinclair/typebox';

/**
 * Single sign-on with OpenID Connect (server/routes/session-oidc.ts): what the login screen
 * offers, why a single sign-on login was refused, and the logout answer that may send the
 * browser on to the provider's logout.
 */

/** GET /api/login/options: which ways to log in this server offers. Public. */
export const LoginOptionsResponse = Type.Object(
  {
    /** Login with e-mail address and password (RONDO_PASSWORD_LOGIN). */
    password: Type.Boolean(),
    /** Single sign-on, with the name for the button ("Inloggen met …"), or null when not configured. */
    sso: Type.Union([Type.Object({ name: Type.String() }, { additionalProperties: false }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type LoginOptionsResponse = Static<typeof LoginOptionsResponse>;

export { SSO_REFUSALS, type SsoRefusal } from './sso-refusals.js';

/** GET /login/sso?next=…: where the app goes after login (checked like the password login's). */
export const SsoStartQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export type SsoStartQuery = Static<typeof SsoStartQuery>;

/** POST /api/logout: with `endSessionUrl` when the session came from single sign-on and the provider offers logout. */
export const LogoutResponse = Type.Object(
  { ok: Type.Boolean(), endSessionUrl: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
export type LogoutResponse = Static<typeof LogoutResponse>;
