import type { Generated } from 'kysely';
import type { StudyRole } from '../../model/values.js';

/**
 * The database as kysely sees it: table types in snake_case, `T | null` for nullable columns,
 * `Generated<>` for defaults. Kept apart from the domain types in model/.
 * Timestamps are ISO-8601 UTC strings.
 */
export interface Database {
  user: UserTable;
  session: SessionTable;
  study: StudyTable;
  study_member: StudyMemberTable;
  questionnaire_version: QuestionnaireVersionTable;
  round: RoundTable;
  partner: PartnerTable;
  tool: ToolTable;
  participant: ParticipantTable;
  participant_contact: ParticipantContactTable;
  invitation: InvitationTable;
  response: ResponseTable;
  answer: AnswerTable;
  answer_layout: AnswerLayoutTable;
  audit_log: AuditLogTable;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  display_name: Generated<string>;
  password_hash: string;
  is_admin: Generated<number>;
  language: Generated<string>;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface StudyTable {
  id: Generated<number>;
  slug: string;
  /** JSON of model/study.ts `Study` */
  definition: string;
  is_demo: Generated<number>;
  created_at: string;
  retention_until: string | null;
}

export { STUDY_ROLES, type StudyRole } from '../../model/values.js';

export interface StudyMemberTable {
  study_id: number;
  user_id: number;
  role: StudyRole;
}

export interface QuestionnaireVersionTable {
  id: Generated<number>;
  study_id: number;
  version: number;
  /** JSON of model/questionnaire.ts `Questionnaire` */
  definition: string;
  note: Generated<string>;
  created_at: string;
}

export interface RoundTable {
  id: Generated<number>;
  study_id: number;
  key: string;
  position: number;
  label_nl: string;
  label_en: string;
  opens_at: string | null;
  closes_at: string | null;
  anonymous_link_hash: string | null;
}

export interface PartnerTable {
  id: Generated<number>;
  study_id: number;
  position: number;
  name: string;
  domain: Generated<string>;
}

export interface ToolTable {
  id: Generated<number>;
  study_id: number;
  position: number;
  name: string;
  description: Generated<string>;
}

export interface ParticipantTable {
  id: Generated<number>;
  study_id: number;
  key: string;
  organisation: Generated<string>;
  role: Generated<string>;
  team: Generated<string>;
  left_from_round_id: number | null;
  created_at: string;
}

export interface ParticipantContactTable {
  participant_id: number;
  name: Generated<string>;
  email: string;
}

export interface InvitationTable {
  id: Generated<number>;
  participant_id: number;
  round_id: number;
  token_hash: string;
  token_generation: Generated<number>;
  created_at: string;
  sent_at: string | null;
  reminded_at: string | null;
  reminder_count: Generated<number>;
  opened_at: string | null;
  started_at: string | null;
  submitted_at: string | null;
  revoked_at: string | null;
}

export interface ResponseTable {
  id: Generated<number>;
  study_id: number;
  round_id: number;
  participant_id: number | null;
  invitation_id: number | null;
  questionnaire_version_id: number;
  status: 'draft' | 'submitted';
  submission_id: string | null;
  anonymous: Generated<number>;
  source: Generated<string>;
  language: Generated<string>;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** The packed copy of a submitted response's answers (server/db/packed-answers.ts), or null. */
  packed_layout_id: number | null;
  packed_values: string | null;
}

/** Distinct address strings of packed responses (server/db/packed-answers.ts). */
export interface AnswerLayoutTable {
  id: Generated<number>;
  keys: string;
}

export interface AnswerTable {
  response_id: number;
  item: string;
  sub: Generated<string>;
  partner_id: number | null;
  tool_id: number | null;
  code: number | null;
  missing: 'dont_know' | 'not_applicable' | null;
  text: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  study_id: number | null;
  action: string;
  target: Generated<string>;
  details: Generated<string>;
  /** A short, non-secret reference to the session that acted (never the session id). */
  session: Generated<string>;
  prev_hash: string;
  hash: string;
}
