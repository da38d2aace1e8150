import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  API_TOKEN_SCOPES,
  type ApiTokenInfo,
  type ApiTokenScope,
  type CreateApiTokenBody,
  type CreatedApiToken,
} from '../../model/api/api-tokens.js';
import { audit } from '../audit.js';
import type { ActiveSession } from '../auth/session.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import type {} from '../setup/schema.js';

/**
 * Personal API tokens: `rondo_` followed by 32 random bytes in base64url (43 characters).
 * Only the SHA-256 of a token is stored. A slow password hash is not needed: a token has 256
 * bits of entropy, so nobody can guess one from its hash, and a fast hash lets every API
 * request look its token up by an index (SECURITY.md, "API tokens").
 */
export const API_TOKEN_PREFIX = 'rondo_';
const TOKEN_SHAPE = /^rondo_[A-Za-z0-9_-]{43}$/;
/** last_used_at is written at most this often, so a busy script does not write on every call. */
const TOUCH_EVERY_MS = 60_000;
/** A refused use of a revoked or expired token is audit-logged at most this often per token. */
const REFUSED_LOG_EVERY_MS = 60 * 60_000;

declare module '../db/schema.js' {
  interface Database {
    api_token: ApiTokenTable;
  }
}

export interface ApiTokenTable {
  id: import('kysely').Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  hint: string;
  /** JSON array of ApiTokenScope */
  scopes: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  refused_logged_at: string | null;
}

/** Who acts on a token: the owner, the session reference and the clock (setup/request-meta.ts actorOf). */
export interface TokenActor {
  actor: string;
  session: string;
  userId: number;
  now: Date;
}

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

/** Stored scopes, keeping only names this version knows (a scope removed later opens nothing). */
function parseScopes(json: string): ApiTokenScope[] {
  const known = new Set<string>(API_TOKEN_SCOPES);
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((s): s is ApiTokenScope => typeof s === 'string' && known.has(s)) : [];
}

function statusOf(row: Pick<ApiTokenTable, 'revoked_at' | 'expires_at'>, now: Date): ApiTokenInfo['status'] {
  if (row.revoked_at) return 'revoked';
  return Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'active';
}

function infoOf(row: Omit<ApiTokenTable, 'id' | 'user_id' | 'token_hash' | 'refused_logged_at'> & { id: number }, now: Date): ApiTokenInfo {
  return {
    id: row.id,
    name: row.name,
    hint: row.hint,
    scopes: parseScopes(row.scopes),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    status: statusOf(row, now),
  };
}

