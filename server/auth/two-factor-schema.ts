import type { Generated } from 'kysely';

/**
 * The tables and column two-factor login adds (migrations/20261205_0030_totp_two_factor.ts),
 * merged into the kysely Database interface.
 */
declare module '../db/schema.js' {
  interface Database {
    two_factor: TwoFactorTable;
    two_factor_recovery: TwoFactorRecoveryTable;
    login_challenge: LoginChallengeTable;
  }
  interface SessionTable {
    /** 1: the account must enrol in two-factor login before this session may do anything else. */
    two_factor_enrolment: Generated<number>;
  }
}

export interface TwoFactorTable {
  user_id: number;
  /** The TOTP secret, encrypted (two-factor.ts `sealSecret`). */
  secret_enc: string;
  created_at: string;
  /** null while the enrolment waits for its first correct code. */
  enabled_at: string | null;
  last_step: number | null;
}

export interface TwoFactorRecoveryTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the normalised code. */
  code_hash: string;
  used_at: string | null;
}

export interface LoginChallengeTable {
  id_hash: string;
  user_id: number;
  next: string;
  created_at: string;
  expires_at: string;
  failures: Generated<number>;
}
