import { Type, type Static } from '@sinclair/typebox';
import { COHORT_ENCODINGS, COHORT_FIELDS, COHORT_PROBLEM_CODES, DELIMITERS, type CohortField } from '../values.js';
import { Nullable, ParticipantKey, literals, slugParams } from './common.js';
import { ATTRIBUTE_KEY_PATTERN, ATTRIBUTE_VALUE_MAX, CohortAttributeSchema, MAX_ATTRIBUTES } from '../cohort-attributes.js';

/** attrs: a participant's values of the study's cohort attributes (key → value). */
const AttributeValues = Type.Record(Type.String({ pattern: ATTRIBUTE_KEY_PATTERN }), Type.String({ maxLength: ATTRIBUTE_VALUE_MAX }), {
  maxProperties: MAX_ATTRIBUTES,
});

/** The cohort API: participants, their contact details, and the CSV import (preview, commit). */

/** Largest CSV accepted: 5 MB holds tens of thousands of participants. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const CohortParticipant = Type.Object(
  {
    key: Type.String(),
    name: Type.String(),
    email: Type.String(),
    organisation: Type.String(),
    role: Type.String(),
    team: Type.String(),
    /** The round from which the participant left the study, if they did. */
    leftFromRound: Nullable(Type.String()),
    leftNote: Type.String(),
    invitations: Type.Integer(),
    responses: Type.Integer(),
    createdAt: Type.String(),
    attributes: AttributeValues,
  },
  { additionalProperties: false },
);
export type CohortParticipant = Static<typeof CohortParticipant>;
export const ParticipantsResponse = Type.Object({ participants: Type.Array(CohortParticipant) }, { additionalProperties: false });
export type ParticipantsResponse = Static<typeof ParticipantsResponse>;

