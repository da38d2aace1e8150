import { Type, type Static } from '@sinclair/typebox';
import { LangSchema } from '../i18n.js';
import { QUESTIONNAIRE_ISSUE_CODES, type Questionnaire } from '../questionnaire-shape.js';
import { CHANGE_KINDS, EDIT_KINDS, SAVE_OUTCOMES, SAVE_SOURCES } from '../values.js';
import { Stored, literals } from './common.js';
import { CHANGE_LABELS } from '../change-labels.js';
import { CatalogueRow, RoundLabel } from './setup.js';

/** The questionnaire builder's API: read, check, save by the versioning rules, history, export. */

export const QuestionnaireIssueSchema = Type.Object(
  {
    code: literals(QUESTIONNAIRE_ISSUE_CODES),
    item: Type.Optional(Type.String()),
    path: Type.String(),
    message: Type.String(),
    /** The message in both interface languages (issue 16): screens show `text[lang]`. */
    text: Type.Optional(Type.Object({ nl: Type.String(), en: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type QuestionnaireIssueBody = Static<typeof QuestionnaireIssueSchema>;

/** One change between the saved questionnaire and the edited one, and whether it needs a new version. */
export const QuestionnaireChangeSchema = Type.Object(
  {
    kind: literals(CHANGE_KINDS),
    item: Type.Optional(Type.String()),
    newVersion: Type.Boolean(),
    message: Type.Object({ nl: Type.String(), en: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type QuestionnaireChangeBody = Static<typeof QuestionnaireChangeSchema>;

export const QuestionnaireResponse = Type.Object(
  {
    version: Type.Integer(),
    revision: Type.Integer(),
    definition: Stored<Questionnaire>(),
    /** Rounds with responses: changing what they asked needs a new version. */
    answeredRounds: Type.Array(Type.String()),
    responseCount: Type.Integer(),
    languages: Type.Array(LangSchema),
    rounds: Type.Array(RoundLabel),
    partners: Type.Array(CatalogueRow),
    tools: Type.Array(CatalogueRow),
  },
  { additionalProperties: false },
);
export type QuestionnaireResponse = Static<typeof QuestionnaireResponse>;

// The definition is checked by model/check-questionnaire.ts, which names the item of every
// problem; the route schema only takes it as it comes.
const Definition = Type.Unknown();
export const CheckQuestionnaireBody = Type.Object({ definition: Definition }, { additionalProperties: false });
/** `ok: false` with the issues, or what saving would do: the outcome, the changes, the version. */
export const CheckQuestionnaireResponse = Type.Object(
  {
    ok: Type.Boolean(),
    issues: Type.Array(QuestionnaireIssueSchema),
    outcome: Type.Optional(literals(SAVE_OUTCOMES)),
    changes: Type.Optional(Type.Array(QuestionnaireChangeSchema)),
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);
export type CheckQuestionnaireResponse = Static<typeof CheckQuestionnaireResponse>;

export const SaveQuestionnaireBody = Type.Object(
  {
    definition: Definition,
    baseVersion: Type.Integer({ minimum: 1 }),
    baseRevision: Type.Integer({ minimum: 1 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    source: Type.Optional(literals(SAVE_SOURCES)),
  },
  { additionalProperties: false },
);
export type SaveQuestionnaireBody = Static<typeof SaveQuestionnaireBody>;
export const SaveQuestionnaireResponse = Type.Object(
  {
    ok: Type.Literal(true),
    outcome: literals(SAVE_OUTCOMES),
    version: Type.Integer(),
    revision: Type.Integer(),
    versionId: Type.Integer(),
    changes: Type.Array(QuestionnaireChangeSchema),
    /** What the save is (model/change-labels.ts), issue 16. */
    labels: Type.Optional(Type.Array(literals(CHANGE_LABELS))),
  },
  { additionalProperties: false },
);
export type SaveQuestionnaireResponse = Static<typeof SaveQuestionnaireResponse>;

export const QuestionnaireHistoryResponse = Type.Object(
  {
    versions: Type.Array(
      Type.Object(
        { version: Type.Integer(), note: Type.String(), createdAt: Type.String(), responses: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
    edits: Type.Array(
      Type.Object(
        {
          version: Type.Integer(),
          kind: literals(EDIT_KINDS),
          summary: Type.String(),
          changes: Type.Array(QuestionnaireChangeSchema),
          /** What the edit is (model/change-labels.ts): questions added, text correction, … (issue 16). */
          labels: Type.Optional(Type.Array(literals(CHANGE_LABELS))),
          /** The editor's name (or e-mail address), not their id. */
          actor: Type.String(),
          at: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type QuestionnaireHistoryResponse = Static<typeof QuestionnaireHistoryResponse>;

export const QuestionnaireExportQuery = Type.Object(
  { version: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })) },
  { additionalProperties: false },
);
/** The definition as a JSON file to download: text, which Fastify sends as it is (a string is never serialised). */
export const QuestionnaireFile = Type.String();
