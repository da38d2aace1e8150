import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { deriveAnonymousToken, deriveInvitationToken, hashToken } from '../tokens.js';
import './schema.js';

/**
 * Respondent links. Tokens are derived, never stored (server/tokens.ts), so a researcher can
 * show or export the same link again; only the SHA-256 of each token is in the database.
 */

/** The public address of a link token. */
export function respondentUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/r/${token}`;
}

/**
 * The personal link of an invitation, derived again from the secret and the invitation's
 * current generation. Null when the invitation does not exist or its stored hash does not
 * match (the secret file was replaced: links cannot be shown again, only regenerated).
 */
export async function invitationLink(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  db: Kysely<Database>,
  invitationId: number,
): Promise<string | null> {
  const inv = await db
    .selectFrom('invitation')
    .select(['participant_id', 'round_id', 'token_generation', 'token_hash'])
    .where('id', '=', invitationId)
    .executeTakeFirst();
  if (!inv) return null;
  const token = deriveInvitationToken(ctx.secret, inv.participant_id, inv.round_id, inv.token_generation);
  return hashToken(token) === inv.token_hash ? respondentUrl(ctx.config.baseUrl, token) : null;
}

/**
 * Opens (or renews) a round's anonymous link: one link for people outside the cohort. Raising
 * the generation makes a previous anonymous link stop working. Returns the link.
 */
export async function enableAnonymousLink(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  db: Kysely<Database>,
  roundId: number,
): Promise<string> {
  return writeTx(db, async (trx) => {
    const generation = await renewAnonymousLink(trx, ctx.secret, roundId);
    return respondentUrl(ctx.config.baseUrl, deriveAnonymousToken(ctx.secret, roundId, generation));
  });
}

/**
 * The work of enableAnonymousLink inside the caller's write transaction (so that a check and
 * the audit entry share it); returns the new generation.
 */
export async function renewAnonymousLink(trx: Kysely<Database>, secret: Buffer, roundId: number): Promise<number> {
  const round = await trx.selectFrom('round').select(['anonymous_link_generation']).where('id', '=', roundId).executeTakeFirstOrThrow();
  const generation = round.anonymous_link_generation + 1;
  const token = deriveAnonymousToken(secret, roundId, generation);
  await trx
    .updateTable('round')
    .set({ anonymous_link_generation: generation, anonymous_link_hash: hashToken(token) })
    .where('id', '=', roundId)
    .execute();
  return generation;
}

/** The round's current anonymous link, or null when it has none. */
export async function anonymousLink(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  db: Kysely<Database>,
  roundId: number,
): Promise<string | null> {
  const round = await db
    .selectFrom('round')
    .select(['anonymous_link_generation', 'anonymous_link_hash'])
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round?.anonymous_link_hash) return null;
  const token = deriveAnonymousToken(ctx.secret, roundId, round.anonymous_link_generation);
  return hashToken(token) === round.anonymous_link_hash ? respondentUrl(ctx.config.baseUrl, token) : null;
}

/** Closes a round's anonymous link; responses already given stay. */
export async function disableAnonymousLink(db: Kysely<Database>, roundId: number): Promise<void> {
  await writeTx(db, (trx) => closeAnonymousLink(trx, roundId));
}

/** The work of disableAnonymousLink inside the caller's write transaction. */
export async function closeAnonymousLink(trx: Kysely<Database>, roundId: number): Promise<void> {
  await trx.updateTable('round').set({ anonymous_link_hash: null }).where('id', '=', roundId).execute();
}
