import { Type, type Static, type TInteger } from '@sinclair/typebox';
import {
  BATCH_PAUSES,
  BATCH_STATUSES,
  INVITATION_STATUSES,
  LANGUAGES,
  MAIL_KINDS,
  OUTBOX_STATUSES,
  ROUND_STATES,
  SEND_SELECTIONS,
  SKIP_REASONS,
  type OutboxStatus,
} from '../values.js';
import { DateTime, IdText, Nullable, literals, slugParams } from './common.js';

/**
 * The fieldwork API (server/routes/fieldwork-*.ts): rounds and their schedule, mail templates,
 * previews and sending, mail batches, personal and anonymous links, the live monitor. Each
 * schema and its derived type share one name; the browser imports the types only.
 */

const Language = literals(LANGUAGES);
const Kind = literals(MAIL_KINDS);
const State = literals(ROUND_STATES);
// Fieldwork's round keys are checked by length only (not common.ts's RoundKey pattern): a key
// that names no round answers 404 whatever its form, as it always has.
const RoundKey = Type.String({ maxLength: 20 });
const RoundLabel = Type.Object({ nl: Type.String(), en: Type.String() });
const ReminderDays = Type.Array(Type.Integer({ minimum: 1, maximum: 120 }), { maxItems: 5 });

// Parameters and queries

export const RoundParams = slugParams({ key: RoundKey });
export type RoundParams = Static<typeof RoundParams>;
export const IdParams = slugParams({ id: IdText });
export type IdParams = Static<typeof IdParams>;
export const TemplateParams = slugParams({ kind: Kind, language: Language });
export type TemplateParams = Static<typeof TemplateParams>;

export const BatchListQuery = Type.Object({ round: Type.Optional(RoundKey) }, { additionalProperties: false });
export type BatchListQuery = Static<typeof BatchListQuery>;
export const MailMergeQuery = Type.Object({ only: Type.Optional(Type.Literal('nonresponders')) }, { additionalProperties: false });
export type MailMergeQuery = Static<typeof MailMergeQuery>;

// Rounds

export const Schedule = Type.Object(
  {
    /** Send invitations by e-mail when the round opens, and to participants added while it is open. */
    autoInvite: Type.Boolean(),
    /** Remind non-responders this many days after their invitation, e.g. [7, 14]. */
    reminderDays: ReminderDays,
    /** Language of automatic mails; null: the study's default language. */
    language: Nullable(Language),
  },
  { additionalProperties: false },
);
export type Schedule = Static<typeof Schedule>;

/** Responses through a round's anonymous link: apart from the cohort, outside the response rate. */
export const AnonymousCounts = Type.Object(
  {
    /** Whether the round's anonymous link is on. */
    linkOn: Type.Boolean(),
    submitted: Type.Integer(),
    /** Begun on the open link and not (yet) submitted. */
    drafts: Type.Integer(),
  },
  { additionalProperties: false },
);
export type AnonymousCounts = Static<typeof AnonymousCounts>;

/** A respondent group's own anonymous link in a round (issue 16): on or off, and what came in through it. */
export const GroupLinkState = Type.Object(
  {
    group: Type.String(),
    linkOn: Type.Boolean(),
    submitted: Type.Integer(),
    drafts: Type.Integer(),
  },
  { additionalProperties: false },
);
export type GroupLinkState = Static<typeof GroupLinkState>;

export const RoundSummary = Type.Object(
  {
    key: Type.String(),
    label: RoundLabel,
    position: Type.Integer(),
    opensAt: Nullable(Type.String()),
    closesAt: Nullable(Type.String()),
    state: State,
    schedule: Schedule,
    invited: Type.Integer(),
    sent: Type.Integer(),
    submitted: Type.Integer(),
    participantsWithoutInvitation: Type.Integer(),
    /** The round's anonymous link (on or off) and the responses given through it, apart from the cohort. */
    anonymous: AnonymousCounts,
    /**
     * charts16 (issue 16): the groups' own anonymous links of this round, for the links screen — every group
     * whose link was ever turned on or that has responses through one; a group not listed has its link off.
     * The links themselves are fetched only when asked for (an audited act).
     */
    groupLinks: Type.Optional(Type.Array(GroupLinkState)),
  },
  { additionalProperties: false },
);
export type RoundSummary = Static<typeof RoundSummary>;

