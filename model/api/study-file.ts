import { Type, type Static } from '@sinclair/typebox';
import { STUDY_FILE_ISSUE_CODES } from '../study-file.js';
import { Slug, literals } from './common.js';

/**
 * The study file on the set-up screens (docs/study-format.md): GET
 * /api/studies/:slug/study-file downloads it, POST /api/studies/from-file checks an uploaded one
 * (dryRun) and creates the study from it.
 */

/** The study file as sent: JSON text, downloaded as `<slug>.rondo-study.json`. */
export const StudyFileDownload = Type.String();

export const StudyFromFileBody = Type.Object(
  {
    /** The parsed study file; checked completely by the server (model/study-file.ts), so any JSON is accepted here. */
    file: Type.Unknown(),
    /** The new study's short name; default the file's `study.slug`. */
    slug: Type.Optional(Slug),
    /** Check and report only; nothing is written. */
    dryRun: Type.Optional(Type.Boolean()),
    /** The uploaded file's name, for the audit log and the questionnaire history. */
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type StudyFromFileBody = Static<typeof StudyFromFileBody>;

export const StudyFileIssueSchema = Type.Object(
  {
    code: literals(STUDY_FILE_ISSUE_CODES),
    /** Where in the file: `questionnaire.sections[1].items[3].scale`. */
    path: Type.String(),
    message: Type.String(),
    /** The problem in both interface languages, without the place (issue 16); absent for shape problems. */
    text: Type.Optional(Type.Object({ nl: Type.String(), en: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

/** What a file would create, or every problem that stops it; with dryRun: false and no problems, the study exists. */
export const StudyFromFileReport = Type.Object(
  {
    ok: Type.Boolean(),
    created: Type.Boolean(),
    slug: Type.Union([Slug, Type.Null()]),
    title: Type.Union([Type.Object({ nl: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }), Type.Null()]),
    counts: Type.Union([
      Type.Object(
        { rounds: Type.Integer(), partners: Type.Integer(), tools: Type.Integer(), sections: Type.Integer(), items: Type.Integer() },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    issues: Type.Array(StudyFileIssueSchema),
  },
  { additionalProperties: false },
);
export type StudyFromFileReport = Static<typeof StudyFromFileReport>;
