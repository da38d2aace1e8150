import type { FastifyReply, FastifyRequest } from 'fastify';
import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  ExportParams,
  ExportQuery,
  ExportsResponse,
  ImportBody,
  ImportReportSchema,
  ImportsResponse,
  MAX_IMPORT_BYTES,
  SaveMappingBody,
  SavedMappingParams,
  SavedMappingResponse,
  SavedMappingsResponse,
  SuggestBody,
  SuggestResponse,
} from '../../model/api/exchange.js';
import { ApiError } from '../errors.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { actorOf } from '../setup/request-meta.js';
import { openExport, submittedCount, type ExportContext } from '../exchange/context.js';
import type { ExportFiles } from '../exchange/export.js';
import { contactCount, logExportAccess } from '../exchange/access.js';
import { contactsCsv } from '../exchange/contacts.js';
import { EXPORT_FORMATS, FLAVOURS, isXlsxFormat, XLSX_FORMATS, type ExportOptions } from '../exchange/formats.js';
import { loadExchangeStudy, StudyNotFound } from '../exchange/study-data.js';
import { exchangeVariables, VariableNameError } from '../exchange/variables.js';
import { commitImport, dryRunImport, ImportRejected } from '../exchange/import/commit.js';
import { uploadRows } from '../exchange/xlsx/import-input.js';
import { withinColumnLimit } from '../exchange/import/parse.js';
import { ProblemList } from '../exchange/import/problems.js';
import { suggestMapping } from '../exchange/import/suggest.js';
import { deleteSavedMapping, listSavedMappings, saveMapping } from '../exchange/import/saved.js';
import '../exchange/db.js';
import { InstrumentImportBody, InstrumentReportSchema, MAX_INSTRUMENT_BYTES } from '../../model/api/instrument.js';
import { importInstrument } from '../exchange/instruments/import-instrument.js';
import type { RoutePlugin } from './route-plugin.js';

const bodyLimit = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 256 * 1024;

const CONTENT_TYPE = {
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  sav: 'application/x-spss-sav',
} as const;

function optionsOf(q: ExportQuery): ExportOptions {
  return { flavour: q.flavour ?? 'intl', openText: q.openText === '1', lang: q.lang ?? 'nl' };
}

function contextFor(req: FastifyRequest, options: ExportOptions): ExportContext {
  try {
    return openExport(req.server.rondo.store, req.study!.slug, options, req.server.rondo.now());
  } catch (err) {
    if (err instanceof StudyNotFound) throw new ApiError('NOT_FOUND');
    if (err instanceof VariableNameError) throw new ApiError('CONFLICT', err.message);
    throw err;
  }
}

const stamp = (d: Date) => d.toISOString().slice(0, 10);

function bytesOf(data: string): Buffer {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) throw new ApiError('BODY_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1048576} MB.`);
  return bytes;
}

/**
 * Data exchange: downloads in every export format (streamed: a CSV, or a zip for formats of
 * several files), the contact list apart (its own permission, audit-logged), and the response
 * import: suggested mapping, dry run, commit, history.
 */
