import type { TestApp } from '../helpers/app.js';

/** Fixtures for factsheet tests on the demo study in a real test database. */

export const SLUG = '1000-kansen';

export function studyId(t: TestApp): number {
  return (t.data.store.sqlite.prepare('select id from study where slug = ?').get(SLUG) as { id: number }).id;
}

/**
 * New data arrives: drafts of the post round are submitted, so post-round response and item
 * numbers change. Returns how many responses were submitted.
 */
export function submitPostDrafts(t: TestApp, at = '2022-10-20T10:00:00.000Z'): number {
  const db = t.data.store.sqlite;
  const ids = db
    .prepare(`select r.id from response r join round o on o.id = r.round_id where o.key = 'post' and r.status = 'draft' order by r.id`)
    .all() as { id: number }[];
  for (const { id } of ids) {
    db.prepare(`update response set status = 'submitted', submitted_at = ?, updated_at = ? where id = ?`).run(at, at, id);
    db.prepare(`update invitation set submitted_at = ? where id = (select invitation_id from response where id = ?)`).run(at, id);
  }
  return ids.length;
}

/** A submitted post-round response that has an answer to `item`. */
export function postResponseWith(t: TestApp, item: string): number {
  return (
    t.data.store.sqlite
      .prepare(`select r.id from response r join round o on o.id = r.round_id join answer a on a.response_id = r.id
      where o.key = 'post' and r.status = 'submitted' and a.item = ? order by r.id limit 1`)
      .get(item) as { id: number }
  ).id;
}

/** Adds a quote excerpt as the dashboard's open-answer coding would; approved or not. */
export function insertExcerpt(
  t: TestApp,
  o: { responseId: number; item: string; text: string; approved: boolean; roleLabel?: string; participantRole?: string | null },
): number {
  const now = new Date().toISOString();
  const r = t.data.store.sqlite
    .prepare(`insert into quote_excerpt (study_id, response_id, item, excerpt, role_label, role_label_en, participant_role, created_at, updated_at, approved_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(
      studyId(t),
      o.responseId,
      o.item,
      o.text,
      o.roleLabel ?? 'professional',
      null,
      o.participantRole ?? null,
      now,
      now,
      o.approved ? now : null,
    );
  return Number(r.lastInsertRowid);
}
