import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type {} from '../schema.js';
import { NEUTRAL_STYLE, type HouseStyle, type Typeface } from './house-style.js';

/** A study's stored house style (with its logo as a data: URL), or the neutral default. */
export async function loadHouseStyle(db: Kysely<Database>, studyId: number): Promise<HouseStyle & { custom: boolean }> {
  const row = await db.selectFrom('factsheet_style').selectAll().where('study_id', '=', studyId).executeTakeFirst();
  if (!row) return { ...NEUTRAL_STYLE, custom: false };
  const mime = row.logo_type === 'svg' ? 'image/svg+xml' : 'image/png';
  return {
    primary: row.primary_colour,
    accent: row.accent_colour,
    typeface: row.typeface as Typeface,
    logo: row.logo_type && row.logo_data ? `data:${mime};base64,${row.logo_data}` : null,
    custom: true,
  };
}

/** Stores a checked house style; `logo` undefined keeps the stored logo, null removes it. */
export async function saveHouseStyle(
  db: Kysely<Database>,
  studyId: number,
  style: { primary: string; accent: string; typeface: Typeface; logo?: { type: 'svg' | 'png'; data: Buffer } | null },
  userId: number | null,
  now: Date,
): Promise<void> {
  const logo =
    style.logo === undefined
      ? {}
      : { logo_type: style.logo?.type ?? null, logo_data: style.logo ? style.logo.data.toString('base64') : null };
  const values = { primary_colour: style.primary.toLowerCase(), accent_colour: style.accent.toLowerCase(), typeface: style.typeface };
  await db
    .insertInto('factsheet_style')
    .values({ study_id: studyId, ...values, logo_type: null, logo_data: null, ...logo, updated_at: now.toISOString(), updated_by: userId })
    .onConflict((oc) => oc.column('study_id').doUpdateSet({ ...values, ...logo, updated_at: now.toISOString(), updated_by: userId }))
    .execute();
}

/** Back to the neutral default. */
export async function deleteHouseStyle(db: Kysely<Database>, studyId: number): Promise<void> {
  await db.deleteFrom('factsheet_style').where('study_id', '=', studyId).execute();
}
