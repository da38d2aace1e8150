import type { Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Single sign-on with OpenID Connect: how each session was started, and the login attempts
// that are on their way through the provider.

export async function up(db: Kysely<any>): Promise<void> {
  // 'password' or 'oidc': a session from single sign-on is not asked to choose a local
  // password, and its logout also ends the provider's session.
  await db.schema
    .alterTable('session')
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
  // One row per login sent to the provider, found by the hash of the random id in the
  // browser's short-lived cookie, deleted when the provider sends the browser back (used once).
  await db.schema
    .createTable('oidc_flow')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oidc_flow_created').on('oidc_flow').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oidc_flow').execute();
  await db.schema.alterTable('session').dropColumn('method').execute();
}
