import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema } from '../i18n.js';
import { VocabularySchema } from '../vocabulary-schema.js';
import { LANGUAGES, STUDY_ROLES } from '../values.js';
import { literals } from './common.js';

/**
 * The staff session API (server/routes/session.ts): login, logout and "who am I". Each schema
 * and its derived type share one name; the browser imports the types only.
 */

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    /** Where the app should go afterwards; answered back only when it is a safe /app path. */
    next: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResponse = Type.Object(
  {
    ok: Type.Boolean(),
    /** Sent back in `x-csrf-token` on every unsafe request of this session. */
    csrfToken: Type.String(),
    next: Type.String(),
    /** The password was set by an administrator: the app asks the user to choose their own. */
    mustChangePassword: Type.Boolean(),
    /**
     * `verify`: the password was right and a second step (a code from the app or a recovery code)
     * is asked at POST /api/login/second-factor; there is no session yet and csrfToken is empty.
     * `enrol`: a session that may only set up two-factor login (required for this account).
     */
    twoFactor: Type.Optional(Type.Union([Type.Literal('verify'), Type.Literal('enrol')])),
  },
  { additionalProperties: false },
);
export type LoginResponse = Static<typeof LoginResponse>;

export const SessionUser = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    displayName: Type.String(),
    isAdmin: Type.Boolean(),
    language: literals(LANGUAGES),
    /** The password was set by an administrator: the app asks the user to choose their own. */
    mustChangePassword: Type.Boolean(),
    /** Two-factor login is required for this account and not set up yet: the app sends the user to enrol. */
    mustEnrolTwoFactor: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SessionUser = Static<typeof SessionUser>;

/** A study the user is a member of, with their role in it. */
export const SessionStudy = Type.Object(
  {
    slug: Type.String(),
    title: LocalTextSchema,
    role: literals(STUDY_ROLES),
    isDemo: Type.Boolean(),
    /** The study is archived and read-only (issue 16, rounds); absent while it is active. */
    archived: Type.Optional(Type.Boolean()),
    // Issue 16, the study's own words: its vocabulary, and what its questionnaire measures, so the
    // navigation names and offers only the views the study has data for.
    vocabulary: Type.Optional(VocabularySchema),
    measures: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
export type SessionStudy = Static<typeof SessionStudy>;

export const SessionResponse = Type.Object(
  {
    user: SessionUser,
    csrfToken: Type.String(),
    /** Administrators and researchers of any study may create studies. */
    canCreateStudies: Type.Boolean(),
    studies: Type.Array(SessionStudy),
  },
  { additionalProperties: false },
);
export type SessionResponse = Static<typeof SessionResponse>;
