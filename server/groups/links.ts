import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { GroupLinkState } from '../../model/api/fieldwork.js';
import type { Database } from '../db/schema.js';
import { respondentUrl } from '../respondent/links.js';
import { hashToken } from '../tokens.js';
import './schema.js';

/**
 * A respondent group's anonymous link for one round (group_link): derived like the round's own
 * anonymous link (server/tokens.ts) from the round, the group and a generation, so it can be
 * shown again; only its SHA-256 is stored, and a new generation makes the old link stop working.
 * The link resolves in server/respondent/subject.ts, and what comes through it is the group's.
 */
export function deriveGroupLinkToken(secret: Buffer, roundId: number, groupKey: string, generation: number): string {
  return crypto.createHmac('sha256', secret).update(`anonymous-group:${roundId}:${groupKey}:${generation}`).digest('base64url');
}

/** Turns the group's link on (or renews it) inside the caller's write transaction; returns the generation. */
export async function renewGroupLink(trx: Kysely<Database>, secret: Buffer, roundId: number, groupKey: string): Promise<number> {
  const row = await trx
    .selectFrom('group_link')
    .select('generation')
    .where('round_id', '=', roundId)
    .where('group_key', '=', groupKey)
    .executeTakeFirst();
  const generation = (row?.generation ?? 0) + 1;
  const link_hash = hashToken(deriveGroupLinkToken(secret, roundId, groupKey, generation));
  await trx
    .insertInto('group_link')
    .values({ round_id: roundId, group_key: groupKey, generation, link_hash })
    .onConflict((oc) => oc.columns(['round_id', 'group_key']).doUpdateSet({ generation, link_hash }))
    .execute();
  return generation;
}

/** Turns the group's link off; what was answered through it stays. */
export async function closeGroupLink(trx: Kysely<Database>, roundId: number, groupKey: string): Promise<void> {
  await trx.updateTable('group_link').set({ link_hash: null }).where('round_id', '=', roundId).where('group_key', '=', groupKey).execute();
}

/** The group's current link for the round, or null when it is off. */
export async function groupLink(
  ctx: Pick<AppContext, 'config' | 'secret'>,
  db: Kysely<Database>,
  roundId: number,
  groupKey: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('group_link')
    .select(['generation', 'link_hash'])
    .where('round_id', '=', roundId)
    .where('group_key', '=', groupKey)
    .executeTakeFirst();
  if (!row?.link_hash) return null;
  const token = deriveGroupLinkToken(ctx.secret, roundId, groupKey, row.generation);
  return hashToken(token) === row.link_hash ? respondentUrl(ctx.config.baseUrl, token) : null;
}

/** Anonymous responses of the round that came through the group's link. */
export async function groupLinkCounts(
  db: Kysely<Database>,
  roundId: number,
  groupKey: string,
): Promise<{ submitted: number; drafts: number }> {
  const rows = await db
    .selectFrom('response')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('participant_id', 'is', null)
    .where('group_key', '=', groupKey)
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return { submitted: count('submitted'), drafts: count('draft') };
}

/**
 * Every group's link of the round in one go, without the links themselves: on or off, submitted
 * and begun through it. Groups with neither a link nor responses through one are left out.
 */
export async function groupLinkStates(db: Kysely<Database>, roundId: number): Promise<GroupLinkState[]> {
  const links = await db.selectFrom('group_link').select(['group_key', 'link_hash']).where('round_id', '=', roundId).execute();
  const rows = await db
    .selectFrom('response')
    .select(['group_key', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('round_id', '=', roundId)
    .where('participant_id', 'is', null)
    .where('group_key', 'is not', null)
    .groupBy(['group_key', 'status'])
    .execute();
  const keys = [...new Set([...links.map((l) => l.group_key), ...rows.map((r) => r.group_key!)])];
  const count = (key: string, status: string) => Number(rows.find((r) => r.group_key === key && r.status === status)?.n ?? 0);
  return keys.map((group) => ({
    group,
    linkOn: !!links.find((l) => l.group_key === group)?.link_hash,
    submitted: count(group, 'submitted'),
    drafts: count(group, 'draft'),
  }));
}
