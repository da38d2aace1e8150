import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import {
  CohortAttributesBody,
  CohortAttributesResponse,
  CohortImportBody,
  CohortImportResponse,
  CohortPreviewResponse,
  CreatedParticipant,
  LeftBody,
  MAX_CSV_BYTES,
  ParticipantBody,
  ParticipantParams,
  ParticipantsResponse,
} from '../../model/api/cohort.js';
import { ApiError } from '../errors.js';
import {
  addParticipant,
  commitImport,
  listParticipants,
  previewImport,
  removeParticipant,
  setLeft,
  updateParticipant,
} from '../cohort/participants.js';
import { shownPreview } from '../cohort/parse-cohort.js';
import { actorOf } from '../setup/request-meta.js';
import { attributeUsage, attributesOf, saveCohortAttributes } from '../cohort/attributes.js';
import { getStudyDefinition } from '../studies/repository.js';
import { logViewed } from '../privacy/access-log.js';
import type { RoutePlugin } from './route-plugin.js';

export { MAX_CSV_BYTES };

const bodyLimit = Math.ceil((MAX_CSV_BYTES * 4) / 3) + 64 * 1024;

function bytesOf(data: string): Buffer {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > MAX_CSV_BYTES) throw new ApiError('BODY_TOO_LARGE', 'The file is larger than 5 MB.');
  return bytes;
}

/** The cohort: participants, their contact details, and the CSV import. */
const cohortRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;

  // The list shows names and e-mail addresses: logged in the access log before it is sent.
  app.get(
    '/api/studies/:slug/participants',
    {
      schema: { params: SlugParams, response: { 200: ParticipantsResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:read' },
    },
    async (req) => {
      const participants = await listParticipants(db, req.study!.id);
      await logViewed(
        db,
        req,
        'contacts',
        participants.map((p) => p.key),
        'cohort participant list',
      );
      return { participants };
    },
  );

  app.post(
    '/api/studies/:slug/participants',
    {
      schema: { params: SlugParams, body: ParticipantBody, response: { 201: CreatedParticipant, ...STAFF_ERRORS } },
      config: { permission: 'participants:write' },
    },
    async (req, reply) => reply.code(201).send(await addParticipant(db, req.study!.id, req.body, actorOf(req))),
  );

  app.patch(
    '/api/studies/:slug/participants/:key',
    {
      schema: { params: ParticipantParams, body: ParticipantBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:write' },
    },
    async (req) => {
      await updateParticipant(db, req.study!.id, req.params.key, req.body, actorOf(req));
      return { ok: true };
    },
  );

  app.delete(
    '/api/studies/:slug/participants/:key',
    { schema: { params: ParticipantParams, response: { 200: OkResponse, ...STAFF_ERRORS } }, config: { permission: 'participants:write' } },
    async (req) => {
      await removeParticipant(db, req.study!.id, req.params.key, actorOf(req));
      return { ok: true };
    },
  );

  app.put(
    '/api/studies/:slug/participants/:key/left',
    {
      schema: { params: ParticipantParams, body: LeftBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:write' },
    },
    async (req) => {
      await setLeft(db, req.study!.id, req.params.key, req.body.round, req.body.note, actorOf(req));
      return { ok: true };
    },
  );

  // attrs: the study's cohort attributes (domain, region …) with how many participants hold each value.
  app.get(
    '/api/studies/:slug/cohort/attributes',
    {
      schema: { params: SlugParams, response: { 200: CohortAttributesResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:read' },
    },
    async (req) => {
      const definition = await getStudyDefinition(db, req.study!.id);
      return { attributes: attributesOf(definition), usage: await attributeUsage(db, req.study!.id) };
    },
  );

  // Replaces the whole list: a new key adds, a missing key removes (with its values), a changed label or list edits.
  app.put(
    '/api/studies/:slug/cohort/attributes',
    {
      schema: { params: SlugParams, body: CohortAttributesBody, response: { 200: CohortAttributesResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:write' },
    },
    async (req) => {
      const attributes = await saveCohortAttributes(db, req.study!.id, req.body.attributes, actorOf(req));
      return { attributes, usage: await attributeUsage(db, req.study!.id) };
    },
  );

  app.post(
    '/api/studies/:slug/cohort/preview',
    {
      bodyLimit,
      schema: { params: SlugParams, body: CohortImportBody, response: { 200: CohortPreviewResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:write' },
    },
    async (req) => {
      const result = await previewImport(db, req.study!.id, bytesOf(req.body.data), { ...req.body, mapping: req.body.mapping });
      if (!result.ok) return { ok: false, code: result.code, message: result.message };
      return { ok: true, encoding: result.encoding, sheets: result.sheets, preview: shownPreview(result.preview) };
    },
  );

  app.post(
    '/api/studies/:slug/cohort/import',
    {
      bodyLimit,
      schema: { params: SlugParams, body: CohortImportBody, response: { 200: CohortImportResponse, ...STAFF_ERRORS } },
      config: { permission: 'participants:write' },
    },
    async (req) => {
      const meta = actorOf(req);
      return commitImport(
        db,
        req.study!.id,
        bytesOf(req.body.data),
        { ...req.body, mapping: req.body.mapping, skipInvalid: req.body.skipInvalid ?? false },
        meta,
      );
    },
  );
};
export default cohortRoutes;
