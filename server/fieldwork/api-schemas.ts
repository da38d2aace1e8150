import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LANGUAGES } from '../../model/index.js';
import { INVITATION_STATUSES } from './roster.js';
import { ROUND_STATES } from './rounds.js';
import { MAIL_KINDS, OUTBOX_STATUSES, BATCH_STATUSES } from './schema.js';
import { SEND_SELECTIONS, SKIP_REASONS } from './selection.js';

/** The JSON shapes of the fieldwork API: request bodies, parameters and responses. */

/** One of a tuple's values, typed as the tuple's union (an `enum` for Ajv). */
const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const Lang = literals(LANGUAGES);
export const MailKind = literals(MAIL_KINDS);

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
export const RoundParams = Type.Object({ slug: Type.String({ maxLength: 64 }), key: Type.String({ maxLength: 20 }) }, { additionalProperties: false });
export const IdParams = Type.Object({ slug: Type.String({ maxLength: 64 }), id: Type.String({ pattern: '^[1-9][0-9]{0,9}$' }) }, { additionalProperties: false });
export const TemplateParams = Type.Object({ slug: Type.String({ maxLength: 64 }), kind: MailKind, language: Lang }, { additionalProperties: false });

export const ScheduleSchema = Type.Object(
  {
    autoInvite: Type.Boolean(),
    reminderDays: Type.Array(Type.Integer({ minimum: 1, maximum: 120 }), { maxItems: 5 }),
    language: Nullable(Lang),
  },
  { additionalProperties: false },
);

