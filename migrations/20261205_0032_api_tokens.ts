import { sql, type Kysely } from 'kysely';

// Frozen in time: migrations never import application code.
// Personal API tokens: a user's scoped, expiring credentials for the JSON API. Only the
// SHA-256 of a token is stored; the token itself is shown once, at creation.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    // The first characters of the token ("rondo_AbC123"), so the owner can tell tokens apart.
    .addColumn('hint', 'text', (c) => c.notNull())
    // A JSON array of scope names.
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    // When a refused use (revoked or expired) was last written to the audit log.
    .addColumn('refused_logged_at', 'text')
    .addCheckConstraint('api_token_expiry', sql`expires_at > created_at`)
    .execute();
  await db.schema.createIndex('api_token_user').on('api_token').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_token').execute();
}