export const ParticipantParams = slugParams({ key: ParticipantKey });
export const ParticipantBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    email: Type.String({ maxLength: 254 }),
    organisation: Type.String({ maxLength: 200 }),
    role: Type.String({ maxLength: 120 }),
    team: Type.String({ maxLength: 120 }),
    /** Values to set ('' removes one); attributes not named keep their value. */
    attributes: Type.Optional(AttributeValues),
  },
  { additionalProperties: false },
);
export type ParticipantBody = Static<typeof ParticipantBody>;
export const CreatedParticipant = Type.Object({ key: Type.String() }, { additionalProperties: false });
export type CreatedParticipant = Static<typeof CreatedParticipant>;
/** From which round a participant left (null: back in the study), and why. */
export const LeftBody = Type.Object(
  { round: Nullable(Type.String({ maxLength: 20 })), note: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export type LeftBody = Static<typeof LeftBody>;

/** Which column (0-based) holds each field; null: none. */
const Column = Nullable(Type.Integer({ minimum: 0, maximum: 200 }));
export const CohortMapping = Type.Object(
  // `key` is optional: a mapping without it generates keys, as before the key column existed.
  { name: Column, email: Column, organisation: Column, role: Column, team: Column, key: Type.Optional(Column) } satisfies Record<
    CohortField,
    unknown
  >,
  { additionalProperties: false },
);
export type CohortMapping = Static<typeof CohortMapping>;

/**
 * An attribute definition as a researcher sends it: loose strings, so that a bad key or a label
 * with markup gets rondo's own clear message (model/cohort-attributes.ts) rather than a schema error.
 */
const Loose = (max: number) => Type.String({ maxLength: max });
const LooseLabel = Type.Object({ nl: Loose(200), en: Type.Optional(Loose(200)) }, { additionalProperties: false });
export const AttributeInput = Type.Object(
  {
    key: Loose(100),
    label: LooseLabel,
    values: Type.Optional(
      Type.Array(Type.Object({ value: Loose(300), label: Type.Optional(LooseLabel) }, { additionalProperties: false }), {
        maxItems: 200,
      }),
    ),
  },
  { additionalProperties: false },
);
export type AttributeInput = Static<typeof AttributeInput>;
export const CohortAttributesBody = Type.Object(
  { attributes: Type.Array(AttributeInput, { maxItems: 50 }) },
  { additionalProperties: false },
);
export type CohortAttributesBody = Static<typeof CohortAttributesBody>;
export const CohortAttributesResponse = Type.Object(
  {
    attributes: Type.Array(CohortAttributeSchema),
    /** How many participants hold each value (key → value → count). */
    usage: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
  },
  { additionalProperties: false },
);
export type CohortAttributesResponse = Static<typeof CohortAttributesResponse>;

export const CohortImportBody = Type.Object(
  {
    /** The file's bytes, base64: the server decides how to read them, never the browser. */
    data: Type.String({ maxLength: Math.ceil((MAX_CSV_BYTES * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
    /** Shown back and written to the audit log only; never used to store anything. */
    fileName: Type.Optional(Type.String({ maxLength: 255 })),
    encoding: literals(COHORT_ENCODINGS),
    delimiter: literals(DELIMITERS),
    mapping: Type.Optional(CohortMapping),
    acceptRoles: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 100 })),
    skipInvalid: Type.Optional(Type.Boolean()),
    /** For an .xlsx: the sheet to read (default the first). */
    sheet: Type.Optional(Type.String({ maxLength: 100 })),
    /** attrs: which column (0-based) holds each cohort attribute; absent: guessed from the headers. */
    attributeColumns: Type.Optional(
      Type.Record(Type.String({ pattern: ATTRIBUTE_KEY_PATTERN }), Type.Integer({ minimum: 0, maximum: 200 }), {
        maxProperties: MAX_ATTRIBUTES,
      }),
    ),
    /** attrs: attributes to create with this import (for the file's extra columns); checked like any attribute. */
    createAttributes: Type.Optional(Type.Array(AttributeInput, { maxItems: MAX_ATTRIBUTES })),
  },
  { additionalProperties: false },
);
export type CohortImportBody = Static<typeof CohortImportBody>;

const Bilingual = Type.Object({ nl: Type.String(), en: Type.String() }, { additionalProperties: false });
export const CohortProblem = Type.Object(
  {
    /** Row number as a spreadsheet shows it (the header is row 1); 0 for the whole file. */
    row: Type.Integer(),
    column: Type.Optional(Type.String()),
    field: Type.Optional(literals(COHORT_FIELDS)),
    code: literals(COHORT_PROBLEM_CODES),
    message: Bilingual,
  },
  { additionalProperties: false },
);
export type CohortProblem = Static<typeof CohortProblem>;

export const CohortPreview = Type.Object(
  {
    delimiter: literals([';', ',', '\t'] as const),
    headers: Type.Array(Type.String()),
    mapping: CohortMapping,
    /** The file's rows: over the API the first PREVIEW_ROWS of them (counts.rows: how many there are). */
    rows: Type.Array(
      Type.Object(
        {
          row: Type.Integer(),
          values: Type.Object(
            {
              name: Type.String(),
              email: Type.String(),
              organisation: Type.String(),
              role: Type.String(),
              team: Type.String(),
              /** The researcher's own key; empty: one is generated. */
              key: Type.String(),
            } satisfies Record<CohortField, unknown>,
            { additionalProperties: false },
          ),
          /** The role as it will be stored: the known spelling when it matched one. */
          role: Type.String(),
          /** attrs: the row's attribute values as they will be stored. */
          attributes: Type.Record(Type.String(), Type.String()),
          /** exports16: the respondent group's key from the group column ('' or absent: the study's default group). */
          group: Type.Optional(Type.String()),
          ok: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
    /** Problems that stop the whole file. */
    fileProblems: Type.Array(CohortProblem),
    /**
     * Problems of single rows, in row order: over the API the first PREVIEW_PROBLEMS and those of
     * the rows sent (counts.problems: how many there are).
     */
    problems: Type.Array(CohortProblem),
    /** Roles in the file that the study does not know yet. */
    unknownRoles: Type.Array(Type.String()),
    counts: Type.Object(
      { rows: Type.Integer(), valid: Type.Integer(), invalid: Type.Integer(), problems: Type.Integer() },
      { additionalProperties: false },
    ),
    /** attrs: which column holds each cohort attribute. */
    attributeColumns: Type.Record(Type.String(), Type.Integer()),
    /** exports16: the column holding the respondent group (`group`/`groep`, as the exports write it), if any. */
    groupColumn: Type.Optional(Type.Integer()),
    /** attrs: columns no field or attribute reads, with a key the screen offers for a new attribute ('' none fits). */
    extraColumns: Type.Array(
      Type.Object({ column: Type.Integer(), header: Type.String(), suggestedKey: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
export type CohortPreview = Static<typeof CohortPreview>;

/** The preview, or why the file cannot be read at all (`ok: false` with a code and a message). */
export const CohortPreviewResponse = Type.Object(
  {
    ok: Type.Boolean(),
    code: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    encoding: Type.Optional(Type.String()),
    /** For an .xlsx: its sheets, to choose from. */
    sheets: Type.Optional(Type.Array(Type.String())),
    preview: Type.Optional(CohortPreview),
  },
  { additionalProperties: false },
);
export type CohortPreviewResponse = Static<typeof CohortPreviewResponse>;
export const CohortImportResponse = Type.Object({ added: Type.Integer(), skipped: Type.Integer() }, { additionalProperties: false });
export type CohortImportResponse = Static<typeof CohortImportResponse>;
