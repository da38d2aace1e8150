import type { Kysely } from 'kysely';
import type { Database, StudyRole } from './db/schema.js';
import { hashPassword } from './auth/password.js';
import { writeTx } from './db/tx.js';
import { audit } from './audit.js';
import { findStudyId } from './studies/repository.js';

export const EMAIL_PATTERN =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class UserError extends Error {
  constructor(
    readonly code: 'INVALID_EMAIL' | 'EXISTS' | 'WEAK_PASSWORD' | 'NO_STUDY',
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export interface NewUser {
  email: string;
  password: string;
  /** The hash of `password`, made already (hashGeneratedPassword for a generated one); else it is hashed here. */
  passwordHash?: string;
  displayName?: string;
  isAdmin?: boolean;
  language?: 'nl' | 'en';
  /** For a password someone else chose (an administrator's generated one): the user must choose their own first. */
  mustChangePassword?: boolean;
  /** A role in this study, granted with the account. */
  study?: { slug: string; role: StudyRole };
}

/**
 * Creates an account, and its role in a study when one is named, in one transaction: the one
 * user creator behind the accounts screen, `rondo user add` and the first start. With `audited`
 * (who acted) the creation and the membership go into the audit log; the CLI and the first
 * start write none, as before.
 */
export async function createUser(
  db: Kysely<Database>,
  input: NewUser,
  audited?: { actor: string; session?: string },
): Promise<{ id: number }> {
  const email = normaliseEmail(input.email);
  if (!EMAIL_PATTERN.test(email) || email.length > 254)
    throw new UserError('INVALID_EMAIL', `"${input.email}" is not a valid e-mail address`);
  if ([...input.password].length < 8) throw new UserError('WEAK_PASSWORD', 'a password needs at least 8 characters');
  const hash = input.passwordHash ?? (await hashPassword(input.password));
  return writeTx(db, async (trx) => {
    const exists = await trx.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();
    if (exists) throw new UserError('EXISTS', `an account for ${email} already exists`);
    const studyId = input.study ? await findStudyId(trx, input.study.slug) : null;
    if (input.study && studyId === null) throw new UserError('NO_STUDY', `there is no study "${input.study.slug}"`);
    const { id } = await trx
      .insertInto('user')
      .values({
        email,
        display_name: input.displayName ?? '',
        password_hash: hash,
        is_admin: input.isAdmin ? 1 : 0,
        language: input.language ?? 'nl',
        must_change_password: input.mustChangePassword ? 1 : 0,
        created_at: new Date().toISOString(),
        disabled_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (audited) await audit(trx, { ...audited, action: 'user.create', target: `user:${id}`, details: { admin: input.isAdmin ?? false } });
    if (studyId !== null && input.study) {
      await trx.insertInto('study_member').values({ study_id: studyId, user_id: id, role: input.study.role }).execute();
      if (audited)
        await audit(trx, { ...audited, studyId, action: 'member.add', target: `user:${id}`, details: { role: input.study.role } });
    }
    return { id };
  });
}
