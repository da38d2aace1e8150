import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema } from '../i18n.js';
import { MISSING_CODES } from '../questionnaire-shape.js';
import {
  EXPORT_FILE_TYPES,
  EXPORT_FORMATS,
  FLAVOURS,
  IMPORT_ENCODINGS,
  IMPORT_INVITE,
  IMPORT_PROBLEM_CODES,
  IMPORT_SHAPES,
  LANGUAGES,
  PROBLEM_SEVERITIES,
  VALUE_TARGETS,
  VARIABLE_KINDS,
  type ImportEncoding,
  type ImportInvite,
  type ImportShape,
  type ValueTarget,
} from '../values.js';
import { Nullable, Slug, literals, slugParams } from './common.js';
import { RoundLabel } from './setup.js';

/**
 * The data exchange API: what can be exported (the downloads themselves are files), the
 * response import (suggested mapping, dry run, commit) and the list of past imports.
 */

// ---- exports ------------------------------------------------------------------------------

export const ExportsResponse = Type.Object(
  {
    formats: Type.Array(literals(EXPORT_FORMATS)),
    flavours: Type.Array(literals(FLAVOURS)),
    /** Submitted responses. */
    responses: Type.Integer(),
    variables: Type.Integer(),
    openTextVariables: Type.Integer(),
    rounds: Type.Array(RoundLabel),
    questionnaireVersion: Type.Integer(),
  },
  { additionalProperties: false },
);
export type ExportsResponse = Static<typeof ExportsResponse>;
export const ExportParams = slugParams({ format: literals(EXPORT_FORMATS) });
export const ExportQuery = Type.Object(
  {
    flavour: Type.Optional(literals(FLAVOURS)),
    /** "1" includes answers to open questions. */
    openText: Type.Optional(literals(['0', '1'] as const)),
    lang: Type.Optional(literals(LANGUAGES)),
    /** `xlsx`: an Excel workbook instead of CSV (long, wide, round and codebook). */
    file: Type.Optional(literals(EXPORT_FILE_TYPES)),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

// ---- the import mapping -------------------------------------------------------------------

/**
 * The mapping of an import: which CSV column holds which variable, how cell values become
 * codes, and how rows become participants. Format "rondo.import-mapping/1", documented in
 * docs/exchange.md; the import screen saves the same JSON the CLI reads.
 */
// Checked with TypeBox's Value.Check (server/exchange/import/mapping.ts), which knows no
// `Unsafe` enum: a union of literals here, not common.ts `literals`.
const oneOf = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

const ColumnName = Type.String({ minLength: 1, maxLength: 500 });

export const ColumnMappingSchema = Type.Object(
  {
    /** The variable's name without round suffix, as in the codebook (`know_signal`, `collab_p1_freq`). */
    variable: Type.String({ minLength: 1, maxLength: 80 }),
    /** Cell text → code or missing kind. Other cells: numbers, missing codes and scale labels are recognised. */
    values: Type.Optional(Type.Record(Type.String({ maxLength: 500 }), Type.Union([Type.Number(), oneOf(VALUE_TARGETS)]))),
  },
  { additionalProperties: false },
);

export const ImportMappingSchema = Type.Object(
  {
    format: Type.Literal('rondo.import-mapping/1'),
    /** The round the rows are responses to; the CLI's --round must agree when both are given. */
    round: Type.Optional(Type.String({ maxLength: 20 })),
    csv: Type.Optional(
      Type.Object(
        {
          delimiter: Type.Optional(oneOf(['auto', ',', ';', '\t'] as const)),
          encoding: Type.Optional(oneOf(IMPORT_ENCODINGS)),
          /** Decimal separator of numbers; default: ',' when cells are separated by ';', else '.'. */
          decimal: Type.Optional(oneOf(['.', ','] as const)),
        },
        { additionalProperties: false },
      ),
    ),
    participants: Type.Object(
      {
        /** key: rondo's pseudonymous key; email: the contact address; anonymous: no participant. */
        identify: oneOf(['key', 'email', 'anonymous'] as const),
        column: Type.Optional(ColumnName),
        /** Add participants the study does not have yet (keys are generated for e-mail addresses). */
        create: Type.Optional(Type.Boolean()),
        /** Rows with 1 in this column are anonymous responses whatever `identify` says. */
        anonymousColumn: Type.Optional(ColumnName),
        organisationColumn: Type.Optional(ColumnName),
        roleColumn: Type.Optional(ColumnName),
        teamColumn: Type.Optional(ColumnName),
        /** The key of the round from which a created participant had left the study. */
        leftColumn: Type.Optional(ColumnName),
      },
      { additionalProperties: false },
    ),
    /** Only rows whose cell in `column` is one of `values` are responses (e.g. responded_pre = 1). */
    filter: Type.Optional(
      Type.Object(
        { column: ColumnName, values: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 50 }) },
        { additionalProperties: false },
      ),
    ),
    /**
     * Who the import invites to the round, the response rate's denominator. "none" (the default):
     * nobody, the round's invitations stay as they are; "cohort": every participant of the study
     * not invited yet; "file": every row's participant, or with `invitedColumn` the rows with 1.
     */
    invite: Type.Optional(oneOf(IMPORT_INVITE)),
    /** Rows with 1 here are invited to the round, responded or not; naming it says the file is the invitation list. */
    invitedColumn: Type.Optional(ColumnName),
    /** wide (a row per response) or long (a row per answer, as the long export); default: detected from the header. */
    shape: Type.Optional(oneOf(IMPORT_SHAPES)),
    /** Submission time per row (ISO-8601, or "YYYY-MM-DD HH:MM[:SS]" read as UTC); default: the import time. */
    submittedAtColumn: Type.Optional(ColumnName),
    columns: Type.Record(Type.String({ minLength: 1, maxLength: 500 }), ColumnMappingSchema),
  },
  { additionalProperties: false },
);

