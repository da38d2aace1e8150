import type { Kysely } from 'kysely';
import type { Database, StudyRole } from './db/schema.js';
import { hashPassword } from './auth/password.js';
import { writeTx } from './db/tx.js';

export const EMAIL_PATTERN = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class UserError extends Error {
  constructor(readonly code: 'INVALID_EMAIL' | 'EXISTS' | 'WEAK_PASSWORD' | 'NO_STUDY', message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Creates an account; a study role is granted when a study is named. */
export async function createUser(
  db: Kysely<Database>,
  input: { email: string; password: string; displayName?: string; isAdmin?: boolean; study?: { slug: string; role: StudyRole } },
): Promise<{ id: number }> {
  const email = normaliseEmail(input.email);
  if (!EMAIL_PATTERN.test(email) || email.length > 254) throw new UserError('INVALID_EMAIL', `"${input.email}" is not a valid e-mail address`);
  if ([...input.password].length < 8) throw new UserError('WEAK_PASSWORD', 'a password needs at least 8 characters');
  const hash = await hashPassword(input.password);
  return writeTx(db, async (trx) => {
    const exists = await trx.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();
    if (exists) throw new UserError('EXISTS', `an account for ${email} already exists`);
    let studyId: number | null = null;
    if (input.study) {
      const study = await trx.selectFrom('study').select('id').where('slug', '=', input.study.slug).executeTakeFirst();
      if (!study) throw new UserError('NO_STUDY', `there is no study "${input.study.slug}"`);
      studyId = study.id;
    }
    const { id } = await trx
      .insertInto('user')
      .values({ email, display_name: input.displayName ?? '', password_hash: hash, is_admin: input.isAdmin ? 1 : 0, created_at: new Date().toISOString(), disabled_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (studyId !== null && input.study) await trx.insertInto('study_member').values({ study_id: studyId, user_id: id, role: input.study.role }).execute();
    return { id };
  });
}