const exchangeRoutes: RoutePlugin = async (app) => {
  const { store } = app.rondo;

  app.get(
    '/api/studies/:slug/exports',
    { schema: { params: SlugParams, response: { 200: ExportsResponse, ...STAFF_ERRORS } }, config: { permission: 'export:data' } },
    async (req) => {
      const study = loadExchangeStudy(store.sqlite, req.study!.slug);
      const variables = exchangeVariables(study);
      const { responses } = await store.db
        .selectFrom('response')
        .select((eb) => eb.fn.countAll<number>().as('responses'))
        .where('study_id', '=', study.id)
        .where('status', '=', 'submitted')
        .executeTakeFirstOrThrow();
      return {
        formats: [...EXPORT_FORMATS],
        flavours: [...FLAVOURS],
        responses,
        variables: variables.length,
        openTextVariables: variables.filter((v) => v.kind === 'text').length,
        rounds: study.rounds.map((r) => ({ key: r.key, label: r.label })),
        questionnaireVersion: study.questionnaireVersion,
      };
    },
  );

  // The producers of every format (CSV, .sav, .xlsx, zip) load at the first download, not when the server starts.
  const producers = () => import('../exchange/export.js');

  // Downloads: 200 is a streamed CSV or zip file, no JSON, so only the errors have a schema.
  app.get(
    '/api/studies/:slug/exports/:format',
    { schema: { params: ExportParams, querystring: ExportQuery, response: STAFF_ERRORS }, config: { permission: 'export:data' } },
    async (req, reply) => {
      const options = optionsOf(req.query);
      const format = req.params.format;
      const file = req.query.file ?? 'csv';
      if (file === 'xlsx' && !isXlsxFormat(format))
        throw new ApiError('VALIDATION', `Only the ${XLSX_FORMATS.join(', ')} exports come as an Excel workbook.`);
      const ctx = contextFor(req, options);
      const { actor, session } = actorOf(req);
      try {
        await writeTx(store.db, async (trx) => {
          await audit(trx, {
            actor,
            session,
            studyId: ctx.study.id,
            action: 'export.data',
            target: format,
            details: { format, ...options, ...(file === 'xlsx' ? { file } : {}), responses: submittedCount(ctx) },
          });
          await logExportAccess(trx, ctx, { actor, session }, { format, contacts: null, data: true });
        });
      } catch (err) {
        ctx.close?.();
        throw err;
      }
      const { exportFiles, isSingleFile, singleStream, zipStream } = await producers();
      const files = exportFiles(ctx, format, { file });
      // A client that goes away mid-download ends the export too.
      reply.raw.once('close', () => files.cleanup?.());
      const name = `${ctx.study.slug}-${format}-${stamp(app.rondo.now())}`;
      if (!isSingleFile(files, format))
        return download(reply, { name: `${name}.zip`, type: 'zip', stream: zipStream(files, app.rondo.now()) });
      const type = files[0].path.endsWith('.xlsx') ? 'xlsx' : files[0].path.endsWith('.sav') ? 'sav' : 'csv';
      return download(reply, { name: `${name}.${type}`, type, stream: singleStream(files) });
    },
  );

  app.get(
    '/api/studies/:slug/exports/contacts.csv',
    { schema: { params: SlugParams, querystring: ExportQuery, response: STAFF_ERRORS }, config: { permission: 'export:contacts' } },
    async (req, reply) => {
      const ctx = contextFor(req, optionsOf(req.query));
      const { actor, session } = actorOf(req);
      const count = contactCount(ctx);
      // Names and e-mail addresses leave rondo: recorded before a byte is sent.
      try {
        await writeTx(store.db, async (trx) => {
          await audit(trx, {
            actor,
            session,
            studyId: ctx.study.id,
            action: 'export.contacts',
            target: 'contacts.csv',
            details: { contacts: count },
          });
          await logExportAccess(trx, ctx, { actor, session }, { format: 'contacts', contacts: count, data: false });
        });
      } catch (err) {
        ctx.close?.();
        throw err;
      }
      const { singleStream } = await producers();
      const files: ExportFiles = [{ path: 'contacts.csv', produce: () => contactsCsv(ctx) }];
      files.cleanup = () => ctx.close?.();
      reply.raw.once('close', files.cleanup);
      return download(reply, {
        name: `${ctx.study.slug}-contacts-${stamp(app.rondo.now())}.csv`,
        type: 'csv',
        stream: singleStream(files),
      });
    },
  );

  app.post(
    '/api/studies/:slug/imports/suggest',
    {
      schema: { params: SlugParams, body: SuggestBody, response: { 200: SuggestResponse, ...STAFF_ERRORS } },
      bodyLimit,
      config: { permission: 'import:data' },
    },
    async (req) => {
      const study = loadExchangeStudy(store.sqlite, req.study!.slug);
      if (!study.rounds.some((r) => r.key === req.body.round))
        throw new ApiError('VALIDATION', `The study has no round "${req.body.round}".`);
      const problems = new ProblemList();
      const upload = uploadRows(bytesOf(req.body.data), req.body.sheet, problems);
      if (!upload) return { ok: false, problems: problems.list, headers: [], sample: [], rows: 0, mapping: null, unresolved: [] };
      const { rows, sheets } = upload;
      if (!withinColumnLimit(rows[0], problems))
        return { ok: false, problems: problems.list, headers: [], sample: [], rows: 0, mapping: null, unresolved: [] };
      const headers = (rows[0] ?? []).map((h) => h.trim());
      const suggestion = suggestMapping(study, req.body.round, headers, rows.slice(1));
      return {
        ok: true,
        problems: problems.list,
        headers,
        sample: rows.slice(1, 6),
        ...(sheets ? { sheets } : {}),
        rows: Math.max(0, rows.length - 1),
        mapping: suggestion.mapping,
        unresolved: suggestion.unresolved,
        variables: exchangeVariables(study)
          .filter((v) => v.rounds.includes(req.body.round))
          .map((v) => ({ name: v.name, label: v.label, kind: v.kind, values: v.values, missing: v.missing })),
      };
    },
  );

  app.post(
    '/api/studies/:slug/imports/dry-run',
    {
      schema: { params: SlugParams, body: ImportBody, response: { 200: ImportReportSchema, ...STAFF_ERRORS } },
      bodyLimit,
      config: { permission: 'import:data' },
    },
    async (req) =>
      dryRunImport(store, req.study!.slug, {
        bytes: bytesOf(req.body.data),
        fileName: req.body.fileName,
        sheet: req.body.sheet,
        mapping: req.body.mapping,
        round: req.body.round,
        now: app.rondo.now(),
      }),
  );

  app.post(
    '/api/studies/:slug/imports',
    {
      schema: { params: SlugParams, body: ImportBody, response: { 201: ImportReportSchema, ...STAFF_ERRORS } },
      bodyLimit,
      config: { permission: 'import:data' },
    },
    async (req, reply) => {
      const { actor, session, now } = actorOf(req);
      try {
        const report = await commitImport(store, app.rondo.secret, req.study!.slug, {
          bytes: bytesOf(req.body.data),
          fileName: req.body.fileName,
          sheet: req.body.sheet,
          mapping: req.body.mapping,
          round: req.body.round,
          now,
          actor,
          session,
        });
        return reply.code(201).send(report);
      } catch (err) {
        if (!(err instanceof ImportRejected)) throw err;
        const duplicate = err.report.problems.some((p) => p.code === 'DUPLICATE_FILE');
        throw new ApiError(
          duplicate ? 'CONFLICT' : 'VALIDATION',
          `The import was refused: ${err.report.errors} problem${err.report.errors === 1 ? '' : 's'}; nothing was written.`,
          err.report,
        );
      }
    },
  );

  // A LimeSurvey survey structure or a REDCap data dictionary as the study's questionnaire: the
  // report first (apply: false), then the replacement through the builder's versioning rules.
  app.post(
    '/api/studies/:slug/questionnaire/import-instrument',
    {
      schema: { params: SlugParams, body: InstrumentImportBody, response: { 200: InstrumentReportSchema, ...STAFF_ERRORS } },
      bodyLimit,
      config: { permission: 'questionnaire:write' },
    },
    async (req) => {
      const { actor, session, now } = actorOf(req);
      const bytes = Buffer.from(req.body.data, 'base64');
      if (bytes.length > MAX_INSTRUMENT_BYTES)
        throw new ApiError('BODY_TOO_LARGE', `The file is larger than ${MAX_INSTRUMENT_BYTES / 1048576} MB.`);
      return importInstrument(store.db, req.study!, {
        source: req.body.source,
        bytes,
        fileName: req.body.fileName,
        apply: req.body.apply,
        actor,
        session,
        now,
      });
    },
  );

  app.get(
    '/api/studies/:slug/imports/mappings',
    { schema: { params: SlugParams, response: { 200: SavedMappingsResponse, ...STAFF_ERRORS } }, config: { permission: 'import:data' } },
    async (req) => ({ mappings: await listSavedMappings(store.db, req.study!.id) }),
  );

  app.put(
    '/api/studies/:slug/imports/mappings/:name',
    {
      schema: { params: SavedMappingParams, body: SaveMappingBody, response: { 200: SavedMappingResponse, ...STAFF_ERRORS } },
      config: { permission: 'import:data' },
    },
    async (req) => {
      const { actor, session, now } = actorOf(req);
      const name = req.params.name.trim();
      if (!name) throw new ApiError('VALIDATION', 'Give the mapping a name.');
      return writeTx(store.db, async (trx) => {
        const result = await saveMapping(trx, req.study!.id, name, req.body.mapping, { actor, now });
        if ('problems' in result)
          throw new ApiError('VALIDATION', 'The mapping is not sound; nothing was saved.', { problems: result.problems.list });
        await audit(trx, { actor, session, studyId: req.study!.id, action: 'import.mapping.save', target: name });
        return result.saved;
      });
    },
  );

  app.delete(
    '/api/studies/:slug/imports/mappings/:name',
    { schema: { params: SavedMappingParams, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'import:data' } },
    async (req) => {
      const { actor, session } = actorOf(req);
      await writeTx(store.db, async (trx) => {
        if (!(await deleteSavedMapping(trx, req.study!.id, req.params.name))) throw new ApiError('NOT_FOUND');
        await audit(trx, { actor, session, studyId: req.study!.id, action: 'import.mapping.delete', target: req.params.name });
      });
      return { ok: true };
    },
  );

  app.get(
    '/api/studies/:slug/imports',
    { schema: { params: SlugParams, response: { 200: ImportsResponse, ...STAFF_ERRORS } }, config: { permission: 'import:data' } },
    async (req) => {
      const rows = await store.db
        .selectFrom('import_batch')
        .innerJoin('round', 'round.id', 'import_batch.round_id')
        .select([
          'import_batch.id',
          'round.key as round',
          'import_batch.file_name',
          'import_batch.sha256',
          'import_batch.rows',
          'import_batch.responses',
          'import_batch.participants_created',
          'import_batch.invitations_created',
          'import_batch.actor',
          'import_batch.created_at',
        ])
        .where('import_batch.study_id', '=', req.study!.id)
        .orderBy('import_batch.id', 'desc')
        .execute();
      return { imports: rows };
    },
  );
};
export default exchangeRoutes;

function download(reply: FastifyReply, file: { name: string; type: keyof typeof CONTENT_TYPE; stream: NodeJS.ReadableStream }) {
  // The file name is built from the slug, the format and a date: nothing a user typed.
  return reply
    .header('content-type', CONTENT_TYPE[file.type])
    .header('content-disposition', `attachment; filename="${file.name}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.stream);
}
