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
