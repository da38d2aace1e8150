import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import { LangSchema } from './i18n.js';
import {
  ItemSchema,
  type Questionnaire,
  QUESTIONNAIRE_ISSUE_CODES,
  QuestionnaireSchema,
  ScaleSchema,
  SectionSchema,
} from './questionnaire.js';
import { PartnerSchema, RoundSchema, StudySchema, ToolSchema } from './study.js';
import { MAIL_KINDS } from './values.js';

/**
 * The study as a file (docs/study-format.md): a study's whole definition — the study's texts,
 * languages and disclosure settings, its rounds with their schedules, the partner and tool
 * catalogues, the questionnaire and the study's own mail texts — and never responses or
 * personal data. `rondo study export` writes it, `rondo study create --from` and the new-study
 * screen read it; `schemas/study.schema.json` is generated from StudyFileSchema.
 *
 * Built from the model's own schemas, so a field added to a study, round or item is part of the
 * file without a second definition. Later versions add fields (indicators, vocabulary, groups,
 * cohort attributes) as optional ones, so every version-1 file stays valid; `version` changes
 * only when a file's meaning would change.
 */

export const STUDY_FILE_FORMAT = 'rondo-study' as const;
export const STUDY_FILE_VERSION = 1 as const;

/** The name of a shared scale in the file's `scales`, used by an item as `"scale": "agree5"`. */
export const SCALE_NAME_PATTERN = '^[a-z][a-z0-9_]{0,39}$';

const ScaleRefSchema = Type.String({
  pattern: SCALE_NAME_PATTERN,
  description: 'the name of a scale in the file\'s "scales"; the scale is copied into the item when the study is created',
});
const ScaleOrRef = Type.Union([ScaleSchema, ScaleRefSchema]);

/** An item as the file may write it: a scale inline, or by name. */
function withScaleRefs(item: TObject): TObject {
  const props: Record<string, TSchema> = { ...item.properties };
  if (props.scale) props.scale = ScaleOrRef;
  if (props.facets) {
    const facets = props.facets as unknown as { items: TObject; minItems?: number; maxItems?: number };
    const facet = Type.Object({ ...facets.items.properties, scale: ScaleOrRef }, { additionalProperties: false });
    props.facets = Type.Array(facet, { minItems: facets.minItems, maxItems: facets.maxItems });
  }
  return Type.Object(props, { additionalProperties: false, description: item.description });
}

export const StudyFileItemSchema = Type.Union((ItemSchema.anyOf as TObject[]).map(withScaleRefs));

export const StudyFileQuestionnaireSchema = Type.Object(
  {
    ...QuestionnaireSchema.properties,
    sections: Type.Array(
      Type.Object(
        { ...SectionSchema.properties, items: Type.Array(StudyFileItemSchema, { maxItems: 200 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

/** The study's own texts and settings; the short name may be left out and given at creation. */
export const StudyFileStudySchema = Type.Object(
  { ...StudySchema.properties, slug: Type.Optional(StudySchema.properties.slug) },
  { additionalProperties: false, description: "the study's texts, languages, colophon and disclosure settings" },
);

/** What happens around a round besides its times: automatic invitations and reminders. */
export const StudyFileScheduleSchema = Type.Object(
  {
    /** Send invitations by e-mail when the round opens, and to participants added while it is open. */
    autoInvite: Type.Boolean(),
    /** Remind non-responders this many days after their invitation, e.g. [7, 14]. */
    reminderDays: Type.Array(Type.Integer({ minimum: 1, maximum: 120 }), { maxItems: 5 }),
    /** Language of automatic mails; null: the study's default language. */
    language: Type.Union([LangSchema, Type.Null()]),
  },
  { additionalProperties: false },
);

export const StudyFileRoundSchema = Type.Object(
  {
    key: RoundSchema.properties.key,
    label: RoundSchema.properties.label,
    opensAt: Type.Optional(RoundSchema.properties.opensAt),
    closesAt: Type.Optional(RoundSchema.properties.closesAt),
    schedule: Type.Optional(StudyFileScheduleSchema),
  },
  { additionalProperties: false, description: 'a round: key, name, times (absent or null: not planned yet) and automatic mails' },
);

/** A study's own text for one mail kind and language (without one, rondo's default text is used). */
export const StudyFileMailTemplateSchema = Type.Object(
  {
    kind: Type.Union(MAIL_KINDS.map((k) => Type.Literal(k))),
    language: LangSchema,
    subject: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 10_000 }),
  },
  { additionalProperties: false },
);

export const StudyFileSchema = Type.Object(
  {
    /** Where an editor finds the schema, e.g. "./study.schema.json"; ignored by rondo. */
    $schema: Type.Optional(Type.String({ maxLength: 500, description: 'where an editor finds this schema; ignored by rondo' })),
    format: Type.Literal(STUDY_FILE_FORMAT, { description: 'always "rondo-study"' }),
    version: Type.Literal(STUDY_FILE_VERSION, { description: 'the format version; a file of an unknown version is refused' }),
    study: StudyFileStudySchema,
    rounds: Type.Array(StudyFileRoundSchema, { minItems: 1, maxItems: 20, description: 'the measurement rounds, in order' }),
    partners: Type.Array(PartnerSchema, { maxItems: 200, description: 'the chain partners: the rows of a partner grid, in order' }),
    tools: Type.Array(ToolSchema, { maxItems: 200, description: 'the tools: the rows of a tool grid, in order' }),
    /** Named scales that items use by name: written once, used by many items. */
    scales: Type.Optional(
      Type.Record(Type.String({ pattern: SCALE_NAME_PATTERN }), ScaleSchema, {
        description: 'named answer scales that items use by name ("scale": "agree5")',
      }),
    ),
    questionnaire: StudyFileQuestionnaireSchema,
    mailTemplates: Type.Optional(
      Type.Array(StudyFileMailTemplateSchema, { maxItems: 4, description: "the study's own invitation and reminder texts" }),
    ),
  },
  {
    additionalProperties: false,
    title: 'rondo study file',
    description: 'A rondo study definition without responses or personal data (docs/study-format.md).',
  },
);
/**
 * A study file as code works with it. The questionnaire is typed as a stored one: a file that names
 * its scales (`"scale": "agree5"`) has them copied in by the server's check before it is used.
 */
export type StudyFile = Omit<Static<typeof StudyFileSchema>, 'questionnaire'> & { questionnaire: Questionnaire };

/** What a problem found in a study file is about; questionnaire problems keep their own codes ('schema' among them). */
export const STUDY_FILE_ISSUE_CODES = [
  'format',
  'version',
  'slug-missing',
  'slug-taken',
  'duplicate-round',
  'duplicate-partner',
  'duplicate-tool',
  'duplicate-template',
  'mail-template',
  'unknown-scale',
  ...QUESTIONNAIRE_ISSUE_CODES,
] as const;
export type StudyFileIssueCode = (typeof STUDY_FILE_ISSUE_CODES)[number];

/** One problem of a study file: where in the file (`questionnaire.sections[1].items[3].scale`) and what. */
export interface StudyFileIssue {
  code: StudyFileIssueCode;
  path: string;
  message: string;
  /** The problem in both interface languages, without the place (issue 16). */
  text?: { nl: string; en: string };
}