/** Creates a token for the acting user; the answer is the only place the token itself appears. */
export async function createApiToken(db: Kysely<Database>, body: CreateApiTokenBody, by: TokenActor): Promise<CreatedApiToken> {
  const token = API_TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const scopes = API_TOKEN_SCOPES.filter((s) => body.scopes.includes(s));
  const row = {
    user_id: by.userId,
    name: body.name.trim() || 'API',
    token_hash: sha256(token),
    hint: token.slice(0, API_TOKEN_PREFIX.length + 6),
    scopes: JSON.stringify(scopes),
    created_at: by.now.toISOString(),
    expires_at: new Date(by.now.getTime() + body.expiresInDays * 86_400_000).toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  const id = await writeTx(db, async (trx) => {
    const inserted = await trx.insertInto('api_token').values(row).returning('id').executeTakeFirstOrThrow();
    await audit(trx, {
      actor: by.actor,
      session: by.session,
      action: 'api-token.create',
      target: `api-token:${inserted.id}`,
      details: { name: row.name, scopes, expiresAt: row.expires_at },
      at: by.now,
    });
    return inserted.id;
  });
  return { token, info: infoOf({ ...row, id }, by.now) };
}

/** The user's own tokens, newest first: active, expired and revoked. */
export async function listApiTokens(db: Kysely<Database>, userId: number, now: Date): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_token')
    .select(['id', 'name', 'hint', 'scopes', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => infoOf(r, now));
}

/** Revokes one of the user's own tokens (404 for another user's token or an unknown id). */
export async function revokeApiToken(db: Kysely<Database>, id: number, by: TokenActor): Promise<void> {
  await writeTx(db, async (trx) => {
    const row = await trx
      .selectFrom('api_token')
      .select(['id', 'revoked_at'])
      .where('id', '=', id)
      .where('user_id', '=', by.userId)
      .executeTakeFirst();
    if (!row) throw new ApiError('NOT_FOUND');
    if (row.revoked_at) return;
    await trx.updateTable('api_token').set({ revoked_at: by.now.toISOString() }).where('id', '=', id).execute();
    await audit(trx, { actor: by.actor, session: by.session, action: 'api-token.revoke', target: `api-token:${id}`, at: by.now });
  });
}

/**
 * Revokes every active token of a user, inside the caller's transaction: when their password
 * is changed or reset, or their account disabled, as their sessions end. A token made with a
 * stolen session would otherwise outlive the password change that locks the thief out.
 */
export async function revokeAllApiTokens(trx: Kysely<Database>, userId: number, now: Date, reason: string): Promise<number> {
  const { numUpdatedRows } = await trx
    .updateTable('api_token')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  const count = Number(numUpdatedRows);
  if (count > 0) {
    await audit(trx, { actor: 'system', action: 'api-token.revoke-all', target: `user:${userId}`, details: { reason, count }, at: now });
  }
  return count;
}

export type TokenRefusal = 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED';

/** What a Bearer token admits: a session standing for its owner, and the token's scopes. */
export interface TokenAdmission {
  session: ActiveSession;
  tokenId: number;
  scopes: readonly ApiTokenScope[];
}

/**
 * The owner and scopes of a presented token, or why it is refused. A revoked or expired
 * token's use is audit-logged (at most hourly per token, so a forgotten cron job cannot
 * flood the log); an unknown token is not, as it names no one. The session it returns has
 * no CSRF token (Bearer requests need none) and no administrator rights: a token acts only
 * through its owner's study roles.
 */
export async function authenticateApiToken(db: Kysely<Database>, presented: string, now: Date): Promise<TokenAdmission | TokenRefusal> {
  if (!TOKEN_SHAPE.test(presented)) return 'TOKEN_INVALID';
  const row = await db
    .selectFrom('api_token')
    .innerJoin('user', 'user.id', 'api_token.user_id')
    .select([
      'api_token.id',
      'api_token.scopes',
      'api_token.expires_at',
      'api_token.revoked_at',
      'api_token.last_used_at',
      'api_token.refused_logged_at',
      'user.id as user_id',
      'user.email',
      'user.display_name',
      'user.language',
      'user.disabled_at',
    ])
    .where('api_token.token_hash', '=', sha256(presented))
    .executeTakeFirst();
  if (!row || row.disabled_at) return 'TOKEN_INVALID';
  const status = statusOf(row, now);
  if (status !== 'active') {
    const last = row.refused_logged_at ? Date.parse(row.refused_logged_at) : Number.NEGATIVE_INFINITY;
    if (now.getTime() - last >= REFUSED_LOG_EVERY_MS) {
      await writeTx(db, async (trx) => {
        await trx.updateTable('api_token').set({ refused_logged_at: now.toISOString() }).where('id', '=', row.id).execute();
        await audit(trx, {
          actor: `user:${row.user_id}`,
          session: `api-token:${row.id}`,
          action: 'api-token.refused',
          target: `api-token:${row.id}`,
          details: { reason: status },
          at: now,
        });
      });
    }
    return status === 'revoked' ? 'TOKEN_REVOKED' : 'TOKEN_EXPIRED';
  }
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
    await db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return {
    session: {
      user: {
        id: row.user_id,
        email: row.email,
        displayName: row.display_name,
        isAdmin: false,
        language: row.language === 'en' ? 'en' : 'nl',
        // Only a full session makes tokens (not one that must first choose a password or enrol
        // in two-factor login: routes/api-tokens.ts), and a password reset revokes them all; the
        // flag that remains after a single sign-on login (no local password needed) does not apply.
        mustChangePassword: false,
        mustEnrolTwoFactor: false,
      },
      csrfToken: '',
      ref: `api-token:${row.id}`,
    },
    tokenId: row.id,
    scopes: parseScopes(row.scopes),
  };
}
