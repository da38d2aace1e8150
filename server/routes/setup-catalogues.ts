import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema, SLUG_PATTERN } from '../../model/index.js';
import { addEntry, listCatalogue, removeEntry, reorderEntries, updateEntry, type CatalogueKind } from '../setup/catalogues.js';
import { actorOf } from '../setup/request-meta.js';

const Slug = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }) });
const SlugId = Type.Object({ slug: Type.String({ pattern: SLUG_PATTERN }), id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
const PartnerBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), domain: Type.String({ maxLength: 120 }) }, { additionalProperties: false });
const ToolBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), description: LocalTextSchema }, { additionalProperties: false });
const OrderBody = Type.Object({ ids: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 }) }, { additionalProperties: false });

/**
 * Chain partners (/partners) and tools (/tools) of a study. Anyone in the study may read the
 * names (they label aggregated results); changing them is part of editing the questionnaire.
 */
export default async function catalogueRoutes(app: FastifyInstance): Promise<void> {
  const db = app.rondo.store.db;
  for (const kind of ['partner', 'tool'] as CatalogueKind[]) {
    const base = `/api/studies/:slug/${kind}s`;
    const Body = kind === 'partner' ? PartnerBody : ToolBody;

    app.get<{ Params: { slug: string } }>(base, { schema: { params: Slug }, config: { permission: 'study:read' } }, async (req) => ({
      [`${kind}s`]: await listCatalogue(db, req.study!.id, kind),
    }));

    app.post<{ Params: { slug: string }; Body: Static<typeof PartnerBody> | Static<typeof ToolBody> }>(
      base,
      { schema: { params: Slug, body: Body }, config: { permission: 'questionnaire:write' } },
      async (req, reply) => reply.code(201).send(await addEntry(db, req.study!.id, kind, req.body, actorOf(req))),
    );

    app.patch<{ Params: { slug: string; id: string }; Body: Static<typeof PartnerBody> | Static<typeof ToolBody> }>(
      `${base}/:id`,
      { schema: { params: SlugId, body: Body }, config: { permission: 'questionnaire:write' } },
      async (req) => {
        await updateEntry(db, req.study!.id, kind, Number(req.params.id), req.body, actorOf(req));
        return { ok: true };
      },
    );

    app.delete<{ Params: { slug: string; id: string } }>(
      `${base}/:id`,
      { schema: { params: SlugId }, config: { permission: 'questionnaire:write' } },
      async (req) => {
        await removeEntry(db, req.study!.id, kind, Number(req.params.id), actorOf(req));
        return { ok: true };
      },
    );

    app.put<{ Params: { slug: string }; Body: Static<typeof OrderBody> }>(
      `${base}/order`,
      { schema: { params: Slug, body: OrderBody }, config: { permission: 'questionnaire:write' } },
      async (req) => {
        await reorderEntries(db, req.study!.id, kind, req.body.ids, actorOf(req));
        return { ok: true };
      },
    );
  }
}
