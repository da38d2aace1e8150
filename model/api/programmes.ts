import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema } from '../i18n.js';
import { INDICATOR_KEY_PATTERN } from '../indicators.js';
import { PROGRAMME_ROLES, SLUG_PATTERN } from '../values.js';
import { IdText, Nullable, Slug, literals } from './common.js';

/**
 * regional (issue 17): the programme routes' requests and replies (server/routes/programmes.ts).
 * The overview itself is `ProgrammeOverview` in programme.ts, shared with the CSV and the report.
 */

export const ProgrammeParams = Type.Object({ programme: Type.String({ pattern: SLUG_PATTERN }) }, { additionalProperties: false });
export const ProgrammeStudyParams = Type.Object(
  { programme: Type.String({ pattern: SLUG_PATTERN }), study: Slug },
  { additionalProperties: false },
);
export const ProgrammeMemberParams = Type.Object(
  { programme: Type.String({ pattern: SLUG_PATTERN }), id: IdText },
  { additionalProperties: false },
);

export const ProgrammeCardSchema = Type.Object(
  {
    slug: Type.String(),
    title: LocalTextSchema,
    description: LocalTextSchema,
    indicators: Type.Array(Type.String()),
    role: Nullable(literals(PROGRAMME_ROLES)),
    networks: Type.Array(Type.Object({ slug: Type.String(), title: LocalTextSchema }, { additionalProperties: false })),
    members: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ProgrammeCard = Static<typeof ProgrammeCardSchema>;

export const ProgrammesResponse = Type.Object({ programmes: Type.Array(ProgrammeCardSchema) }, { additionalProperties: false });
export type ProgrammesResponse = Static<typeof ProgrammesResponse>;

/**
 * The slug's pattern and a blank Dutch title are checked by the store (server/programmes/store.ts), not here, so
 * that the screen gets its refusal in both languages with the field it concerns (`details.field`).
 */
export const CreateProgrammeBody = Type.Object(
  {
    slug: Type.String({ maxLength: 200, description: `A short name: ${SLUG_PATTERN}` }),
    title: Type.Object(
      { nl: Type.String({ maxLength: 200 }), en: Type.Optional(Type.String({ maxLength: 200 })) },
      { additionalProperties: false },
    ),
    description: Type.Optional(
      Type.Object(
        { nl: Type.String({ maxLength: 2000 }), en: Type.Optional(Type.String({ maxLength: 2000 })) },
        { additionalProperties: false },
      ),
    ),
    indicators: Type.Optional(Type.Array(Type.String({ pattern: INDICATOR_KEY_PATTERN }), { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CreateProgrammeBody = Static<typeof CreateProgrammeBody>;

export const AddProgrammeStudyBody = Type.Object({ study: Slug }, { additionalProperties: false });
export const AddProgrammeMemberBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254 }), role: literals(PROGRAMME_ROLES) },
  { additionalProperties: false },
);

/** The programme as its coordinator manages it: networks and members. */
export const ProgrammeDetail = Type.Object(
  {
    programme: ProgrammeCardSchema,
    members: Type.Array(
      Type.Object(
        { userId: Type.Integer(), email: Type.String(), name: Type.String(), role: literals(PROGRAMME_ROLES) },
        { additionalProperties: false },
      ),
    ),
    /** When a study joined an empty programme: the indicator keys the programme took from it. */
    adopted: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type ProgrammeDetail = Static<typeof ProgrammeDetail>;

/** The regional yearly report: HTML (the default) or PDF, in Dutch (the default) or English. */
export const ProgrammeReportQuery = Type.Object(
  { format: Type.Optional(literals(['html', 'pdf'] as const)), lang: Type.Optional(literals(['nl', 'en'] as const)) },
  { additionalProperties: false },
);

export const ProgrammeCsvQuery = Type.Object({ lang: Type.Optional(literals(['nl', 'en'] as const)) }, { additionalProperties: false });
