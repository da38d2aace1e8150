import type { FastifyReply } from 'fastify';
import { CreateShareRoute, ListSharesRoute, PublicShareRoute, RevokeShareRoute } from '../../model/api/factsheet-share.js';
import { audit } from '../audit.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { escapeHtml } from '../html.js';
import { actorOf } from '../setup/request-meta.js';
import {
  insertShare,
  listShares,
  loadShare,
  newShareToken,
  openShare,
  revokeShare,
  shareTokenHash,
  versionRowId,
} from '../factsheet/share/store.js';
import { FACTSHEET_CSP } from './factsheet.js';
import type { RoutePlugin } from './route-plugin.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Public read-only links to published factsheet versions: researchers make, list and revoke
 * them (audit-logged); anyone with a link reads that version at /f/<token> without logging in,
 * counted, rate limited, never indexed, until it expires or is revoked — then a page that says
 * only that the link no longer works.
 */
const factsheetShareRoutes: RoutePlugin = async (app) => {
  const ctx = app.rondo;
  const db = ctx.store.db;

  app.post(
    '/api/studies/:slug/factsheets/:version/shares',
    { schema: CreateShareRoute, config: { permission: 'factsheet:publish' } },
    async (req, reply) => {
      const meta = actorOf(req);
      const study = req.study!;
      const version = Number(req.params.version);
      const versionId = await versionRowId(db, study.id, version, req.body.lang);
      if (versionId === null) throw new ApiError('NOT_FOUND', 'No published factsheet with this version and language.');
      const token = newShareToken();
      const share = await writeTx(db, async (trx) => {
        const made = await insertShare(trx, {
          studyId: study.id,
          versionId,
          lang: req.body.lang,
          tokenHash: shareTokenHash(token),
          expiresAt: new Date(meta.now.getTime() + req.body.days * DAY),
          userId: meta.userId,
          now: meta.now,
        });
        await audit(trx, {
          actor: meta.actor,
          studyId: study.id,
          action: 'factsheet.share.create',
          target: `version ${version}`,
          details: { share: made.id, lang: made.lang, expiresAt: made.expiresAt },
          session: meta.session,
          at: meta.now,
        });
        return made;
      });
      return reply.code(201).send({ share, url: `${ctx.config.baseUrl}/f/${token}` });
    },
  );

  app.get(
    '/api/studies/:slug/factsheets/:version/shares',
    { schema: ListSharesRoute, config: { permission: 'factsheet:publish' } },
    async (req) => ({ shares: await listShares(db, req.study!.id, Number(req.params.version), ctx.now()) }),
  );

  app.delete(
    '/api/studies/:slug/factsheets/shares/:id',
    { schema: RevokeShareRoute, config: { permission: 'factsheet:publish' } },
    async (req) => {
      const meta = actorOf(req);
      const study = req.study!;
      const id = Number(req.params.id);
      return writeTx(db, async (trx) => {
        if (!(await revokeShare(trx, study.id, id, meta.userId, meta.now))) throw new ApiError('NOT_FOUND', 'This study has no such link.');
        const share = (await loadShare(trx, study.id, id, meta.now))!;
        await audit(trx, {
          actor: meta.actor,
          studyId: study.id,
          action: 'factsheet.share.revoke',
          target: `version ${share.version}`,
          details: { share: id, lang: share.lang },
          session: meta.session,
          at: meta.now,
        });
        return share;
      });
    },
  );

  // ---- the public page -------------------------------------------------------------------

  const page = (reply: FastifyReply, status: number, html: string) =>
    reply
      .code(status)
      .header('x-robots-tag', 'noindex, nofollow, noarchive')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .header('content-security-policy', FACTSHEET_CSP)
      .type('text/html; charset=utf-8')
      .send(html);

  app.get('/f/:token', { schema: PublicShareRoute, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const opened = /^[A-Za-z0-9_-]{43}$/.test(req.params.token) ? await openShare(db, req.params.token, ctx.now()) : 'unknown';
    if (opened === 'unknown') return page(reply, 404, notWorkingPage());
    if (opened === 'gone') return page(reply, 410, notWorkingPage());
    // Search engines are told twice: the header above and the page's own robots tag.
    return page(reply, 200, opened.html.replace(/<head>/i, '<head>\n<meta name="robots" content="noindex, nofollow">'));
  });
};

/** The same page for an unknown, revoked or expired link: it says nothing about the study. */
function notWorkingPage(): string {
  const title = 'Deze link werkt niet (meer) · This link does not work (any more)';
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font: 16px/1.5 Arial, Helvetica, sans-serif; color: #1b2430; max-width: 34rem; margin: 3rem auto; padding: 0 1rem }
h1 { font-size: 1.4rem }
</style></head>
<body><main>
<h1>Deze link werkt niet (meer)</h1>
<p>De link is ingetrokken, verlopen of onjuist. Vraag degene die hem stuurde om een nieuwe link.</p>
<h2 lang="en">This link does not work (any more)</h2>
<p lang="en">The link was revoked, has expired or is not correct. Ask whoever sent it for a new link.</p>
</main></body>
</html>
`;
}

export default factsheetShareRoutes;
