import { term } from '../../model/vocabulary.js';
import { STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { ArchiveState, LanguagesBody, LanguagesChanged, PlannedRounds, RepeatingScheduleBody } from '../../model/api/study-lifecycle.js';
import { itemsOf } from '../../model/index.js';
import { planRounds } from '../../model/round-schedule.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { currentQuestionnaire, saveQuestionnaire } from '../setup/questionnaire-store.js';
import { actorOf } from '../setup/request-meta.js';
import { archiveStudy, unarchiveStudy } from '../studies/archive-study.js';
import { changeStudyLanguages } from '../studies/study-languages.js';
import type { RoutePlugin } from './route-plugin.js';

/** Issue 16 (rounds): a study's languages, a repeating schedule of rounds, archiving and unarchiving. */
const studyLifecycleRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.put(
    '/api/studies/:slug/languages',
    {
      schema: { params: SlugParams, body: LanguagesBody, response: { 200: LanguagesChanged, ...STAFF_ERRORS } },
      config: { permission: 'study:write' },
    },
    async (req) => {
      const meta = actorOf(req);
      return changeStudyLanguages(db, {
        studyId: req.study!.id,
        study: req.study!.definition,
        languages: req.body.languages,
        defaultLanguage: req.body.defaultLanguage,
        actor: meta.actor,
        session: meta.session,
        now: app.rondo.now(),
      });
    },
  );

  // A repeating schedule: previewed with `preview: true`, added in one transaction otherwise. Questions asked
  // in every existing round are asked in the new rounds too (an in-place questionnaire edit, in the history).
  app.post(
    '/api/studies/:slug/rounds/series',
    {
      schema: { params: SlugParams, body: RepeatingScheduleBody, response: { 200: PlannedRounds, 201: PlannedRounds, ...STAFF_ERRORS } },
      config: { permission: 'rounds:write' },
    },
    async (req, reply) => {
      const study = req.study!;
      const meta = actorOf(req);
      const now = app.rondo.now();
      const { preview, ...schedule } = req.body;
      const refuse = (problems: ReturnType<typeof planRounds>['problems']) => {
        const first = problems[0];
        return new ApiError(first.reason === 'keys-taken' ? 'CONFLICT' : 'VALIDATION', problems.map((p) => p.en).join(' '), {
          reason: first.reason,
          field: first.field,
          keys: first.keys ?? [],
          text: { nl: problems.map((p) => p.nl).join(' '), en: problems.map((p) => p.en).join(' ') },
        });
      };
      if (preview) {
        const taken = (await db.selectFrom('round').select('key').where('study_id', '=', study.id).execute()).map((r) => r.key);
        const plan = planRounds(schedule, taken, now, study.definition.vocabulary);
        if (plan.problems.length) throw refuse(plan.problems);
        return { rounds: plan.rounds, saved: false };
      }
      const { plan, before } = await writeTx(db, async (trx) => {
        const rows = await trx.selectFrom('round').select(['key', 'position']).where('study_id', '=', study.id).execute();
        const plan = planRounds(
          schedule,
          rows.map((r) => r.key),
          now,
          study.definition.vocabulary,
        );
        if (plan.problems.length) throw refuse(plan.problems);
        let position = Math.max(-1, ...rows.map((r) => r.position));
        for (const r of plan.rounds) {
          await trx
            .insertInto('round')
            .values({
              study_id: study.id,
              key: r.key,
              position: ++position,
              label_nl: r.label.nl,
              label_en: r.label.en,
              opens_at: r.opensAt,
              closes_at: r.closesAt,
              anonymous_link_hash: null,
            })
            .execute();
        }
        await audit(trx, {
          actor: meta.actor,
          session: meta.session,
          studyId: study.id,
          action: 'round.add-series',
          target: plan.rounds.map((r) => r.key).join(','),
          details: schedule as unknown as Record<string, unknown>,
          at: now,
        });
        return { plan, before: rows.map((r) => r.key) };
      });
      let itemsAsked = 0;
      if (before.length) {
        const q = await currentQuestionnaire(db, study.id);
        const keys = plan.rounds.map((r) => r.key);
        const definition = structuredClone(q.definition);
        let changed = 0;
        for (const item of itemsOf(definition)) {
          if (before.every((k) => item.rounds.includes(k))) {
            item.rounds.push(...keys);
            changed++;
          }
        }
        // A questionnaire that does not pass its check (texts still to translate) is left as it is: the
        // answer says no questions were added to the new rounds, and the screen says to choose them.
        if (changed) {
          const saved = await saveQuestionnaire(db, study.id, study.definition, {
            definition,
            baseVersion: q.version,
            baseRevision: q.revision,
            // The version note the questionnaire history shows, with the study's word for rounds.
            note:
              `Vragen uit alle ${term(study.definition.vocabulary, 'round', 'nl', 'many')} ook in ${keys.join(', ')} / ` +
              `items of every ${term(study.definition.vocabulary, 'round', 'en')} also asked in ${keys.join(', ')}`,
            actor: meta.actor,
            session: meta.session,
          });
          if (saved.ok) itemsAsked = changed;
        }
      }
      return reply.code(201).send({ rounds: plan.rounds, saved: true, itemsAsked });
    },
  );

  app.get(
    '/api/studies/:slug/archive',
    { schema: { params: SlugParams, response: { 200: ArchiveState, ...STAFF_ERRORS } }, config: { permission: 'study:read' } },
    async (req) => ({ archived: !!req.study!.archivedAt, archivedAt: req.study!.archivedAt ?? null }),
  );

  app.post(
    '/api/studies/:slug/archive',
    {
      schema: { params: SlugParams, response: { 200: ArchiveState, ...STAFF_ERRORS } },
      config: { permission: 'study:write', whileArchived: true },
    },
    async (req) => {
      const meta = actorOf(req);
      const archivedAt = await archiveStudy(db, {
        studyId: req.study!.id,
        study: req.study!.definition,
        actor: meta.actor,
        session: meta.session,
        now: app.rondo.now(),
      });
      return { archived: true, archivedAt };
    },
  );

  app.post(
    '/api/studies/:slug/unarchive',
    {
      schema: { params: SlugParams, response: { 200: ArchiveState, ...STAFF_ERRORS } },
      config: { permission: 'study:write', whileArchived: true },
    },
    async (req) => {
      const meta = actorOf(req);
      await unarchiveStudy(db, { studyId: req.study!.id, actor: meta.actor, session: meta.session, now: app.rondo.now() });
      return { archived: false, archivedAt: null };
    },
  );
};
export default studyLifecycleRoutes;
