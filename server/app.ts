import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from './context.js';
import { ApiError, ERRORS, type ErrorBody, type ErrorCode } from './errors.js';
import guard, { routeTable } from './auth/guard.js';
import { analysisServicePlugin } from './analysis/service.js';
import fieldworkService from './fieldwork/service.js';
import { refuseNul } from './no-nul.js';
import { compressBodies } from './compress.js';
import { staticAssets } from './static-assets.js';
import healthRoutes from './routes/health.js';
import { respondentPlugins, routePlugins } from './routes/index.js';
import { WEB_DIST } from './paths.js';
import { lazySchemaCompilers } from './schema-compilers.js';

/** The headers of an answer sent before any hook has run (frameworkErrors): nothing may load, frame or refer. */
const BARE_ERROR_HEADERS = {
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export { WEB_DIST }; // where the browser bundles are served from (tests read them)

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const STRICT_JSON = /^application\/json(?:; ?charset=(?:utf-8|UTF-8))?$/;

/**
 * The respondent's fixed URLs, most of the requests a server gets: nothing in them to redact (the
 * patterns below leave them as they are), so their log lines skip the three replacements.
 */
const PLAIN_URLS = new Set(['/r', '/r/anon', '/r/api/draft', '/r/api/submit', '/r/anon/api/draft', '/r/anon/api/submit']);

/** Removes link tokens from URLs before they reach a log line. */
export function redactUrl(url: string): string {
  if (PLAIN_URLS.has(url)) return url;
  // Everything after /r/ except the respondent's fixed routes: a token may be followed by more
  // path (/r/<token>/<anything>), and any of it may be a token.
  return (
    url
      .replace(/\/r\/(?!(?:(?:anon\/)?api\/(?:draft|submit)|anon)(?:[?#]|$))[^?#]*/g, '/r/[token]')
      .replace(/([?&](?:token|t)=)[^&#]*/g, '$1[redacted]')
      // The single sign-on callback's query holds the provider's one-time code and the state.
      .replace(/^(\/login\/sso\/callback)\?.*$/, '$1?[redacted]')
  );
}

/** The security headers of every page and answer (helmet); the respondent's routes send the same ones. */
const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
  crossOriginEmbedderPolicy: false,
  hsts: false,
};

/** The server's log: pino at `level`, each request as its method, redacted address and id, and its status. */
export function loggerOptions(level: string) {
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: redactUrl(req.url), id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * One log line per request, written when it is answered: method, address (redacted), status
 * and time. Fastify's default writes a second line when each request arrives, which says
 * nothing the answer's line does not; at a region's respondents answering at once that line was
 * half of the server's logging (issue 21).
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/**
 * The whole application as a Fastify instance; server/start.ts only starts it. Plugins load
 * in order: parsing, cookies, rate limits, errors and compression for every route → the app's
 * services → two sibling contexts of routes: the respondent's (server/routes/respondent.ts) and
 * the staff's (staffContext: helmet, the guard, static assets, every other route and the 404s).
 */
export async function buildApp(ctx: AppContext, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? (ctx.config.logLevel === 'silent' ? false : loggerOptions(ctx.config.logLevel)),
    logController: new RequestLog(),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 256 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true } },
    return503OnClosing: true,
    // Each route's schemas are compiled at its first request, not at start (schema-compilers.ts).
    schemaController: { compilersFactory: lazySchemaCompilers() },
    // A URL that cannot be decoded (`/%E0%A4%A`) or a parameter too long never reaches a route, a
    // hook or the error handler: Fastify's own answer echoed the URL (a respondent's link
    // included) without any security header. Answered as every other bad request is, with the
    // strictest headers: an error body needs no script, style, frame or referrer.
    frameworkErrors: (error, _req, reply) => {
      const body: ErrorBody = { code: 'BAD_REQUEST', message: 'The address is not valid.' };
      void (reply as FastifyReply)
        .code(error.statusCode === 414 ? 414 : 400)
        .headers(BARE_ERROR_HEADERS)
        .send(body);
    },
  });
  app.decorate('rondo', ctx);

  // JSON only: no text/plain bodies, and a strict media-type check.
  app.removeContentTypeParser('text/plain');
  // Exactly the media type rondo's own clients send. Fastify's parser is lenient (other
  // casing, any charset, stray parameters); here anything but `application/json`, optionally
  // with `; charset=utf-8`, is refused before the body is read, so no request depends on how
  // leniently some parser reads its content type (SECURITY.md, "Requests").
  // Callback style, like the other hooks every request passes: an async hook costs each request a promise and a turn
  // of the microtask queue (issue 21, the respondent's page).
  app.addHook('onRequest', (req, _reply, done) => {
    if (!BODY_METHODS.has(req.method)) return done();
    const length = req.headers['content-length'];
    if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) return done();
    const type = req.headers['content-type'];
    done(type === undefined || !STRICT_JSON.test(type) ? new ApiError('UNSUPPORTED_MEDIA_TYPE') : undefined);
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: true, max: 600, timeWindow: '1 minute' });

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number; validation?: unknown }, req, reply) => {
    let code: ErrorCode;
    let message: string | undefined;
    let details: unknown;
    if (err instanceof ApiError) {
      code = err.code;
      message = err.message;
      details = err.details;
    } else if (err.validation) {
      code = 'VALIDATION';
      message = `${ERRORS.VALIDATION.message} ${err.message}`;
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      code = 'UNSUPPORTED_MEDIA_TYPE';
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      code = 'BODY_TOO_LARGE';
    } else if (err.statusCode === 429) {
      code = 'RATE_LIMITED';
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      code = 'BAD_REQUEST';
      message = err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The request body is empty.' : 'The request body is not valid JSON.';
    } else if ((err as { code?: string }).code === 'SQLITE_FULL') {
      code = 'UNAVAILABLE';
      message = 'The server is out of storage space; your answers were not saved. Try again later.';
    } else if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      code = 'UNAVAILABLE';
    } else {
      code = 'INTERNAL';
      req.log.error({ err }, 'unhandled error');
    }
    const body: ErrorBody = { code, message: message ?? ERRORS[code].message };
    if (details !== undefined) body.details = details;
    if (code === 'RATE_LIMITED' || code === 'UNAVAILABLE') {
      // One wait, said the same way in the header, the details and the message: the wait the
      // route stated (login throttling), else the rate limiter's own header, else 5 seconds.
      const stated = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      const header = Number(reply.getHeader('retry-after'));
      const seconds = typeof stated === 'number' ? stated : Number.isInteger(header) && header > 0 ? header : 5;
      reply.header('retry-after', String(seconds));
      if (code === 'RATE_LIMITED') body.details = { ...(body.details as object | undefined), retryAfterSeconds: seconds };
    }
    return reply.code(ERRORS[code].status).send(body);
  });

  compressBodies(app);
  refuseNul(app);
  await app.register(routeTable);
  await app.register(analysisServicePlugin);
  // On the root, not with the fieldwork routes in the staff context: server/start.ts starts its scheduler through app.fieldwork.
  await app.register(fieldworkService);
  // The respondent's routes, most of the requests a server gets, in a context of their own beside the staff's: they
  // run none of the staff context's hooks (helmet's, the guard's) and set the same security headers themselves.
  for (const plugin of respondentPlugins) await app.register(plugin);
  await app.register(staffContext);
  return app;
}

/**
 * Everything but the respondent's routes, in one encapsulated context: helmet's security headers (its hooks, an
 * async one among them, run on these routes only), the static assets, the guard (session, permissions, CSRF),
 * /healthz and the route plugins. The 404 handler is set here, so that every URL no route matches, under /r as
 * anywhere, passes these hooks and gets helmet's headers.
 */
async function staffContext(app: FastifyInstance): Promise<void> {
  await app.register(helmet, HELMET_OPTIONS);
  app.setNotFoundHandler((_req, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message } satisfies ErrorBody),
  );
  // The browser bundles (scripts/build-web.mjs), with their precompressed copies: server/static-assets.ts.
  staticAssets(app, WEB_DIST);
  await app.register(guard);
  await app.register(healthRoutes);
  for (const plugin of routePlugins) await app.register(plugin);
}