export const RoundSummary = Type.Object(
  {
    key: Type.String(),
    label: Type.Object({ nl: Type.String(), en: Type.String() }),
    position: Type.Integer(),
    opensAt: Nullable(Type.String()),
    closesAt: Nullable(Type.String()),
    state: literals(ROUND_STATES),
    schedule: ScheduleSchema,
    invited: Type.Integer(),
    sent: Type.Integer(),
    submitted: Type.Integer(),
    participantsWithoutInvitation: Type.Integer(),
    /** The round's anonymous link (on or off) and the responses given through it, apart from the cohort. */
    anonymous: Type.Object({ linkOn: Type.Boolean(), submitted: Type.Integer(), drafts: Type.Integer() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const OverviewResponse = Type.Object(
  {
    smtp: Type.Object(
      { configured: Type.Boolean(), host: Nullable(Type.String()), port: Nullable(Type.Integer()), secure: Type.Boolean(), from: Nullable(Type.String()) },
      { additionalProperties: false },
    ),
    languages: Type.Array(Lang),
    defaultLanguage: Lang,
    baseUrl: Type.String(),
    rounds: Type.Array(RoundSummary),
  },
  { additionalProperties: false },
);

export const ScheduleBody = Type.Object(
  {
    opensAt: Nullable(DateTime),
    closesAt: Nullable(DateTime),
    autoInvite: Type.Boolean(),
    reminderDays: Type.Array(Type.Integer({ minimum: 1, maximum: 120 }), { maxItems: 5 }),
    language: Nullable(Lang),
  },
  { additionalProperties: false },
);
export type ScheduleBodyT = Static<typeof ScheduleBody>;

export const TemplateSchema = Type.Object(
  { kind: MailKind, language: Lang, subject: Type.String(), body: Type.String(), custom: Type.Boolean(), updatedAt: Nullable(Type.String()) },
  { additionalProperties: false },
);

export const TemplatesResponse = Type.Object(
  { placeholders: Type.Array(Type.String()), templates: Type.Array(TemplateSchema) },
  { additionalProperties: false },
);

export const TemplateBody = Type.Union([
  Type.Object({ subject: Type.String({ maxLength: 200 }), body: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false }),
  Type.Object({ reset: Type.Literal(true) }, { additionalProperties: false }),
]);

export const PreviewBody = Type.Object(
  {
    kind: MailKind,
    language: Lang,
    round: Type.String({ maxLength: 20 }),
    subject: Type.Optional(Type.String({ maxLength: 200 })),
    body: Type.Optional(Type.String({ maxLength: 10_000 })),
    participantKey: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type PreviewBodyT = Static<typeof PreviewBody>;

export const PreviewResponse = Type.Object(
  {
    subject: Type.String(),
    text: Type.String(),
    html: Type.String(),
    recipient: Nullable(Type.Object({ participantKey: Type.String(), name: Type.String(), address: Nullable(Type.String()) }, { additionalProperties: false })),
    warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const SendBody = Type.Object(
  {
    kind: MailKind,
    selection: literals(SEND_SELECTIONS),
    participantKeys: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 5000 })),
    language: Type.Optional(Lang),
    /** Only say who would get the mail; nothing is queued. */
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SendBodyT = Static<typeof SendBody>;

const SkippedSchema = Type.Object(
  { participantKey: Type.String(), reason: literals(SKIP_REASONS), message: Type.String() },
  { additionalProperties: false },
);

export const SendResponse = Type.Object(
  { batchId: Nullable(Type.Integer()), queued: Type.Integer(), skipped: Type.Array(SkippedSchema) },
  { additionalProperties: false },
);

const Counts = Type.Object(Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, Type.Integer()])), { additionalProperties: false });

export const BatchSchema = Type.Object(
  {
    id: Type.Integer(),
    round: Type.String(),
    kind: MailKind,
    origin: Type.String(),
    selection: Type.String(),
    language: Lang,
    status: literals(BATCH_STATUSES),
    pausedReason: Nullable(Type.String()),
    retryAt: Nullable(Type.String()),
    createdAt: Type.String(),
    createdBy: Type.String(),
    finishedAt: Nullable(Type.String()),
    counts: Counts,
  },
  { additionalProperties: false },
);

export const BatchListQuery = Type.Object({ round: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false });
export const BatchListResponse = Type.Object({ batches: Type.Array(BatchSchema) }, { additionalProperties: false });

export const BatchDetailResponse = Type.Object(
  {
    batch: BatchSchema,
    subject: Type.String(),
    recipients: Type.Array(
      Type.Object(
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
      ),
    ),
  },
  { additionalProperties: false },
);

export const TestMailBody = Type.Object({ to: Type.String({ maxLength: 320 }) }, { additionalProperties: false });
export const TestMailResponse = Type.Object(
  { ok: Type.Boolean(), message: Type.String() },
  { additionalProperties: false },
);

export const MailMergeQuery = Type.Object(
  { only: Type.Optional(Type.Literal('nonresponders')) },
  { additionalProperties: false },
);

export const LinkResponse = Type.Object({ link: Type.String(), generation: Type.Integer() }, { additionalProperties: false });

/**
 * A round's anonymous link. `link` is null when it is off, or when it is on but cannot be
 * derived again (the secret file was replaced): then only a new link helps.
 */
export const AnonymousLinkResponse = Type.Object(
  { linkOn: Type.Boolean(), link: Nullable(Type.String()), submitted: Type.Integer(), drafts: Type.Integer() },
  { additionalProperties: false },
);

const GroupRowSchema = Type.Object(
  {
    name: Type.String(),
    hidden: Type.Boolean(),
    invited: Nullable(Type.Integer()),
    opened: Nullable(Type.Integer()),
    started: Nullable(Type.Integer()),
    submitted: Nullable(Type.Integer()),
    rate: Nullable(Type.Number()),
    small: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const MonitorResponse = Type.Object(
  {
    round: Type.Object(
      { key: Type.String(), label: Type.Object({ nl: Type.String(), en: Type.String() }), opensAt: Nullable(Type.String()), closesAt: Nullable(Type.String()), state: literals(ROUND_STATES) },
      { additionalProperties: false },
    ),
    totals: Type.Object(
      { invited: Type.Integer(), sent: Type.Integer(), opened: Type.Integer(), started: Type.Integer(), submitted: Type.Integer(), rate: Nullable(Type.Number()) },
      { additionalProperties: false },
    ),
    /** Responses through the round's anonymous link: outside the cohort and outside `totals.rate`. */
    anonymous: Type.Object({ linkOn: Type.Boolean(), submitted: Type.Integer(), drafts: Type.Integer() }, { additionalProperties: false }),
    suppressed: Type.Boolean(),
    minSubgroup: Type.Integer(),
    byOrganisation: Type.Array(GroupRowSchema),
    byRole: Type.Array(GroupRowSchema),
    timeline: Type.Array(
      Type.Object(
        { date: Type.String(), opened: Type.Integer(), submitted: Type.Integer(), invitationsSent: Type.Integer(), remindersSent: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
    at: Type.String(),
  },
  { additionalProperties: false },
);

export const MonitorRoundsResponse = Type.Object(
  {
    rounds: Type.Array(
      Type.Object(
        { key: Type.String(), label: Type.Object({ nl: Type.String(), en: Type.String() }), opensAt: Nullable(Type.String()), closesAt: Nullable(Type.String()), state: literals(ROUND_STATES) },
        { additionalProperties: false },
      ),
    ),
    /** Whether the caller sees participants and can send (researchers). */
    detail: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ParticipantsResponse = Type.Object(
  {
    participants: Type.Array(
      Type.Object(
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
              { kind: MailKind, status: literals(OUTBOX_STATUSES), error: Nullable(Type.String()), at: Type.String() },
              { additionalProperties: false },
            ),
          ),
          pending: Type.Array(MailKind),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PatternsResponse = Type.Object(
  {
    rounds: Type.Array(Type.Object({ key: Type.String(), label: Type.Object({ nl: Type.String(), en: Type.String() }) }, { additionalProperties: false })),
    suppressed: Type.Boolean(),
    total: Type.Integer(),
    patterns: Type.Array(Type.Object({ pattern: Type.String(), count: Nullable(Type.Integer()) }, { additionalProperties: false })),
    /** Researchers only: the pattern of each participant. */
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

export const RoundActionResponse = Type.Object(
  { round: RoundSummary },
  { additionalProperties: false },
);

export const OkResponse = Type.Object({ ok: Type.Boolean() }, { additionalProperties: false });

export const ErrorSchema = Type.Object(
  { code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
);

/** The error responses every staff route can give, for the `response` part of a route schema. */
export const STAFF_ERRORS = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema } as const;
