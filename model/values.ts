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
/** Why a batch is paused: the mail server asked to send more slowly, or could not be reached (or refused the login). */
export const BATCH_PAUSES = ['slower', 'connection'] as const;
export type BatchPause = (typeof BATCH_PAUSES)[number];

/** Where one mail in the outbox stands. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** A mail's status in words: on the fieldwork screens and in a participant's subject-access file. */
export const OUTBOX_STATUS_WORDS: Record<Lang, Record<OutboxStatus, string>> = {
  nl: { queued: 'wacht', sending: 'wordt verstuurd', sent: 'verstuurd', failed: 'mislukt', unknown: 'onbekend', cancelled: 'geannuleerd' },
  en: { queued: 'waiting', sending: 'being sent', sent: 'sent', failed: 'failed', unknown: 'unknown', cancelled: 'cancelled' },
};

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

/** The format tag of the study analysis JSON (docs/analysis-json.md). */
export const ANALYSIS_FORMAT = 'rondo.analysis/1' as const;

/** The one rule for a study's slug (the `:slug` of every study route): lower case, digits, inner hyphens. */
export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$';
/** A round's key (`r1`, `pre`), unique within its study. */
export const ROUND_KEY_PATTERN = '^[a-z][a-z0-9_]{0,19}$';
/** A participant's pseudonymous key. */
export const PARTICIPANT_KEY_PATTERN = '^[A-Za-z0-9_-]{1,40}$';

