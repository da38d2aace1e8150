import type { Kysely } from 'kysely';
import { DEMO_SLUG, generateDemo, toAnswerCell, type DemoCell } from '../../content/demo/generate.js';
import type { Database } from '../db/schema.js';
import { packResponsesIn } from '../db/packed-answers.js';
import { writeTx } from '../db/tx.js';
import { seedDemoQuotes } from '../factsheet/demo-quotes.js';
import { deriveInvitationToken, hashToken } from '../tokens.js';
import type {} from '../groups/schema.js';
import { insertStudy } from './create-study.js';
import { findStudyId } from './repository.js';

export { DEMO_SLUG };

/**
 * Writes the 1000 Kansen demo study (synthetic data) into the database, in one transaction:
 * cohort, invitations, responses, and the quote excerpts the demo researcher approved (so the
 * open-answers screen and a new factsheet show them from the start). Returns null when it is
 * already there: creating it twice never duplicates it.
 */
export async function createDemoStudy(db: Kysely<Database>, secret: Buffer): Promise<{ studyId: number } | null> {
  const data = generateDemo();
  return writeTx(db, async (trx) => {
    if ((await findStudyId(trx, DEMO_SLUG)) !== null) return null;
    const created = await insertStudy(trx, data, { isDemo: true, now: new Date(data.rounds[0].opensAt!) });
    const createdAt = new Date(Date.parse(data.rounds[0].opensAt!) - 14 * 86_400_000).toISOString();

    const participantIds: number[] = [];
    for (const p of data.participants) {
      participantIds.push(await insertDemoParticipant(trx, created.studyId, p, createdAt));
    }

    const invitationIds = new Map<string, number>();
    for (const inv of data.invitations) {
      const participantId = participantIds[inv.participant];
      const roundId = created.roundIds[inv.round];
      const id = await insertDemoInvitation(trx, secret, participantId, roundId, inv);
      invitationIds.set(`${inv.participant}:${inv.round}`, id);
    }

    let firstResponse = 0;
    let lastResponse = 0;
    for (const r of data.responses) {
      const invitationId = invitationIds.get(`${r.participant}:${r.round}`)!;
      const { id: responseId } = await trx
        .insertInto('response')
        .values({
          study_id: created.studyId,
          round_id: created.roundIds[r.round],
          participant_id: participantIds[r.participant],
          invitation_id: invitationId,
          questionnaire_version_id: created.questionnaireVersionId,
          status: r.status,
          submission_id: null,
          source: 'demo',
          language: 'nl',
          started_at: r.startedAt,
          updated_at: r.submittedAt ?? r.startedAt,
          submitted_at: r.submittedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('invitation')
        .set({ started_at: r.startedAt, submitted_at: r.submittedAt })
        .where('id', '=', invitationId)
        .execute();
      await insertDemoAnswers(trx, responseId, r.cells, created, 100);
      firstResponse ||= responseId;
      lastResponse = responseId;
    }
    if (firstResponse) await packResponsesIn(trx, firstResponse, lastResponse);
    // Approved when the last round had closed, as a researcher would have done.
    const last = data.rounds[data.rounds.length - 1];
    await seedDemoQuotes(trx, created.studyId, new Date(last.closesAt ?? last.opensAt!));
    return { studyId: created.studyId };
  });
}

/** Writes a generated response's cells as answer rows, `batch` rows per insert. */
export async function insertDemoAnswers(
  trx: Kysely<Database>,
  responseId: number,
  cells: DemoCell[],
  ids: { partnerIds: number[]; toolIds: number[] },
  batch: number,
): Promise<void> {
  const rows = cells.map((c) => {
    const cell = toAnswerCell(c, ids.partnerIds, ids.toolIds);
    return {
      response_id: responseId,
      item: cell.item,
      sub: cell.sub,
      partner_id: cell.partnerId,
      tool_id: cell.toolId,
      code: cell.code ?? null,
      missing: cell.missing ?? null,
      text: cell.text ?? null,
    };
  });
  for (let i = 0; i < rows.length; i += batch)
    await trx
      .insertInto('answer')
      .values(rows.slice(i, i + batch))
      .execute();
}

/**
 * A generated participant and their contact row; `groupKey` only for studies with respondent groups
 * (the demo study leaves the column out).
 */
export async function insertDemoParticipant(
  trx: Kysely<Database>,
  studyId: number,
  p: { key: string; organisation: string; role: string; name: string; email: string },
  createdAt: string,
  groupKey?: string,
): Promise<number> {
  const { id } = await trx
    .insertInto('participant')
    .values({
      study_id: studyId,
      key: p.key,
      organisation: p.organisation,
      role: p.role,
      team: '',
      left_from_round_id: null,
      created_at: createdAt,
      ...(groupKey === undefined ? {} : { group_key: groupKey }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('participant_contact').values({ participant_id: id, name: p.name, email: p.email }).execute();
  return id;
}

/** A generated invitation (token generation 1), sent and perhaps reminded and opened at the given moments. */
export async function insertDemoInvitation(
  trx: Kysely<Database>,
  secret: Buffer,
  participantId: number,
  roundId: number,
  at: { sentAt: string; remindedAt: string | null; openedAt: string | null },
): Promise<number> {
  const { id } = await trx
    .insertInto('invitation')
    .values({
      participant_id: participantId,
      round_id: roundId,
      token_hash: hashToken(deriveInvitationToken(secret, participantId, roundId, 1)),
      token_generation: 1,
      created_at: at.sentAt,
      sent_at: at.sentAt,
      reminded_at: at.remindedAt,
      reminder_count: at.remindedAt ? 1 : 0,
      opened_at: at.openedAt,
      started_at: null,
      submitted_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
