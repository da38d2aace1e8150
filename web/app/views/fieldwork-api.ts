import type { LocalText } from '../i18n.js';

/** The shapes the fieldwork API answers with (server/fieldwork/api-schemas.ts), as the screens use them. */

export type RoundState = 'draft' | 'scheduled' | 'open' | 'closed';
export type MailKind = 'invitation' | 'reminder';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'cancelled';
export type InvitationStatus = 'submitted' | 'started' | 'opened' | 'sent' | 'not-sent';
export type Lang = 'nl' | 'en';

export interface Schedule {
  autoInvite: boolean;
  reminderDays: number[];
  language: Lang | null;
}

export interface RoundSummary {
  key: string;
  label: LocalText;
  position: number;
  opensAt: string | null;
  closesAt: string | null;
  state: RoundState;
  schedule: Schedule;
  invited: number;
  sent: number;
  submitted: number;
  participantsWithoutInvitation: number;
  anonymous: AnonymousCounts;
}

/** Responses through a round's anonymous link: apart from the cohort, outside the response rate. */
export interface AnonymousCounts {
  linkOn: boolean;
  submitted: number;
  drafts: number;
}

export interface AnonymousLink extends AnonymousCounts {
  /** Null when off, or when on but the link cannot be derived again (a new one helps). */
  link: string | null;
}

export interface Overview {
  smtp: { configured: boolean; host: string | null; port: number | null; secure: boolean; from: string | null };
  languages: Lang[];
  defaultLanguage: Lang;
  baseUrl: string;
  rounds: RoundSummary[];
}

export interface MonitorRound {
  key: string;
  label: LocalText;
  opensAt: string | null;
  closesAt: string | null;
  state: RoundState;
}

export interface GroupRow {
  name: string;
  hidden: boolean;
  invited: number | null;
  opened: number | null;
  started: number | null;
  submitted: number | null;
  rate: number | null;
  small: boolean;
}

export interface TimelinePoint {
  date: string;
  opened: number;
  submitted: number;
  invitationsSent: number;
  remindersSent: number;
}

export interface Monitor {
  round: MonitorRound;
  totals: { invited: number; sent: number; opened: number; started: number; submitted: number; rate: number | null };
  anonymous: AnonymousCounts;
  suppressed: boolean;
  minSubgroup: number;
  byOrganisation: GroupRow[];
  byRole: GroupRow[];
  timeline: TimelinePoint[];
  at: string;
}

export interface ParticipantRow {
  invitationId: number;
  participantKey: string;
  name: string;
  email: string | null;
  organisation: string;
  role: string;
  status: InvitationStatus;
  sentAt: string | null;
  openedAt: string | null;
  submittedAt: string | null;
  remindedAt: string | null;
  reminderCount: number;
  lastMail: { kind: MailKind; status: OutboxStatus; error: string | null; at: string } | null;
  pending: MailKind[];
}

export interface Patterns {
  rounds: { key: string; label: LocalText }[];
  suppressed: boolean;
  total: number;
  patterns: { pattern: string; count: number | null }[];
  participants?: { participantKey: string; name: string; organisation: string; role: string; pattern: string }[];
}

export interface Batch {
  id: number;
  round: string;
  kind: MailKind;
  origin: string;
  selection: string;
  language: Lang;
  status: 'sending' | 'paused' | 'done' | 'cancelled';
  pausedReason: string | null;
  retryAt: string | null;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  counts: Record<OutboxStatus, number>;
}

export interface BatchDetail {
  batch: Batch;
  subject: string;
  recipients: { outboxId: number; participantKey: string; name: string; email: string | null; status: OutboxStatus; attempts: number; error: string | null; sentAt: string | null }[];
}

export interface Skipped {
  participantKey: string;
  reason: 'UNKNOWN_PARTICIPANT' | 'SUBMITTED' | 'PENDING' | 'NO_ADDRESS' | 'INVALID_ADDRESS' | 'MAYBE_SENT';
  message: string;
}

export interface SendResult {
  batchId: number | null;
  queued: number;
  skipped: Skipped[];
}

export interface Preview {
  subject: string;
  text: string;
  html: string;
  recipient: { participantKey: string; name: string; address: string | null } | null;
  warnings: { code: string; message: string }[];
}

export interface Template {
  kind: MailKind;
  language: Lang;
  subject: string;
  body: string;
  custom: boolean;
  updatedAt: string | null;
}

export const fieldworkBase = (slug: string) => `/api/studies/${encodeURIComponent(slug)}/fieldwork`;