/** The two catalogues of a study: chain partners and tools (the rows of the grid items). */
export const CATALOGUE_KINDS = ['partner', 'tool'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

/** What a questionnaire save does (server/setup/questionnaire-diff.ts decides). */
export const SAVE_OUTCOMES = ['none', 'edit', 'wording', 'new-version'] as const;
export type SaveOutcome = (typeof SAVE_OUTCOMES)[number];
/** Where a questionnaire save came from. */
export const SAVE_SOURCES = ['edit', 'import'] as const;
/** How one questionnaire change is classified. */
export const CHANGE_KINDS = [
  'title',
  'text',
  'labels',
  'required',
  'measure',
  'order',
  'added',
  'removed',
  'renamed',
  'type',
  'scale',
  'rounds',
  'show-if',
  'settings',
  // The researcher's indicators (issue 16, indicators): analysis only, never a new version.
  'indicators',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
/** The kinds of questionnaire history entries. */
export const EDIT_KINDS = ['edit', 'wording', 'new-version', 'import', 'created'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** The cohort file's columns, in the order the import screen shows them. */
/** `key`: the researcher's own pseudonymous key, kept when unique and valid (else a key is generated). */
export const COHORT_FIELDS = ['name', 'email', 'organisation', 'role', 'team', 'key'] as const;
export type CohortField = (typeof COHORT_FIELDS)[number];

/**
 * What a cohort import's preview sent to the screen holds of a big file: its first rows and its
 * first row problems (with those of the rows shown). Its counts still count the whole file, and
 * the import reads the whole file again.
 */
export const PREVIEW_ROWS = 200;
export const PREVIEW_PROBLEMS = 100;
/** How the cohort file is read: its character set and its cell separator. */
export const COHORT_ENCODINGS = ['auto', 'utf-8', 'windows-1252'] as const;
export type EncodingChoice = (typeof COHORT_ENCODINGS)[number];
export const DELIMITERS = ['auto', ';', ',', 'tab'] as const;
export type DelimiterChoice = (typeof DELIMITERS)[number];
/** Problems a cohort file can have, per row or for the whole file. */
export const COHORT_PROBLEM_CODES = [
  'missing-email',
  'invalid-email',
  'duplicate-in-file',
  'already-in-cohort',
  'unknown-role',
  'formula',
  'too-long',
  'ragged',
  'unbalanced-quotes',
  'no-rows',
  'too-many-rows',
  'no-email-column',
  'duplicate-mapping',
  'header-looks-like-data',
  // the researcher's own key column (import area)
  'invalid-key',
  'duplicate-key',
  'key-taken',
  // attrs: a value in an attribute column that the attribute does not allow
  'attribute-value',
  // exports16: a value in the group column that names none of the study's groups reached by personal link
  'unknown-group',
] as const;
export type CohortProblemCode = (typeof COHORT_PROBLEM_CODES)[number];

/** Export formats of the data exchange (docs/exchange.md). */
export const EXPORT_FORMATS = ['long', 'wide', 'round', 'codebook', 'spss', 'sav', 'r', 'bundle'] as const;
/** File types of the exports: CSV, or an Excel workbook (long, wide, round and codebook; server/exchange/xlsx). */
export const EXPORT_FILE_TYPES = ['csv', 'xlsx'] as const;
export type ExportFileType = (typeof EXPORT_FILE_TYPES)[number];
/** The formats that also come as an Excel workbook (`file=xlsx`). */
export const XLSX_FORMATS = ['long', 'wide', 'round', 'codebook'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** CSV flavours: `nl` for Dutch Excel (`;`, decimal comma), `intl` for R, SPSS and Python. */
export const FLAVOURS = ['nl', 'intl'] as const;
export type FlavourName = (typeof FLAVOURS)[number];
/** Character sets the response import reads. */
export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];
/** Cell targets of an import mapping besides a code. */
export const VALUE_TARGETS = ['dont_know', 'not_applicable', 'skipped', 'not_asked'] as const;
export type ValueTarget = number | (typeof VALUE_TARGETS)[number];
/**
 * Who a response import invites to its round (the response rate's denominator): nobody (the
 * round's invitations stay what they are), the whole cohort, or the file's rows (or the rows
 * with 1 in the mapping's invited column).
 */
export const IMPORT_INVITE = ['none', 'cohort', 'file'] as const;
export type ImportInvite = (typeof IMPORT_INVITE)[number];
/** The layout of a response file: one row per response (wide, per round), or one row per answer (long). */
export const IMPORT_SHAPES = ['auto', 'wide', 'long'] as const;
export type ImportShape = (typeof IMPORT_SHAPES)[number];
/** How import rows become participants. */
export const IDENTIFY_BY = ['key', 'email', 'anonymous'] as const;
export const PROBLEM_SEVERITIES = ['error', 'warning'] as const;
/** Problems of a response import, from the file down to single cells. */
export const IMPORT_PROBLEM_CODES = [
  // the file
  'EMPTY_FILE',
  'FILE_TOO_LARGE',
  'NOT_CSV',
  'BINARY',
  'ENCODING',
  'PARSE',
  'RAGGED_ROW',
  'NO_ROWS',
  // an .xlsx (server/exchange/xlsx): refused, or read with a note (merged cells, a formula without a saved value)
  'XLSX',
  'XLSX_NOTE',
  // the header
  'DUPLICATE_HEADER',
  'RESERVED_HEADER',
  'EMPTY_HEADER',
  'TOO_MANY_COLUMNS',
  // the mapping
  'MAPPING_SCHEMA',
  'UNKNOWN_ROUND',
  'ROUND_MISMATCH',
  'UNKNOWN_COLUMN',
  'UNKNOWN_VARIABLE',
  'VARIABLE_NOT_IN_ROUND',
  'DUPLICATE_MAPPING',
  'UNMAPPED_COLUMN',
  'NO_MAPPED_COLUMNS',
  // the cells
  'UNKNOWN_VALUE',
  'OUT_OF_RANGE',
  'NOT_INTEGER',
  'MISSING_NOT_ALLOWED',
  'TEXT_TOO_LONG',
  'FORMULA_TEXT',
  'BAD_DATE',
  // the participants
  'MISSING_PARTICIPANT',
  'BAD_PARTICIPANT_KEY',
  'BAD_EMAIL',
  'UNKNOWN_PARTICIPANT',
  'DUPLICATE_RESPONDENT',
  'PARTICIPANT_LEFT',
  // the whole import
  'DUPLICATE_FILE',
  // the response rate the import leaves (import area: the rows with no answers, the denominator)
  'EMPTY_ROWS',
  'FULL_RESPONSE',
  'NO_INVITATIONS',
  'NOT_INVITED',
  // the long shape (participant, round, variable, value)
  'LONG_COLUMNS',
  'LONG_UNKNOWN_VARIABLE',
  'LONG_DUPLICATE_CELL',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];
/** How an exchange variable holds its answers. */
export const VARIABLE_KINDS = ['categorical', 'numeric', 'text'] as const;
/** What the identifying-information check finds in a free text (analysis/open/identifying.ts). */
export const IDENTIFYING_KINDS = ['email', 'phone', 'postcode', 'organisation', 'name'] as const;
export type IdentifyingKind = (typeof IDENTIFYING_KINDS)[number];

/**
 * regional (issue 17): a user's role in a programme (server/programmes/). A representative reads
 * the programme's aggregated overview; the coordinator also manages its networks and members.
 */
export const PROGRAMME_ROLES = ['representative', 'coordinator'] as const;
export type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];

/** Study and programme roles as every screen names them (accounts, team, studies, programme, audit log). */
export const ROLE_WORDS: Record<Lang, Record<StudyRole | ProgrammeRole, string>> = {
  nl: {
    researcher: 'Onderzoeker',
    trainer: 'Trainer',
    manager: 'Manager',
    representative: 'Regiovertegenwoordiger',
    coordinator: 'Coördinator',
  },
  en: {
    researcher: 'Researcher',
    trainer: 'Trainer',
    manager: 'Manager',
    representative: 'Regional representative',
    coordinator: 'Coordinator',
  },
};
