import type { Generated } from 'kysely';

/**
 * The tables and columns single sign-on adds (migrations/20261205_0031_oidc_sso.ts), merged
 * into the kysely Database interface.
 */
declare module '../db/schema.js' {
  interface Database {
    oidc_flow: OidcFlowTable;
  }
  interface SessionTable {
    /** How the session was started: see LOGIN_METHODS. */
    method: Generated<LoginMethod>;
  }
}

export const LOGIN_METHODS = ['password', 'oidc'] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

/** A login on its way through the OpenID provider; used once, valid for FLOW_TTL_MS (oidc.ts). */
export interface OidcFlowTable {
  /** SHA-256 of the random id in the browser's `rondo_sso` cookie. */
  id_hash: string;
  state: string;
  nonce: string;
  /** The PKCE code verifier; only its S256 challenge went to the provider. */
  code_verifier: string;
  /** Where the app goes after login (already checked by safeNext). */
  next: string;
  created_at: string;
}