export interface ColumnMapping {
  variable: string;
  values?: Record<string, ValueTarget>;
}

export interface ImportMapping {
  format: 'rondo.import-mapping/1';
  round?: string;
  csv?: { delimiter?: 'auto' | ',' | ';' | '\t'; encoding?: ImportEncoding; decimal?: '.' | ',' };
  participants: {
    identify: 'key' | 'email' | 'anonymous';
    column?: string;
    create?: boolean;
    anonymousColumn?: string;
    organisationColumn?: string;
    roleColumn?: string;
    teamColumn?: string;
    leftColumn?: string;
  };
  filter?: { column: string; values: string[] };
  invite?: ImportInvite;
  invitedColumn?: string;
  shape?: ImportShape;
  submittedAtColumn?: string;
  columns: Record<string, ColumnMapping>;
}

// ---- the import -------------------------------------------------------------------------------

/** The largest CSV an import takes: 10,000 rows × 60 answers is about 2 MB. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

/** Uploads are JSON with the file as base64 (as the cohort import): the server reads the bytes, never the browser. */
const Upload = {
  data: Type.String({ maxLength: Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
  fileName: Type.String({ maxLength: 255 }),
  round: Type.String({ minLength: 1, maxLength: 20 }),
  /** For an .xlsx: the sheet to read (default the first). */
  sheet: Type.Optional(Type.String({ maxLength: 100 })),
};
export const SuggestBody = Type.Object(Upload, { additionalProperties: false });
export type SuggestBody = Static<typeof SuggestBody>;
/** The mapping is checked by the import itself, so its problems come back in the report with the others. */
export const ImportBody = Type.Object({ ...Upload, mapping: Type.Unknown() }, { additionalProperties: false });
export type ImportBody = Static<typeof ImportBody>;

export const ImportProblemSchema = Type.Object(
  {
    severity: literals(PROBLEM_SEVERITIES),
    code: literals(IMPORT_PROBLEM_CODES),
    /** Row as a spreadsheet shows it: the header is row 1, the first data row is row 2. */
    row: Nullable(Type.Integer()),
    /** The column's header text. */
    column: Nullable(Type.String()),
    message: Type.String(),
    /** The offending cell value, cut to 80 characters. */
    value: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ImportProblem = Static<typeof ImportProblemSchema>;

const Target = Type.Union([Type.Number(), literals(VALUE_TARGETS)]);
export const SuggestResponse = Type.Object(
  {
    ok: Type.Boolean(),
    problems: Type.Array(ImportProblemSchema),
    headers: Type.Array(Type.String()),
    /** The first five data rows, as read. */
    sample: Type.Array(Type.Array(Type.String())),
    /** For an .xlsx: its sheets, to choose from. */
    sheets: Type.Optional(Type.Array(Type.String())),
    rows: Type.Integer(),
    // The schema serialises it; the interface types it (the schema's literal unions widen to string).
    mapping: Nullable(Type.Unsafe<ImportMapping>(ImportMappingSchema)),
    /** Values that need a decision; those with a suggestion are already in the mapping. */
    unresolved: Type.Array(
      Type.Object(
        { column: Type.String(), variable: Type.String(), value: Type.String(), count: Type.Integer(), suggestion: Nullable(Target) },
        { additionalProperties: false },
      ),
    ),
    /** The variables of the round, to map columns to. */
    variables: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String(),
            label: LocalTextSchema,
            kind: literals(VARIABLE_KINDS),
            values: Type.Array(Type.Object({ code: Type.Number(), label: LocalTextSchema }, { additionalProperties: false })),
            missing: Type.Array(literals(MISSING_CODES)),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
export type SuggestResponse = Static<typeof SuggestResponse>;

/**
 * The response of one round as an import leaves it: invited (not left by the round), the
 * invited who have a response, the rate, where the invitations come from, and the same as a
 * sentence in both interface languages ("48 uitgenodigd (deelnemers), 40 met antwoorden → 83%").
 */
export const ImportRateSchema = Type.Object(
  {
    round: Type.String(),
    /** The round this import writes to. */
    imported: Type.Boolean(),
    invited: Type.Integer(),
    responding: Type.Integer(),
    rate: Nullable(Type.Number()),
    /** invitations: the round's own; cohort: the study's participants; file: the file's rows. */
    invitedFrom: literals(['invitations', 'cohort', 'file'] as const),
    text: LocalTextSchema,
  },
  { additionalProperties: false },
);
export type ImportRate = Static<typeof ImportRateSchema>;

/** What an import did or would do: the file, the counts, the problems. Also the `details` of a refusal. */
export const ImportReportSchema = Type.Object(
  {
    ok: Type.Boolean(),
    study: Slug,
    round: Nullable(Type.String()),
    file: Type.Object(
      {
        name: Type.String(),
        sha256: Type.String(),
        bytes: Type.Integer(),
        encoding: Nullable(Type.String()),
        delimiter: Nullable(Type.String()),
        rows: Type.Integer(),
        columns: Type.Array(Type.String()),
      },
      { additionalProperties: false },
    ),
    counts: Type.Object(
      {
        rows: Type.Integer(),
        responses: Type.Integer(),
        anonymous: Type.Integer(),
        filteredOut: Type.Integer(),
        participantsMatched: Type.Integer(),
        participantsCreated: Type.Integer(),
        invitationsCreated: Type.Integer(),
        cells: Type.Integer(),
        /** Rows let through that hold no answer: not responses. */
        empty: Type.Integer(),
        /** Responses of participants not invited to the round: outside the response rate. */
        notInvited: Type.Integer(),
      },
      { additionalProperties: false },
    ),
    /** The file's layout as read: wide or long. */
    shape: literals(['wide', 'long'] as const),
    /** The response per round once the import is written (the imported round with its new invitations and responses). */
    rates: Type.Array(ImportRateSchema),
    /** Which variable each mapped column fills. */
    columns: Type.Array(Type.Object({ column: Type.String(), variable: Type.String() }, { additionalProperties: false })),
    problems: Type.Array(ImportProblemSchema),
    /** Problem codes whose list was cut, with their full counts. */
    truncated: Type.Record(Type.String(), Type.Integer()),
    errors: Type.Integer(),
    warnings: Type.Integer(),
    /** Set once committed. */
    batchId: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type ImportReport = Static<typeof ImportReportSchema>;

/** A saved mapping's name, in a path: printable, no slash. */
export const SavedMappingParams = slugParams({ name: Type.String({ minLength: 1, maxLength: 80, pattern: '^[^/\\\\\\u0000-\\u001f]+$' }) });
export const SaveMappingBody = Type.Object({ mapping: Type.Unknown() }, { additionalProperties: false });
export type SaveMappingBody = Static<typeof SaveMappingBody>;
const SavedMappingSchema = Type.Object(
  {
    name: Type.String(),
    mapping: Type.Unsafe<ImportMapping>(ImportMappingSchema),
    actor: Type.String(),
    updatedAt: Type.String(),
  },
  { additionalProperties: false },
);
export const SavedMappingsResponse = Type.Object({ mappings: Type.Array(SavedMappingSchema) }, { additionalProperties: false });
export type SavedMappingsResponse = Static<typeof SavedMappingsResponse>;
export const SavedMappingResponse = SavedMappingSchema;

export const ImportsResponse = Type.Object(
  {
    imports: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          round: Type.String(),
          file_name: Type.String(),
          sha256: Type.String(),
          rows: Type.Integer(),
          responses: Type.Integer(),
          participants_created: Type.Integer(),
          invitations_created: Type.Integer(),
          actor: Type.String(),
          created_at: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ImportsResponse = Static<typeof ImportsResponse>;
