import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { IMPORT_ENCODINGS, type ImportEncoding } from './decode.js';
import type { ProblemList } from './problems.js';

/**
 * The mapping of an import: which CSV column holds which variable, how cell values become
 * codes, and how rows become participants. Format "rondo.import-mapping/1", documented in
 * docs/exchange.md; the import screen saves the same JSON the CLI reads.
 */
const literals = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

export const VALUE_TARGETS = ['dont_know', 'not_applicable', 'skipped', 'not_asked'] as const;
export type ValueTarget = number | (typeof VALUE_TARGETS)[number];

const ColumnName = Type.String({ minLength: 1, maxLength: 500 });

export const ColumnMappingSchema = Type.Object(
  {
    /** The variable's name without round suffix, as in the codebook (`know_signal`, `collab_p1_freq`). */
    variable: Type.String({ minLength: 1, maxLength: 80 }),
    /** Cell text → code or missing kind. Other cells: numbers, missing codes and scale labels are recognised. */
    values: Type.Optional(Type.Record(Type.String({ maxLength: 500 }), Type.Union([Type.Number(), literals(VALUE_TARGETS)]))),
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
          delimiter: Type.Optional(literals(['auto', ',', ';', '\t'] as const)),
          encoding: Type.Optional(literals(IMPORT_ENCODINGS)),
          /** Decimal separator of numbers; default: ',' when cells are separated by ';', else '.'. */
          decimal: Type.Optional(literals(['.', ','] as const)),
        },
        { additionalProperties: false },
      ),
    ),
    participants: Type.Object(
      {
        /** key: rondo's pseudonymous key; email: the contact address; anonymous: no participant. */
        identify: literals(['key', 'email', 'anonymous'] as const),
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
    filter: Type.Optional(Type.Object({ column: ColumnName, values: Type.Array(Type.String({ maxLength: 200 }), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false })),
    /** Rows with 1 here are invited to the round, responded or not (the response-rate denominator). */
    invitedColumn: Type.Optional(ColumnName),
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
  invitedColumn?: string;
  submittedAtColumn?: string;
  columns: Record<string, ColumnMapping>;
}

/** Checks a mapping's shape; problems go to the list, the mapping comes back only when sound. */
export function checkMapping(input: unknown, problems: ProblemList): ImportMapping | null {
  if (!Value.Check(ImportMappingSchema, input)) {
    let n = 0;
    for (const e of Value.Errors(ImportMappingSchema, input)) {
      if (n++ >= 20) break;
      problems.error('MAPPING_SCHEMA', `mapping${e.path || ''}: ${e.message}`);
    }
    return null;
  }
  const m = input as ImportMapping;
  if (m.participants.identify !== 'anonymous' && !m.participants.column) {
    problems.error('MAPPING_SCHEMA', `mapping/participants/column: name the column that holds the participant's ${m.participants.identify === 'key' ? 'key' : 'e-mail address'}`);
    return null;
  }
  return m;
}

/** Own entries of a JSON object, safe for keys such as "__proto__" (JSON.parse makes them own properties). */
export function entries<T>(record: Record<string, T> | undefined): Array<[string, T]> {
  if (!record) return [];
  return Object.keys(record).map((k) => [k, Object.getOwnPropertyDescriptor(record, k)!.value as T]);
}
