import type { EditKind } from '../../model/values.js';

/**
 * The tables and columns study setup adds (migrations/20261123_0002_setup.ts), merged into the
 * kysely Database interface.
 */
declare module '../db/schema.js' {
  interface Database {
    login_throttle: LoginThrottleTable;
    questionnaire_edit: QuestionnaireEditTable;
  }
  interface QuestionnaireVersionTable {
    /** Saves of this version so far; the builder sends the one it started from. */
    revision: import('kysely').Generated<number>;
  }
  interface UserTable {
    must_change_password: import('kysely').Generated<number>;
    password_changed_at: string | null;
  }
  interface ParticipantTable {
    left_note: import('kysely').Generated<string>;
  }
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  blocked_until: string | null;
}

export { EDIT_KINDS, type EditKind } from '../../model/values.js';

export interface QuestionnaireEditTable {
  id: import('kysely').Generated<number>;
  study_id: number;
  version_id: number;
  kind: EditKind;
  summary: import('kysely').Generated<string>;
  /** JSON array of QuestionnaireChange (server/setup/questionnaire-diff.ts) */
  changes: import('kysely').Generated<string>;
  actor: string;
  at: string;
}
