import type { Generated } from 'kysely';
import type { AccessKind } from '../../model/values.js';

/**
 * The tables privacy adds (migrations/20261123_0006_privacy.ts), merged into the kysely
 * Database interface.
 */
declare module '../db/schema.js' {
  interface Database {
    personal_data_access: PersonalDataAccessTable;
    study_privacy: StudyPrivacyTable;
    participant_erasure: ParticipantErasureTable;
  }
}

export interface PersonalDataAccessTable {
  id: Generated<number>;
  at: string;
  /** "user:<id>" or "cli" */
  actor: string;
  session: Generated<string>;
  study_id: number;
  kind: AccessKind;
  /** What was seen, e.g. "contacts", "responses", "open-answers". */
  data: string;
  /** JSON array of participant keys, or "*" for every participant of the study. */
  participants: string;
  count: number;
  purpose: Generated<string>;
}

export interface StudyPrivacyTable {
  study_id: number;
  delinked_at: string | null;
  retention_warned_at: string | null;
  personal_data_deleted_at: string | null;
}

export interface ParticipantErasureTable {
  participant_id: number;
  erased_at: string;
  legal_basis: string;
  actor: string;
}
