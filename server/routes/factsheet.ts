import type { FastifyReply, FastifyRequest } from 'fastify';
import { pick, type Lang } from '../../model/index.js';
import {
  DraftChartRoute,
  DraftOutputRoute,
  DraftRoute,
  PublishRoute,
  SaveDraftRoute,
  VersionChartRoute,
  VersionListRoute,
  VersionOutputRoute,
} from '../../model/api/factsheet.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { ApiError, refusal } from '../errors.js';
import { actorOf } from '../setup/request-meta.js';
import { SECTION_CHARTS, SECTION_KEYS, checkComposition, sectionOffered, sectionTitle, type ChartKind } from '../factsheet/composition.js';
import { AnalysisUnavailableError, analysisSource } from '../factsheet/load-data.js';
import { withNetworkFigures } from '../factsheet/network/load.js';
import { ChromiumMissingError, FactsheetRenderer, CHROMIUM_INSTALL_HINT } from '../factsheet/pdf.js';
import {
  stampEdits,
  openDraft,
  publishDraft,
  renderDraft,
  publishedOutput,
  UnchangedSinceError,
  type DataSource,
  type LayoutFitter,
  type StudyRef,
} from '../factsheet/service.js';
import { listVersions, saveDraft } from '../factsheet/store.js';
import { omittedQuestions, omittedSentence, type FactsheetDocument } from '../factsheet/document.js';
import { checkSubgroups, groupOptions, splitOptions } from '../factsheet/splits.js';
import type { Composition } from '../../model/api/factsheet.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * The HTML of a factsheet is a document of its own: inline styles and SVG, no scripts, nothing
 * from elsewhere. This policy allows exactly that and lets the composer show it in an iframe of
 * the app (same origin), sandboxed.
 */
export const FACTSHEET_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";
/**
 * The composer's preview keeps its origin (still no scripts: none are allowed, and the sandbox
 * does not allow them), so that the composer can lay its blocks into A4 pages.
 */
const PREVIEW_CSP = FACTSHEET_CSP.replace('sandbox ', 'sandbox allow-same-origin ');

/**
 * Factsheets: the composer's draft (researchers), publishing frozen versions, and reading
 * published versions (researchers, trainers, managers) as HTML, PDF and chart PNGs.
 */
