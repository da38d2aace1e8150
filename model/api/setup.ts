import { Type, type Static } from '@sinclair/typebox';
import { LangSchema, LocalTextSchema } from '../i18n.js';
import { VocabularySchema } from '../vocabulary-schema.js';
import { DomainCoverageSettingSchema } from '../domains.js';
import type { Study } from '../study.js';
import { CATALOGUE_KINDS, STUDY_ROLES, type CatalogueKind } from '../values.js';
import { IdText, Nullable, RoundKey, Slug, Stored, literals, slugParams } from './common.js';

/**
 * The set-up API: templates, one's studies, a study's settings and rounds, the own account,
 * accounts (administrators), a study's members and its catalogues (chain partners, tools).
 * The questionnaire and the cohort have files of their own.
 */

export const StudyRoleSchema = literals(STUDY_ROLES);
/** A round as lists show it: key and name. */
export const RoundLabel = Type.Object({ key: Type.String(), label: LocalTextSchema }, { additionalProperties: false });

// ---- studies and rounds -------------------------------------------------------------------

export const TemplatesResponse = Type.Object(
  {
    templates: Type.Array(
      Type.Object(
        {
          key: Type.String(),
          name: LocalTextSchema,
          description: LocalTextSchema,
          // Issue 16, study types: the rounds and the words a study of this type starts with.
          rounds: Type.Optional(Type.Array(LocalTextSchema)),
          vocabulary: Type.Optional(VocabularySchema),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TemplatesResponse = Static<typeof TemplatesResponse>;

export const StudyCard = Type.Object(
  {
    slug: Type.String(),
    title: LocalTextSchema,
    organisation: Type.String(),
    role: StudyRoleSchema,
    isDemo: Type.Boolean(),
    createdAt: Type.String(),
    rounds: Type.Array(RoundLabel),
    /** Null for trainers and managers: they see no cohort figures. */
    participants: Nullable(Type.Integer()),
    questionnaireVersion: Type.Integer(),
    /** When the study was archived (issue 16, rounds); absent while it is active. */
    archivedAt: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type StudyCard = Static<typeof StudyCard>;
export const StudiesResponse = Type.Object({ studies: Type.Array(StudyCard) }, { additionalProperties: false });
/** `?archived=1` lists archived studies too (issue 16, rounds). */
export const StudiesQuery = Type.Object(
  { archived: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])) },
  { additionalProperties: false },
);
export type StudiesResponse = Static<typeof StudiesResponse>;

export const CreateStudyBody = Type.Object(
  {
    title: LocalTextSchema,
    organisation: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(Slug),
    languages: Type.Optional(Type.Array(LangSchema, { minItems: 1, maxItems: 2, uniqueItems: true })),
    description: Type.Optional(LocalTextSchema),
    source: Type.Union([
      Type.Object({ kind: Type.Literal('template'), template: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
      Type.Object({ kind: Type.Literal('copy'), slug: Slug }, { additionalProperties: false }),
    ]),
  },
  { additionalProperties: false },
);
export type CreateStudyBody = Static<typeof CreateStudyBody>;
export const CreatedStudy = Type.Object({ slug: Type.String() }, { additionalProperties: false });
export type CreatedStudy = Static<typeof CreatedStudy>;

export const StudyRound = Type.Object(
  {
    key: Type.String(),
    label: LocalTextSchema,
    opensAt: Nullable(Type.String()),
    closesAt: Nullable(Type.String()),
    hasResponses: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const StudyResponse = Type.Object(
  {
    slug: Type.String(),
    definition: Stored<Study>(),
    isDemo: Type.Boolean(),
    role: Nullable(StudyRoleSchema),
    rounds: Type.Array(StudyRound),
    /** When the study was archived (issue 16, rounds); absent while it is active. */
    archivedAt: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type StudyResponse = Static<typeof StudyResponse>;

export const UpdateStudyBody = Type.Object(
  {
    title: Type.Optional(LocalTextSchema),
    description: Type.Optional(LocalTextSchema),
    question: Type.Optional(LocalTextSchema),
    organisation: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Issue 17: the domain coverage setting (model/domains.ts); null removes it. */
    domainCoverage: Type.Optional(Type.Union([DomainCoverageSettingSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateStudyBody = Static<typeof UpdateStudyBody>;

export const StudyRoundParams = slugParams({ key: RoundKey });
export const RoundBody = Type.Object({ label: LocalTextSchema }, { additionalProperties: false });
export type RoundBody = Static<typeof RoundBody>;
/** A new round: its name and, optionally, the key the researcher chose (default: derived from the Dutch name). */
export const CreateRoundBody = Type.Object(
  { label: LocalTextSchema, key: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);
export type CreateRoundBody = Static<typeof CreateRoundBody>;
export const CreatedRound = Type.Object({ key: Type.String() }, { additionalProperties: false });
export type CreatedRound = Static<typeof CreatedRound>;

// ---- the own account ------------------------------------------------------------------------

export const PasswordBody = Type.Object(
  { current: Type.String({ minLength: 1, maxLength: 1024 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type PasswordBody = Static<typeof PasswordBody>;
/** A password change ends every session and opens a new one: the page carries on with its token. */
export const PasswordResponse = Type.Object({ ok: Type.Boolean(), csrfToken: Type.String() }, { additionalProperties: false });
export const SettingsBody = Type.Object(
  { displayName: Type.Optional(Type.String({ maxLength: 120 })), language: Type.Optional(LangSchema) },
  { additionalProperties: false },
);
export type SettingsBody = Static<typeof SettingsBody>;

// ---- accounts (administrators) --------------------------------------------------------------

export const Account = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    displayName: Type.String(),
    isAdmin: Type.Boolean(),
    language: Type.String(),
    disabled: Type.Boolean(),
    createdAt: Type.String(),
    mustChangePassword: Type.Boolean(),
    studies: Type.Array(Type.Object({ slug: Type.String(), role: StudyRoleSchema }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type Account = Static<typeof Account>;
export const AccountsResponse = Type.Object(
  {
    users: Type.Array(Account),
    studies: Type.Array(Type.Object({ slug: Type.String(), title: LocalTextSchema }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type AccountsResponse = Static<typeof AccountsResponse>;

export const CreateAccountBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    displayName: Type.String({ maxLength: 120 }),
    isAdmin: Type.Boolean(),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    language: Type.Optional(LangSchema),
    study: Type.Optional(Type.Object({ slug: Slug, role: StudyRoleSchema }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type CreateAccountBody = Static<typeof CreateAccountBody>;
/** The generated password is shown once; null when the administrator chose one. */
export const CreatedAccount = Type.Object({ id: Type.Integer(), password: Nullable(Type.String()) }, { additionalProperties: false });
export type CreatedAccount = Static<typeof CreatedAccount>;

export const UpdateAccountBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 120 })),
    isAdmin: Type.Optional(Type.Boolean()),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateAccountBody = Static<typeof UpdateAccountBody>;
export const AccountParams = Type.Object({ id: IdText }, { additionalProperties: false });
export const ResetPasswordResponse = Type.Object({ password: Type.String() }, { additionalProperties: false });
export type ResetPasswordResponse = Static<typeof ResetPasswordResponse>;

// ---- members ----------------------------------------------------------------------------------

export const StudyMember = Type.Object(
  { userId: Type.Integer(), email: Type.String(), displayName: Type.String(), role: StudyRoleSchema, disabled: Type.Boolean() },
  { additionalProperties: false },
);
export type StudyMember = Static<typeof StudyMember>;
export const MembersResponse = Type.Object({ members: Type.Array(StudyMember) }, { additionalProperties: false });
export type MembersResponse = Static<typeof MembersResponse>;
export const AddMemberBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), role: StudyRoleSchema },
  { additionalProperties: false },
);
export type AddMemberBody = Static<typeof AddMemberBody>;
/** An administrator puts an existing account in a study, from the accounts screen. */
export const AddMembershipBody = Type.Object({ slug: Slug, role: StudyRoleSchema }, { additionalProperties: false });
export type AddMembershipBody = Static<typeof AddMembershipBody>;
export const MemberRoleBody = Type.Object({ role: StudyRoleSchema }, { additionalProperties: false });
export const MemberParams = slugParams({ userId: IdText });

// ---- catalogues: chain partners and tools -----------------------------------------------------

/** A chain partner (name, domain) or a tool (name, description), with how often it was answered. */
const catalogueRowFields = {
  id: Type.Integer(),
  name: Type.String(),
  /** Chain partners only. */
  domain: Type.Optional(Type.String()),
  /** Tools only. */
  description: Type.Optional(LocalTextSchema),
};
/** A chain partner or tool as the questionnaire builder shows it: without its answer count. */
export const CatalogueRow = Type.Object(catalogueRowFields, { additionalProperties: false });
export type CatalogueRow = Static<typeof CatalogueRow>;
/** A chain partner or tool on the catalogue screen, with how many answers it has (none: it can be removed). */
export const CatalogueEntry = Type.Object({ ...catalogueRowFields, answers: Type.Integer() }, { additionalProperties: false });
export type CatalogueEntry = Static<typeof CatalogueEntry>;
export const PartnersResponse = Type.Object({ partners: Type.Array(CatalogueEntry) }, { additionalProperties: false });
export const ToolsResponse = Type.Object({ tools: Type.Array(CatalogueEntry) }, { additionalProperties: false });
export type PartnersResponse = Static<typeof PartnersResponse>;
export type ToolsResponse = Static<typeof ToolsResponse>;
export const PartnerBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 120 }), domain: Type.String({ maxLength: 120 }) },
  { additionalProperties: false },
);
export const ToolBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 120 }), description: LocalTextSchema },
  { additionalProperties: false },
);
export type PartnerBody = Static<typeof PartnerBody>;
export type ToolBody = Static<typeof ToolBody>;
export const CatalogueOrderBody = Type.Object(
  { ids: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 }) },
  { additionalProperties: false },
);
export const CatalogueEntryParams = slugParams({ id: IdText });
export const CreatedEntry = Type.Object({ id: Type.Integer() }, { additionalProperties: false });
export type CreatedEntry = Static<typeof CreatedEntry>;
/** Each catalogue's body and list, by kind: the routes are the same for both. */
export const CATALOGUES = {
  partner: { body: PartnerBody, list: PartnersResponse },
  tool: { body: ToolBody, list: ToolsResponse },
} as const satisfies Record<CatalogueKind, unknown>;
export { CATALOGUE_KINDS };

// ---- deleting a study (issue 16, deliverable 7) ---------------------------------------------

/** Deleting a study: its slug typed out as the confirmation. */
export const DeleteStudyBody = Type.Object({ confirmSlug: Type.String({ maxLength: 200 }) }, { additionalProperties: false });
export type DeleteStudyBody = Static<typeof DeleteStudyBody>;
/** What was deleted: rows per table that held the study's id (the audit log keeps the same counts). */
export const DeletedStudy = Type.Object(
  {
    slug: Type.String(),
    deleted: Type.Record(Type.String(), Type.Integer()),
    /** 'pending': an erasing step failed; the study is out of sight and its rows are erased later. */
    erasure: Type.Union([Type.Literal('done'), Type.Literal('pending')]),
  },
  { additionalProperties: false },
);
export type DeletedStudy = Static<typeof DeletedStudy>;
