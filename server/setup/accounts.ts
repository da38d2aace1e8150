import type { Kysely } from 'kysely';
import type { Account } from '../../model/api/setup.js';
import type { Database, StudyRole } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { ApiError, refusal } from '../errors.js';
import { generatePassword, hashGeneratedPassword, hashPassword, verifyPassword } from '../auth/password.js';
import { PASSWORD_MESSAGES, passwordProblem } from '../auth/password-policy.js';
import { endAllSessions, replaceAllSessions } from '../auth/session.js';
import { revokeAllApiTokens } from '../api-tokens/tokens.js';
import { createUser, normaliseEmail, UserError } from '../users.js';
import { findStudyId } from '../studies/repository.js';

/**
 * Accounts: a user's own password and settings, and the administrator's account list.
 * Passwords are checked against password-policy.ts; every change of password, admin right or
 * disabled state ends the account's sessions.
 */
interface Meta {
  actor: string;
  session?: string;
  now?: Date;
}

/** One account as the administrator's list shows it (model/api/setup.ts). */
export type AccountRow = Account;

export async function listAccounts(db: Kysely<Database>): Promise<AccountRow[]> {
  const users = await db.selectFrom('user').selectAll().orderBy('email').execute();
  const members = await db
    .selectFrom('study_member')
    .innerJoin('study', 'study.id', 'study_member.study_id')
    .select(['study_member.user_id', 'study.slug', 'study_member.role'])
    .execute();
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    isAdmin: u.is_admin === 1,
    language: u.language,
    disabled: !!u.disabled_at,
    createdAt: u.created_at,
    mustChangePassword: u.must_change_password === 1,
    studies: members.filter((m) => m.user_id === u.id).map((m) => ({ slug: m.slug, role: m.role })),
  }));
}

function assertPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw refusal('VALIDATION', PASSWORD_MESSAGES[problem], { field: 'password', reason: problem });
}

/**
 * Creates an account from the accounts screen, with a role in a study when one is named.
 * Without a password one is generated, shown once, and must be changed. Problems become API
 * errors: the study first, then the password policy, then the address.
 */
export async function createAccount(
  db: Kysely<Database>,
  input: {
    email: string;
    displayName: string;
    isAdmin: boolean;
    password?: string;
    language?: 'nl' | 'en';
    study?: { slug: string; role: StudyRole };
  },
  meta: Meta,
): Promise<{ id: number; password: string | null }> {
  if (input.study && (await findStudyId(db, input.study.slug)) === null) throw noStudy(input.study.slug);
  const generated = input.password ? null : generatePassword();
  const password = input.password ?? generated!;
  if (input.password) assertPassword(input.password, input.email);
  try {
    const { id } = await createUser(
      db,
      {
        email: input.email,
        password,
        passwordHash: generated ? await hashGeneratedPassword(generated) : undefined,
        displayName: input.displayName.trim(),
        isAdmin: input.isAdmin,
        language: input.language,
        mustChangePassword: true,
        study: input.study,
      },
      { actor: meta.actor, session: meta.session },
    );
    return { id, password: generated };
  } catch (err) {
    if (err instanceof UserError) {
      if (err.code === 'NO_STUDY') throw noStudy(input.study!.slug);
      throw refusal(err.code === 'EXISTS' ? 'CONFLICT' : 'VALIDATION', userErrorText(err, input.email), {
        field: err.code === 'WEAK_PASSWORD' ? 'password' : 'email',
        reason: err.code,
      });
    }
    throw err;
  }
}

function noStudy(slug: string): ApiError {
  return refusal('VALIDATION', { nl: `Er is geen onderzoek ‘${slug}’.`, en: `There is no study "${slug}".` }, { field: 'study' });
}

/** Why an account could not be made, in both languages for the accounts screen. */
function userErrorText(err: UserError, email: string): { nl: string; en: string } {
  if (err.code === 'EXISTS')
    return { nl: `Er is al een account voor ${email.trim()}.`, en: `An account for ${email.trim()} already exists.` };
  if (err.code === 'INVALID_EMAIL')
    return { nl: `‘${email}’ is geen geldig e-mailadres.`, en: `"${email}" is not a valid e-mail address.` };
  return { nl: 'Een wachtwoord heeft minstens 8 tekens.', en: 'A password needs at least 8 characters.' };
}

