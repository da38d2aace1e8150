import { Readable } from 'node:stream';
import { STAFF_ERRORS, SlugParams, FileBody } from '../../model/api/common.js';
import {
  AccessLogQuery,
  AccessLogResponse,
  DelinkBody,
  DelinkConfirmationResponse,
  DelinkResponse,
  EraseBody,
  EraseResponse,
  FindQuery,
  FoundParticipantsResponse,
  ParticipantParams,
  PrivacyOverviewResponse,
  RetentionBody,
  RetentionStatus,
  StatementBody,
  StatementResponse,
  StatementSavedResponse,
} from '../../model/api/privacy.js';
import type { Study } from '../../model/index.js';
import { ApiError } from '../errors.js';
import { accessActor } from '../privacy/access-log.js';
import { accessCsv, listAccess } from '../privacy/access-view.js';
import { checkDelinkTicket, delinkPreview, delinkStudy, delinkTicket } from '../privacy/delink-study.js';
import { eraseParticipant } from '../privacy/erase-participant.js';
import { findParticipants } from '../privacy/find-participants.js';
import { privacyOverview } from '../privacy/overview.js';
import { writeTx } from '../db/tx.js';
import { privacyStatement, setPrivacyStatement } from '../privacy/privacy-statement.js';
import { setRetention } from '../privacy/retention.js';
import retentionJob from '../privacy/retention-job.js';
import type { RoutePlugin } from './route-plugin.js';

const graceOf = (study: Study) => study.settings?.graceMinutes ?? 60;

/**
 * Privacy for researchers (AVG/GDPR): the overview, erasing a participant, de-linking a study
 * after its last round, the retention date, the privacy statement and the access log for
 * personal data. Registers the retention job.
 */
const privacyRoutes: RoutePlugin = async (app) => {
  const { store } = app.rondo;
  await app.register(retentionJob);

  app.get(
    '/api/studies/:slug/privacy',
    { schema: { params: SlugParams, response: { 200: PrivacyOverviewResponse, ...STAFF_ERRORS } }, config: { permission: 'audit:read' } },
    async (req) => privacyOverview(store.db, req.study!.id, app.rondo.now(), graceOf(req.study!.definition)),
  );

  // Finding the person to erase shows names and addresses: logged in the access log.
  app.get(
    '/api/studies/:slug/privacy/participants',
    {
      schema: { params: SlugParams, querystring: FindQuery, response: { 200: FoundParticipantsResponse, ...STAFF_ERRORS } },
      config: { permission: 'privacy:erase' },
    },
    async (req) => {
      const who = accessActor(req);
      const participants = await writeTx(store.db, (trx) =>
        findParticipants(trx, { studyId: req.study!.id, query: req.query.q, actor: who.actor, session: who.session, now: app.rondo.now() }),
      );
      return { participants };
    },
  );

  app.post(
    '/api/studies/:slug/privacy/participants/:key/erase',
    {
      schema: { params: ParticipantParams, body: EraseBody, response: { 200: EraseResponse, ...STAFF_ERRORS } },
      config: { permission: 'privacy:erase' },
    },
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

  app.put(
    '/api/studies/:slug/privacy/retention',
    {
      schema: { params: SlugParams, body: RetentionBody, response: { 200: RetentionStatus, ...STAFF_ERRORS } },
      config: { permission: 'privacy:erase' },
    },
    async (req) => {
      const who = accessActor(req);
      return setRetention(store.db, {
        studyId: req.study!.id,
        date: req.body.retentionUntil,
        actor: who.actor,
        session: who.session,
        now: app.rondo.now(),
      });
    },
  );

  // De-linking, confirmed twice: this request is the first confirmation and answers with
  // what will go and a ticket; the second sends the ticket back with the slug typed out.
  app.post(
    '/api/studies/:slug/privacy/delink/confirmation',
    {
      schema: { params: SlugParams, response: { 200: DelinkConfirmationResponse, ...STAFF_ERRORS } },
      config: { permission: 'privacy:erase' },
    },
    async (req) => {
      const now = app.rondo.now();
      const preview = await delinkPreview(store.db, req.study!.id, now, graceOf(req.study!.definition));
      if (preview.blockers.length) {
        throw new ApiError('CONFLICT', `The study cannot be de-linked: ${preview.blockers.join('; ')}.`, {
          reason: 'DELINK_BLOCKED',
          blockers: preview.blockers,
        });
      }
      return { ...preview, ...delinkTicket(app.rondo.secret, req.study!.id, req.session!.ref, now), confirmSlug: req.study!.slug };
    },
  );

  app.post(
    '/api/studies/:slug/privacy/delink',
    {
      schema: { params: SlugParams, body: DelinkBody, response: { 200: DelinkResponse, ...STAFF_ERRORS } },
      config: { permission: 'privacy:erase' },
    },
    async (req) => {
      const now = app.rondo.now();
      if (!checkDelinkTicket(app.rondo.secret, req.body.ticket, req.study!.id, req.session!.ref, now)) {
        throw new ApiError('CONFLICT', 'The confirmation has expired or belongs to another session; start again.', { reason: 'TICKET' });
      }
      if (req.body.confirmSlug !== req.study!.slug) {
        throw new ApiError('VALIDATION', "Type the study's short name exactly to confirm.", { field: 'confirmSlug' });
      }
      const who = accessActor(req);
      return delinkStudy(store, {
        studyId: req.study!.id,
        actor: who.actor,
        session: who.session,
        now,
        graceMinutes: graceOf(req.study!.definition),
      });
    },
  );

  app.get(
    '/api/studies/:slug/privacy/statement',
    { schema: { params: SlugParams, response: { 200: StatementResponse, ...STAFF_ERRORS } }, config: { permission: 'study:read' } },
    async (req) => privacyStatement(store.db, req.study!.id),
  );

  app.put(
    '/api/studies/:slug/privacy/statement',
    {
      schema: { params: SlugParams, body: StatementBody, response: { 200: StatementSavedResponse, ...STAFF_ERRORS } },
      config: { permission: 'study:write' },
    },
    async (req) => {
      const who = accessActor(req);
      return setPrivacyStatement(store.db, {
        studyId: req.study!.id,
        statement: req.body,
        actor: who.actor,
        session: who.session,
        now: app.rondo.now(),
      });
    },
  );

  app.get(
    '/api/studies/:slug/privacy/access-log',
    {
      schema: { params: SlugParams, querystring: AccessLogQuery, response: { 200: AccessLogResponse, ...STAFF_ERRORS } },
      config: { permission: 'audit:read' },
    },
    async (req) =>
      listAccess(store.db, {
        studyId: req.study!.id,
        before: req.query.before ? Number(req.query.before) : undefined,
        limit: Math.min(Math.max(Number(req.query.limit ?? 100), 1), 500),
        participant: req.query.participant,
      }),
  );

  app.get(
    '/api/studies/:slug/privacy/access-log.csv',
    { schema: { params: SlugParams, response: { 200: FileBody, ...STAFF_ERRORS } }, config: { permission: 'audit:read' } },
    async (req, reply) => {
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${req.study!.slug}-access-log.csv"`)
        .header('cache-control', 'no-store');
      return reply.send(Readable.from(accessCsv(store.db, req.study!.id)));
    },
  );
};
export default privacyRoutes;
