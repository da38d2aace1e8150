import type { Kysely } from 'kysely';
import type { ActionBody, ActionEditBody, PdcaBody, PlanEditBody, PointBody, SelectBody } from '../../model/api/improvement.js';
import type { ActionStatus, ImprovementEntity } from '../../model/improvement.js';
import type { Indicator } from '../../model/indicators.js';
import { audit } from '../audit.js';
import type { Database, StudyRole } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { findRound, roundState } from '../fieldwork/rounds.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';
import type {} from './schema.js';

/**
 * The improvement cycle's store (issue 17): points and votes, plans, actions and quarterly PDCA
 * entries. Every change runs in one write transaction that checks the input, writes the row with
 * a raised version (refusing a stale one: no lost update), appends the new version to
 * `improvement_history` and writes the audit entry; a refusal changes nothing.
 */

export interface Actor {
  actor: string;
  session: string;
  userId: number;
  now: Date;
}

type Text = { nl: string; en: string };

/** A refusal of bad input, with a sentence for people in both languages. */
function refuse(reason: string, text: Text, code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' = 'VALIDATION'): ApiError {
  return new ApiError(code, text.en, { reason, text });
}

function stale(what: Text, current: number): ApiError {
  return new ApiError('CONFLICT', `Someone else changed this ${what.en} in the meantime; reload to see their change. Nothing was saved.`, {
    reason: 'STALE_VERSION',
    current,
    text: {
      nl: `Iemand anders heeft ${what.nl} intussen gewijzigd; laad opnieuw om die wijziging te zien. Er is niets opgeslagen.`,
      en: `Someone else changed this ${what.en} in the meantime; reload to see their change. Nothing was saved.`,
    },
  });
}

const WORDS: Record<ImprovementEntity, Text> = {
  point: { nl: 'dit verbeterpunt', en: 'improvement point' },
  plan: { nl: 'dit plan', en: 'plan' },
  action: { nl: 'deze actie', en: 'action' },
  pdca: { nl: 'deze kwartaalevaluatie', en: 'quarterly evaluation' },
};

/** Appends the row's new version to the history and writes the audit entry, in the change's transaction. */
async function record(
  trx: Kysely<Database>,
  studyId: number,
  entity: ImprovementEntity,
  row: { id: number; version: number },
  by: Actor,
  action: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const at = by.now.toISOString();
  await trx
    .insertInto('improvement_history')
    .values({ study_id: studyId, entity, entity_id: row.id, version: row.version, snapshot: JSON.stringify(row), actor: by.actor, at })
    .execute();
  await audit(trx, {
    actor: by.actor,
    session: by.session,
    studyId,
    action: `improvement.${action}`,
    target: `${entity}:${row.id}`,
    details: { version: row.version, ...details },
    at: by.now,
  });
}

async function pointRow(db: Kysely<Database>, studyId: number, id: number) {
  const row = await db.selectFrom('improvement_point').selectAll().where('id', '=', id).where('study_id', '=', studyId).executeTakeFirst();
  if (!row) throw refuse('UNKNOWN_POINT', { nl: 'Dit verbeterpunt bestaat niet.', en: 'There is no such improvement point.' }, 'NOT_FOUND');
  return row;
}

async function planRow(db: Kysely<Database>, studyId: number, id: number) {
  const row = await db.selectFrom('improvement_plan').selectAll().where('id', '=', id).where('study_id', '=', studyId).executeTakeFirst();
  if (!row) throw refuse('UNKNOWN_PLAN', { nl: 'Dit plan bestaat niet.', en: 'There is no such plan.' }, 'NOT_FOUND');
  return row;
}

