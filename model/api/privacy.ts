import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema } from '../i18n.js';
import { ACCESS_KINDS, ANSWER_CHOICES, LANGUAGES, SUBJECT_ACCESS_FORMATS } from '../values.js';
import { Nullable, ParticipantKey, literals, slugParams } from './common.js';

/**
 * The privacy API (server/routes/privacy.ts, AVG/GDPR): the overview, finding and erasing a
 * participant, de-linking a study, the retention date, the privacy statement and the access
 * log for personal data. Each schema and its derived type share one name; the browser
 * imports the types only.
 */

/** How many participants, rows or responses: a count. */
const Count = Type.Integer();

export const ParticipantParams = slugParams({ key: ParticipantKey });
export type ParticipantParams = Static<typeof ParticipantParams>;

// The overview

export const RetentionStatus = Type.Object(
  {
    retentionUntil: Nullable(Type.String()),
    /** When the warning was given, or null. */
    warnedAt: Nullable(Type.String()),
    /** When the deletion will run, given the date and the notice; null without a date. */
    deletesAt: Nullable(Type.String()),
    /** True from the start of the warning window until the deletion. */
    warning: Type.Boolean(),
    deletedAt: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type RetentionStatus = Static<typeof RetentionStatus>;

const delinkPreviewFields = {
  /** Why de-linking is not possible now; empty when it is. */
  blockers: Type.Array(Type.String()),
  /** The rounds that have not closed yet (grace period included), with their labels for the screen. */
  openRounds: Type.Array(Type.Object({ key: Type.String(), label: LocalTextSchema }, { additionalProperties: false })),
  contacts: Count,
  participants: Count,
  invitations: Count,
  drafts: Count,
  submitted: Count,
};

/** What de-linking would remove now, and what stands in its way. */
export const DelinkPreview = Type.Object(delinkPreviewFields, { additionalProperties: false });
export type DelinkPreview = Static<typeof DelinkPreview>;

/** Everything the privacy screen shows for a study. Counts only: no names or addresses. */
export const PrivacyOverviewResponse = Type.Object(
  {
    retention: RetentionStatus,
    delinkedAt: Nullable(Type.String()),
    delink: DelinkPreview,
    /** Participants erased on request whose answers were kept, with the legal basis. */
    erasedKept: Type.Array(
      Type.Object({ key: Type.String(), erasedAt: Type.String(), legalBasis: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type PrivacyOverviewResponse = Static<typeof PrivacyOverviewResponse>;

// Finding and erasing a participant

export const FindQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export type FindQuery = Static<typeof FindQuery>;

export const FoundParticipant = Type.Object(
  { key: Type.String(), name: Type.String(), email: Type.String(), organisation: Type.String() },
  { additionalProperties: false },
);
export type FoundParticipant = Static<typeof FoundParticipant>;

export const FoundParticipantsResponse = Type.Object({ participants: Type.Array(FoundParticipant) }, { additionalProperties: false });
export type FoundParticipantsResponse = Static<typeof FoundParticipantsResponse>;

export const EraseBody = Type.Object(
  {
    answers: Type.Union(ANSWER_CHOICES.map((c) => Type.Literal(c))),
    /** Required when the answers are kept. */
    legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type EraseBody = Static<typeof EraseBody>;

/** Rows removed by other areas' holders of personal data, by holder name. */
const Elsewhere = Type.Record(Type.String(), Count);

export const EraseResponse = Type.Object(
  {
    key: Type.String(),
    answers: literals(ANSWER_CHOICES),
    contactRemoved: Type.Boolean(),
    /** Submitted responses removed (`delete`) or kept (`keep`). */
    responsesDeleted: Count,
    responsesKept: Count,
    draftsDeleted: Count,
    invitationsRevoked: Count,
    elsewhere: Elsewhere,
  },
  { additionalProperties: false },
);
export type EraseResponse = Static<typeof EraseResponse>;

// De-linking, confirmed twice

/** The first confirmation: what will go, and a short-lived ticket for the second. */
export const DelinkConfirmationResponse = Type.Object(
  { ...delinkPreviewFields, ticket: Type.String(), expiresAt: Type.String(), confirmSlug: Type.String() },
  { additionalProperties: false },
);
export type DelinkConfirmationResponse = Static<typeof DelinkConfirmationResponse>;

export const DelinkBody = Type.Object(
  {
    ticket: Type.String({ minLength: 1, maxLength: 100 }),
    /** The study's slug, typed out by the researcher. */
    confirmSlug: Type.String({ maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type DelinkBody = Static<typeof DelinkBody>;

export const DelinkResponse = Type.Object(
  {
    contactsRemoved: Count,
    invitationsRemoved: Count,
    draftsRemoved: Count,
    participantsRekeyed: Count,
    elsewhere: Elsewhere,
    delinkedAt: Type.String(),
  },
  { additionalProperties: false },
);
export type DelinkResponse = Static<typeof DelinkResponse>;

// Retention and the privacy statement

export const RetentionBody = Type.Object(
  { retentionUntil: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]) },
  { additionalProperties: false },
);
export type RetentionBody = Static<typeof RetentionBody>;

export const StatementBody = LocalTextSchema;
export type StatementBody = Static<typeof StatementBody>;

export const StatementResponse = Type.Object(
  { statement: LocalTextSchema, languages: Type.Array(literals(LANGUAGES)) },
  { additionalProperties: false },
);
export type StatementResponse = Static<typeof StatementResponse>;

export const StatementSavedResponse = Type.Object({ statement: LocalTextSchema }, { additionalProperties: false });
export type StatementSavedResponse = Static<typeof StatementSavedResponse>;

// The access log for personal data

export const AccessLogQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
    participant: Type.Optional(ParticipantKey),
  },
  { additionalProperties: false },
);
export type AccessLogQuery = Static<typeof AccessLogQuery>;

export const AccessEntry = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String(),
    actor: Type.String(),
    /** The staff account's e-mail address for "user:<id>" actors, else null. */
    actorEmail: Nullable(Type.String()),
    kind: literals(ACCESS_KINDS),
    data: Type.String(),
    /** The participant keys, or "*" for all participants of the study. */
    participants: Type.Union([Type.Array(Type.String()), Type.Literal('*')]),
    count: Count,
    purpose: Type.String(),
  },
  { additionalProperties: false },
);
export type AccessEntry = Static<typeof AccessEntry>;

/** A page of the access log, newest first; `next` is the `before` of the next page. */
export const AccessLogResponse = Type.Object(
  { entries: Type.Array(AccessEntry), next: Nullable(Type.Integer()) },
  { additionalProperties: false },
);
export type AccessLogResponse = Static<typeof AccessLogResponse>;

// A subject-access request (AVG/GDPR art. 15 and 20) for one participant, by pseudonymous key:
// GET …/privacy/participants/:key/subject-access, with ParticipantParams.

export const SubjectAccessQuery = Type.Object(
  {
    format: Type.Optional(Type.Union(SUBJECT_ACCESS_FORMATS.map((f) => Type.Literal(f)))),
    lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type SubjectAccessQuery = Static<typeof SubjectAccessQuery>;
