import type SQLite from 'better-sqlite3';
import type { DraftBody, DraftResponse, SubmitBody, SubmitResponse } from '../../model/api/respondent.js';
import { parseSub, validateAnswers, type AnswerCell, type AnswerIssue, type Lang } from '../../model/index.js';
import type { Store } from '../db/open.js';
import { packedCopy, packResponseCells, packResponses, type PackedCopy } from '../db/packed-answers.js';
import { ApiError } from '../errors.js';
import type { PreparedForm } from './form.js';
import { withText } from './issue-text.js';
import { roundPhase } from './round-phase.js';
import { writeQueue } from './write-queue.js';
import { startedBeforeClosing, type Subject } from './subject.js';

/**
 * Writing a respondent's answers: draft saves (part of the answers, as the respondent goes) and
 * the one submission. Both run inside a write transaction (writeTx, BEGIN IMMEDIATE; shared
 * with the writes that arrive at the same moment, see write-queue.ts) and re-read the response
 * inside it, so the decision "already submitted?" and the write are one step: fifty
 * simultaneous submissions of one invitation store one response. Statements are prepared
 * better-sqlite3 statements on the store's one connection: kysely's per-query cost would
 * dominate a write of some fifty rows.
 */

interface Statements {
  byInvitation: SQLite.Statement;
  byBrowser: SQLite.Statement;
  insertResponse: SQLite.Statement;
  touchDraft: SQLite.Statement;
  markSubmitted: SQLite.Statement;
  deleteItem: SQLite.Statement;
  deleteAll: SQLite.Statement;
  /** Multi-row inserts of the answer table by their shape: rows of a code only × 1000 + other rows (insertCells). */
  insertAnswers: Map<number, SQLite.Statement>;
  invitationStarted: SQLite.Statement;
  invitationSubmitted: SQLite.Statement;
  invitationOpened: SQLite.Statement;
}

