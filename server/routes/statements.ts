import type { FastifyReply, FastifyRequest } from 'fastify';
import { TextFile } from '../../model/api/common.js';
import { PageQuery } from '../../model/api/respondent.js';
import { prepareForm } from '../respondent/form.js';
import { pageLanguage, rateLimitedPage, unknownLinkPage } from '../respondent/pages.js';
import { RESPONDENT_LIMITS, WindowLimiter } from '../respondent/rate-limit.js';
import { resolveAnonymous, resolveInvitation, type Subject } from '../respondent/subject.js';
import { ACCESSIBILITY_PATHS, accessibilityStatementPage } from '../statements/accessibility-statement.js';
import { respondentPrivacyPage } from '../statements/respondent-privacy.js';
import { ANONYMOUS_COOKIE, INVITATION_COOKIE } from './respondent.js';
import type { RoutePlugin } from './route-plugin.js';

/**
 * The public statements: the accessibility statement (/toegankelijkheid, /accessibility) and the
 * respondent's privacy statement of the study behind their link cookie (/r/privacy for a personal
 * link, /r/anon/privacy for an anonymous one), in the respondent's language.
 */
const statementRoutes: RoutePlugin = async (app) => {
  const { config, store, version } = app.rondo;
  const schema = { querystring: PageQuery, response: { 200: TextFile } };
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  for (const lang of ['nl', 'en'] as const) {
    app.get(ACCESSIBILITY_PATHS[lang], { schema }, async (_req, reply) =>
      html(reply, 200, accessibilityStatementPage(lang, { ...config, version })),
    );
  }

  // A cookie that matches no link counts against the same per-address limit as a guessed link.
  const unknownPerAddress = new WindowLimiter(RESPONDENT_LIMITS.unknownPerAddress, 60_000);
  const statement = (req: FastifyRequest, reply: FastifyReply, subject: Subject | null, back: string) => {
    const lang = pageLanguage(req.query, subject);
    if (!subject) {
      const wait = unknownPerAddress.hit(req.ip);
      if (wait) return html(reply.header('retry-after', String(wait)), 429, rateLimitedPage(lang));
      return html(reply, 404, unknownLinkPage(lang));
    }
    const form = prepareForm(store.sqlite, subject);
    if (!form) return html(reply, 404, unknownLinkPage(lang));
    const round = subject.round.key;
    const sections = form.questionnaire.sections.map((s) => ({ ...s, items: s.items.filter((i) => i.rounds.includes(round)) }));
    const row = store.sqlite.prepare('select retention_until from study where id = ?').get(subject.studyId) as
      | { retention_until: string | null }
      | undefined;
    return html(
      reply,
      200,
      respondentPrivacyPage({
        lang,
        kind: subject.kind,
        study: subject.study,
        questionnaire: { sections },
        retentionUntil: row?.retention_until ?? null,
        operatorContact: config.contactEmail,
        back: `${back}?lang=${lang}`,
      }),
    );
  };

  app.get('/r/privacy', { schema }, async (req, reply) =>
    statement(req, reply, resolveInvitation(store.sqlite, req.cookies[INVITATION_COOKIE]), '/r'),
  );
  app.get('/r/anon/privacy', { schema }, async (req, reply) => {
    const [token, key] = (req.cookies[ANONYMOUS_COOKIE] ?? '').split('.');
    return statement(req, reply, resolveAnonymous(store.sqlite, token, key), '/r/anon');
  });
};
export default statementRoutes;
