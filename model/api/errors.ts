/**
 * Every error the API answers with, in one registry: a stable code (tests assert the code,
 * not the message), an HTTP status and a message for people. Plain values, no TypeBox, so
 * the browser can import the codes without shipping a schema library.
 */
export const ERRORS = {
  BAD_REQUEST: { status: 400, message: 'The request is not valid.' },
  VALIDATION: { status: 400, message: 'Some values are not valid.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send JSON (Content-Type: application/json).' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNAUTHENTICATED: { status: 401, message: 'Log in first.' },
  FORBIDDEN: { status: 403, message: 'You do not have access to this.' },
  CSRF: { status: 403, message: 'The form has expired; reload the page and try again.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  CONFLICT: { status: 409, message: 'This conflicts with the current state.' },
  LINK_INVALID: { status: 403, message: 'This link does not work (any more). Open the link in your most recent invitation again.' },
  ROUND_CLOSED: { status: 409, message: 'This round is closed; answers can no longer be saved or submitted.' },
  ALREADY_SUBMITTED: { status: 409, message: 'These answers have already been submitted.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; wait a moment and try again.' },
  UNAVAILABLE: { status: 503, message: 'The service is temporarily unavailable; try again shortly.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side. Nothing was changed.' },
  // API tokens (server/api-tokens/): a Bearer token that does not admit the request.
  TOKEN_INVALID: { status: 401, message: 'This API token is not valid.' },
  TOKEN_EXPIRED: { status: 401, message: 'This API token has expired; create a new one.' },
  TOKEN_REVOKED: { status: 401, message: 'This API token has been revoked.' },
  TOKEN_SCOPE: { status: 403, message: 'This API token does not have the scope this route needs.' },
  // Archived studies (issue 16, rounds: server/studies/archive-study.ts): read-only until unarchived.
  STUDY_ARCHIVED: { status: 409, message: 'This study is archived and read-only; unarchive it first.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The body of every error response: `{ code, message, details? }`. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}
