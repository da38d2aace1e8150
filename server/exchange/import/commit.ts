import type { Store } from '../../db/open.js';
import { packResponses } from '../../db/packed-answers.js';
import { writeTx } from '../../db/tx.js';
import { audit } from '../../audit.js';
import { deriveInvitationToken, hashToken } from '../../tokens.js';
import { loadExchangeStudy } from '../study-data.js';
import { planImport, type ImportReport, type ParticipantRef, type PlanInput } from './plan.js';

/** The import was refused; `report` says why, row by row. Nothing was written. */
export class ImportRejected extends Error {
  constructor(readonly report: ImportReport) {
    super(`import refused: ${report.errors} problem${report.errors === 1 ? '' : 's'}`);
    this.name = 'ImportRejected';
  }
}

/** Runs the dry run outside any transaction: reads only. */
export function dryRunImport(store: Store, slug: string, input: PlanInput): ImportReport {
  return planImport(store.sqlite, loadExchangeStudy(store.sqlite, slug), input).report;
}

/**
 * Imports the responses in one write transaction: the dry run again (the database may have
 * changed since it was shown), then participants, invitations, responses and answer cells, the
 * import batch with the file's SHA-256, and an audit entry. Any problem rolls all of it back.
 */
export async function commitImport(
  store: Store,
  secret: Buffer,
  slug: string,
  input: PlanInput & { actor: string; session?: string },
): Promise<ImportReport> {
  return writeTx(store.db, async (trx) => {
    const { sqlite } = store;
    const study = loadExchangeStudy(sqlite, slug);
    const { report, plan } = planImport(sqlite, study, input);
    // The dry run again, inside the transaction: it also refuses a file imported before.
    if (!plan || !report.ok) throw new ImportRejected(report);

    const now = input.now.toISOString();
    const insertParticipant = sqlite.prepare(
      'insert into participant (study_id, key, organisation, role, team, left_from_round_id, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertContact = sqlite.prepare("insert into participant_contact (participant_id, name, email) values (?, '', ?)");
    const created: number[] = plan.create.map((p) => {
      const id = Number(insertParticipant.run(study.id, p.key, p.organisation, p.role, p.team, p.leftRoundId, now).lastInsertRowid);
      if (p.email) insertContact.run(id, p.email);
      return id;
    });
    const idOf = (ref: ParticipantRef) => ('existing' in ref ? ref.existing : created[ref.created]);

    const insertInvitation = sqlite.prepare(
      'insert into invitation (participant_id, round_id, token_hash, token_generation, created_at, sent_at, reminded_at, reminder_count, opened_at, started_at, submitted_at, revoked_at) values (?, ?, ?, 1, ?, null, null, 0, null, null, null, null)',
    );
    const invitationOf = new Map<number, number>();
    for (const ref of plan.invite) {
      const pid = idOf(ref);
      const token = hashToken(deriveInvitationToken(secret, pid, plan.round.id, 1));
      invitationOf.set(pid, Number(insertInvitation.run(pid, plan.round.id, token, now).lastInsertRowid));
    }
    const existingInvitation = sqlite.prepare('select id from invitation where participant_id = ? and round_id = ?').pluck();
    const markInvitation = sqlite.prepare('update invitation set started_at = coalesce(started_at, ?), submitted_at = ? where id = ?');

    const batchId = Number(
      sqlite
        .prepare(
          'insert into import_batch (study_id, round_id, sha256, file_name, rows, responses, participants_created, invitations_created, mapping, actor, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          study.id,
          plan.round.id,
          report.file.sha256,
          input.fileName,
          report.counts.rows,
          report.counts.responses,
          created.length,
          plan.invite.length,
          JSON.stringify(input.mapping),
          input.actor,
          now,
        ).lastInsertRowid,
    );
    const insertResponse = sqlite.prepare(
      "insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, submission_id, anonymous, source, language, started_at, updated_at, submitted_at) values (?, ?, ?, ?, ?, 'submitted', null, ?, ?, ?, ?, ?, ?)",
    );
    // Answers go in 64 rows per statement: one call into SQLite instead of 64 (600,000 cells
    // for 10,000 rows of 60 answers).
    const ANSWER_COLUMNS = 'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values ';
    const insertAnswers = new Map<number, ReturnType<typeof sqlite.prepare>>();
    const answersOf = (n: number) => {
      let stmt = insertAnswers.get(n);
      if (!stmt)
        insertAnswers.set(
          n,
          (stmt = sqlite.prepare(ANSWER_COLUMNS + Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', '))),
        );
      return stmt;
    };
    const pending: unknown[] = [];
    const flush = (n: number) => {
      if (n) answersOf(n).run(pending);
      pending.length = 0;
    };
    const source = `import:${batchId}`;
    const language = study.definition.defaultLanguage ?? 'nl';
    let first = 0;
    let last = 0;
    for (const r of plan.responses) {
      const pid = r.participant ? idOf(r.participant) : null;
      const invitationId =
        pid === null ? null : (invitationOf.get(pid) ?? (existingInvitation.get(pid, plan.round.id) as number | undefined) ?? null);
      const responseId = Number(
        insertResponse.run(
          study.id,
          plan.round.id,
          pid,
          invitationId,
          study.questionnaireVersionId,
          pid === null ? 1 : 0,
          source,
          language,
          r.submittedAt,
          r.submittedAt,
          r.submittedAt,
        ).lastInsertRowid,
      );
      if (!first) first = responseId;
      last = responseId;
      if (invitationId !== null) markInvitation.run(r.submittedAt, r.submittedAt, invitationId);
      for (let k = 0; k < r.cells.length; k++) {
        const c = r.cells.cell(k);
        pending.push(responseId, c.item, c.sub, c.partnerId, c.toolId, c.code, c.missing, c.text);
        if (pending.length === 64 * 8) flush(64);
      }
    }
    flush(pending.length / 8);
    if (first) packResponses(sqlite, first, last);
    await audit(trx, {
      actor: input.actor,
      studyId: study.id,
      action: 'import.responses',
      target: `round:${plan.round.key}`,
      session: input.session,
      details: {
        batch: batchId,
        file: input.fileName,
        sha256: report.file.sha256,
        rows: report.counts.rows,
        responses: report.counts.responses,
        participantsCreated: created.length,
        invitationsCreated: plan.invite.length,
      },
    });
    report.batchId = batchId;
    return report;
  });
}
