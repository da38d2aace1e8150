/**
 * Allowed values that cross the wire between server and browser, as `as const` tuples with
 * their union types. No TypeBox import here: the browser imports these without shipping a
 * schema library (the schemas that use them live in `model/api/`).
 */
/** Interface and content languages rondo supports. Dutch first: the demo and its users are Dutch. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** A user's role within one study (the policy table in server/auth/policy.ts gives each its rights). */
export const STUDY_ROLES = ['researcher', 'trainer', 'manager'] as const;
export type StudyRole = (typeof STUDY_ROLES)[number];

/**
 * A fieldwork round's state follows from its times alone, so every part of rondo agrees on it:
 * - draft: no opening time yet;
 * - scheduled: opens in the future;
 * - open: opened, and not closed (no closing time, or one in the future);
 * - closed: its closing time has passed (the study's grace period is the respondent pages' concern).
 */
export const ROUND_STATES = ['draft', 'scheduled', 'open', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/** Where one invitation stands, furthest step first: each step includes the ones before it. */
export const INVITATION_STATUSES = ['submitted', 'started', 'opened', 'sent', 'not-sent'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** The mails fieldwork sends. */
export const MAIL_KINDS = ['invitation', 'reminder'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** Where a batch of mail stands. */
export const BATCH_STATUSES = ['sending', 'paused', 'done', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** Where one mail in the outbox stands. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Who a researcher can send to:
 * - all: everyone invited to the round (invitations only);
 * - not-sent: those whose invitation mail has not gone out (the usual "send invitations");
 * - nonresponders: those who have not submitted;
 * - selection: the participants named by key.
 */
export const SEND_SELECTIONS = ['all', 'not-sent', 'nonresponders', 'selection'] as const;
export type SendSelection = (typeof SEND_SELECTIONS)[number];

/** Why a participant of a send was left out. */
export const SKIP_REASONS = ['UNKNOWN_PARTICIPANT', 'SUBMITTED', 'PENDING', 'NO_ADDRESS', 'INVALID_ADDRESS', 'MAYBE_SENT'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What an entry of the access log for personal data records: data seen, or data exported. */
export const ACCESS_KINDS = ['view', 'export'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** Erasing a participant: their submitted answers go too, or stay under the pseudonymous key. */
export const ANSWER_CHOICES = ['delete', 'keep'] as const;
export type AnswerChoice = (typeof ANSWER_CHOICES)[number];

/** A subject-access request's download: machine-readable JSON (AVG art. 20), or a readable HTML or PDF document. */
export const SUBJECT_ACCESS_FORMATS = ['json', 'html', 'pdf'] as const;
export type SubjectAccessFormat = (typeof SUBJECT_ACCESS_FORMATS)[number];