async function actionRow(db: Kysely<Database>, studyId: number, id: number) {
  const row = await db
    .selectFrom('improvement_action')
    .innerJoin('improvement_plan', 'improvement_plan.id', 'improvement_action.plan_id')
    .selectAll('improvement_action')
    .select('improvement_plan.year')
    .where('improvement_action.id', '=', id)
    .where('improvement_plan.study_id', '=', studyId)
    .executeTakeFirst();
  if (!row) throw refuse('UNKNOWN_ACTION', { nl: 'Deze actie bestaat niet.', en: 'There is no such action.' }, 'NOT_FOUND');
  return row;
}

/** The study's current questionnaire version's indicators. */
export async function currentIndicators(db: Kysely<Database>, studyId: number): Promise<Indicator[]> {
  return (await currentQuestionnaire(db, studyId)).definition.indicators ?? [];
}

async function checkIndicators(db: Kysely<Database>, studyId: number, keys: string[]): Promise<void> {
  const known = new Set((await currentIndicators(db, studyId)).map((i) => i.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length)
    throw refuse('UNKNOWN_INDICATOR', {
      nl: `De indicator ${unknown.join(', ')} staat niet in de huidige versie van de vragenlijst. Er is niets gewijzigd.`,
      en: `Indicator ${unknown.join(', ')} is not in the current version of the questionnaire. Nothing was changed.`,
    });
  if (new Set(keys).size !== keys.length)
    throw refuse('DUPLICATE_INDICATOR', {
      nl: 'Elke indicator mag maar één keer in het plan staan. Er is niets gewijzigd.',
      en: 'Each indicator can be in the plan only once. Nothing was changed.',
    });
}

async function checkOwner(db: Kysely<Database>, studyId: number, userId: number): Promise<void> {
  const member = await db
    .selectFrom('study_member')
    .select('user_id')
    .where('study_id', '=', studyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member)
    throw refuse('OWNER_NOT_MEMBER', {
      nl: 'De eigenaar van een actie moet lid zijn van dit onderzoek. Er is niets gewijzigd.',
      en: 'The owner of an action must be a member of this study. Nothing was changed.',
    });
}

function checkDue(due: string, year: number): void {
  const valid = !Number.isNaN(Date.parse(`${due}T00:00:00Z`)) && new Date(`${due}T00:00:00Z`).toISOString().startsWith(due);
  if (!valid)
    throw refuse('BAD_DATE', {
      nl: `${due} is geen geldige datum. Er is niets gewijzigd.`,
      en: `${due} is not a valid date. Nothing was changed.`,
    });
  if (!due.startsWith(`${year}-`))
    throw refuse('DUE_OUTSIDE_YEAR', {
      nl: `De einddatum ${due} valt buiten het planjaar ${year}. Kies een datum in ${year}. Er is niets gewijzigd.`,
      en: `The due date ${due} is outside the plan's year ${year}. Choose a date in ${year}. Nothing was changed.`,
    });
}

/**
 * The study's own word for a round in both languages (model/vocabulary.ts), for the refusals, and
 * the Dutch word with its article ("de scan", "het meetmoment"; without it, "de").
 */
export type RoundWord = Text & { nlThe?: string };

function unknownRound(key: string, word: RoundWord): ApiError {
  return refuse('UNKNOWN_ROUND', { nl: `Er is geen ${word.nl} "${key}".`, en: `There is no ${word.en} "${key}".` });
}

export async function proposePoint(db: Kysely<Database>, studyId: number, body: PointBody, by: Actor, word: RoundWord): Promise<number> {
  return writeTx(db, async (trx) => {
    const ref = body.ref?.trim() ?? '';
    if (body.round && !(await findRound(trx, studyId, body.round))) throw unknownRound(body.round, word);
    if (body.source === 'indicator') await checkIndicators(trx, studyId, [ref]);
    if (body.source === 'item') {
      const q = (await currentQuestionnaire(trx, studyId)).definition;
      if (!q.sections.some((s) => s.items.some((i) => i.id === ref)))
        throw refuse('UNKNOWN_ITEM', {
          nl: `De vraag "${ref}" staat niet in de huidige vragenlijst. Er is niets gewijzigd.`,
          en: `Item "${ref}" is not in the current questionnaire. Nothing was changed.`,
        });
    }
    if (body.source === 'theme' && !ref)
      throw refuse('NO_THEME', { nl: 'Noem het thema uit de open antwoorden.', en: 'Name the theme from the open answers.' });
    const at = by.now.toISOString();
    const row = await trx
      .insertInto('improvement_point')
      .values({
        study_id: studyId,
        source: body.source,
        ref: body.source === 'free' ? '' : ref,
        title: body.title.trim(),
        note: body.note?.trim() ?? '',
        round_key: body.round ?? null,
        created_by: by.userId,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await record(trx, studyId, 'point', row, by, 'point.proposed', { source: row.source });
    return row.id;
  });
}

/** A team member's vote for a point, only while the round is open; a second vote replaces nothing. */
export async function votePoint(
  db: Kysely<Database>,
  studyId: number,
  pointId: number,
  roundKey: string,
  by: Actor,
  word: RoundWord,
): Promise<void> {
  await writeTx(db, async (trx) => {
    const point = await pointRow(trx, studyId, pointId);
    const round = await findRound(trx, studyId, roundKey);
    if (!round) throw unknownRound(roundKey, word);
    if (roundState(round, by.now) !== 'open')
      throw refuse(
        'VOTE_OUTSIDE_ROUND',
        {
          nl: `Stemmen kan alleen zolang ${word.nlThe ?? `de ${word.nl}`} "${round.label_nl}" open is. Er is niets gewijzigd.`,
          en: `Voting is possible only while the ${word.en} "${round.label_en || round.label_nl}" is open. Nothing was changed.`,
        },
        'CONFLICT',
      );
    if (point.status !== 'proposed')
      throw refuse('POINT_DECIDED', { nl: 'Over dit punt is al besloten.', en: 'This point has already been decided.' }, 'CONFLICT');
    const done = await trx
      .insertInto('improvement_vote')
      .values({ point_id: pointId, user_id: by.userId, round_key: roundKey, at: by.now.toISOString() })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(done.numInsertedOrUpdatedRows ?? 0) === 0)
      throw refuse('ALREADY_VOTED', { nl: 'U heeft al op dit punt gestemd.', en: 'You have already voted for this point.' }, 'CONFLICT');
    await audit(trx, {
      actor: by.actor,
      session: by.session,
      studyId,
      action: 'improvement.point.voted',
      target: `point:${pointId}`,
      at: by.now,
    });
  });
}

async function voteCounts(db: Kysely<Database>, studyId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('improvement_vote')
    .innerJoin('improvement_point', 'improvement_point.id', 'improvement_vote.point_id')
    .select(['improvement_vote.point_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('improvement_point.study_id', '=', studyId)
    .groupBy('improvement_vote.point_id')
    .execute();
  return new Map(rows.map((r) => [r.point_id, Number(r.n)]));
}

/** The connector selects a point (by the team's vote or their own choice) or sets it aside. */
export async function decidePoint(db: Kysely<Database>, studyId: number, pointId: number, body: SelectBody, by: Actor): Promise<void> {
  await writeTx(db, async (trx) => {
    const point = await pointRow(trx, studyId, pointId);
    if (point.version !== body.version) throw stale(WORDS.point, point.version);
    const status = body.status ?? 'selected';
    if (status === 'selected' && body.by === 'vote') {
      const counts = await voteCounts(trx, studyId);
      const mine = counts.get(pointId) ?? 0;
      const most = Math.max(0, ...[...counts.values()]);
      if (mine === 0 || mine < most)
        throw refuse('NOT_MOST_VOTES', {
          nl:
            `Dit punt heeft ${mine} stem(men); het punt met de meeste stemmen heeft er ${most}. ` +
            'Kies het als netwerkverbinder, of kies het punt met de meeste stemmen. Er is niets gewijzigd.',
          en:
            `This point has ${mine} vote(s); the point with the most votes has ${most}. ` +
            'Choose it as the network connector, or select the point with the most votes. Nothing was changed.',
        });
    }
    const row = await trx
      .updateTable('improvement_point')
      .set({ status, selected_by: status === 'selected' ? body.by : null, version: point.version + 1, updated_at: by.now.toISOString() })
      .where('id', '=', pointId)
      .where('version', '=', body.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw stale(WORDS.point, point.version);
    await record(trx, studyId, 'point', row, by, status === 'selected' ? 'point.selected' : 'point.set-aside', { by: body.by });
  });
}

export async function createPlan(
  db: Kysely<Database>,
  studyId: number,
  body: { point: number; year: number; goal: string; indicators: { key: string; target: number }[] },
  by: Actor,
): Promise<number> {
  return writeTx(db, async (trx) => {
    const point = await pointRow(trx, studyId, body.point);
    if (point.status !== 'selected')
      throw refuse('POINT_NOT_SELECTED', {
        nl: 'Maak een plan voor een gekozen verbeterpunt: kies het punt eerst. Er is niets gewijzigd.',
        en: 'A plan is made for a selected improvement point: select the point first. Nothing was changed.',
      });
    const existing = await trx.selectFrom('improvement_plan').select('id').where('point_id', '=', point.id).executeTakeFirst();
    if (existing)
      throw refuse(
        'PLAN_EXISTS',
        { nl: 'Dit verbeterpunt heeft al een plan.', en: 'This improvement point already has a plan.' },
        'CONFLICT',
      );
    await checkIndicators(
      trx,
      studyId,
      body.indicators.map((i) => i.key),
    );
    const at = by.now.toISOString();
    const row = await trx
      .insertInto('improvement_plan')
      .values({
        study_id: studyId,
        point_id: point.id,
        year: body.year,
        goal: body.goal.trim(),
        indicators: JSON.stringify(body.indicators),
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await record(trx, studyId, 'plan', row, by, 'plan.created', { point: point.id, year: row.year });
    return row.id;
  });
}

export async function editPlan(db: Kysely<Database>, studyId: number, planId: number, body: PlanEditBody, by: Actor): Promise<void> {
  await writeTx(db, async (trx) => {
    const plan = await planRow(trx, studyId, planId);
    if (plan.version !== body.version) throw stale(WORDS.plan, plan.version);
    await checkIndicators(
      trx,
      studyId,
      body.indicators.map((i) => i.key),
    );
    if (body.year !== plan.year) {
      const outside = await trx.selectFrom('improvement_action').select('due_date').where('plan_id', '=', planId).execute();
      if (outside.some((a) => !a.due_date.startsWith(`${body.year}-`)))
        throw refuse('ACTIONS_OUTSIDE_YEAR', {
          nl: `Er zijn acties met een einddatum buiten ${body.year}; pas die eerst aan. Er is niets gewijzigd.`,
          en: `Some actions are due outside ${body.year}; change them first. Nothing was changed.`,
        });
    }
    const row = await trx
      .updateTable('improvement_plan')
      .set({
        year: body.year,
        goal: body.goal.trim(),
        indicators: JSON.stringify(body.indicators),
        version: plan.version + 1,
        updated_at: by.now.toISOString(),
      })
      .where('id', '=', planId)
      .where('version', '=', body.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw stale(WORDS.plan, plan.version);
    await record(trx, studyId, 'plan', row, by, 'plan.changed');
  });
}

export async function addAction(db: Kysely<Database>, studyId: number, planId: number, body: ActionBody, by: Actor): Promise<number> {
  return writeTx(db, async (trx) => {
    const plan = await planRow(trx, studyId, planId);
    await checkOwner(trx, studyId, body.owner);
    checkDue(body.due, plan.year);
    const at = by.now.toISOString();
    const row = await trx
      .insertInto('improvement_action')
      .values({
        plan_id: planId,
        description: body.description.trim(),
        owner_user_id: body.owner,
        due_date: body.due,
        status: body.status ?? 'not-started',
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await record(trx, studyId, 'action', row, by, 'action.added', { plan: planId });
    return row.id;
  });
}

export async function editAction(db: Kysely<Database>, studyId: number, actionId: number, body: ActionEditBody, by: Actor): Promise<void> {
  await writeTx(db, async (trx) => {
    const action = await actionRow(trx, studyId, actionId);
    if (action.version !== body.version) throw stale(WORDS.action, action.version);
    await checkOwner(trx, studyId, body.owner);
    checkDue(body.due, action.year);
    await writeAction(
      trx,
      studyId,
      action,
      { description: body.description.trim(), owner_user_id: body.owner, due_date: body.due, status: body.status },
      by,
    );
  });
}

/**
 * A member changes the status of an action they own; the connector may change any action's status.
 * Everyone else is refused.
 */
export async function setActionStatus(
  db: Kysely<Database>,
  studyId: number,
  actionId: number,
  body: { version: number; status: ActionStatus },
  by: Actor & { role: StudyRole | null },
): Promise<void> {
  await writeTx(db, async (trx) => {
    const action = await actionRow(trx, studyId, actionId);
    if (by.role !== 'researcher' && action.owner_user_id !== by.userId)
      throw refuse(
        'NOT_OWNER',
        {
          nl: 'U kunt alleen de status van uw eigen acties wijzigen. Er is niets gewijzigd.',
          en: 'You can change the status of your own actions only. Nothing was changed.',
        },
        'FORBIDDEN',
      );
    if (action.version !== body.version) throw stale(WORDS.action, action.version);
    await writeAction(trx, studyId, action, { status: body.status }, by);
  });
}

async function writeAction(
  trx: Kysely<Database>,
  studyId: number,
  action: { id: number; version: number; status: string },
  set: { description?: string; owner_user_id?: number; due_date?: string; status: string },
  by: Actor,
): Promise<void> {
  const row = await trx
    .updateTable('improvement_action')
    .set({ ...set, version: action.version + 1, updated_at: by.now.toISOString() })
    .where('id', '=', action.id)
    .where('version', '=', action.version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw stale(WORDS.action, action.version);
  await record(trx, studyId, 'action', row, by, 'action.changed', { from: action.status, status: row.status });
}

/** Records or changes one quarter's PDCA entry: what was done, what was measured, what was adjusted. */
export async function savePdca(
  db: Kysely<Database>,
  studyId: number,
  planId: number,
  quarter: number,
  body: PdcaBody,
  by: Actor,
): Promise<void> {
  await writeTx(db, async (trx) => {
    await planRow(trx, studyId, planId);
    const texts = { done: body.done.trim(), measured: body.measured.trim(), adjusted: body.adjusted.trim() };
    if (!texts.done && !texts.measured && !texts.adjusted)
      throw refuse('EMPTY_PDCA', {
        nl: 'Vul minstens één van gedaan, gemeten of bijgesteld in. Er is niets gewijzigd.',
        en: 'Fill in at least one of done, measured or adjusted. Nothing was changed.',
      });
    const existing = await trx
      .selectFrom('pdca_entry')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('quarter', '=', quarter)
      .executeTakeFirst();
    const at = by.now.toISOString();
    if (!existing) {
      if (body.version !== null) throw stale(WORDS.pdca, 0);
      const row = await trx
        .insertInto('pdca_entry')
        .values({ plan_id: planId, quarter, ...texts, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      return record(trx, studyId, 'pdca', row, by, 'pdca.recorded', { plan: planId, quarter });
    }
    if (body.version !== existing.version) throw stale(WORDS.pdca, existing.version);
    const row = await trx
      .updateTable('pdca_entry')
      .set({ ...texts, version: existing.version + 1, updated_at: at })
      .where('id', '=', existing.id)
      .where('version', '=', existing.version)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw stale(WORDS.pdca, existing.version);
    await record(trx, studyId, 'pdca', row, by, 'pdca.changed', { plan: planId, quarter });
  });
}

/** The whole cycle of a study as stored: what the screen, the API and the export read. */
export async function readCycle(db: Kysely<Database>, studyId: number, userId: number | null) {
  const points = await db.selectFrom('improvement_point').selectAll().where('study_id', '=', studyId).orderBy('id').execute();
  const counts = await voteCounts(db, studyId);
  const mine = userId
    ? new Set(
        (
          await db
            .selectFrom('improvement_vote')
            .innerJoin('improvement_point', 'improvement_point.id', 'improvement_vote.point_id')
            .select('point_id')
            .where('improvement_point.study_id', '=', studyId)
            .where('user_id', '=', userId)
            .execute()
        ).map((r) => r.point_id),
      )
    : new Set<number>();
  const plans = await db.selectFrom('improvement_plan').selectAll().where('study_id', '=', studyId).orderBy('id').execute();
  const planIds = plans.length ? plans.map((p) => p.id) : [0];
  const actions = await db
    .selectFrom('improvement_action')
    .innerJoin('user', 'user.id', 'improvement_action.owner_user_id')
    .selectAll('improvement_action')
    .select(['user.display_name', 'user.email'])
    .where('plan_id', 'in', planIds)
    .orderBy('due_date')
    .orderBy('improvement_action.id')
    .execute();
  const pdca = await db.selectFrom('pdca_entry').selectAll().where('plan_id', 'in', planIds).orderBy('quarter').execute();
  return {
    points: points.map((p) => ({
      id: p.id,
      source: p.source as PointBody['source'],
      ref: p.ref,
      title: p.title,
      note: p.note,
      round: p.round_key,
      status: p.status as 'proposed' | 'selected' | 'set-aside',
      selectedBy: p.selected_by as SelectBody['by'] | null,
      votes: counts.get(p.id) ?? 0,
      myVote: mine.has(p.id),
      version: p.version,
      createdAt: p.created_at,
    })),
    plans: plans.map((p) => ({
      id: p.id,
      point: p.point_id,
      year: p.year,
      goal: p.goal,
      indicators: JSON.parse(p.indicators) as { key: string; target: number }[],
      actions: actions
        .filter((a) => a.plan_id === p.id)
        .map((a) => ({
          id: a.id,
          description: a.description,
          owner: a.owner_user_id,
          ownerName: a.display_name || a.email,
          due: a.due_date,
          status: a.status as ActionStatus,
          version: a.version,
          updatedAt: a.updated_at,
        })),
      pdca: pdca
        .filter((e) => e.plan_id === p.id)
        .map((e) => ({
          quarter: e.quarter,
          done: e.done,
          measured: e.measured,
          adjusted: e.adjusted,
          version: e.version,
          updatedAt: e.updated_at,
        })),
      version: p.version,
      updatedAt: p.updated_at,
    })),
  };
}
export type StoredCycle = Awaited<ReturnType<typeof readCycle>>;

/** The study's members, who can own an action. */
export async function studyMembers(db: Kysely<Database>, studyId: number) {
  const rows = await db
    .selectFrom('study_member')
    .innerJoin('user', 'user.id', 'study_member.user_id')
    .select(['user.id', 'user.display_name', 'user.email', 'study_member.role'])
    .where('study_member.study_id', '=', studyId)
    .where('user.disabled_at', 'is', null)
    .orderBy('user.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name || r.email, role: r.role }));
}

/** Every version of every point, plan, action and PDCA entry, oldest first. */
export async function cycleHistory(db: Kysely<Database>, studyId: number) {
  const rows = await db.selectFrom('improvement_history').selectAll().where('study_id', '=', studyId).orderBy('id').execute();
  return rows.map((r) => ({
    entity: r.entity,
    id: r.entity_id,
    version: r.version,
    actor: r.actor,
    at: r.at,
    snapshot: JSON.parse(r.snapshot),
  }));
}
