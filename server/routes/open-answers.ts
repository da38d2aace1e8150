import type { FastifyRequest } from 'fastify';
import { NoContent, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  AnswerParams,
  AnswersQuery,
  AnswersResponse,
  CheckTextBody,
  CheckTextResponse,
  CodingBody,
  CodingResponse,
  ExcerptBody,
  ExcerptResponse,
  MergeBody,
  MergeResponse,
  OpenItemParams,
  OpenQuestionsResponse,
  ThemeBody,
  ThemeParams,
  ThemeResponse,
} from '../../model/api/open-answers.js';
import { findIdentifying } from '../../analysis/open/identifying.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { actorOf } from '../setup/request-meta.js';
import { logViewed } from '../privacy/access-log.js';
import type { RoutePlugin } from './route-plugin.js';
import { answersOf, findAnswer, identifyingContext, openQuestions, participantKeysOf, themesOf } from '../open-answers/store.js';

/**
 * Open answers for researchers only ('open-answers:read' / 'open-answers:write'): the open
 * questions, their answers per round with search, themes per question (create, rename,
 * merge; counts per theme per round), coding answers with themes, and quote candidates — an
 * excerpt edited for anonymity, stored in the factsheet's `quote_excerpt` table and approved
 * there. Every answer and excerpt comes with warnings for identifying text (names, e-mail
 * addresses, phone numbers, cohort organisations, postcodes). Trainers never reach any of it:
 * the guard refuses them before a handler runs.
 */
const openAnswerRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;
  const read = { permission: 'open-answers:read' as const };
  const write = { permission: 'open-answers:write' as const };

  const checkItem = async (req: FastifyRequest, item: string) => {
    const questions = await openQuestions(db, req.study!.id);
    if (!questions.some((q) => q.item === item)) throw new ApiError('NOT_FOUND', 'There is no open question with this name.');
  };
  const themeOf = async (trx: typeof db, studyId: number, item: string, id: number) => {
    const t = await trx
      .selectFrom('open_theme')
      .select(['id', 'name'])
      .where('id', '=', id)
      .where('study_id', '=', studyId)
      .where('item', '=', item)
      .executeTakeFirst();
    if (!t) throw new ApiError('NOT_FOUND', 'There is no such theme for this question.');
    return t;
  };
  const nameTaken = async (trx: typeof db, studyId: number, item: string, name: string, except?: number) => {
    let q = trx.selectFrom('open_theme').select('id').where('study_id', '=', studyId).where('item', '=', item).where('name', '=', name);
    if (except) q = q.where('id', '!=', except);
    if (await q.executeTakeFirst()) throw new ApiError('CONFLICT', 'A theme with this name exists already.');
  };
  const answerOf = async (trx: typeof db, studyId: number, responseId: number, item: string) => {
    if (!(await findAnswer(trx, studyId, responseId, item))) throw new ApiError('NOT_FOUND', 'There is no such answer.');
  };
  /** Records a change to the open answers in the audit trail. */
  const audited = (
    trx: typeof db,
    studyId: number,
    who: { actor: string; session: string; now: Date },
    action: string,
    target: string,
    details?: Record<string, unknown>,
  ) => audit(trx, { actor: who.actor, session: who.session, at: who.now, studyId, action, target, details });

  app.get(
    '/api/studies/:slug/open-answers',
    { config: read, schema: { params: SlugParams, response: { 200: OpenQuestionsResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const rounds = await db
        .selectFrom('round')
        .select(['key', 'label_nl', 'label_en'])
        .where('study_id', '=', req.study!.id)
        .orderBy('position')
        .execute();
      return {
        rounds: rounds.map((r) => ({ key: r.key, label: { nl: r.label_nl, en: r.label_en } })),
        questions: await openQuestions(db, req.study!.id),
      };
    },
  );

  app.get(
    '/api/studies/:slug/open-answers/:item',
    { config: read, schema: { params: OpenItemParams, querystring: AnswersQuery, response: { 200: AnswersResponse, ...STAFF_ERRORS } } },
    async (req) => {
      await checkItem(req, req.params.item);
      const ctx = await identifyingContext(db, req.study!.id);
      const answers = await answersOf(db, req.study!.id, req.params.item, req.query, ctx);
      // A respondent's own words are personal data: logged before they leave the server.
      if (answers.length) {
        const keys = await participantKeysOf(
          db,
          answers.map((a) => a.responseId),
        );
        const filter = [req.query.round ? `round ${req.query.round}` : null, req.query.q ? 'search' : null].filter(Boolean).join(', ');
        await logViewed(
          db,
          req,
          'open-answers',
          keys,
          `open answers ${req.params.item}${filter ? ` (${filter})` : ''}: ${answers.length} answers`,
        );
      }
      return { item: req.params.item, themes: await themesOf(db, req.study!.id, req.params.item), answers };
    },
  );

  app.post(
    '/api/studies/:slug/open-answers-check',
    { config: read, schema: { params: SlugParams, body: CheckTextBody, response: { 200: CheckTextResponse, ...STAFF_ERRORS } } },
    async (req) => ({ warnings: findIdentifying(req.body.text, await identifyingContext(db, req.study!.id)) }),
  );

  app.post(
    '/api/studies/:slug/open-answers/:item/themes',
    { config: write, schema: { params: OpenItemParams, body: ThemeBody, response: { 201: ThemeResponse, ...STAFF_ERRORS } } },
    async (req, reply) => {
      await checkItem(req, req.params.item);
      const { actor, session, userId, now } = actorOf(req);
      const name = req.body.name.trim();
      if (!name) throw new ApiError('VALIDATION', 'A theme needs a name.');
      const id = await writeTx(db, async (trx) => {
        await nameTaken(trx, req.study!.id, req.params.item, name);
        const row = await trx
          .insertInto('open_theme')
          .values({ study_id: req.study!.id, item: req.params.item, name, created_at: now.toISOString(), created_by: userId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audited(trx, req.study!.id, { actor, session, now }, 'open.theme.create', `${req.params.item}#${row.id}`);
        return row.id;
      });
      return reply.code(201).send({ id, name });
    },
  );

  app.patch(
    '/api/studies/:slug/open-answers/:item/themes/:theme',
    { config: write, schema: { params: ThemeParams, body: ThemeBody, response: { 200: ThemeResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const { actor, session, now } = actorOf(req);
      const name = req.body.name.trim();
      if (!name) throw new ApiError('VALIDATION', 'A theme needs a name.');
      await writeTx(db, async (trx) => {
        await themeOf(trx, req.study!.id, req.params.item, Number(req.params.theme));
        await nameTaken(trx, req.study!.id, req.params.item, name, Number(req.params.theme));
        await trx.updateTable('open_theme').set({ name }).where('id', '=', Number(req.params.theme)).execute();
        await audited(trx, req.study!.id, { actor, session, now }, 'open.theme.rename', `${req.params.item}#${Number(req.params.theme)}`);
      });
      return { id: Number(req.params.theme), name };
    },
  );

  // Merging moves every coding of the theme to `into` (an answer coded with both keeps one)
  // and removes the theme.
  app.post(
    '/api/studies/:slug/open-answers/:item/themes/:theme/merge',
    { config: write, schema: { params: ThemeParams, body: MergeBody, response: { 200: MergeResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const { actor, session, now } = actorOf(req);
      if (req.body.into === Number(req.params.theme)) throw new ApiError('VALIDATION', 'A theme cannot be merged into itself.');
      await writeTx(db, async (trx) => {
        await themeOf(trx, req.study!.id, req.params.item, Number(req.params.theme));
        await themeOf(trx, req.study!.id, req.params.item, req.body.into);
        const moved = await trx.selectFrom('open_coding').selectAll().where('theme_id', '=', Number(req.params.theme)).execute();
        if (moved.length) {
          await trx
            .insertInto('open_coding')
            .values(moved.map((c) => ({ ...c, theme_id: req.body.into })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await trx.deleteFrom('open_theme').where('id', '=', Number(req.params.theme)).execute();
        await audited(trx, req.study!.id, { actor, session, now }, 'open.theme.merge', `${req.params.item}#${Number(req.params.theme)}`, {
          into: req.body.into,
        });
      });
      return { id: req.body.into };
    },
  );

  // The themes of one answer, as a whole set: idempotent, so a double click does no harm.
  app.put(
    '/api/studies/:slug/open-answers/:item/answers/:response/themes',
    { config: write, schema: { params: AnswerParams, body: CodingBody, response: { 200: CodingResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const { actor, session, userId, now } = actorOf(req);
      const wanted = [...new Set(req.body.themes)];
      await writeTx(db, async (trx) => {
        await answerOf(trx, req.study!.id, Number(req.params.response), req.params.item);
        for (const t of wanted) await themeOf(trx, req.study!.id, req.params.item, t);
        const own = trx.selectFrom('open_theme').select('id').where('study_id', '=', req.study!.id).where('item', '=', req.params.item);
        await trx.deleteFrom('open_coding').where('response_id', '=', Number(req.params.response)).where('theme_id', 'in', own).execute();
        if (wanted.length) {
          await trx
            .insertInto('open_coding')
            .values(
              wanted.map((theme_id) => ({
                theme_id,
                response_id: Number(req.params.response),
                created_at: now.toISOString(),
                created_by: userId,
              })),
            )
            .execute();
        }
        await audited(trx, req.study!.id, { actor, session, now }, 'open.code', `${req.params.item}@${Number(req.params.response)}`, {
          themes: wanted,
        });
      });
      return { themes: wanted };
    },
  );

  // The quote candidate of one answer: its excerpt (edited for anonymity), approved or not.
  // The original answer is never changed.
  app.put(
    '/api/studies/:slug/open-answers/:item/answers/:response/excerpt',
    { config: write, schema: { params: AnswerParams, body: ExcerptBody, response: { 200: ExcerptResponse, ...STAFF_ERRORS } } },
    async (req) => {
      const { actor, session, userId, now } = actorOf(req);
      const at = now.toISOString();
      const text = req.body.text.trim();
      if (!text) throw new ApiError('VALIDATION', 'An excerpt needs text.');
      const id = await writeTx(db, async (trx) => {
        await answerOf(trx, req.study!.id, Number(req.params.response), req.params.item);
        const existing = await trx
          .selectFrom('quote_excerpt')
          .select(['id', 'approved_at'])
          .where('study_id', '=', req.study!.id)
          .where('response_id', '=', Number(req.params.response))
          .where('item', '=', req.params.item)
          .executeTakeFirst();
        const approved = req.body.approved
          ? { approved_at: existing?.approved_at ?? at, approved_by: userId }
          : { approved_at: null, approved_by: null };
        let rowId: number;
        if (existing) {
          await trx
            .updateTable('quote_excerpt')
            .set({ excerpt: text, updated_at: at, ...(req.body.roleLabel ? { role_label: req.body.roleLabel } : {}), ...approved })
            .where('id', '=', existing.id)
            .execute();
          rowId = existing.id;
        } else {
          const row = await trx
            .insertInto('quote_excerpt')
            .values({
              study_id: req.study!.id,
              response_id: Number(req.params.response),
              item: req.params.item,
              excerpt: text,
              ...(req.body.roleLabel ? { role_label: req.body.roleLabel } : {}),
              created_at: at,
              created_by: userId,
              updated_at: at,
              ...approved,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          rowId = row.id;
        }
        await audited(
          trx,
          req.study!.id,
          { actor, session, now },
          req.body.approved ? 'open.excerpt.approve' : 'open.excerpt.save',
          `${req.params.item}@${Number(req.params.response)}`,
        );
        return rowId;
      });
      return { id, approved: req.body.approved, warnings: findIdentifying(text, await identifyingContext(db, req.study!.id)) };
    },
  );

  app.delete(
    '/api/studies/:slug/open-answers/:item/answers/:response/excerpt',
    { config: write, schema: { params: AnswerParams, response: { 204: NoContent, ...STAFF_ERRORS } } },
    async (req, reply) => {
      const { actor, session, now } = actorOf(req);
      await writeTx(db, async (trx) => {
        await trx
          .deleteFrom('quote_excerpt')
          .where('study_id', '=', req.study!.id)
          .where('response_id', '=', Number(req.params.response))
          .where('item', '=', req.params.item)
          .execute();
        await audited(
          trx,
          req.study!.id,
          { actor, session, now },
          'open.excerpt.delete',
          `${req.params.item}@${Number(req.params.response)}`,
        );
      });
      return reply.code(204).send(null);
    },
  );
};
export default openAnswerRoutes;
