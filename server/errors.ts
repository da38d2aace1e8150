import { ERRORS, type ErrorCode } from '../model/api/errors.js';

export { ERRORS, type ErrorBody, type ErrorCode } from '../model/api/errors.js';

/** An error meant for the client: code and message are shown, nothing else (codes: model/api/errors.ts). */
export class ApiError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'ApiError';
    this.statusCode = ERRORS[code].status;
  }
}

/**
 * A refusal said in both languages: `message` in English (the API's and the logs' language),
 * `details.text` in Dutch and English for the screens, which show it in the user's language
 * (web/app/api.ts, failureMessage). Nothing else about the error changes.
 */
export function refusal(code: ErrorCode, text: { nl: string; en: string }, details: Record<string, unknown> = {}): ApiError {
  return new ApiError(code, text.en, { ...details, text });
}
