import type { Kysely } from 'kysely';
import type { StudyMember } from '../../model/api/setup.js';
import type { Database, StudyRole } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { endAllSessions } from '../auth/session.js';
import { normaliseEmail } from '../users.js';

/**
 * Who works on a study and in which role. A role change or removal ends the member's
 * sessions, so the new rights apply at once instead of at their next login. A study always
 * keeps at least one researcher.
 */
/** One member as the team screen shows them (model/api/setup.ts). */
export type Member = StudyMember;

interface Meta {
  actor: string;
  session?: string;
}

export async function listMembers(db: Kysely<Database>, studyId: number): Promise<Member[]> {
  const rows = await db
    .selectFrom('study_member')
    .innerJoin('user', 'user.id', 'study_member.user_id')
    .select(['user.id', 'user.email', 'user.display_name', 'user.disabled_at', 'study_member.role'])
    .where('study_member.study_id', '=', studyId)
    .orderBy('user.email')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name, role: r.role, disabled: !!r.disabled_at }));
}

async function researchers(trx: Kysely<Database>, studyId: number): Promise<number> {
  const r = await trx
    .selectFrom('study_member')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('study_id', '=', studyId)
    .where('role', '=', 'researcher')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Adds an account, found by e-mail address (the study's team screen) or id (the accounts screen), to a study. */
export async function addMember(
  db: Kysely<Database>,
  studyId: number,
  who: { email: string } | { userId: number },
  role: StudyRole,
  meta: Meta,
): Promise<Member> {
  const address = 'email' in who ? normaliseEmail(who.email) : null;
  return writeTx(db, async (trx) => {
    const found = trx.selectFrom('user').select(['id', 'email', 'display_name', 'disabled_at']);
    const user = await (address === null
      ? found.where('id', '=', (who as { userId: number }).userId)
      : found.where('email', '=', address)
    ).executeTakeFirst();
    if (!user) {
      throw address === null
        ? new ApiError('NOT_FOUND', 'There is no such account.')
        : new ApiError('NOT_FOUND', `There is no account for ${address}; create one first.`, { reason: 'no-account' });
    }
    const existing = await memberRole(trx, studyId, user.id);
    if (existing) throw new ApiError('CONFLICT', `${user.email} is already a member (${existing}).`, { reason: 'member' });
    await trx.insertInto('study_member').values({ study_id: studyId, user_id: user.id, role }).execute();
    await memberAudit(trx, meta, studyId, 'member.add', user.id, { role });
    return { userId: user.id, email: user.email, displayName: user.display_name, role, disabled: !!user.disabled_at };
  });
}

export async function changeRole(db: Kysely<Database>, studyId: number, userId: number, role: StudyRole, meta: Meta): Promise<void> {
  await writeTx(db, async (trx) => {
    const from = await leavingRole(trx, studyId, userId, role);
    if (from === role) return;
    await trx.updateTable('study_member').set({ role }).where('study_id', '=', studyId).where('user_id', '=', userId).execute();
    await endAllSessions(trx, userId);
    await memberAudit(trx, meta, studyId, 'member.role', userId, { from, to: role });
  });
}

export async function removeMember(db: Kysely<Database>, studyId: number, userId: number, meta: Meta): Promise<void> {
  await writeTx(db, async (trx) => {
    const role = await leavingRole(trx, studyId, userId);
    await trx.deleteFrom('study_member').where('study_id', '=', studyId).where('user_id', '=', userId).execute();
    await endAllSessions(trx, userId);
    await memberAudit(trx, meta, studyId, 'member.remove', userId, { role });
  });
}

/** A member's role in the study, or undefined for someone who is not a member. */
async function memberRole(trx: Kysely<Database>, studyId: number, userId: number): Promise<StudyRole | undefined> {
  const row = await trx
    .selectFrom('study_member')
    .select('role')
    .where('study_id', '=', studyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

/**
 * The role a member is about to give up (for another role `to`, or by leaving), refused when the
 * member is not there or is the study's last researcher. Keeping the same role is always allowed.
 */
async function leavingRole(trx: Kysely<Database>, studyId: number, userId: number, to?: StudyRole): Promise<StudyRole> {
  const role = await memberRole(trx, studyId, userId);
  if (!role) throw new ApiError('NOT_FOUND');
  if (role === 'researcher' && to !== role && (await researchers(trx, studyId)) <= 1) {
    throw new ApiError('CONFLICT', 'A study needs at least one researcher.', { reason: 'last-researcher' });
  }
  return role;
}

function memberAudit(trx: Kysely<Database>, meta: Meta, studyId: number, action: string, userId: number, details: Record<string, unknown>) {
  return audit(trx, { actor: meta.actor, session: meta.session, studyId, action, target: `user:${userId}`, details });
}
