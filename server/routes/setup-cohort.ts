import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { SLUG_PATTERN } from '../../model/index.js';
import { ApiError } from '../errors.js';
import { ENCODINGS } from '../cohort/decode.js';
import { COHORT_FIELDS, DELIMITERS, type ColumnMapping } from '../cohort/parse-cohort.js';
import {
  addParticipant, commitImport, listParticipants, previewImport, removeParticipant, setLeft, updateParticipant,
} from '../cohort/participants.js';
import { actorOf } from '../setup/request-meta.js';
import { writeTx } from '../db/tx.js';
import { accessActor, logAccess } from '../privacy/access-log.js';

/** Largest CSV accepted: 5 MB holds tens of thousands of participants. */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

const Slug = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) });
const SlugKey = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }), key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }) });
const Mapping = Type.Object(
  Object.fromEntries(COHORT_FIELDS.map((f) => [f, Type.Union([Type.Integer({ minimum: 0, maximum: 200 }), Type.Null()])])),
  { additionalProperties: false },
);
const ImportBody = Type.Object(
  {
    /** The file's bytes, base64: the server decides how to read them, never the browser. */
    data: Type.String({ maxLength: Math.ceil((MAX_CSV_BYTES * 4) / 3) + 4, pattern: '^[A-Za-z0-9+/]*={0,2}$' }),
    /** Shown back and written to the audit log only; never used to store anything. */
    fileName: Type.Optional(Type.String({ maxLength: 255 })),
    encoding: Type.Union(ENCODINGS.map((e) => Type.Literal(e))),
    delimiter: Type.Union(DELIMITERS.map((d) => Type.Literal(d))),
    mapping: Type.Optional(Mapping),
    acceptRoles: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 100 })),
    skipInvalid: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const ParticipantBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    email: Type.String({ maxLength: 254 }),
    organisation: Type.String({ maxLength: 200 }),
    role: Type.String({ maxLength: 120 }),
    team: Type.String({ maxLength: 120 }),
  },
  { additionalProperties: false },
);
const LeftBody = Type.Object({ round: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]), note: Type.String({ maxLength: 500 }) }, { additionalProperties: false });

const bodyLimit = Math.ceil((MAX_CSV_BYTES * 4) / 3) + 64 * 1024;

function bytesOf(data: string): Buffer {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > MAX_CSV_BYTES) throw new ApiError('BODY_TOO_LARGE', 'The file is larger than 5 MB.');
  return bytes;
}

/** The cohort: participants, their contact details, and the CSV import. */
export default async function cohortRoutes(app: FastifyInstance): Promise<void> {
  const db = app.rondo.store.db;

  // The list shows names and e-mail addresses: logged in the access log before it is sent.
  app.get<{ Params: { slug: string } }>('/api/studies/:slug/participants', { schema: { params: Slug }, config: { permission: 'participants:read' } }, async (req) => {
    const participants = await listParticipants(db, req.study!.id);
    if (participants.length) {
      await writeTx(db, (trx) =>
        logAccess(trx, { ...accessActor(req), studyId: req.study!.id, kind: 'view', data: 'contacts', participants: participants.map((p) => p.key), purpose: 'cohort participant list' }),
      );
    }
    return { participants };
  });

  app.post<{ Params: { slug: string }; Body: Static<typeof ParticipantBody> }>(
    '/api/studies/:slug/participants',
    { schema: { params: Slug, body: ParticipantBody }, config: { permission: 'participants:write' } },
    async (req, reply) => reply.code(201).send(await addParticipant(db, req.study!.id, req.body, actorOf(req))),
  );

  app.patch<{ Params: { slug: string; key: string }; Body: Static<typeof ParticipantBody> }>(
    '/api/studies/:slug/participants/:key',
    { schema: { params: SlugKey, body: ParticipantBody }, config: { permission: 'participants:write' } },
    async (req) => {
      await updateParticipant(db, req.study!.id, req.params.key, req.body, actorOf(req));
      return { ok: true };
    },
  );

  app.delete<{ Params: { slug: string; key: string } }>(
    '/api/studies/:slug/participants/:key',
    { schema: { params: SlugKey }, config: { permission: 'participants:write' } },
    async (req) => {
      await removeParticipant(db, req.study!.id, req.params.key, actorOf(req));
      return { ok: true };
    },
  );

  app.put<{ Params: { slug: string; key: string }; Body: Static<typeof LeftBody> }>(
    '/api/studies/:slug/participants/:key/left',
    { schema: { params: SlugKey, body: LeftBody }, config: { permission: 'participants:write' } },
    async (req) => {
      await setLeft(db, req.study!.id, req.params.key, req.body.round, req.body.note, actorOf(req));
      return { ok: true };
    },
  );

  app.post<{ Params: { slug: string }; Body: Static<typeof ImportBody> }>(
    '/api/studies/:slug/cohort/preview',
    { bodyLimit, schema: { params: Slug, body: ImportBody }, config: { permission: 'participants:write' } },
    async (req) => {
      const result = await previewImport(db, req.study!.id, bytesOf(req.body.data), { ...req.body, mapping: req.body.mapping as ColumnMapping | undefined });
      if (!result.ok) return { ok: false, code: result.code, message: result.message };
      return { ok: true, encoding: result.encoding, preview: result.preview };
    },
  );

  app.post<{ Params: { slug: string }; Body: Static<typeof ImportBody> }>(
    '/api/studies/:slug/cohort/import',
    { bodyLimit, schema: { params: Slug, body: ImportBody }, config: { permission: 'participants:write' } },
    async (req) => {
      const meta = actorOf(req);
      return commitImport(
        db, req.study!.id, bytesOf(req.body.data),
        { ...req.body, mapping: req.body.mapping as ColumnMapping | undefined, skipInvalid: req.body.skipInvalid ?? false },
        meta,
      );
    },
  );
}
