import { Type, type TSchema } from '@sinclair/typebox';
import { PARTICIPANT_KEY_PATTERN, ROUND_KEY_PATTERN, SLUG_PATTERN } from '../values.js';
import { ERRORS, type ErrorCode } from './errors.js';

/**
 * What every area of the HTTP contract shares: route parameters, the error body and the
 * error responses. One file per area (`model/api/<area>.ts`) builds on these; routes take
 * their params, query, body and response schemas from there, and the browser imports the
 * derived types with `import type` only.
 */

/** One of a tuple's values, typed as the tuple's union (an `enum` for Ajv). */
export const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
/** `T` or `null`. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** An ISO-8601 timestamp. */
export const DateTime = Type.String({ format: 'date-time' });

/** The `:slug` of every study route: one rule (SLUG_PATTERN in model/values.ts). */
export const Slug = Type.String({ pattern: SLUG_PATTERN });
/** A round's key in a path or body (ROUND_KEY_PATTERN). */
export const RoundKey = Type.String({ pattern: ROUND_KEY_PATTERN });
/** A participant's pseudonymous key in a path (PARTICIPANT_KEY_PATTERN). */
export const ParticipantKey = Type.String({ pattern: PARTICIPANT_KEY_PATTERN });
/** A database id in a path (`:id`): a positive integer, as text. */
export const IdText = Type.String({ pattern: '^[1-9][0-9]{0,9}$' });

/** Path parameters `{ slug }`, optionally with more: `slugParams({ key: RoundKey })`. */
export const slugParams = <P extends Record<string, TSchema>>(more: P = {} as P) =>
  Type.Object({ slug: Slug, ...more }, { additionalProperties: false });

export const SlugParams = slugParams();

/** The body of every error response. */
export const ErrorBodySchema = Type.Object(
  {
    code: Type.Unsafe<ErrorCode>({ type: 'string', enum: Object.keys(ERRORS) }),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

/** The error responses every staff route can give, for the `response` part of a route schema. */
export const STAFF_ERRORS = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
} as const;

/** `{ ok: true }` and similar acknowledgements. */
export const OkResponse = Type.Object({ ok: Type.Boolean() }, { additionalProperties: false });

/**
 * A page or file sent as text (HTML, CSV), for the 200 of such a route's `response`: it
 * documents the reply; Fastify sends a string as it is, never through the serializer. Declare
 * only the statuses that answer with text only: a status that can also answer with an error
 * body needs `ErrorBodySchema`, or the error object would be serialized as a string.
 */
export const TextFile = Type.String();

/**
 * A file sent as it is — a stream (a CSV export read from the database in pages) or a Buffer
 * (a PDF) — for the 200 of such a route's `response`: unknown, because Node's streams and
 * buffers have no place in a contract the browser shares. Fastify pipes a stream and sends a
 * Buffer or string as it is; it never serializes them.
 */
export const FileBody = Type.Unknown();

/**
 * A stored document (a study's or questionnaire's definition) passed on whole: it was checked
 * against its model schema when saved, so the response declares its type but no properties —
 * fast-json-stringify writes an empty schema with JSON.stringify and drops nothing.
 */
export const Stored = <T>() => Type.Unsafe<T>({});

/** A 204 reply: no body. */
export const NoContent = Type.Null();