const prepared = new WeakMap<SQLite.Database, Statements>();
function statements(sqlite: SQLite.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    const cols = 'id, status, submission_id, submitted_at, questionnaire_version_id';
    s = {
      byInvitation: sqlite.prepare(`select ${cols} from response where invitation_id = ?`),
      byBrowser: sqlite.prepare(`select ${cols} from response where browser_key_hash = ? and round_id = ?`),
      // Positional parameters and run() (not named ones and RETURNING): a few microseconds less per submission.
      insertResponse: sqlite.prepare(
        `insert into response (study_id, round_id, participant_id, invitation_id, questionnaire_version_id, status, submission_id,
           anonymous, source, language, started_at, updated_at, submitted_at, browser_key_hash, group_key, packed_layout_id, packed_values)
         values (?, ?, ?, ?, ?, ?, ?, ?, 'web', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // A draft never has a packed copy (only submitted responses get one); clearing it anyway keeps
      // "whoever inserts answer rows clears or rewrites the copy" true of this writer on its own.
      touchDraft: sqlite.prepare(
        `update response set updated_at = ?, language = ?, packed_layout_id = null, packed_values = null where id = ?`,
      ),
      markSubmitted: sqlite.prepare(
        `update response set status = 'submitted', submission_id = ?, submitted_at = ?, updated_at = ?, language = ? where id = ? and status = 'draft'`,
      ),
      deleteItem: sqlite.prepare(`delete from answer where response_id = ? and item = ?`),
      deleteAll: sqlite.prepare(`delete from answer where response_id = ?`),
      insertAnswers: new Map(),
      invitationStarted: sqlite.prepare(
        `update invitation set started_at = coalesce(started_at, ?), opened_at = coalesce(opened_at, ?) where id = ?`,
      ),
      invitationSubmitted: sqlite.prepare(
        `update invitation set submitted_at = ?, started_at = coalesce(started_at, ?), opened_at = coalesce(opened_at, ?) where id = ?`,
      ),
      invitationOpened: sqlite.prepare(`update invitation set opened_at = ? where id = ? and opened_at is null`),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

interface ResponseRow {
  id: number;
  status: 'draft' | 'submitted';
  submission_id: string | null;
  submitted_at: string | null;
  questionnaire_version_id: number;
}

function currentResponse(st: Statements, subject: Subject): ResponseRow | undefined {
  return (
    subject.kind === 'invitation' ? st.byInvitation.get(subject.invitationId) : st.byBrowser.get(subject.browserKeyHash, subject.round.id)
  ) as ResponseRow | undefined;
}

/**
 * Inserts the subject's response: a draft, or (`submitted` given) a response submitted at `now`
 * in one step, with its packed copy when the caller has it, whose answers the caller writes next
 * in the same transaction.
 */
function createResponse(
  st: Statements,
  subject: Subject,
  versionId: number,
  language: Lang,
  now: string,
  submitted?: { submissionId: string; packed: PackedCopy | null },
): number {
  return Number(
    st.insertResponse.run(
      subject.studyId,
      subject.round.id,
      subject.participantId,
      subject.invitationId,
      versionId,
      submitted ? 'submitted' : 'draft',
      submitted?.submissionId ?? null,
      subject.kind === 'anonymous' ? 1 : 0,
      language,
      now,
      now,
      submitted ? now : null,
      subject.browserKeyHash,
      // The group an anonymous response came through, kept as it was then; a participant's group is the cohort's.
      subject.kind === 'anonymous' && !subject.group.implicit ? subject.group.key : null,
      submitted?.packed?.layoutId ?? null,
      submitted?.packed?.values ?? null,
    ).lastInsertRowid,
  );
}

// The most rows one insert statement takes (8 parameters a row, far below SQLite's limit of
// 32,766), and the most statements kept prepared: a questionnaire gives a handful of shapes.
const ROWS_PER_INSERT = 256;
const PREPARED_SHAPES = 64;
const CODE_ROW = '(?, ?, ?, null, null, ?, null, null)';
const ANY_ROW = '(?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * Inserts the cells as rows of the answer table: multi-row VALUES statements (prepared once per
 * shape), with the values packed into one flat array here. A cell that is only a code (no partner
 * or tool, no missing code, no text: most cells) is a row of four parameters with the other four
 * columns written as null in the statement; the rest are rows of eight. Binding a parameter costs
 * better-sqlite3 about as much as SQLite spends on it, so this is a quarter less than eight
 * parameters a row (and the JSON insert before it cost 60% more again). Rows go in any order: the
 * table keeps them by its key.
 */
function insertCells(sqlite: SQLite.Database, st: Statements, responseId: number, cells: readonly AnswerCell[]): void {
  const codeOnly: AnswerCell[] = [];
  const others: { cell: AnswerCell; partnerId: number | null; toolId: number | null }[] = [];
  for (const c of cells) {
    const sub = c.sub ? parseSub(c.sub) : null;
    const partnerId = sub?.kind === 'partner' ? sub.partnerId : null;
    const toolId = sub?.kind === 'tool' ? sub.toolId : null;
    if (partnerId === null && toolId === null && c.code != null && c.missing == null && c.text == null) codeOnly.push(c);
    else others.push({ cell: c, partnerId, toolId });
  }
  for (let start = 0; start < cells.length; start += ROWS_PER_INSERT) {
    const end = Math.min(cells.length, start + ROWS_PER_INSERT);
    // Rows start to end of codeOnly followed by others.
    const codes = Math.max(0, Math.min(end, codeOnly.length) - start);
    const rest = end - start - codes;
    const shape = codes * 1000 + rest;
    let insert = st.insertAnswers.get(shape);
    if (!insert) {
      if (st.insertAnswers.size >= PREPARED_SHAPES) st.insertAnswers.clear();
      const rows = [...new Array<string>(codes).fill(CODE_ROW), ...new Array<string>(rest).fill(ANY_ROW)].join(', ');
      insert = sqlite.prepare(`insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) values ${rows}`);
      st.insertAnswers.set(shape, insert);
    }
    const values = new Array<unknown>(codes * 4 + rest * 8);
    let at = 0;
    for (let i = start; i < start + codes; i++) {
      const c = codeOnly[i];
      values[at++] = responseId;
      values[at++] = c.item;
      values[at++] = c.sub;
      values[at++] = c.code;
    }
    for (let i = Math.max(start, codeOnly.length) - codeOnly.length; i < end - codeOnly.length; i++) {
      const { cell: c, partnerId, toolId } = others[i];
      values[at++] = responseId;
      values[at++] = c.item;
      values[at++] = c.sub;
      values[at++] = partnerId;
      values[at++] = toolId;
      values[at++] = c.code ?? null;
      values[at++] = c.missing ?? null;
      values[at++] = c.text ?? null;
    }
    insert.run(values);
  }
}

/** insertCells on the store's connection, for tests: inside a write transaction. */
export function insertAnswerCells(sqlite: SQLite.Database, responseId: number, cells: readonly AnswerCell[]): void {
  insertCells(sqlite, statements(sqlite), responseId, cells);
}

/**
 * Refuses writes outside the round's window. During the grace period after closing only a
 * respondent who had started before the round closed may still save and submit; for anyone
 * else the round is closed, as the page says too.
 */
function assertAccepting(subject: Subject, now: Date): void {
  const { phase } = roundPhase(subject.round, subject.graceMinutes, now);
  if (phase === 'not-open') throw new ApiError('ROUND_CLOSED', 'This round is not open yet.');
  if (phase === 'closed' || (phase === 'grace' && !startedBeforeClosing(subject))) throw new ApiError('ROUND_CLOSED');
}

function invalid(issues: AnswerIssue[]): ApiError {
  return new ApiError('VALIDATION', 'Some answers are not valid; nothing was saved.', { issues: withText(issues) });
}

/**
 * Saves part of a draft: the answers of `items` are replaced by the cells given. Each cell is
 * checked on its own (nothing is required yet); one invalid cell refuses the whole save.
 */
export async function saveDraft(store: Store, subject: Subject, form: PreparedForm, input: DraftBody, now: Date): Promise<DraftResponse> {
  assertAccepting(subject, now);
  const items = new Set(input.items);
  const stray = input.answers.filter((c) => !items.has(c.item));
  if (stray.length) {
    throw invalid(stray.slice(0, 20).map((c) => ({ item: c.item, sub: c.sub, code: 'unknown-item' as const })));
  }
  const known = new Set(
    form.questionnaire.sections.flatMap((s) => s.items.filter((i) => i.rounds.includes(form.ctx.roundKey)).map((i) => i.id)),
  );
  const unknown = input.items.filter((i) => !known.has(i));
  if (unknown.length) {
    throw invalid(unknown.slice(0, 20).map((item) => ({ item, code: 'unknown-item' as const })));
  }
  const checked = validateAnswers(form.questionnaire, input.answers, form.ctx, 'draft');
  if (!checked.ok) throw invalid(checked.issues);

  const at = now.toISOString();
  const st = statements(store.sqlite);
  await writeQueue(store).run(() => {
    const current = currentResponse(st, subject);
    if (current?.status === 'submitted') throw new ApiError('ALREADY_SUBMITTED');
    if (current && current.questionnaire_version_id !== form.versionId) {
      // The form was built before this response was pinned to another version.
      throw new ApiError('CONFLICT', 'The questionnaire has changed; reload the page.');
    }
    const responseId = current?.id ?? createResponse(st, subject, form.versionId, input.language, at);
    if (current) st.touchDraft.run(at, input.language, responseId);
    for (const item of items) st.deleteItem.run(responseId, item);
    insertCells(store.sqlite, st, responseId, input.answers);
    if (subject.invitationId !== null) st.invitationStarted.run(at, at, subject.invitationId);
  });
  return { savedAt: at };
}

/**
 * Submits a response: all answers, checked as a whole (required items, show-if, grids). The
 * submission id makes it idempotent: the same id again returns the first result; another id
 * after submission is refused with ALREADY_SUBMITTED.
 */
export async function submitResponse(
  store: Store,
  subject: Subject,
  form: PreparedForm,
  input: SubmitBody,
  now: Date,
): Promise<SubmitResponse> {
  // A retry of a submission that already went through answers with its result, even after
  // the round closed: the check below runs again inside the transaction.
  const first = subject.response;
  if (first?.status === 'submitted' && first.submissionId === input.submissionId) {
    return { submittedAt: first.submittedAt!, repeated: true };
  }
  assertAccepting(subject, now);
  const checked = validateAnswers(form.questionnaire, input.answers, form.ctx, 'submit');
  if (!checked.ok) throw invalid(checked.issues);

  const at = now.toISOString();
  const st = statements(store.sqlite);
  const queue = writeQueue(store);
  try {
    return await queue.run((): SubmitResponse => {
      const current = currentResponse(st, subject);
      if (current?.status === 'submitted') {
        if (current.submission_id === input.submissionId) return { submittedAt: current.submitted_at!, repeated: true };
        throw new ApiError('ALREADY_SUBMITTED');
      }
      if (current && current.questionnaire_version_id !== form.versionId) {
        throw new ApiError('CONFLICT', 'The questionnaire has changed; reload the page.');
      }
      let responseId: number;
      if (current) {
        // The submission replaces whatever the draft held.
        st.deleteAll.run(current.id);
        responseId = current.id;
        insertCells(store.sqlite, st, responseId, input.answers);
        st.markSubmitted.run(input.submissionId, at, at, input.language, responseId);
        packResponseCells(store.sqlite, responseId, input.answers);
      } else {
        // No draft: the response is written as submitted at once, with its packed copy (no second
        // update of its row and indexes). Its answer rows follow; nothing clears the copy they copy.
        const packed = packedCopy(store.sqlite, input.answers, queue.memo);
        responseId = createResponse(st, subject, form.versionId, input.language, at, { submissionId: input.submissionId, packed });
        insertCells(store.sqlite, st, responseId, input.answers);
        if (!packed) packResponses(store.sqlite, responseId);
      }
      if (subject.invitationId !== null) st.invitationSubmitted.run(at, at, at, subject.invitationId);
      return { submittedAt: at, repeated: false };
    });
  } catch (err) {
    // Another response already holds this submission id: not a retry of this one.
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new ApiError('CONFLICT', 'This submission id is already in use.');
    throw err;
  }
}

/** Records that an invitation's link was opened, the first time only. */
export async function markOpened(store: Store, invitationId: number, now: Date): Promise<void> {
  const st = statements(store.sqlite);
  await writeQueue(store).run(() => st.invitationOpened.run(now.toISOString(), invitationId));
}
