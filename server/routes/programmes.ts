import type { FastifyRequest } from 'fastify';
import { ErrorBodySchema, FileBody, STAFF_ERRORS, TextFile } from '../../model/api/common.js';
import { ProgrammeOverview } from '../../model/api/programme.js';
import {
  AddProgrammeMemberBody,
  AddProgrammeStudyBody,
  CreateProgrammeBody,
  ProgrammeCsvQuery,
  ProgrammeDetail,
  ProgrammeMemberParams,
  ProgrammeParams,
  ProgrammeReportQuery,
  ProgrammeStudyParams,
  ProgrammesResponse,
} from '../../model/api/programmes.js';
import { ApiError } from '../errors.js';
import { CHROMIUM_INSTALL_HINT, ChromiumMissingError, FactsheetRenderer } from '../factsheet/pdf.js';
import { programmeIndicatorsCsv } from '../programmes/csv.js';
import { programmeOverview } from '../programmes/overview.js';
import {
  addProgrammeMember,
  addProgrammeStudy,
  createProgramme,
  listProgrammes,
  programmeMembers,
  removeProgrammeMember,
  removeProgrammeStudy,
  type StoredProgramme,
} from '../programmes/store.js';
import { actorOf } from '../setup/request-meta.js';
import { findStudyForMember } from '../studies/repository.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * Programmes (issue 17, regional view): the networks of a region side by side for the regional
 * representative (overview, indicator CSV), and what the coordinator manages (networks, members).
 * The guard admits by `programme:read` / `programme:manage` (server/auth/policy.ts); a
 * representative never passes any study route of the networks. The regional yearly report
 * (`/report?format=html|pdf`) is the factsheet area's renderer (server/factsheet/regional/) on the
 * same overview.
 */
const programmeRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;
  const programmeOf = (req: FastifyRequest): StoredProgramme => req.programme!;
  // The regional report's PDF is printed as the factsheets' are: one Chromium, started on first use.
  const renderer = new FactsheetRenderer();
  app.addHook('onClose', async () => renderer.close());
  const detail = async (programme: StoredProgramme, userId: number, adopted?: string[]) => {
    const card = (await listProgrammes(db, userId)).find((p) => p.slug === programme.slug)!;
    return { programme: card, members: await programmeMembers(db, programme.id), ...(adopted?.length ? { adopted } : {}) };
  };

  app.get(
    '/api/programmes',
    { config: { permission: 'self' }, schema: { response: { 200: ProgrammesResponse, ...STAFF_ERRORS } } },
    async (req) => ({ programmes: await listProgrammes(db, req.session!.user.id) }),
  );

  app.post(
    '/api/programmes',
    {
      config: { permission: 'programmes:create' },
      schema: { body: CreateProgrammeBody, response: { 200: ProgrammeDetail, ...STAFF_ERRORS } },
    },
    async (req) => {
      const me = req.session!.user.id;
      const created = await createProgramme(db, { ...req.body, coordinator: me }, actorOf(req));
      return detail(created, me);
    },
  );

  app.get(
    '/api/programmes/:programme',
    {
      config: { permission: 'programme:manage' },
      schema: { params: ProgrammeParams, response: { 200: ProgrammeDetail, ...STAFF_ERRORS } },
    },
    async (req) => detail(programmeOf(req), req.session!.user.id),
  );

  app.post(
    '/api/programmes/:programme/studies',
    {
      config: { permission: 'programme:manage' },
      schema: { params: ProgrammeParams, body: AddProgrammeStudyBody, response: { 200: ProgrammeDetail, ...STAFF_ERRORS } },
    },
    async (req) => {
      const me = req.session!.user;
      // A network's aggregated results go to the region only with its own researcher's consent:
      // the coordinator adds a study in which they are a researcher (the CLI is the operator's way).
      const member = await findStudyForMember(db, req.body.study, me.id);
      if (member?.role !== 'researcher')
        throw new ApiError('FORBIDDEN', 'You can add only a study in which you are a researcher.', {
          reason: 'not-study-researcher',
          text: {
            nl: 'U kunt alleen een onderzoek toevoegen waarin u onderzoeker bent. Er is niets gewijzigd.',
            en: 'You can add only a study in which you are a researcher. Nothing was changed.',
          },
        });
      const { adopted } = await addProgrammeStudy(db, programmeOf(req), req.body.study, actorOf(req));
      return detail(programmeOf(req), me.id, adopted);
    },
  );

  app.delete(
    '/api/programmes/:programme/studies/:study',
    {
      config: { permission: 'programme:manage' },
      schema: { params: ProgrammeStudyParams, response: { 200: ProgrammeDetail, ...STAFF_ERRORS } },
    },
    async (req) => {
      await removeProgrammeStudy(db, programmeOf(req), req.params.study, actorOf(req));
      return detail(programmeOf(req), req.session!.user.id);
    },
  );

  app.post(
    '/api/programmes/:programme/members',
    {
      config: { permission: 'programme:manage' },
      schema: { params: ProgrammeParams, body: AddProgrammeMemberBody, response: { 200: ProgrammeDetail, ...STAFF_ERRORS } },
    },
    async (req) => {
      await addProgrammeMember(db, programmeOf(req), req.body.email, req.body.role, actorOf(req));
      return detail(programmeOf(req), req.session!.user.id);
    },
  );

  app.delete(
    '/api/programmes/:programme/members/:id',
    {
      config: { permission: 'programme:manage' },
      schema: { params: ProgrammeMemberParams, response: { 200: ProgrammeDetail, ...STAFF_ERRORS } },
    },
    async (req) => {
      await removeProgrammeMember(db, programmeOf(req), Number(req.params.id), actorOf(req));
      return detail(programmeOf(req), req.session!.user.id);
    },
  );

  app.get(
    '/api/programmes/:programme/overview',
    {
      config: { permission: 'programme:read' },
      schema: { params: ProgrammeParams, response: { 200: ProgrammeOverview, ...STAFF_ERRORS } },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return programmeOverview(db, app.analysis, programmeOf(req), app.rondo.now());
    },
  );

  app.get(
    '/api/programmes/:programme/indicators.csv',
    {
      config: { permission: 'programme:read' },
      schema: {
        params: ProgrammeParams,
        querystring: ProgrammeCsvQuery,
        response: { 200: TextFile, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const programme = programmeOf(req);
      const overview = await programmeOverview(db, app.analysis, programme, app.rondo.now());
      reply
        .header('cache-control', 'no-store')
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${programme.slug}-indicators.csv"`);
      return programmeIndicatorsCsv(overview, req.query.lang ?? 'nl');
    },
  );

  app.get(
    '/api/programmes/:programme/report',
    {
      config: { permission: 'programme:read' },
      schema: {
        params: ProgrammeParams,
        querystring: ProgrammeReportQuery,
        response: { 200: FileBody, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req, reply) => {
      const programme = programmeOf(req);
      const overview = await programmeOverview(db, app.analysis, programme, app.rondo.now());
      const lang = req.query.lang ?? 'nl';
      // The report's renderer is loaded at the first report, not by every start of the server.
      const { renderRegionalReport } = await import('../factsheet/regional/report.js');
      reply.header('cache-control', 'no-store');
      if (req.query.format === 'pdf') {
        const pdf = await renderRegionalReport(overview, lang, 'pdf', { renderer }).catch((err: unknown) => {
          if (err instanceof ChromiumMissingError)
            throw new ApiError('UNAVAILABLE', err.message, { reason: 'chromium-missing', hint: CHROMIUM_INSTALL_HINT });
          throw err;
        });
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="${programme.slug}-jaarrapport.pdf"`)
          .send(pdf);
      }
      return reply.type('text/html; charset=utf-8').send(await renderRegionalReport(overview, lang, 'html'));
    },
  );
};

export default programmeRoutes;
