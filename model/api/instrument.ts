import { Type, type Static } from '@sinclair/typebox';
import { ITEM_TYPES, type Questionnaire } from '../questionnaire-shape.js';
import { Nullable, Stored, literals } from './common.js';
import { QuestionnaireChangeSchema, QuestionnaireIssueSchema } from './setup-questionnaire.js';

/**
 * Instruments from other tools (issue 19): a LimeSurvey survey structure (.lss) or a REDCap data
 * dictionary (.csv) read as a rondo questionnaire, with a report of what became of every
 * question and of every feature rondo does not have. A dry run first; applying replaces the
 * study's questionnaire by the builder's versioning rules.
 */

export const INSTRUMENT_SOURCES = ['limesurvey', 'redcap'] as const;
export type InstrumentSource = (typeof INSTRUMENT_SOURCES)[number];

/** What the report says about the file or one question. */
export const INSTRUMENT_NOTE_CODES = [
  // the file
  'TOO_LARGE',
  'NOT_XML',
  'DOCTYPE',
  'NOT_LIMESURVEY',
  'NOT_CSV',
  'MISSING_COLUMNS',
  'NO_QUESTIONS',
  'ONE_LANGUAGE',
  'MEASURE_GUESSED',
  // a question
  'UNSUPPORTED_TYPE',
  'CONDITION',
  'PIPING',
  'VALIDATION',
  'CALCULATION',
  'OTHER_OPTION',
  'COMMENT',
  'HTML_KEPT_AS_TEXT',
  'LABEL_COPIED',
  'CODES_RENUMBERED',
  'ID_RENAMED',
  'INFO_AS_INTRO',
  'DEFAULT_BOUNDS',
  'TOO_MANY_OPTIONS',
  'ACTION_TAGS',
  'ARRAY_SPLIT',
  // a REDCap field in a matrix group (exchange, issue 19)
  'MATRIX_GROUP',
] as const;
export type InstrumentNoteCode = (typeof INSTRUMENT_NOTE_CODES)[number];

export const InstrumentNoteSchema = Type.Object(
  {
    code: literals(INSTRUMENT_NOTE_CODES),
    /** error: the file cannot be imported; warning: a feature is lost; info: how something was mapped. */
    severity: literals(['error', 'warning', 'info'] as const),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export type InstrumentNote = Static<typeof InstrumentNoteSchema>;

export const InstrumentReportSchema = Type.Object(
  {
    ok: Type.Boolean(),
    source: literals(INSTRUMENT_SOURCES),
    file: Type.Object({ name: Type.String(), bytes: Type.Integer() }, { additionalProperties: false }),
    /** Languages the file has labels in. */
    languages: Type.Array(Type.String()),
    /** Notes on the whole file. */
    notes: Type.Array(InstrumentNoteSchema),
    /** Every question of the file, in order, with the rondo item(s) it became (none: not imported) and its notes. */
    questions: Type.Array(
      Type.Object(
        {
          source: Type.String(),
          sourceType: Type.String(),
          items: Type.Array(Type.Object({ id: Type.String(), type: literals(ITEM_TYPES) }, { additionalProperties: false })),
          /** A text placed in a section's introduction (boilerplate, descriptive field). */
          intro: Type.Boolean(),
          notes: Type.Array(InstrumentNoteSchema),
        },
        { additionalProperties: false },
      ),
    ),
    counts: Type.Object(
      { questions: Type.Integer(), items: Type.Integer(), notImported: Type.Integer(), warnings: Type.Integer() },
      { additionalProperties: false },
    ),
    /** The questionnaire as it would be saved, or null when the file could not be read. */
    questionnaire: Nullable(Stored<Questionnaire>()),
    /** The builder's check of that questionnaire against the study. */
    issues: Type.Array(QuestionnaireIssueSchema),
    /** What saving would change (dry run) or changed. */
    changes: Type.Array(QuestionnaireChangeSchema),
    outcome: Nullable(Type.String()),
    version: Nullable(Type.Integer()),
    applied: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type InstrumentReport = Static<typeof InstrumentReportSchema>;

/** The largest instrument file read: a survey structure or a dictionary is far smaller. */
export const MAX_INSTRUMENT_BYTES = 5 * 1024 * 1024;

export const InstrumentImportBody = Type.Object(
  {
    source: literals(INSTRUMENT_SOURCES),
    data: Type.String({ maxLength: Math.ceil((MAX_INSTRUMENT_BYTES * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
    fileName: Type.String({ maxLength: 255 }),
    /** false: the dry run (report only); true: replace the questionnaire. */
    apply: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type InstrumentImportBody = Static<typeof InstrumentImportBody>;
