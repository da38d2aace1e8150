import type { Generated } from 'kysely';

// Columns added by migrations/20261123_0003_respondent.ts, merged into the store's types.
declare module '../db/schema.js' {
  interface RoundTable {
    /** Generation of the round's anonymous link; raising it makes the old link stop working. */
    anonymous_link_generation: Generated<number>;
  }
  interface ResponseTable {
    /** SHA-256 of the browser key of an anonymous response; null for invitation responses. */
    browser_key_hash: string | null;
  }
}
