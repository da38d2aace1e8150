import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  CreateStudyBody,
  CreatedRound,
  CreatedStudy,
  RoundBody,
  CreateRoundBody,
  DeleteStudyBody,
  DeletedStudy,
  StudiesQuery,
  StudiesResponse,
  StudyResponse,
  StudyRoundParams,
  TemplatesResponse,
  UpdateStudyBody,
} from '../../model/api/setup.js';
import { itemsOf, type Study } from '../../model/index.js';
import { checkDomainCoverage } from '../../model/domain-coverage-check.js';
import { ApiError } from '../errors.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { createStudyFor } from '../setup/studies.js';
import { TEMPLATES } from '../setup/templates.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';
import { actorOf } from '../setup/request-meta.js';
import { roundKeyFromName, roundKeyProblem } from '../../model/round-key.js';
import { deleteStudy, ERASURE_RETRY_MS, finishStudyDeletions } from '../studies/delete-study.js';
import { listMemberStudies, saveStudyDefinition } from '../studies/repository.js';
import type { RoutePlugin } from './route-plugin.js';
import { capitalTerm, term, type Vocabulary, withDeterminer } from '../../model/vocabulary.js';

/** A round without a name, in both interface languages and the study's own word for a round (issue 16). */
const needsName = (v: Vocabulary | undefined) => ({
  nl: `Een ${term(v, 'round', 'nl')} heeft een naam nodig.`,
  en: `A ${term(v, 'round', 'en')} needs a name.`,
});

