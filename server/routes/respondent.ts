import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBodySchema, TextFile } from '../../model/api/common.js';
import {
  DraftBody,
  DraftResponse,
  LinkParams,
  PageQuery,
  RESPONDENT_ERRORS,
  SubmitBody,
  SubmitResponse,
} from '../../model/api/respondent.js';
import type { RespondentDraft } from '../../model/index.js';
import { acceptsGzip, addVary } from '../compress.js';
import { ApiError } from '../errors.js';
import { loadAnswers, prepareForm, scriptJson } from '../respondent/form.js';
import {
  closedPage,
  continuePage,
  formPage,
  notOpenPage,
  pageLanguage,
  rateLimitedPage,
  submittedPage,
  unknownLinkPage,
} from '../respondent/pages.js';
import { RESPONDENT_LIMITS, WindowLimiter } from '../respondent/rate-limit.js';
import { roundPhase } from '../respondent/round-phase.js';
import { markOpened, saveDraft, submitResponse } from '../respondent/save.js';
import {
  BROWSER_KEY_PATTERN,
  resolveAnonymous,
  resolveInvitation,
  resolveLink,
  startedBeforeClosing,
  type Subject,
} from '../respondent/subject.js';
import type { RoutePlugin } from './route-plugin.js';

/** Cookie of a personal link: the link token itself, for the rest of the browser session. */
export const INVITATION_COOKIE = 'rondo_r';
/** Cookie of an anonymous link: the round's link token and this browser's key, kept for months. */
export const ANONYMOUS_COOKIE = 'rondo_a';
const ANONYMOUS_COOKIE_DAYS = 180;

// A questionnaire of 2,000 cells with long open answers stays well below this.
const BODY_LIMIT = 256 * 1024;

/**
 * The respondent's routes — public, reached only through a link token:
 * - GET /r/<token>: exchanges a link for a cookie and continues at a URL without the token;
 * - GET /r and /r/anon: the questionnaire, or the page for the link's state;
 * - PUT /r/api/draft, POST /r/api/submit (and under /r/anon/api for anonymous links).
 * Rate limits are per link and, generously, per address (the global per-address limit would
 * stop an organisation that shares one address). Registered as a context of its own beside the
 * staff's (server/app.ts): no helmet and no guard; the root's hooks (strict JSON, cookies, NUL,
 * compression), error handler and the staff context's 404 handler apply as to every route.
 */
