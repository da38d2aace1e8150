import { Type, type Static } from '@sinclair/typebox';
import { slugParams } from './common.js';

/** A subject-access request (AVG/GDPR art. 15 and 20) for one participant, by pseudonymous key. */
export const SubjectAccessParams = slugParams({ key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }) });
export const SUBJECT_ACCESS_FORMATS = ['json', 'html', 'pdf'] as const;
export const SubjectAccessQuery = Type.Object(
  {
    format: Type.Optional(Type.Union(SUBJECT_ACCESS_FORMATS.map((f) => Type.Literal(f)))),
    lang: Type.Optional(Type.Union([Type.Literal('nl'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type SubjectAccessQuery = Static<typeof SubjectAccessQuery>;
