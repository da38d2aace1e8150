import { OkResponse, STAFF_ERRORS, SlugParams } from '../../model/api/common.js';
import { CATALOGUES, CATALOGUE_KINDS, CatalogueEntryParams, CatalogueOrderBody, CreatedEntry } from '../../model/api/setup.js';
import { addEntry, listCatalogue, removeEntry, reorderEntries, updateEntry } from '../setup/catalogues.js';
import { actorOf } from '../setup/request-meta.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * Chain partners (/partners) and tools (/tools) of a study. Anyone in the study may read the
 * names (they label aggregated results); changing them is part of editing the questionnaire.
 */
const catalogueRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;
  for (const kind of CATALOGUE_KINDS) {
    const base = `/api/studies/:slug/${kind}s`;
    const { body: Body, list: List } = CATALOGUES[kind];

    app.get(
      base,
      { schema: { params: SlugParams, response: { 200: List, ...STAFF_ERRORS } }, config: { permission: 'study:read' } },
      async (req) => {
        const entries = await listCatalogue(db, req.study!.id, kind);
        return kind === 'partner' ? { partners: entries } : { tools: entries };
      },
    );

    app.post(
      base,
      {
        schema: { params: SlugParams, body: Body, response: { 201: CreatedEntry, ...STAFF_ERRORS } },
        config: { permission: 'questionnaire:write' },
      },
      async (req, reply) => reply.code(201).send(await addEntry(db, req.study!.id, kind, req.body, actorOf(req))),
    );

    app.patch(
      `${base}/:id`,
      {
        schema: { params: CatalogueEntryParams, body: Body, response: { 200: OkResponse, ...STAFF_ERRORS } },
        config: { permission: 'questionnaire:write' },
      },
      async (req) => {
        await updateEntry(db, req.study!.id, kind, Number(req.params.id), req.body, actorOf(req));
        return { ok: true };
      },
    );

    app.delete(
      `${base}/:id`,
      {
        schema: { params: CatalogueEntryParams, response: { 200: OkResponse, ...STAFF_ERRORS } },
        config: { permission: 'questionnaire:write' },
      },
      async (req) => {
        await removeEntry(db, req.study!.id, kind, Number(req.params.id), actorOf(req));
        return { ok: true };
      },
    );

    app.put(
      `${base}/order`,
      {
        schema: { params: SlugParams, body: CatalogueOrderBody, response: { 200: OkResponse, ...STAFF_ERRORS } },
        config: { permission: 'questionnaire:write' },
      },
      async (req) => {
        await reorderEntries(db, req.study!.id, kind, req.body.ids, actorOf(req));
        return { ok: true };
      },
    );
  }
};
export default catalogueRoutes;