const factsheetRoutes: RoutePlugin = async (app) => {
  const db = app.rondo.store.db;
  // netfs (issue 17): a network study's indicators, domains and plan come with the numbers.
  const source: DataSource = withNetworkFigures(analysisSource(app.analysis), app.analysis, db, () => app.rondo.now());
  const renderer = new FactsheetRenderer();
  app.addHook('onClose', async () => renderer.close());

  const studyOf = (req: FastifyRequest): StudyRef => ({ ...req.study!, definition: req.study!.definition });
  const langOf = (req: FastifyRequest, lang: Lang | undefined): Lang => {
    const study = req.study!.definition;
    const want = lang ?? study.defaultLanguage;
    if (!study.languages.includes(want))
      throw refusal(
        'VALIDATION',
        {
          nl: `Dit onderzoek heeft geen ${want === 'nl' ? 'Nederlandse' : 'Engelse'} versie.`,
          en: `This study has no ${want === 'nl' ? 'Dutch' : 'English'} version.`,
        },
        { field: 'lang', languages: study.languages },
      );
    return want;
  };
  const data = async (study: StudyRef, composition?: Composition) => {
    try {
      return await source(study, composition);
    } catch (err) {
      if (err instanceof AnalysisUnavailableError)
        throw new ApiError('UNAVAILABLE', 'The analysis behind the factsheet is not available on this server yet.');
      throw err;
    }
  };
  const pdfOf = async (html: string): Promise<Buffer> => {
    try {
      return await renderer.pdf(html);
    } catch (err) {
      if (err instanceof ChromiumMissingError) {
        throw new ApiError('UNAVAILABLE', err.message, {
          reason: 'chromium-missing',
          install: 'apt-get install chromium',
          hint: CHROMIUM_INSTALL_HINT,
        });
      }
      throw err;
    }
  };
  const pngOf = async (svg: string): Promise<Buffer> => (await pngsOf([svg]))[0];
  const pngsOf = async (svgs: string[]): Promise<Buffer[]> => {
    try {
      return await renderer.pngs(svgs);
    } catch (err) {
      if (err instanceof ChromiumMissingError)
        throw new ApiError('UNAVAILABLE', err.message, { reason: 'chromium-missing', install: 'apt-get install chromium' });
      throw err;
    }
  };
  // Pages fitted by Chromium when it is there (layout/fit.ts); without it the HTML is not fitted.
  const fitter = (): LayoutFitter | undefined => (renderer.available ? (render) => renderer.fit(render) : undefined);
  const sendHtml = (reply: FastifyReply, html: string, filename: string, download: boolean, preview = false) =>
    reply
      .header('content-security-policy', preview ? PREVIEW_CSP : FACTSHEET_CSP)
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-store')
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="${filename}.html"`)
      .type('text/html; charset=utf-8')
      .send(html);
  // The Word writer is loaded at the first .docx, not when the server starts (as Chromium is).
  const sendDocx = async (reply: FastifyReply, document: FactsheetDocument, filename: string) =>
    reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${filename}.docx"`)
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .send(await (await import('../factsheet/docx/render.js')).renderFactsheetDocx(document, pngsOf));
  const sendPdf = (reply: FastifyReply, pdf: Buffer, filename: string, download: boolean) =>
    reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="${filename}.pdf"`)
      .type('application/pdf')
      .send(pdf);

  // ---- composer (researchers) ------------------------------------------------------------

  app.get('/api/studies/:slug/factsheet/draft', { schema: DraftRoute, config: { permission: 'factsheet:compose' } }, async (req) => {
    const study = studyOf(req);
    const lang = langOf(req, req.query.lang);
    const meta = actorOf(req);
    const draft = await openDraft(db, study, { userId: meta.userId, label: meta.actor }, meta.now);
    const rendered = await renderDraft(db, source, study, draft.composition, lang, meta.now, {
      data: await data(study, draft.composition),
    });
    const sentences = rendered.document.sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.sentences.map((x) => ({ ...x, section: s.key, paragraph: b.style })) : [])),
    );
    // Sentences hidden by an empty edit are not in the document; list them too (not those of a question left out).
    const omit = omittedQuestions(draft.composition);
    const hidden = draft.composition.edits.filter(
      (e) => e.lang === lang && e.text.trim() === '' && !sentences.some((s) => s.key === e.key) && !omittedSentence(e.key, omit),
    );
    return {
      revision: draft.revision,
      updatedAt: draft.updatedAt,
      lang,
      languages: study.definition.languages,
      composition: draft.composition,
      // Only the sections this study has data for, titled in its own words.
      catalogue: SECTION_KEYS.filter((key) => sectionOffered(key, rendered.data)).map((key) => ({
        key,
        title: sectionTitle(key, lang, rendered.data.study.vocabulary),
        charts: [...((SECTION_CHARTS as Record<string, readonly ChartKind[]>)[key] ?? [])],
      })),
      sentences,
      hidden: hidden.map((e) => e.key),
      charts: rendered.document.charts.map((c) => ({ id: c.id, section: c.section, kind: c.kind, title: c.title })),
      warnings: rendered.document.warnings,
      quotes: rendered.quotes.map((q) => ({
        id: q.id,
        text: q.text,
        attribution: q.attribution,
        item: q.item,
        round: q.round,
        groupSize: q.groupSize,
        eligible: q.groupSize >= rendered.data.settings.minGroupForQuotes,
      })),
      thresholds: rendered.data.settings,
      pdfAvailable: renderer.available,
      splitOptions: splitOptions(study.definition, lang),
      groupOptions: groupOptions(study.definition, lang),
      questionOptions: (rendered.data.questions ?? []).map((q) => ({ id: q.id, label: pick(q.label, lang) })),
    };
  });

  app.put('/api/studies/:slug/factsheet/draft', { schema: SaveDraftRoute, config: { permission: 'factsheet:compose' } }, async (req) => {
    const study = studyOf(req);
    const meta = actorOf(req);
    const next = req.body.composition;
    const issues = [...checkComposition(next, study.definition.vocabulary), ...checkSubgroups(next, study.definition)];
    // The composer shows `text` in the user's language (web/app/api.ts failureMessage); `message` stays the API's English.
    if (issues.length)
      throw new ApiError('VALIDATION', issues.map((i) => i.message).join('; '), {
        issues,
        text: { nl: issues.map((i) => i.nl).join(' '), en: issues.map((i) => i.en).join(' ') },
      });
    const current = await openDraft(db, study, { userId: meta.userId, label: meta.actor }, meta.now);
    const stamped = stampEdits(current.composition, next, await data(study, next), meta.now);
    return writeTx(db, async (trx) => {
      const revision = await saveDraft(trx, study.id, stamped, req.body.revision, meta.userId, meta.now);
      if (revision === null) {
        throw refusal(
          'CONFLICT',
          {
            nl: 'Iemand anders heeft deze factsheet intussen opgeslagen; laad opnieuw om die wijzigingen te zien.',
            en: 'Someone else saved this factsheet in the meantime; reload to see their changes.',
          },
          { reason: 'revision' },
        );
      }
      await audit(trx, {
        actor: meta.actor,
        studyId: study.id,
        action: 'factsheet.draft.save',
        target: `revision ${revision}`,
        session: meta.session,
        at: meta.now,
      });
      return { revision, updatedAt: meta.now.toISOString() };
    });
  });

  app.get(
    '/api/studies/:slug/factsheet/draft/output',
    { schema: DraftOutputRoute, config: { permission: 'factsheet:compose' } },
    async (req, reply) => {
      const study = studyOf(req);
      const lang = langOf(req, req.query.lang);
      const meta = actorOf(req);
      const draft = await openDraft(db, study, { userId: meta.userId, label: meta.actor }, meta.now);
      const format = req.query.format ?? 'html';
      const preview = format === 'html' && req.query.mode === 'preview' && req.query.download !== '1';
      const rendered = await renderDraft(db, source, study, draft.composition, lang, meta.now, {
        data: await data(study, draft.composition),
        mode: preview ? 'preview' : 'final',
        fitter: format === 'docx' ? undefined : fitter(),
      });
      const name = `factsheet-${study.slug}-concept-${lang}`;
      if (format === 'pdf') return sendPdf(reply, await pdfOf(rendered.html), name, req.query.download === '1');
      if (format === 'docx') return sendDocx(reply, rendered.document, name);
      return sendHtml(reply, rendered.html, name, req.query.download === '1', preview);
    },
  );

  app.get(
    '/api/studies/:slug/factsheet/draft/charts/:chart',
    { schema: DraftChartRoute, config: { permission: 'factsheet:compose' } },
    async (req, reply) => {
      const study = studyOf(req);
      const lang = langOf(req, req.query.lang);
      const meta = actorOf(req);
      const draft = await openDraft(db, study, { userId: meta.userId, label: meta.actor }, meta.now);
      const rendered = await renderDraft(db, source, study, draft.composition, lang, meta.now, {
        data: await data(study, draft.composition),
      });
      const chart = rendered.document.charts.find((c) => c.id === req.params.chart);
      if (!chart) throw new ApiError('NOT_FOUND', 'This factsheet has no such chart.');
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${study.slug}-${chart.id}-${lang}.png"`)
        .type('image/png')
        .send(await pngOf(chart.svg));
    },
  );

  app.post(
    '/api/studies/:slug/factsheet/publish',
    { schema: PublishRoute, config: { permission: 'factsheet:publish' } },
    async (req, reply) => {
      const study = studyOf(req);
      const meta = actorOf(req);
      const actor = { userId: meta.userId, label: meta.actor, session: meta.session };
      if (req.body.revision !== undefined) {
        const draft = await openDraft(db, study, actor, meta.now);
        if (draft.revision !== req.body.revision) {
          throw refusal(
            'CONFLICT',
            {
              nl: 'De factsheet is gewijzigd sinds u er het laatst naar keek; bekijk het voorbeeld en publiceer opnieuw.',
              en: 'The factsheet changed since you last looked at it; check the preview and publish again.',
            },
            { reason: 'revision', revision: draft.revision },
          );
        }
      }
      try {
        const summary = await publishDraft(db, async (s, c) => data(s, c), study, actor, meta.now, req.body.note ?? '', fitter());
        return reply.code(201).send(summary);
      } catch (err) {
        if (err instanceof UnchangedSinceError)
          throw new ApiError('CONFLICT', `Nothing changed since version ${err.version}; no new version was made.`, {
            reason: 'unchanged',
            version: err.version,
          });
        throw err;
      }
    },
  );

  // ---- published versions (researchers, trainers, managers) --------------------------------

  app.get('/api/studies/:slug/factsheets', { schema: VersionListRoute, config: { permission: 'factsheet:published' } }, async (req) => ({
    versions: (await listVersions(db, req.study!.id)).map(({ publishedBy: _p, ...v }) => v),
  }));

  const versionOf = (v: string): number | 'latest' => (v === 'latest' ? 'latest' : Number(v));

  app.get(
    '/api/studies/:slug/factsheets/:version',
    { schema: VersionOutputRoute, config: { permission: 'factsheet:published' } },
    async (req, reply) => {
      const study = studyOf(req);
      const lang = langOf(req, req.query.lang);
      const out = await publishedOutput(db, study, versionOf(req.params.version), lang);
      if (!out) throw new ApiError('NOT_FOUND', 'No published factsheet with this version and language.');
      const name = `factsheet-${study.slug}-v${out.version}-${lang}`;
      if (req.query.format === 'pdf') return sendPdf(reply, await pdfOf(out.html), name, req.query.download === '1');
      if (req.query.format === 'docx') return sendDocx(reply, out.document, name);
      // `mode=preview` changes only the policy, so the versions list can show it on A4 pages.
      return sendHtml(reply, out.html, name, req.query.download === '1', req.query.mode === 'preview' && req.query.download !== '1');
    },
  );

  app.get(
    '/api/studies/:slug/factsheets/:version/charts/:chart',
    { schema: VersionChartRoute, config: { permission: 'factsheet:published' } },
    async (req, reply) => {
      const study = studyOf(req);
      const lang = langOf(req, req.query.lang);
      const out = await publishedOutput(db, study, versionOf(req.params.version), lang);
      const chart = out?.document.charts.find((c) => c.id === req.params.chart);
      if (!out || !chart) throw new ApiError('NOT_FOUND', 'This factsheet has no such chart.');
      return reply
        .header('content-disposition', `attachment; filename="${study.slug}-v${out.version}-${chart.id}-${lang}.png"`)
        .type('image/png')
        .send(await pngOf(chart.svg));
    },
  );
};

export default factsheetRoutes;
