import type { Generated } from 'kysely';
import type { ProgrammeRole } from '../../model/values.js';

/** The programmes' tables (migrations/20261207_0020_programmes.ts). */
export interface ProgrammeTable {
  id: Generated<number>;
  slug: string;
  title_nl: string;
  title_en: Generated<string>;
  description_nl: Generated<string>;
  description_en: Generated<string>;
  /** JSON array of the indicator keys every network of the programme shares. */
  indicator_keys: Generated<string>;
  created_at: string;
}

export interface ProgrammeStudyTable {
  programme_id: number;
  study_id: number;
  added_at: string;
}

export interface ProgrammeMemberTable {
  programme_id: number;
  user_id: number;
  role: ProgrammeRole;
}

declare module '../db/schema.js' {
  interface Database {
    programme: ProgrammeTable;
    programme_study: ProgrammeStudyTable;
    programme_member: ProgrammeMemberTable;
  }
}