export const OverviewResponse = Type.Object(
  {
    smtp: Type.Object(
      {
        configured: Type.Boolean(),
        host: Nullable(Type.String()),
        port: Nullable(Type.Integer()),
        secure: Type.Boolean(),
        from: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    languages: Type.Array(Language),
    defaultLanguage: Language,
    baseUrl: Type.String(),
    rounds: Type.Array(RoundSummary),
  },
  { additionalProperties: false },
);
export type OverviewResponse = Static<typeof OverviewResponse>;

export const ScheduleBody = Type.Object(
  {
    opensAt: Nullable(DateTime),
    closesAt: Nullable(DateTime),
    autoInvite: Type.Boolean(),
    reminderDays: ReminderDays,
    language: Nullable(Language),
  },
  { additionalProperties: false },
);
export type ScheduleBody = Static<typeof ScheduleBody>;

export const RoundActionResponse = Type.Object({ round: RoundSummary }, { additionalProperties: false });
export type RoundActionResponse = Static<typeof RoundActionResponse>;

// Templates and previews

export const Template = Type.Object(
  {
    kind: Kind,
    language: Language,
    subject: Type.String(),
    body: Type.String(),
    /** False while the study still uses rondo's default text. */
    custom: Type.Boolean(),
    updatedAt: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type Template = Static<typeof Template>;

export const TemplatesResponse = Type.Object(
  { placeholders: Type.Array(Type.String()), templates: Type.Array(Template) },
  { additionalProperties: false },
);
export type TemplatesResponse = Static<typeof TemplatesResponse>;

/** A new text, or back to rondo's default. */
export const TemplateBody = Type.Union([
  Type.Object({ subject: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }),
  Type.Object({ reset: Type.Literal(true) }, { additionalProperties: false }),
]);
export type TemplateBody = Static<typeof TemplateBody>;

export const PreviewBody = Type.Object(
  {
    kind: Kind,
    language: Language,
    round: RoundKey,
    subject: Type.Optional(Type.String({ maxLength: 200 })),
    body: Type.Optional(Type.String({ maxLength: 10_000 })),
    participantKey: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type PreviewBody = Static<typeof PreviewBody>;

export const PreviewResponse = Type.Object(
  {
    subject: Type.String(),
    text: Type.String(),
    html: Type.String(),
    recipient: Nullable(
      Type.Object(
        { participantKey: Type.String(), name: Type.String(), address: Nullable(Type.String()) },
        { additionalProperties: false },
      ),
    ),
    warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type PreviewResponse = Static<typeof PreviewResponse>;

// Sending and batches

export const SendBody = Type.Object(
  {
    kind: Kind,
    selection: literals(SEND_SELECTIONS),
    participantKeys: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5000 })),
    language: Type.Optional(Language),
    /** Only say who would get the mail; nothing is queued. */
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SendBody = Static<typeof SendBody>;

/** A participant a send left out, and why. */
export const Skipped = Type.Object(
  { participantKey: Type.String(), reason: literals(SKIP_REASONS), message: Type.String() },
  { additionalProperties: false },
);
export type Skipped = Static<typeof Skipped>;

export const SendResponse = Type.Object(
  { batchId: Nullable(Type.Integer()), queued: Type.Integer(), skipped: Type.Array(Skipped) },
  { additionalProperties: false },
);
export type SendResponse = Static<typeof SendResponse>;

const Counts = Type.Object(Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, Type.Integer()])) as Record<OutboxStatus, TInteger>, {
  additionalProperties: false,
});

export const Batch = Type.Object(
  {
    id: Type.Integer(),
    round: Type.String(),
    kind: Kind,
    origin: Type.String(),
    selection: Type.String(),
    language: Language,
    status: literals(BATCH_STATUSES),
    pausedReason: Nullable(Type.String()),
    /**
     * Why it is paused, for the screen's own words: the mail server asked to slow down, or could
     * not be reached; null for batches paused before rondo recorded it.
     */
    pausedKind: Nullable(literals(BATCH_PAUSES)),
    retryAt: Nullable(Type.String()),
    createdAt: Type.String(),
    createdBy: Type.String(),
    finishedAt: Nullable(Type.String()),
    /** Mails in the batch by outbox status. */
    counts: Counts,
  },
  { additionalProperties: false },
);
export type Batch = Static<typeof Batch>;

export const BatchListResponse = Type.Object({ batches: Type.Array(Batch) }, { additionalProperties: false });
export type BatchListResponse = Static<typeof BatchListResponse>;

export const BatchRecipient = Type.Object(
  {
    outboxId: Type.Integer(),
    participantKey: Type.String(),
    name: Type.String(),
    email: Nullable(Type.String()),
    status: literals(OUTBOX_STATUSES),
    attempts: Type.Integer(),
    error: Nullable(Type.String()),
    sentAt: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type BatchRecipient = Static<typeof BatchRecipient>;

export const BatchDetailResponse = Type.Object(
  { batch: Batch, subject: Type.String(), recipients: Type.Array(BatchRecipient) },
  { additionalProperties: false },
);
export type BatchDetailResponse = Static<typeof BatchDetailResponse>;

export const TestMailBody = Type.Object({ to: Type.String({ maxLength: 320 }) }, { additionalProperties: false });
export type TestMailBody = Static<typeof TestMailBody>;
export const TestMailResponse = Type.Object({ ok: Type.Boolean(), message: Type.String() }, { additionalProperties: false });
export type TestMailResponse = Static<typeof TestMailResponse>;

// Links

export const LinkResponse = Type.Object({ link: Type.String(), generation: Type.Integer() }, { additionalProperties: false });
export type LinkResponse = Static<typeof LinkResponse>;

/**
 * A round's anonymous link. `link` is null when it is off, or when it is on but cannot be
 * derived again (the secret file was replaced): then only a new link helps.
 */
export const AnonymousLinkResponse = Type.Object(
  { linkOn: Type.Boolean(), link: Nullable(Type.String()), submitted: Type.Integer(), drafts: Type.Integer() },
  { additionalProperties: false },
);
export type AnonymousLinkResponse = Static<typeof AnonymousLinkResponse>;

// The live monitor

export const MonitorRound = Type.Object(
  { key: Type.String(), label: RoundLabel, opensAt: Nullable(Type.String()), closesAt: Nullable(Type.String()), state: State },
  { additionalProperties: false },
);
export type MonitorRound = Static<typeof MonitorRound>;

/** One organisation's or role's funnel. */
export const GroupRow = Type.Object(
  {
    name: Type.String(),
    /** Hidden by small-cell suppression: no counts are given. */
    hidden: Type.Boolean(),
    invited: Nullable(Type.Integer()),
    opened: Nullable(Type.Integer()),
    started: Nullable(Type.Integer()),
    submitted: Nullable(Type.Integer()),
    /** submitted / invited, full precision; null when hidden or, for non-researchers, too small. */
    rate: Nullable(Type.Number()),
    /** Fewer invited than the study's minimum for a percentage: read with care. */
    small: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type GroupRow = Static<typeof GroupRow>;

export const TimelinePoint = Type.Object(
  {
    /** Calendar day in Dutch time, YYYY-MM-DD. */
    date: Type.String(),
    /** Cumulative counts at the end of the day. */
    opened: Type.Integer(),
    submitted: Type.Integer(),
    /** Invitations and reminders that went out that day. */
    invitationsSent: Type.Integer(),
    remindersSent: Type.Integer(),
  },
  { additionalProperties: false },
);
export type TimelinePoint = Static<typeof TimelinePoint>;

export const MonitorResponse = Type.Object(
  {
    round: MonitorRound,
    totals: Type.Object(
      {
        invited: Type.Integer(),
        sent: Type.Integer(),
        opened: Type.Integer(),
        started: Type.Integer(),
        submitted: Type.Integer(),
        rate: Nullable(Type.Number()),
      },
      { additionalProperties: false },
    ),
    /** Responses through the round's anonymous link: outside the cohort and outside `totals.rate`. */
    anonymous: AnonymousCounts,
    suppressed: Type.Boolean(),
    minSubgroup: Type.Integer(),
    byOrganisation: Type.Array(GroupRow),
    byRole: Type.Array(GroupRow),
    timeline: Type.Array(TimelinePoint),
    at: Type.String(),
  },
  { additionalProperties: false },
);
export type MonitorResponse = Static<typeof MonitorResponse>;

export const MonitorRoundsResponse = Type.Object(
  {
    rounds: Type.Array(MonitorRound),
    /** Whether the caller sees participants and can send (researchers). */
    detail: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type MonitorRoundsResponse = Static<typeof MonitorRoundsResponse>;

export const ParticipantRow = Type.Object(
  {
    invitationId: Type.Integer(),
    participantKey: Type.String(),
    name: Type.String(),
    email: Nullable(Type.String()),
    organisation: Type.String(),
    role: Type.String(),
    status: literals(INVITATION_STATUSES),
    sentAt: Nullable(Type.String()),
    openedAt: Nullable(Type.String()),
    submittedAt: Nullable(Type.String()),
    remindedAt: Nullable(Type.String()),
    reminderCount: Type.Integer(),
    lastMail: Nullable(
      Type.Object(
        { kind: Kind, status: literals(OUTBOX_STATUSES), error: Nullable(Type.String()), at: Type.String() },
        { additionalProperties: false },
      ),
    ),
    /** Mails still waiting in the outbox for this invitation. */
    pending: Type.Array(Kind),
  },
  { additionalProperties: false },
);
export type ParticipantRow = Static<typeof ParticipantRow>;

/**
 * A page of the monitor's list of who answered: `limit` rows from `offset` (every row when no
 * limit is given), only those not yet submitted with `status=open`, only those whose code, name,
 * organisation or e-mail address holds `q` (case and accents aside). Rows in code order.
 */
export const ParticipantsQuery = Type.Object(
  {
    offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })),
    /** 1 to 500. */
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
    status: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('open')])),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ParticipantsQuery = Static<typeof ParticipantsQuery>;

export const ParticipantsResponse = Type.Object(
  {
    participants: Type.Array(ParticipantRow),
    /** Rows that match the status and search, on every page together. */
    matching: Type.Integer(),
    /** Everyone in the round's list, whatever the status and search. */
    total: Type.Integer(),
    offset: Type.Integer(),
  },
  { additionalProperties: false },
);
export type ParticipantsResponse = Static<typeof ParticipantsResponse>;

/** `detail=counts`: the pattern counts only, without each participant's pattern (nor its entry in the access log). */
export const PatternsQuery = Type.Object({ detail: Type.Optional(Type.Literal('counts')) }, { additionalProperties: false });
export type PatternsQuery = Static<typeof PatternsQuery>;

export const PatternsResponse = Type.Object(
  {
    rounds: Type.Array(Type.Object({ key: Type.String(), label: RoundLabel }, { additionalProperties: false })),
    suppressed: Type.Boolean(),
    total: Type.Integer(),
    patterns: Type.Array(Type.Object({ pattern: Type.String(), count: Nullable(Type.Integer()) }, { additionalProperties: false })),
    /** Researchers only, unless `detail=counts`: the pattern of each participant. */
    participants: Type.Optional(
      Type.Array(
        Type.Object(
          { participantKey: Type.String(), name: Type.String(), organisation: Type.String(), role: Type.String(), pattern: Type.String() },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
export type PatternsResponse = Static<typeof PatternsResponse>;
