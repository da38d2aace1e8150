import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema, type Study } from '../../model/index.js';
import { ApiError } from '../errors.js';
import { accessActor } from '../privacy/access-log.js';
import { accessCsv, listAccess } from '../privacy/access-view.js';
import { checkDelinkTicket, delinkPreview, delinkStudy, delinkTicket } from '../privacy/delink-study.js';
import { ANSWER_CHOICES, eraseParticipant } from '../privacy/erase-participant.js';
import { findParticipants } from '../privacy/find-participants.js';
import { privacyOverview } from '../privacy/overview.js';
import { writeTx } from '../db/tx.js';
import { privacyStatement, setPrivacyStatement } from '../privacy/privacy-statement.js';
import { setRetention } from '../privacy/retention.js';
import retentionJob from '../privacy/retention-job.js';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) }, { additionalProperties: false });
const KeyParams = Type.Object({ slug: Type.String({ maxLength: 64 }), key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }) }, { additionalProperties: false });

const EraseBody = Type.Object(
  {
    answers: Type.Union(ANSWER_CHOICES.map((c) => Type.Literal(c))),
    legalBasis: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
const RetentionBody = Type.Object(
  { retentionUntil: Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]) },
  { additionalProperties: false },
);
const DelinkBody = Type.Object(
  {
    ticket: Type.String({ minLength: 1, maxLength: 100 }),
    /** The study's slug, typed out by the researcher. */
    confirmSlug: Type.String({ maxLength: 64 }),
  },
  { additionalProperties: false },
);
const PageQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,3}$' })),
    participant: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' })),
  },
  { additionalProperties: false },
);

const FindQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });

const graceOf = (study: Study) => study.settings?.graceMinutes ?? 60;

/**
 * Privacy for researchers (AVG/GDPR): the overview, erasing a participant, de-linking a study
 * after its last round, the retention date, the privacy statement and the access log for
 * personal data. Registers the retention job.
 */
export default async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const { store } = app.rondo;
  await app.register(retentionJob);

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/api/studies/:slug/privacy',
    { schema: { params: SlugParams }, config: { permission: 'audit:read' } },
    async (req) => privacyOverview(store.db, req.study!.id, app.rondo.now(), graceOf(req.study!.definition)),
  );

  // Finding the person to erase shows names and addresses: logged in the access log.
  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof FindQuery> }>(
    '/api/studies/:slug/privacy/participants',
    { schema: { params: SlugParams, querystring: FindQuery }, config: { permission: 'privacy:erase' } },
    async (req) => {
      const who = accessActor(req);
      const participants = await writeTx(store.db, (trx) =>
        findParticipants(trx, { studyId: req.study!.id, query: req.query.q, actor: who.actor, session: who.session, now: app.rondo.now() }),
      );
      return { participants };
    },
  );

  app.post<{ Params: Static<typeof KeyParams>; Body: Static<typeof EraseBody> }>(
    '/api/studies/:slug/privacy/participants/:key/erase',
    { schema: { params: KeyParams, body: EraseBody }, config: { permission: 'privacy:erase' } },
    async (req) => {
      const who = accessActor(req);
      return eraseParticipant(store, {
        studyId: req.study!.id,
        key: req.params.key,
        answers: req.body.answers,
        legalBasis: req.body.legalBasis,
        actor: who.actor,
        session: who.session,
        now: app.rondo.now(),
      });
    },
  );

  app.put<{ Params: Static<typeof SlugParams>; Body: Static<typeof RetentionBody> }>(
    '/api/studies/:slug/privacy/retention',
    { schema: { params: SlugParams, body: RetentionBody }, config: { permission: 'privacy:erase' } },
    async (req) => {
      const who = accessActor(req);
      return setRetention(store.db, { studyId: req.study!.id, date: req.body.retentionUntil, actor: who.actor, session: who.session, now: app.rondo.now() });
    },
  );

  // De-linking, confirmed twice: this request is the first confirmation and answers with
  // what will go and a ticket; the second sends the ticket back with the slug typed out.
  app.post<{ Params: Static<typeof SlugParams> }>(
    '/api/studies/:slug/privacy/delink/confirmation',
    { schema: { params: SlugParams }, config: { permission: 'privacy:erase' } },
    async (req) => {
      const now = app.rondo.now();
      const preview = await delinkPreview(store.db, req.study!.id, now, graceOf(req.study!.definition));
      if (preview.blockers.length) {
        throw new ApiError('CONFLICT', `The study cannot be de-linked: ${preview.blockers.join('; ')}.`, { reason: 'DELINK_BLOCKED', blockers: preview.blockers });
      }
      return { ...preview, ...delinkTicket(app.rondo.secret, req.study!.id, req.session!.ref, now), confirmSlug: req.study!.slug };
    },
  );

  app.post<{ Params: Static<typeof SlugParams>; Body: Static<typeof DelinkBody> }>(
    '/api/studies/:slug/privacy/delink',
    { schema: { params: SlugParams, body: DelinkBody }, config: { permission: 'privacy:erase' } },
    async (req) => {
      const now = app.rondo.now();
      if (!checkDelinkTicket(app.rondo.secret, req.body.ticket, req.study!.id, req.session!.ref, now)) {
        throw new ApiError('CONFLICT', 'The confirmation has expired or belongs to another session; start again.', { reason: 'TICKET' });
      }
      if (req.body.confirmSlug !== req.study!.slug) {
        throw new ApiError('VALIDATION', 'Type the study\'s short name exactly to confirm.', { field: 'confirmSlug' });
      }
      const who = accessActor(req);
      return delinkStudy(store, { studyId: req.study!.id, actor: who.actor, session: who.session, now, graceMinutes: graceOf(req.study!.definition) });
    },
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/api/studies/:slug/privacy/statement',
    { schema: { params: SlugParams }, config: { permission: 'study:read' } },
    async (req) => privacyStatement(store.db, req.study!.id),
  );

  app.put<{ Params: Static<typeof SlugParams>; Body: Static<typeof LocalTextSchema> }>(
    '/api/studies/:slug/privacy/statement',
    { schema: { params: SlugParams, body: LocalTextSchema }, config: { permission: 'study:write' } },
    async (req) => {
      const who = accessActor(req);
      return setPrivacyStatement(store.db, { studyId: req.study!.id, statement: req.body, actor: who.actor, session: who.session, now: app.rondo.now() });
    },
  );

  app.get<{ Params: Static<typeof SlugParams>; Querystring: Static<typeof PageQuery> }>(
    '/api/studies/:slug/privacy/access-log',
    { schema: { params: SlugParams, querystring: PageQuery }, config: { permission: 'audit:read' } },
    async (req) =>
      listAccess(store.db, {
        studyId: req.study!.id,
        before: req.query.before ? Number(req.query.before) : undefined,
        limit: Math.min(Math.max(Number(req.query.limit ?? 100), 1), 500),
        participant: req.query.participant,
      }),
  );

  app.get<{ Params: Static<typeof SlugParams> }>(
    '/api/studies/:slug/privacy/access-log.csv',
    { schema: { params: SlugParams }, config: { permission: 'audit:read' } },
    async (req, reply) => {
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.study!.slug}-access-log.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(accessCsv(store.db, req.study!.id)));
    },
  );
}
