import type { ErrorBody, ErrorCode } from '../../model/api/errors.js';
import { m } from './i18n.js';

/** The API's error codes (model/api/errors.ts), and NETWORK when the server cannot be reached at all. */
export type FailureCode = ErrorCode | 'NETWORK';

/**
 * The staff app's fetch wrapper: JSON in and out, the session's CSRF token on every unsafe
 * request, and a 401 (session ended or expired) sends the user to the login page with a way
 * back. Failures are thrown as ApiFailure with the API's stable `code`, so views can show
 * their own message for it in the interface language.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: FailureCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Where the login page should send the user back to: the current app address. */
export function loginUrl(): string {
  const here = location.pathname + location.search + location.hash;
  return here.startsWith('/app') ? `/login?next=${encodeURIComponent(here)}` : '/login';
}

export async function api<T = unknown>(method: string, url: string, body?: unknown, options: { redirectOn401?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method)) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiFailure(0, 'NETWORK', 'The server cannot be reached.');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const err = (data ?? {}) as Partial<ErrorBody> & { details?: Record<string, unknown> };
    if (res.status === 401 && options.redirectOn401 !== false && location.pathname.startsWith('/app')) {
      location.assign(loginUrl());
    }
    throw new ApiFailure(res.status, err.code ?? 'INTERNAL', err.message ?? res.statusText, err.details);
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown) => api<T>('POST', url, body ?? {});
export const put = <T>(url: string, body?: unknown) => api<T>('PUT', url, body ?? {});
export const patch = <T>(url: string, body?: unknown) => api<T>('PATCH', url, body ?? {});
export const del = <T>(url: string) => api<T>('DELETE', url);

/** Messages for the API's error codes, in both languages, for views without their own. */
export const ERROR_TEXT: Partial<Record<FailureCode, { nl: string; en: string }>> & Record<'INTERNAL', { nl: string; en: string }> = {
  NETWORK: {
    nl: 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.',
    en: 'The server cannot be reached. Check your connection and try again.',
  },
  UNAUTHENTICATED: { nl: 'U bent niet (meer) ingelogd.', en: 'You are not logged in (any more).' },
  FORBIDDEN: { nl: 'U heeft hiervoor geen rechten.', en: 'You do not have access to this.' },
  CSRF: { nl: 'Het formulier is verlopen; laad de pagina opnieuw.', en: 'The form has expired; reload the page.' },
  NOT_FOUND: { nl: 'Niet gevonden.', en: 'Not found.' },
  CONFLICT: { nl: 'Dit botst met de huidige stand van zaken.', en: 'This conflicts with the current state.' },
  VALIDATION: { nl: 'Sommige waarden zijn niet geldig.', en: 'Some values are not valid.' },
  RATE_LIMITED: { nl: 'Te veel pogingen; wacht even en probeer het opnieuw.', en: 'Too many attempts; wait a moment and try again.' },
  BODY_TOO_LARGE: { nl: 'Het bestand is te groot.', en: 'The file is too large.' },
  INTERNAL: { nl: 'Er ging iets mis aan onze kant. Er is niets gewijzigd.', en: 'Something went wrong on our side. Nothing was changed.' },
  STUDY_ARCHIVED: {
    nl: 'Dit onderzoek is gearchiveerd en kan alleen worden gelezen. Er is niets gewijzigd.',
    en: 'This study is archived and read-only. Nothing was changed.',
  },
};

/** The text for a failed call in the current language: its code's text, or INTERNAL's for a code without one. */
export function errorText(err: unknown): string {
  return m(ERROR_TEXT[(err as ApiFailure).code] ?? ERROR_TEXT.INTERNAL);
}

/** As errorText, but the server's own message for CONFLICT and VALIDATION: it says what clashed or which value is wrong. */
export function failureMessage(err: unknown): string {
  const f = err as ApiFailure;
  // A refusal that says itself in both languages (`details.text`, e.g. an archived study) is shown in the user's.
  const text = f.details?.text as { nl?: string; en?: string } | undefined;
  if (text?.nl && text.en) return m({ nl: text.nl, en: text.en });
  return f.code === 'CONFLICT' || f.code === 'VALIDATION' ? f.message : errorText(f);
}

/** A file's bytes as base64, as the import endpoints take an uploaded file in a JSON body. */
export async function fileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
