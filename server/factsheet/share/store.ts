import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Lang } from '../../../model/index.js';
import type { FactsheetShare } from '../../../model/api/factsheet-share.js';
import type { Database } from '../../db/schema.js';
import type {} from '../schema.js';

/**
 * Public read-only links to a published factsheet version. A link is a random 256-bit token
 * (base64url); only its SHA-256 is stored, so the database cannot give a link away and the
 * researcher sees it once, when it is made. Each opening is counted.
 */

export const newShareToken = (): string => crypto.randomBytes(32).toString('base64url');
export const shareTokenHash = (token: string): string => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

type ShareRow = {
  id: number;
  version: number;
  lang: Lang;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  access_count: number;
  last_access_at: string | null;
};

const view = (r: ShareRow, now: Date): FactsheetShare => ({
  id: r.id,
  version: r.version,
  lang: r.lang,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  accessCount: r.access_count,
  lastAccessAt: r.last_access_at,
  state: r.revoked_at ? 'revoked' : r.expires_at <= now.toISOString() ? 'expired' : 'active',
});

const columns = [
  's.id',
  'v.version',
  's.lang',
  's.created_at',
  's.expires_at',
  's.revoked_at',
  's.access_count',
  's.last_access_at',
] as const;

/** The published version's row id, or null when the study has no such version in that language. */
export async function versionRowId(db: Kysely<Database>, studyId: number, version: number, lang: Lang): Promise<number | null> {
  const row = await db
    .selectFrom('factsheet_version as v')
    .innerJoin('factsheet_output as o', 'o.version_id', 'v.id')
    .select('v.id')
    .where('v.study_id', '=', studyId)
    .where('v.version', '=', version)
    .where('o.lang', '=', lang)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function insertShare(
  db: Kysely<Database>,
  o: { studyId: number; versionId: number; lang: Lang; tokenHash: string; expiresAt: Date; userId: number | null; now: Date },
): Promise<FactsheetShare> {
  const { id } = await db
    .insertInto('factsheet_share')
    .values({
      study_id: o.studyId,
      version_id: o.versionId,
      lang: o.lang,
      token_hash: o.tokenHash,
      created_at: o.now.toISOString(),
      created_by: o.userId,
      expires_at: o.expiresAt.toISOString(),
      revoked_at: null,
      revoked_by: null,
      last_access_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await loadShare(db, o.studyId, id, o.now))!;
}

export async function loadShare(db: Kysely<Database>, studyId: number, id: number, now: Date): Promise<FactsheetShare | null> {
  const row = await db
    .selectFrom('factsheet_share as s')
    .innerJoin('factsheet_version as v', 'v.id', 's.version_id')
    .select(columns)
    .where('s.study_id', '=', studyId)
    .where('s.id', '=', id)
    .executeTakeFirst();
  return row ? view(row as ShareRow, now) : null;
}

export async function listShares(db: Kysely<Database>, studyId: number, version: number, now: Date): Promise<FactsheetShare[]> {
  const rows = await db
    .selectFrom('factsheet_share as s')
    .innerJoin('factsheet_version as v', 'v.id', 's.version_id')
    .select(columns)
    .where('s.study_id', '=', studyId)
    .where('v.version', '=', version)
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((r) => view(r as ShareRow, now));
}

/** Revokes a link (a second revocation changes nothing); false when the study has no such link. */
export async function revokeShare(db: Kysely<Database>, studyId: number, id: number, userId: number | null, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('factsheet_share')
    .set({ revoked_at: sql`coalesce(revoked_at, ${now.toISOString()})`, revoked_by: sql`coalesce(revoked_by, ${userId})` })
    .where('study_id', '=', studyId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Opens a link: the version's HTML when the link exists, is not revoked and has not expired,
 * counting the opening; otherwise why not ('gone' for revoked or expired, 'unknown' otherwise).
 */
export async function openShare(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ html: string; lang: Lang } | 'gone' | 'unknown'> {
  const row = await db
    .selectFrom('factsheet_share as s')
    .innerJoin('factsheet_output as o', (j) => j.onRef('o.version_id', '=', 's.version_id').onRef('o.lang', '=', 's.lang'))
    .select(['s.id', 's.expires_at', 's.revoked_at', 'o.html', 'o.lang'])
    .where('s.token_hash', '=', shareTokenHash(token))
    .executeTakeFirst();
  if (!row) return 'unknown';
  if (row.revoked_at || row.expires_at <= now.toISOString()) return 'gone';
  await db
    .updateTable('factsheet_share')
    .set({ access_count: sql`access_count + 1`, last_access_at: now.toISOString() })
    .where('id', '=', row.id)
    .execute();
  return { html: row.html, lang: row.lang };
}
