import type { Kysely } from 'kysely';
import type { RetentionStatus } from '../../model/api/privacy.js';
import type { Database } from '../db/schema.js';
import type { Store } from '../db/open.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { writeTx } from '../db/tx.js';
import { erasingTx, eraseStudyRowsInSteps } from './erasing-tx.js';
import { personalDataHolders } from './personal-data.js';
import './holders.js';
import { studyPrivacyRow, upsertStudyPrivacy } from './study-privacy.js';

/**
 * Retention: each study can have a date after which its personal data are deleted.
 *
 * - From WARN_BEFORE_MS before the date, the researcher is warned (the privacy overview
 *   and the audit log say so).
 * - The deletion runs at the date, but never sooner than MIN_NOTICE_MS after the warning
 *   was first given. This is what makes a wrong clock safe: a clock that jumps past the
 *   date gives the warning first and deletes nothing until the notice has run out, time in
 *   which somebody can move the date or fix the clock.
 * - What is deleted: every participant of the study with contact details, links,
 *   drafts and answers, and anonymous responses too (pseudonymised answers are personal data
 *   under the AVG/GDPR, recital 26). What stays: the study definition, questionnaire, rounds,
 *   catalogues, audit log and published factsheets (which show only suppressed aggregates).
 */
export const WARN_BEFORE_MS = 30 * 86_400_000;
export const MIN_NOTICE_MS = 14 * 86_400_000;

export async function retentionStatus(db: Kysely<Database>, studyId: number, now: Date): Promise<RetentionStatus> {
  const study = await db.selectFrom('study').select('retention_until').where('id', '=', studyId).executeTakeFirstOrThrow();
  const state = await studyPrivacyRow(db, studyId);
  const until = study.retention_until;
  const warnedAt = state?.retention_warned_at ?? null;
  const deletedAt = state?.personal_data_deleted_at ?? null;
  let deletesAt: string | null = null;
  if (until && !deletedAt) {
    const notice = (warnedAt ? Date.parse(warnedAt) : Math.max(now.getTime(), Date.parse(until) - WARN_BEFORE_MS)) + MIN_NOTICE_MS;
    deletesAt = new Date(Math.max(Date.parse(until), notice)).toISOString();
  }
  const warning = !!until && !deletedAt && now.getTime() >= Date.parse(until) - WARN_BEFORE_MS;
  return { retentionUntil: until, warnedAt, deletesAt, warning, deletedAt };
}

/**
 * Sets or clears a study's retention date (a calendar date; the deletion is due at its start,
 * UTC). The date must lie after today; moving it resets the warning.
 */
export async function setRetention(
  db: Kysely<Database>,
  input: { studyId: number; date: string | null; actor: string; session?: string; now: Date },
): Promise<RetentionStatus> {
  await writeTx(db, async (trx) => {
    const state = await studyPrivacyRow(trx, input.studyId);
    if (state?.personal_data_deleted_at) {
      throw new ApiError('CONFLICT', `The personal data of this study were already deleted on ${state.personal_data_deleted_at}.`, {
        reason: 'ALREADY_DELETED',
      });
    }
    let until: string | null = null;
    if (input.date !== null) {
      const t = Date.parse(`${input.date}T00:00:00.000Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== input.date) {
        throw new ApiError('VALIDATION', `"${input.date}" is not a date (YYYY-MM-DD).`, { field: 'retentionUntil' });
      }
      if (t <= input.now.getTime())
        throw new ApiError('VALIDATION', 'The retention date must lie in the future.', { field: 'retentionUntil' });
      until = new Date(t).toISOString();
    }
    const before = await trx.selectFrom('study').select('retention_until').where('id', '=', input.studyId).executeTakeFirstOrThrow();
    await trx.updateTable('study').set({ retention_until: until }).where('id', '=', input.studyId).execute();
    await upsertStudyPrivacy(trx, input.studyId, { retention_warned_at: null });
    await audit(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      action: 'privacy.retention.set',
      details: { from: before.retention_until, to: until },
      at: input.now,
    });
  });
  return retentionStatus(db, input.studyId, input.now);
}

export interface RetentionRun {
  warned: number[];
  deleted: { studyId: number; participants: number; responses: number }[];
}

/**
 * The scheduled job: gives due warnings and runs due deletions. Safe to run at any moment
 * and as often as wanted; each step happens once.
 */
export async function runRetention(store: Store, now: Date): Promise<RetentionRun> {
  const run: RetentionRun = { warned: [], deleted: [] };
  const studies = await store.db
    .selectFrom('study')
    .leftJoin('study_privacy', 'study_privacy.study_id', 'study.id')
    .select(['study.id', 'study.retention_until', 'study_privacy.retention_warned_at', 'study_privacy.personal_data_deleted_at'])
    .where('study.retention_until', 'is not', null)
    .where('study.deleting_since', 'is', null)
    .where('study_privacy.personal_data_deleted_at', 'is', null)
    .execute();
  for (const s of studies) {
    const until = Date.parse(s.retention_until!);
    if (!s.retention_warned_at && now.getTime() >= until - WARN_BEFORE_MS) {
      const warned = await writeTx(store.db, async (trx) => {
        const state = await studyPrivacyRow(trx, s.id);
        if (state?.retention_warned_at) return false;
        await upsertStudyPrivacy(trx, s.id, { retention_warned_at: now.toISOString() });
        const status = await retentionStatus(trx, s.id, now);
        await audit(trx, {
          actor: 'system',
          studyId: s.id,
          action: 'privacy.retention.warning',
          details: { retentionUntil: s.retention_until, deletesAt: status.deletesAt },
          at: now,
        });
        return true;
      });
      if (warned) run.warned.push(s.id);
      continue;
    }
    if (s.retention_warned_at && now.getTime() >= until && now.getTime() >= Date.parse(s.retention_warned_at) + MIN_NOTICE_MS) {
      run.deleted.push(await deleteStudyPersonalData(store, s.id, now));
    }
  }
  return run;
}

/**
 * Deletes every piece of personal data of a study (see the comment at the top): the responses and
 * participants in short erasing steps between which the server keeps answering
 * (eraseStudyRowsInSteps), then in one erasing transaction what other areas hold, anything that came
 * in meanwhile, the date of the deletion and its audit entry. Interrupted, the job does it again
 * at its next run: the date is set only at the end.
 */
export async function deleteStudyPersonalData(
  store: Store,
  studyId: number,
  now: Date,
): Promise<{ studyId: number; participants: number; responses: number }> {
  const stepped = await eraseStudyRowsInSteps(store, studyId);
  return erasingTx(store, async (trx) => {
    const elsewhere: Record<string, number> = {};
    for (const h of personalDataHolders()) {
      if (h.deleteStudyPersonalData) elsewhere[h.name] = await h.deleteStudyPersonalData(trx, { studyId });
    }
    const responses =
      stepped.responses + Number((await trx.deleteFrom('response').where('study_id', '=', studyId).executeTakeFirst()).numDeletedRows);
    const participants =
      stepped.participants +
      Number((await trx.deleteFrom('participant').where('study_id', '=', studyId).executeTakeFirst()).numDeletedRows);
    await upsertStudyPrivacy(trx, studyId, { personal_data_deleted_at: now.toISOString() });
    await audit(trx, {
      actor: 'system',
      studyId,
      action: 'privacy.retention.deleted',
      details: { participants, responses, ...(Object.keys(elsewhere).length ? { elsewhere } : {}) },
      at: now,
    });
    return { studyId, participants, responses };
  });
}
