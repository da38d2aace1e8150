import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * JSON and HTML responses of at least COMPRESS_MIN_BYTES sent compressed when the client accepts
 * it (brotli at a low quality for speed, else gzip), with Vary: Accept-Encoding: the API's answers,
 * and the HTML documents (a factsheet, its public share page, the regional report, the statements).
 * Everything else is left alone: small answers (a respondent's draft save, most staff replies),
 * streams (file downloads, exports that are already zip or xlsx), other media types, responses
 * that already carry a Content-Encoding (the questionnaire page gzips itself: server/respondent/pages.ts),
 * those marked Cache-Control: no-transform and those of a route configured `compress: false` (the
 * respondent's other pages: small, and not worth a compression each when a flood of unknown links
 * is answered). The static assets are compressed at build time instead (scripts/build-web.mjs,
 * served by server/static-assets.ts).
 */
export const COMPRESS_MIN_BYTES = 1024;

const BROTLI_QUALITY = 4;
const GZIP_LEVEL = 5;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESSIBLE_TYPE = /^(?:application\/(?:[a-z.+-]+\+)?json|text\/html)\b/i;

export type Encoding = 'br' | 'gzip';

/** The q-value of each content coding an Accept-Encoding header names (`*` included). */
function encodingWeights(header: string): Record<string, number> {
  const q: Record<string, number> = {};
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (name) q[name.trim()] = Number.isFinite(value) ? value : 0;
  }
  return q;
}

const weightOf = (q: Record<string, number>, enc: Encoding) => q[enc] ?? q['*'] ?? 0;

/**
 * The encoding to use for an Accept-Encoding header: the acceptable one with the highest q-value,
 * brotli before gzip when equal; `*` stands for either; undefined when neither is acceptable.
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const q = encodingWeights(header);
  return (['br', 'gzip'] as const).reduce<Encoding | undefined>(
    (a, enc) => (weightOf(q, enc) > (a ? weightOf(q, a) : 0) ? enc : a),
    undefined,
  );
}

/** Whether an Accept-Encoding header accepts gzip (for a response that is only offered gzipped or as it is). */
export function acceptsGzip(header: string | undefined): boolean {
  return !!header && weightOf(encodingWeights(header), 'gzip') > 0;
}

export function addVary(reply: FastifyReply): void {
  const current = reply.getHeader('vary');
  const value = Array.isArray(current) ? current.join(', ') : current === undefined ? '' : String(current);
  const tokens = value.split(',').map((t) => t.trim().toLowerCase());
  if (tokens.includes('accept-encoding') || tokens.includes('*')) return;
  reply.header('vary', value ? `${value}, Accept-Encoding` : 'Accept-Encoding');
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: the route's answers are never compressed on the fly (compressBodies). */
    compress?: false;
  }
}

/** Registers the onSend hook on the root instance (so it sees every route's replies). */
export function compressBodies(app: FastifyInstance): void {
  // Callback style: most replies (HTML pages, small JSON) leave at once, without a promise and a turn of the
  // microtask queue each (see the strict JSON hook in server/app.ts); only a body to compress waits.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    if (req.routeOptions.config?.compress === false) return done(null, payload);
    if (reply.getHeader('content-encoding') !== undefined) return done(null, payload);
    if (!COMPRESSIBLE_TYPE.test(String(reply.getHeader('content-type') ?? ''))) return done(null, payload);
    if (/\bno-transform\b/i.test(String(reply.getHeader('cache-control') ?? ''))) return done(null, payload);
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (bytes.length < COMPRESS_MIN_BYTES) return done(null, payload);
    addVary(reply);
    const encoding = negotiateEncoding(req.headers['accept-encoding']);
    if (!encoding) return done(null, payload);
    compress(reply, bytes, encoding).then((body) => done(null, body), done);
  });
}

/** The body compressed, with the headers that say so. */
async function compress(reply: FastifyReply, bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  const body =
    encoding === 'br'
      ? await brotli(bytes, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        })
      : await gzip(bytes, { level: GZIP_LEVEL });
  reply.header('content-encoding', encoding);
  reply.header('content-length', body.length);
  const etag = reply.getHeader('etag');
  if (typeof etag === 'string') reply.header('etag', etag.replace(/"$/, `-${encoding}"`));
  return body;
}
