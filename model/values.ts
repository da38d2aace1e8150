/**
 * Allowed values that cross the wire between server and browser, as `as const` tuples with
 * their union types. No TypeBox import here: the browser imports these without shipping a
 * schema library (the schemas that use them live in `model/api/`).
 */
/** Interface and content languages rondo supports. Dutch first: the demo and its users are Dutch. */
export const LANGUAGES = ['nl', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** A user's role within one study (the policy table in server/auth/policy.ts gives each its rights). */
export const STUDY_ROLES = ['researcher', 'trainer', 'manager'] as const;
export type StudyRole = (typeof STUDY_ROLES)[number];

/** The format tag of the study analysis JSON (docs/analysis-json.md). */
export const ANALYSIS_FORMAT = 'rondo.analysis/1' as const;