const respondentRoutes: RoutePlugin = async (app) => {
  const { store, config } = app.rondo;
  const sqlite = store.sqlite;
  const secure = config.baseUrl.startsWith('https:');
  const perLink = new WindowLimiter(RESPONDENT_LIMITS.perLink, 60_000);
  const perAddress = new WindowLimiter(RESPONDENT_LIMITS.perAddress, 60_000);
  const unknownPerAddress = new WindowLimiter(RESPONDENT_LIMITS.unknownPerAddress, 60_000);

  // The security headers of every other route: helmet's (CSP, frame ancestors, nosniff, referrer
  // policy…), which only the staff context registers (server/app.ts). Taken once from a probe
  // request, which the staff context answers with a 404, and set as they are: this context has no
  // helmet, whose hooks build them anew for every request (a tenth of a page load's CPU).
  let securityHeaders: Record<string, string> | null = null;
  const SECURITY =
    /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|strict-transport-security|x-content-type-options|x-dns-prefetch-control|x-download-options|x-frame-options|x-permitted-cross-domain-policies|x-xss-protection)/;

  const mirror = async () => {
    const probe = await app.inject({ url: '/.well-known/rondo-security-headers' });
    const headers = Object.fromEntries(
      Object.entries(probe.headers)
        .filter(([k]) => SECURITY.test(k))
        .map(([k, v]) => [k, String(v)]),
    );
    if (!headers['content-security-policy']) throw new Error('respondent routes: no security headers to mirror');
    securityHeaders = headers;
  };
  // Callback style once the headers are known: no promise per request (see the strict JSON hook in server/app.ts).
  const onRequest = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    reply.headers(securityHeaders!);
    reply.header('cache-control', 'no-store');
    const wait = perAddress.hit(req.ip);
    if (!wait) return done();
    try {
      // A page (429) is sent here and ends the request (a hook that replies does not call done);
      // an API route's refusal is an error.
      limited(req, reply, wait);
    } catch (err) {
      done(err as Error);
    }
  };
  app.addHook('onRequest', (req, reply, done) => {
    if (securityHeaders) return onRequest(req, reply, done);
    mirror().then(() => onRequest(req, reply, done), done);
  });

  const limited = (req: FastifyRequest, reply: FastifyReply, wait: number) => {
    reply.header('retry-after', String(wait));
    if (req.url.includes('/api/')) throw new ApiError('RATE_LIMITED');
    return reply
      .code(429)
      .type('text/html; charset=utf-8')
      .send(rateLimitedPage(pageLanguage(req.query, null)));
  };

  const html = (reply: FastifyReply, status: number, body: string | Buffer) =>
    reply.code(status).type('text/html; charset=utf-8').send(body);

  // Not compressed on the fly (compress.ts): the questionnaire gzips itself, the other pages and answers are small.
  const pageConfig = { rateLimit: false, compress: false } as const;
  // The pages answer with HTML (the questionnaire or the page for the link's state), also for
  // an unknown link (404) and too many requests (429); only the 200 is declared, because a
  // 429 can also be an error body (see limited). Errors of the query are error bodies.
  const pageSchema = { querystring: PageQuery, response: { 200: TextFile, 400: ErrorBodySchema } };

  app.get('/r/*', { config: pageConfig, schema: { ...pageSchema, params: LinkParams } }, async (req, reply) => {
    const token = req.params['*'];
    const subject = resolveLink(sqlite, token);
    if (!subject) {
      const wait = unknownPerAddress.hit(req.ip);
      if (wait) return limited(req, reply, wait);
      return html(reply, 404, unknownLinkPage(pageLanguage(req.query, null)));
    }
    // Everyone on an anonymous link shares its token: only the address limit applies there.
    const wait = subject.kind === 'invitation' ? perLink.hit(subject.tokenHash) : 0;
    if (wait) return limited(req, reply, wait);
    const lang = pageLanguage(req.query, subject);
    let target: string;
    if (subject.kind === 'invitation') {
      reply.setCookie(INVITATION_COOKIE, token, { path: '/r', httpOnly: true, sameSite: 'strict', secure });
      if (req.method === 'GET') await markOpened(store, subject.invitationId!, app.rondo.now());
      target = '/r';
    } else {
      // The same browser keeps its key, so it continues its own draft and sees its own
      // submission; another browser gets a new key and its own response.
      const [oldToken, oldKey] = (req.cookies[ANONYMOUS_COOKIE] ?? '').split('.');
      const key = oldToken === token && BROWSER_KEY_PATTERN.test(oldKey ?? '') ? oldKey : crypto.randomBytes(32).toString('base64url');
      reply.setCookie(ANONYMOUS_COOKIE, `${token}.${key}`, {
        path: '/r',
        httpOnly: true,
        sameSite: 'strict',
        secure,
        maxAge: ANONYMOUS_COOKIE_DAYS * 86_400,
      });
      target = '/r/anon';
    }
    if (req.query.lang === 'nl' || req.query.lang === 'en') target += `?lang=${req.query.lang}`;
    reply.header('refresh', `0; url=${target}`);
    return html(reply, 200, continuePage(lang, subject, target));
  });

  /** The per-link limit's key: the invitation's token, or the anonymous browser's key. */
  const linkKey = (subject: Subject) => subject.browserKeyHash ?? subject.tokenHash;
  const invitationSubject = (req: FastifyRequest) => resolveInvitation(sqlite, req.cookies[INVITATION_COOKIE]);
  const anonymousSubject = (req: FastifyRequest) => {
    const [token, key] = (req.cookies[ANONYMOUS_COOKIE] ?? '').split('.');
    return resolveAnonymous(sqlite, token, key);
  };

  /** The page for a subject's state: the questionnaire only while it can be answered. */
  const page = (req: FastifyRequest, reply: FastifyReply, subject: Subject | null) => {
    if (!subject) {
      const wait = unknownPerAddress.hit(req.ip);
      if (wait) return limited(req, reply, wait);
      return html(reply, 404, unknownLinkPage(pageLanguage(req.query, null)));
    }
    const wait = perLink.hit(linkKey(subject));
    if (wait) return limited(req, reply, wait);
    const lang = pageLanguage(req.query, subject);
    if (subject.response?.status === 'submitted') return html(reply, 200, submittedPage(lang, subject));
    const { phase, graceUntil } = roundPhase(subject.round, subject.graceMinutes, app.rondo.now());
    if (phase === 'not-open') return html(reply, 200, notOpenPage(lang, subject));
    // In the grace period only those who had started may finish; nobody new begins.
    if (phase === 'closed' || (phase === 'grace' && !startedBeforeClosing(subject))) return html(reply, 200, closedPage(lang, subject));
    const form = prepareForm(sqlite, subject);
    if (!form) return html(reply, 404, unknownLinkPage(lang));
    const draft: RespondentDraft = {
      language: lang,
      answers: subject.response ? loadAnswers(sqlite, subject.response.id) : [],
      localKey: (subject.browserKeyHash ?? subject.tokenHash).slice(0, 16),
      graceUntil,
    };
    // Gzipped for a browser that takes it (every browser does): the static parts are compressed once (formPage).
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    addVary(reply);
    if (gzip) reply.header('content-encoding', 'gzip');
    return html(reply, 200, formPage(lang, subject, form, scriptJson(draft), gzip));
  };

  app.get('/r', { config: pageConfig, schema: pageSchema }, async (req, reply) => page(req, reply, invitationSubject(req)));
  app.get('/r/anon', { config: pageConfig, schema: pageSchema }, async (req, reply) => page(req, reply, anonymousSubject(req)));

  for (const [prefix, resolve] of [
    ['/r/api', invitationSubject],
    ['/r/anon/api', anonymousSubject],
  ] as const) {
    const subjectOf = (req: FastifyRequest) => {
      const subject = resolve(req);
      if (!subject) {
        // A guessed cookie counts like a guessed link: the same limit per address.
        const wait = unknownPerAddress.hit(req.ip);
        if (wait) throw new ApiError('RATE_LIMITED', undefined, { retryAfterSeconds: wait });
        throw new ApiError('LINK_INVALID');
      }
      if (perLink.hit(linkKey(subject))) throw new ApiError('RATE_LIMITED');
      const form = prepareForm(sqlite, subject);
      if (!form) throw new ApiError('LINK_INVALID');
      return { subject, form };
    };

    app.put(
      `${prefix}/draft`,
      {
        config: pageConfig,
        bodyLimit: BODY_LIMIT,
        schema: { body: DraftBody, response: { 200: DraftResponse, ...RESPONDENT_ERRORS } },
      },
      async (req) => {
        const { subject, form } = subjectOf(req);
        return saveDraft(store, subject, form, req.body, app.rondo.now());
      },
    );

    app.post(
      `${prefix}/submit`,
      {
        config: pageConfig,
        bodyLimit: BODY_LIMIT,
        schema: { body: SubmitBody, response: { 200: SubmitResponse, ...RESPONDENT_ERRORS } },
      },
      async (req) => {
        const { subject, form } = subjectOf(req);
        return submitResponse(store, subject, form, req.body, app.rondo.now());
      },
    );
  }
};
export default respondentRoutes;
