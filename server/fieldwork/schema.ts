import type { Generated } from 'kysely';
import type { Lang } from '../../model/index.js';
import type { BatchPause, BatchStatus, MailKind, OutboxStatus } from '../../model/values.js';

/**
 * The tables fieldwork adds (migrations/20261123_0004_fieldwork.ts), merged into the kysely
 * Database interface.
 */
declare module '../db/schema.js' {
  interface Database {
    round_schedule: RoundScheduleTable;
    fieldwork_event: FieldworkEventTable;
    mail_template: MailTemplateTable;
    mail_batch: MailBatchTable;
    outbox: OutboxTable;
  }
}

export const ROUND_EVENTS = ['open', 'close'] as const;
export type RoundEvent = (typeof ROUND_EVENTS)[number];

export interface RoundScheduleTable {
  round_id: number;
  auto_invite: Generated<number>;
  /** JSON array of whole days after the invitation, e.g. [7,14] */
  reminder_days: Generated<string>;
  language: Lang | null;
  updated_at: string;
  updated_by: string;
}

export interface FieldworkEventTable {
  id: Generated<number>;
  round_id: number;
  kind: RoundEvent;
  due_at: string;
  fired_at: string;
  actor: string;
  /** JSON */
  result: Generated<string>;
}

export interface MailTemplateTable {
  study_id: number;
  kind: MailKind;
  language: Lang;
  subject: string;
  body: string;
  updated_at: string;
  updated_by: string;
}

export interface MailBatchTable {
  id: Generated<number>;
  study_id: number;
  round_id: number;
  kind: MailKind;
  origin: 'manual' | 'schedule';
  /** 'all', 'not-sent', 'nonresponders', 'selection', or 'reminder:<days>' for scheduled ones */
  selection: string;
  language: Lang;
  subject: string;
  body: string;
  status: BatchStatus;
  paused_reason: string | null;
  paused_kind: BatchPause | null;
  retry_at: string | null;
  created_at: string;
  created_by: string;
  finished_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  batch_id: number;
  invitation_id: number;
  dedupe_key: string | null;
  status: OutboxStatus;
  attempts: Generated<number>;
  last_error: string | null;
  claimed_at: string | null;
  retry_at: string | null;
  sent_at: string | null;
  message_id: string | null;
  created_at: string;
  updated_at: string;
}