export async function updateAccount(
  db: Kysely<Database>,
  id: number,
  input: { displayName?: string; isAdmin?: boolean; disabled?: boolean },
  meta: Meta & { userId: number },
): Promise<void> {
  const now = meta.now ?? new Date();
  await writeTx(db, async (trx) => {
    const user = await trx.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!user) throw new ApiError('NOT_FOUND');
    if (id === meta.userId && (input.isAdmin === false || input.disabled === true)) {
      throw refusal(
        'CONFLICT',
        {
          nl: 'U kunt uw eigen beheerdersrechten niet intrekken en uw eigen account niet blokkeren.',
          en: 'You cannot take away your own administrator rights or disable your own account.',
        },
        { reason: 'self' },
      );
    }
    const set: { display_name?: string; is_admin?: number; disabled_at?: string | null } = {};
    if (input.displayName !== undefined) set.display_name = input.displayName.trim();
    if (input.isAdmin !== undefined) set.is_admin = input.isAdmin ? 1 : 0;
    if (input.disabled !== undefined) set.disabled_at = input.disabled ? (user.disabled_at ?? now.toISOString()) : null;
    if (!Object.keys(set).length) return;
    await trx.updateTable('user').set(set).where('id', '=', id).execute();
    const rightsChanged =
      (input.isAdmin !== undefined && (user.is_admin === 1) !== input.isAdmin) ||
      (input.disabled !== undefined && !!user.disabled_at !== input.disabled);
    if (rightsChanged) await endAllSessions(trx, id);
    if (input.disabled === true && !user.disabled_at) await revokeAllApiTokens(trx, id, now, 'account disabled');
    await audit(trx, {
      actor: meta.actor,
      session: meta.session,
      action: 'user.update',
      target: `user:${id}`,
      details: { admin: input.isAdmin, disabled: input.disabled, name: input.displayName !== undefined },
    });
  });
}

/** A new generated password for an account, shown once; the user must choose their own. */
export async function resetPassword(db: Kysely<Database>, id: number, meta: Meta): Promise<string> {
  const password = generatePassword();
  const hash = await hashGeneratedPassword(password);
  await writeTx(db, async (trx) => {
    const user = await trx.selectFrom('user').select('id').where('id', '=', id).executeTakeFirst();
    if (!user) throw new ApiError('NOT_FOUND');
    await trx
      .updateTable('user')
      .set({ password_hash: hash, must_change_password: 1, password_changed_at: (meta.now ?? new Date()).toISOString() })
      .where('id', '=', id)
      .execute();
    await endAllSessions(trx, id);
    await revokeAllApiTokens(trx, id, meta.now ?? new Date(), 'password reset');
    await audit(trx, { actor: meta.actor, session: meta.session, action: 'user.reset-password', target: `user:${id}` });
  });
  return password;
}

/**
 * The user changes their own password: the current one is required, the new one must pass the
 * policy. All sessions end; the caller gets a fresh session.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  userId: number,
  current: string,
  next: string,
  meta: Meta,
): Promise<{ id: string; csrfToken: string }> {
  const user = await db.selectFrom('user').select(['email', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(current, user.password_hash).catch(() => false))) {
    throw new ApiError('VALIDATION', 'The current password is not correct.', { field: 'current', reason: 'wrong-current' });
  }
  assertPassword(next, user.email);
  if (current === next)
    throw new ApiError('VALIDATION', 'The new password is the same as the current one.', { field: 'password', reason: 'same' });
  const hash = await hashPassword(next);
  const now = meta.now ?? new Date();
  return writeTx(db, async (trx) => {
    await trx
      .updateTable('user')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    const session = await replaceAllSessions(trx, userId, now);
    await revokeAllApiTokens(trx, userId, now, 'password changed');
    await audit(trx, { actor: `user:${userId}`, session: meta.session, action: 'user.change-password', target: `user:${userId}`, at: now });
    return session;
  });
}

export async function updateOwnSettings(
  db: Kysely<Database>,
  userId: number,
  input: { displayName?: string; language?: 'nl' | 'en' },
): Promise<void> {
  const set: { display_name?: string; language?: string } = {};
  if (input.displayName !== undefined) set.display_name = input.displayName.trim();
  if (input.language !== undefined) set.language = input.language;
  if (Object.keys(set).length) await db.updateTable('user').set(set).where('id', '=', userId).execute();
}

export { normaliseEmail };
