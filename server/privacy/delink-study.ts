import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DelinkPreview, DelinkResponse } from '../../model/api/privacy.js';
import type { Database } from '../db/schema.js';
import type {} from '../cohort/attributes.js';
import type { Store } from '../db/open.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { erasingTx } from './erasing-tx.js';
import { personalDataHolders } from './personal-data.js';
import './holders.js';
import { studyPrivacyRow, upsertStudyPrivacy } from './study-privacy.js';

/** How long the first confirmation of a de-link stays valid. */
export const DELINK_TICKET_MS = 10 * 60_000;

/**
 * What de-linking would remove, and what stands in the way. De-linking is for after the
 * last round: every round must have closed, grace period included.
 */
export async function delinkPreview(db: Kysely<Database>, studyId: number, now: Date, graceMinutes: number): Promise<DelinkPreview> {
  const blockers: string[] = [];
  const state = await studyPrivacyRow(db, studyId);
  if (state?.delinked_at) blockers.push(`the study was already de-linked on ${state.delinked_at}`);
  if (state?.personal_data_deleted_at) blockers.push(`the personal data of this study were deleted on ${state.personal_data_deleted_at}`);
  const rounds = await db
    .selectFrom('round')
    .select(['key', 'label_nl', 'label_en', 'closes_at'])
    .where('study_id', '=', studyId)
    .orderBy('position')
    .execute();
  const open = rounds.filter((r) => !r.closes_at || Date.parse(r.closes_at) + graceMinutes * 60_000 > now.getTime());
  if (open.length)
    blockers.push(
      `round${open.length > 1 ? 's' : ''} ${open.map((r) => r.key).join(', ')} ha${open.length > 1 ? 've' : 's'} not closed yet (grace period included)`,
    );
  const count = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
  const participantIds = db.selectFrom('participant').select('id').where('study_id', '=', studyId);
  return {
    blockers,
    openRounds: open.map((r) => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en } })),
    participants: await count(
      db
        .selectFrom('participant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('study_id', '=', studyId)
        .executeTakeFirstOrThrow(),
    ),
    contacts: await count(
      db
        .selectFrom('participant_contact')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('participant_id', 'in', participantIds)
        .executeTakeFirstOrThrow(),
    ),
    invitations: await count(
      db
        .selectFrom('invitation')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('participant_id', 'in', participantIds)
        .executeTakeFirstOrThrow(),
    ),
    drafts: await count(
      db
        .selectFrom('response')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('study_id', '=', studyId)
        .where('status', '=', 'draft')
        .where('participant_id', 'is not', null)
        .executeTakeFirstOrThrow(),
    ),
    submitted: await count(
      db
        .selectFrom('response')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('study_id', '=', studyId)
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow(),
    ),
  };
}

/**
 * The first confirmation: a short-lived ticket bound to the study and the session that asked
 * for it. The second confirmation sends it back with the study's slug typed out. Stateless:
 * an HMAC with the server secret, so nothing needs cleaning up.
 */
export function delinkTicket(secret: Buffer, studyId: number, sessionRef: string, now: Date): { ticket: string; expiresAt: string } {
  const expires = now.getTime() + DELINK_TICKET_MS;
  return { ticket: `${expires}.${ticketMac(secret, studyId, sessionRef, expires)}`, expiresAt: new Date(expires).toISOString() };
}

function ticketMac(secret: Buffer, studyId: number, sessionRef: string, expires: number): string {
  return crypto.createHmac('sha256', secret).update(`delink:${studyId}:${sessionRef}:${expires}`).digest('base64url');
}

export function checkDelinkTicket(secret: Buffer, ticket: string, studyId: number, sessionRef: string, now: Date): boolean {
  const m = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!m) return false;
  const expires = Number(m[1]);
  if (expires < now.getTime() || expires > now.getTime() + DELINK_TICKET_MS) return false;
  const a = Buffer.from(m[2]);
  const b = Buffer.from(ticketMac(secret, studyId, sessionRef, expires));
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/**
 * De-links a study after its last round (irreversible): contact details, invitations (and so
 * every link) and unsubmitted drafts go; every participant gets a new random key and a new
 * row id, inserted in random order, so neither the old key, nor an earlier export, nor the
 * order in which the cohort was imported links a response to a person. Responses stay linked
 * to each other across rounds through the new pseudonym, so paired analysis still works.
 */
