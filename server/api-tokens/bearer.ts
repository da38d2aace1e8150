import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiTokenScope } from '../../model/api/api-tokens.js';
import type { ActiveSession } from '../auth/session.js';
import { scopesForRoute } from './scopes.js';
import { authenticateApiToken, type TokenRefusal } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token the request came with (Authorization: Bearer), once the guard admitted it. */
    apiToken?: { id: number; scopes: readonly ApiTokenScope[] };
  }
}

/** Requests one token may make per minute, on top of the per-address limit every request has. */
export const TOKEN_REQUESTS_PER_MINUTE = 300;

/**
 * The token of an `Authorization: Bearer …` header, or null when the request has none. Other
 * schemes (a reverse proxy's Basic login, say) are not rondo's and are left alone.
 */
export function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  // Any `Bearer …` is a token attempt: whatever follows (nothing, two words) is checked as one.
  const m = /^\s*Bearer(?:\s+(.*))?$/is.exec(header);
  return m ? (m[1] ?? '').trim() : null;
}

type Windows = Map<number, { start: number; count: number }>;
/** Fixed one-minute windows per token id, per database (token ids are the database's own). */
const windowsOf = new WeakMap<object, Windows>();

function overLimit(windows: Windows, tokenId: number, now: number): number {
  const w = windows.get(tokenId);
  if (!w || now - w.start >= 60_000) {
    windows.set(tokenId, { start: now, count: 1 });
    if (windows.size > 10_000) windows.clear();
    return 0;
  }
  w.count += 1;
  return w.count > TOKEN_REQUESTS_PER_MINUTE ? Math.ceil((w.start + 60_000 - now) / 1000) : 0;
}

/**
 * The session a Bearer token stands for on a guarded route, or the code it is refused with:
 * an unknown, expired or revoked token (401), a route outside the token's scopes (403
 * TOKEN_SCOPE, server/api-tokens/scopes.ts), or too many requests (429). The guard goes on to
 * check the route's permission against the owner's role, as for a session.
 */
export async function admitApiToken(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  presented: string,
): Promise<ActiveSession | TokenRefusal | 'TOKEN_SCOPE' | 'RATE_LIMITED'> {
  const now = app.rondo.now();
  const admitted = await authenticateApiToken(app.rondo.store.db, presented, now);
  if (typeof admitted === 'string') return admitted;
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const opens = scopesForRoute(method, req.routeOptions.url ?? '');
  if (!opens.some((s) => admitted.scopes.includes(s))) return 'TOKEN_SCOPE';
  const store = app.rondo.store;
  let windows = windowsOf.get(store);
  if (!windows) windowsOf.set(store, (windows = new Map()));
  const wait = overLimit(windows, admitted.tokenId, now.getTime());
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    return 'RATE_LIMITED';
  }
  req.apiToken = { id: admitted.tokenId, scopes: admitted.scopes };
  return admitted.session;
}