/** Studies: templates, the list of one's own studies, creating one, its settings and rounds. */
const studyRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  app.get(
    '/api/templates',
    { schema: { response: { 200: TemplatesResponse, ...STAFF_ERRORS } }, config: { permission: 'self' } },
    async () => ({
      templates: TEMPLATES.map((t) => {
        const start = t.build(t.name, app.rondo.now());
        return {
          key: t.key,
          name: t.name,
          description: t.description,
          rounds: start.rounds.map((r) => r.label),
          ...(start.vocabulary ? { vocabulary: start.vocabulary } : {}),
        };
      }),
    }),
  );

  app.get(
    '/api/studies',
    { schema: { querystring: StudiesQuery, response: { 200: StudiesResponse, ...STAFF_ERRORS } }, config: { permission: 'self' } },
    async (req) => {
      // Archived studies are left out unless asked for (server/studies/archive-study.ts).
      const rows = (await listMemberStudies(db, req.session!.user.id)).reverse().filter((r) => req.query.archived === '1' || !r.archivedAt);
      const studies = [];
      for (const r of rows) {
        const def = r.definition;
        const [rounds, participants, version] = await Promise.all([
          db.selectFrom('round').select(['key', 'label_nl', 'label_en']).where('study_id', '=', r.id).orderBy('position').execute(),
          db
            .selectFrom('participant')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('study_id', '=', r.id)
            .executeTakeFirstOrThrow(),
          db
            .selectFrom('questionnaire_version')
            .select((eb) => eb.fn.max('version').as('v'))
            .where('study_id', '=', r.id)
            .executeTakeFirstOrThrow(),
        ]);
        studies.push({
          slug: r.slug,
          title: def.title,
          organisation: def.organisation,
          role: r.role,
          isDemo: r.isDemo,
          createdAt: r.createdAt,
          rounds: rounds.map((x) => ({ key: x.key, label: { nl: x.label_nl, en: x.label_en } })),
          // Trainers and managers see no cohort figures here.
          participants: r.role === 'researcher' ? Number(participants.n) : null,
          questionnaireVersion: Number(version.v ?? 1),
          ...(r.archivedAt ? { archivedAt: r.archivedAt } : {}),
        });
      }
      return { studies };
    },
  );

  app.post(
    '/api/studies',
    { schema: { body: CreateStudyBody, response: { 201: CreatedStudy, ...STAFF_ERRORS } }, config: { permission: 'studies:create' } },
    async (req, reply) => {
      const meta = actorOf(req);
      const created = await createStudyFor(db, meta.userId, req.body, meta);
      return reply.code(201).send({ slug: created.slug });
    },
  );

  app.get(
    '/api/studies/:slug',
    { schema: { params: SlugParams, response: { 200: StudyResponse, ...STAFF_ERRORS } }, config: { permission: 'study:read' } },
    async (req) => {
      const study = req.study!;
      const rounds = await db.selectFrom('round').selectAll().where('study_id', '=', study.id).orderBy('position').execute();
      const answered = await db.selectFrom('response').select('round_id').distinct().where('study_id', '=', study.id).execute();
      return {
        slug: study.slug,
        definition: study.definition,
        isDemo: study.isDemo,
        role: req.studyRole,
        ...(study.archivedAt ? { archivedAt: study.archivedAt } : {}),
        rounds: rounds.map((r) => ({
          key: r.key,
          label: { nl: r.label_nl, en: r.label_en },
          opensAt: r.opens_at,
          closesAt: r.closes_at,
          hasResponses: answered.some((a) => a.round_id === r.id),
        })),
      };
    },
  );

  app.patch(
    '/api/studies/:slug',
    {
      schema: { params: SlugParams, body: UpdateStudyBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
      config: { permission: 'study:write' },
    },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const def: Study = { ...study.definition };
      if (req.body.title) def.title = req.body.title;
      if (req.body.description) def.description = req.body.description;
      if (req.body.question) def.question = req.body.question;
      if (req.body.organisation) def.organisation = req.body.organisation.trim();
      await writeTx(db, async (trx) => {
        // Issue 17: a domain coverage setting is checked against the attributes and questionnaire; null removes it.
        if (req.body.domainCoverage === null) delete def.domainCoverage;
        else if (req.body.domainCoverage) {
          const q = await currentQuestionnaire(trx, study.id);
          const problems = checkDomainCoverage(req.body.domainCoverage, def.cohortAttributes, q.definition, def.vocabulary);
          if (problems.length)
            throw new ApiError('VALIDATION', problems.map((p) => p.message.en).join(' '), {
              field: `domainCoverage.${problems[0].field}`,
              reason: problems[0].code,
              nl: problems.map((p) => p.message.nl).join(' '),
              text: { nl: problems.map((p) => p.message.nl).join(' '), en: problems.map((p) => p.message.en).join(' ') },
            });
          def.domainCoverage = req.body.domainCoverage;
        }
        await saveStudyDefinition(trx, study.id, def);
        await audit(trx, {
          actor: meta.actor,
          session: meta.session,
          studyId: study.id,
          action: 'study.update',
          details: { fields: Object.keys(req.body) },
        });
      });
      return { ok: true };
    },
  );

  app.post(
    '/api/studies/:slug/rounds',
    {
      schema: { params: SlugParams, body: CreateRoundBody, response: { 201: CreatedRound, ...STAFF_ERRORS } },
      config: { permission: 'rounds:write' },
    },
    async (req, reply) => {
      const study = req.study!;
      const meta = actorOf(req);
      const nl = req.body.label.nl?.trim() || req.body.label.en?.trim();
      const words = study.definition.vocabulary;
      if (!nl) throw new ApiError('VALIDATION', 'A round needs a name.', { field: 'label', text: needsName(words) });
      const key = await writeTx(db, async (trx) => {
        const rows = await trx.selectFrom('round').select(['key', 'position']).where('study_id', '=', study.id).execute();
        if (rows.length >= 20)
          throw new ApiError('CONFLICT', 'A study can have at most 20 rounds.', {
            reason: 'too-many',
            text: {
              nl: `Een onderzoek heeft hoogstens 20 ${term(words, 'round', 'nl', 'many')}. Er is niets toegevoegd.`,
              en: `A study can have at most 20 ${term(words, 'round', 'en', 'many')}.`,
            },
          });
        const taken = rows.map((r) => r.key);
        const key = req.body.key === undefined ? roundKeyFromName(nl, taken) : req.body.key.trim();
        const problem = roundKeyProblem(key, taken, words);
        if (problem)
          throw new ApiError('VALIDATION', problem.en, {
            field: 'key',
            reason: problem.reason,
            nl: problem.nl,
            text: { nl: problem.nl, en: problem.en },
          });
        await trx
          .insertInto('round')
          .values({
            study_id: study.id,
            key,
            position: Math.max(-1, ...rows.map((r) => r.position)) + 1,
            label_nl: nl,
            label_en: req.body.label.en?.trim() || nl,
            opens_at: null,
            closes_at: null,
            anonymous_link_hash: null,
          })
          .execute();
        await audit(trx, { actor: meta.actor, session: meta.session, studyId: study.id, action: 'round.add', target: `round:${key}` });
        return key;
      });
      return reply.code(201).send({ key });
    },
  );

  app.patch(
    '/api/studies/:slug/rounds/:key',
    {
      schema: { params: StudyRoundParams, body: RoundBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
      config: { permission: 'rounds:write' },
    },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const nl = req.body.label.nl?.trim();
      const en = req.body.label.en?.trim();
      if (!nl && !en)
        throw new ApiError('VALIDATION', 'A round needs a name.', { field: 'label', text: needsName(study.definition.vocabulary) });
      const res = await writeTx(db, async (trx) => {
        const r = await trx
          .updateTable('round')
          .set({ label_nl: nl || en!, label_en: en || nl! })
          .where('study_id', '=', study.id)
          .where('key', '=', req.params.key)
          .executeTakeFirst();
        await audit(trx, { actor: meta.actor, session: meta.session, studyId: study.id, action: 'round.rename', target: req.params.key });
        return r;
      });
      if (!Number(res.numUpdatedRows)) throw new ApiError('NOT_FOUND');
      return { ok: true };
    },
  );

  app.delete(
    '/api/studies/:slug/rounds/:key',
    { schema: { params: StudyRoundParams, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'rounds:write' } },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const words = study.definition.vocabulary;
      await writeTx(db, async (trx) => {
        const round = await trx
          .selectFrom('round')
          .select('id')
          .where('study_id', '=', study.id)
          .where('key', '=', req.params.key)
          .executeTakeFirst();
        if (!round) throw new ApiError('NOT_FOUND');
        const used = await trx.selectFrom('invitation').select('id').where('round_id', '=', round.id).limit(1).executeTakeFirst();
        const answered = await trx.selectFrom('response').select('id').where('round_id', '=', round.id).limit(1).executeTakeFirst();
        if (used || answered)
          throw new ApiError(
            'CONFLICT',
            `Round "${req.params.key}" already has invitations or responses (drafts included) and cannot be removed.`,
            {
              reason: 'in-use',
              text: {
                nl:
                  `${capitalTerm(words, 'round', 'nl')} "${req.params.key}" heeft al uitnodigingen of antwoorden (ook concepten) ` +
                  'en kan niet worden verwijderd.',
                en:
                  `${capitalTerm(words, 'round', 'en')} "${req.params.key}" already has invitations or responses (drafts included) ` +
                  'and cannot be removed.',
              },
            },
          );
        const q = await currentQuestionnaire(trx, study.id);
        const items = itemsOf(q.definition).filter((i) => i.rounds.includes(req.params.key));
        if (items.length) {
          throw new ApiError(
            'CONFLICT',
            `Questions are still asked in this round: ${items.map((i) => i.id).join(', ')}. Remove the round from them first.`,
            {
              reason: 'items',
              items: items.map((i) => i.id),
              text: {
                nl:
                  `In ${withDeterminer(words, 'round', 'nl', 'deze')} worden nog vragen gesteld: ${items.map((i) => i.id).join(', ')}. ` +
                  `Haal ${withDeterminer(words, 'round', 'nl', 'de')} eerst bij die vragen weg.`,
                en:
                  `Questions are still asked in this ${term(words, 'round', 'en')}: ${items.map((i) => i.id).join(', ')}. ` +
                  `Remove the ${term(words, 'round', 'en')} from them first.`,
              },
            },
          );
        }
        await trx.deleteFrom('round').where('id', '=', round.id).execute();
        await audit(trx, { actor: meta.actor, session: meta.session, studyId: study.id, action: 'round.remove', target: req.params.key });
      });
      return { ok: true };
    },
  );

  // Deleting a study: POST with the slug typed out, refused while a round is open (server/studies/delete-study.ts).
  app.post(
    '/api/studies/:slug/delete',
    {
      schema: { params: SlugParams, body: DeleteStudyBody, response: { 200: DeletedStudy, ...STAFF_ERRORS } },
      // An archived study can be deleted without unarchiving it first.
      config: { permission: 'study:write', whileArchived: true },
    },
    async (req) => {
      const study = req.study!;
      const meta = actorOf(req);
      const deletion = await deleteStudy(app.rondo.store, {
        studyId: study.id,
        slug: study.slug,
        confirmSlug: req.body.confirmSlug,
        actor: meta.actor,
        session: meta.session,
        now: app.rondo.now(),
      });
      if (deletion.erasure === 'pending') {
        req.log.error(
          { err: deletion.error, study: study.slug },
          'erasing a deleted study failed; it is out of sight and will be erased later',
        );
        finishDeletionsLater();
      }
      return { slug: study.slug, deleted: deletion.deleted, erasure: deletion.erasure };
    },
  );

  // A deletion whose erasure failed is tried again after a while (and by the retention job, hourly).
  let retry: NodeJS.Timeout | null = null;
  const finishDeletionsLater = () => {
    if (retry) return;
    retry = setTimeout(() => {
      retry = null;
      finishStudyDeletions(app.rondo.store).catch((err) =>
        app.log.error({ err }, 'erasing a deleted study failed again; the retention job tries again within the hour'),
      );
    }, ERASURE_RETRY_MS).unref();
  };
  app.addHook('onClose', async () => {
    if (retry) clearTimeout(retry);
    retry = null;
  });
};
export default studyRoutes;