export async function delinkStudy(
  store: Store,
  input: { studyId: number; actor: string; session?: string; now: Date; graceMinutes: number },
): Promise<DelinkResponse> {
  return erasingTx(store, async (trx) => {
    const preview = await delinkPreview(trx, input.studyId, input.now, input.graceMinutes);
    if (preview.blockers.length)
      throw new ApiError('CONFLICT', `The study cannot be de-linked: ${preview.blockers.join('; ')}.`, {
        reason: 'DELINK_BLOCKED',
        blockers: preview.blockers,
      });

    const elsewhere: Record<string, number> = {};
    for (const h of personalDataHolders()) {
      if (h.delinkStudy) elsewhere[h.name] = await h.delinkStudy(trx, { studyId: input.studyId });
    }

    const old = await trx
      .selectFrom('participant')
      .select(['id', 'organisation', 'role', 'team', 'left_from_round_id', 'created_at'])
      .where('study_id', '=', input.studyId)
      .execute();
    const ids = old.map((p) => p.id);
    let contactsRemoved = 0;
    let invitationsRemoved = 0;
    let draftsRemoved = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      draftsRemoved += Number(
        (await trx.deleteFrom('response').where('participant_id', 'in', chunk).where('status', '=', 'draft').executeTakeFirst())
          .numDeletedRows,
      );
      contactsRemoved += Number(
        (await trx.deleteFrom('participant_contact').where('participant_id', 'in', chunk).executeTakeFirst()).numDeletedRows,
      );
      await trx.updateTable('response').set({ invitation_id: null }).where('participant_id', 'in', chunk).execute();
      invitationsRemoved += Number(
        (await trx.deleteFrom('invitation').where('participant_id', 'in', chunk).executeTakeFirst()).numDeletedRows,
      );
    }

    // New rows in random order with random keys; everything that pointed at the old row moves.
    const shuffled = shuffle(old);
    const createdAt = old.reduce((min, p) => (p.created_at < min ? p.created_at : min), old[0]?.created_at ?? input.now.toISOString());
    for (const p of shuffled) {
      const { id } = await trx
        .insertInto('participant')
        .values({
          study_id: input.studyId,
          key: `anon-${crypto.randomBytes(8).toString('hex')}`,
          organisation: p.organisation,
          role: p.role,
          team: p.team,
          left_from_round_id: p.left_from_round_id,
          left_note: '',
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('response').set({ participant_id: id }).where('participant_id', '=', p.id).execute();
      await trx.updateTable('participant_erasure').set({ participant_id: id }).where('participant_id', '=', p.id).execute();
      // attrs: cohort-attribute values are subgroup data like organisation and team: they move with the row.
      await trx.updateTable('participant_attribute').set({ participant_id: id }).where('participant_id', '=', p.id).execute();
    }
    for (let i = 0; i < ids.length; i += 500)
      await trx
        .deleteFrom('participant')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute();

    const delinkedAt = input.now.toISOString();
    await upsertStudyPrivacy(trx, input.studyId, { delinked_at: delinkedAt });
    const result: DelinkResponse = {
      contactsRemoved,
      invitationsRemoved,
      draftsRemoved,
      participantsRekeyed: old.length,
      elsewhere,
      delinkedAt,
    };
    await audit(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      action: 'privacy.study.delink',
      details: {
        contactsRemoved,
        invitationsRemoved,
        draftsRemoved,
        participantsRekeyed: old.length,
        ...(Object.keys(elsewhere).length ? { elsewhere } : {}),
      },
      at: input.now,
    });
    return result;
  });
}

function shuffle<T>(items: readonly T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
