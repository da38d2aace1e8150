import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Two-factor login for local accounts (server/auth/two-factor.ts): the TOTP secret of an account
// (encrypted with a key derived from the secret file, never in plain text), its single-use
// recovery codes (hashed), the half-logged-in state between password and code (only the hash of
// its cookie), and a mark on a session that may do nothing but enrol.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('two_factor')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // null while the enrolment waits for its first correct code.
    .addColumn('enabled_at', 'text')
    // The last TOTP time step that logged in: that step and earlier ones are refused (replay).
    .addColumn('last_step', 'integer')
    .execute();
  await db.schema
    .createTable('two_factor_recovery')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('two_factor_recovery_user').on('two_factor_recovery').column('user_id').execute();
  await db.schema
    .createTable('login_challenge')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // 1: the session of an account that must enrol first; it may only use its own account's routes.
  await db.schema
    .alterTable('session')
    .addColumn('two_factor_enrolment', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('session').dropColumn('two_factor_enrolment').execute();
  await db.schema.dropTable('login_challenge').execute();
  await db.schema.dropTable('two_factor_recovery').execute();
  await db.schema.dropTable('two_factor').execute();
}
