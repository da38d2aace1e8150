import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdText, Nullable, literals } from './common.js';

/**
 * Personal API tokens (GET/POST /api/account/tokens, DELETE /api/account/tokens/:id): a user's
 * own scoped, expiring credentials for the JSON API, sent as `Authorization: Bearer rondo_…`.
 * Which routes each scope opens is one table, server/api-tokens/scopes.ts.
 */

/** The scopes a token can carry; each opens a fixed set of routes (server/api-tokens/scopes.ts). */
export const API_TOKEN_SCOPES = ['analysis:read', 'exports:read', 'imports:write', 'fieldwork:read'] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

/** A token lives at most this long: an expiry is required, "never" is not offered. */
export const API_TOKEN_MAX_DAYS = 365;

export const ApiTokenScopeSchema = literals(API_TOKEN_SCOPES);

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(ApiTokenScopeSchema, { minItems: 1, maxItems: API_TOKEN_SCOPES.length, uniqueItems: true }),
    /** Days from now until the token stops working (required; at most a year). */
    expiresInDays: Type.Integer({ minimum: 1, maximum: API_TOKEN_MAX_DAYS }),
  },
  { additionalProperties: false },
);
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;

/** A token as its owner's list shows it: never the token itself. */
export const ApiTokenInfo = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    /** The token's first characters, to tell tokens apart. */
    hint: Type.String(),
    scopes: Type.Array(ApiTokenScopeSchema),
    createdAt: DateTime,
    expiresAt: DateTime,
    lastUsedAt: Nullable(DateTime),
    revokedAt: Nullable(DateTime),
    status: literals(['active', 'expired', 'revoked'] as const),
  },
  { additionalProperties: false },
);
export type ApiTokenInfo = Static<typeof ApiTokenInfo>;

export const ApiTokenList = Type.Object({ tokens: Type.Array(ApiTokenInfo) }, { additionalProperties: false });
export type ApiTokenList = Static<typeof ApiTokenList>;

/** The answer to creating a token: the only time the token itself is sent. */
export const CreatedApiToken = Type.Object({ token: Type.String(), info: ApiTokenInfo }, { additionalProperties: false });
export type CreatedApiToken = Static<typeof CreatedApiToken>;

export const ApiTokenParams = Type.Object({ id: IdText }, { additionalProperties: false });
