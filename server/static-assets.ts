import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { acceptsGzip, addVary, negotiateEncoding } from './compress.js';

/**
 * The browser bundles under /assets/: the files scripts/build-web.mjs writes into dist/web, each
 * compressible one with a brotli (.br) and a gzip (.gz) copy beside it, chosen by Accept-Encoding.
 *
 * This replaces @fastify/static, which at start globbed the directory and registered a route (GET
 * and HEAD) for each of its ~80 files: with its modules (glob, send, mime) that was ~100 ms of a
 * 0.7 s start and 7 MB of idle memory (docs/benchmarks.md, session 24). Here the directory is
 * listed once, and one route looks the requested name up in that list: a name not in it is a 404,
 * so no path a client sends is ever joined to the file system. What a response carries is what
 * @fastify/static sent: the type, `Cache-Control: public, max-age=3600`, Last-Modified and a weak
 * ETag of the sent file's size and time, `Vary: Accept-Encoding`, 304 for a matching
 * If-None-Match (or, without one, an If-Modified-Since not older than the file). Byte ranges are
 * not offered (`Accept-Ranges` is not sent): these files are small and fetched whole.
 */

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const CACHE_CONTROL = 'public, max-age=3600';
/** `hide`, as @fastify/swagger reads it: the route table (server/auth/guard.ts) and the API document leave the route out. */
const HIDDEN = { hide: true } as FastifySchema;

interface Asset {
  file: string;
  type: string;
  br: boolean;
  gzip: boolean;
}

/** Every file under `root` by its path relative to it ('/'-separated), with the compressed copies it has. */
function listAssets(root: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  if (!fs.existsSync(root)) return assets;
  const names = new Set(
    (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((e) => e.isFile())
      .map((e) =>
        path
          .relative(root, path.join(e.parentPath ?? e.path, e.name))
          .split(path.sep)
          .join('/'),
      ),
  );
  for (const name of names) {
    if (name.endsWith('.br') || name.endsWith('.gz')) continue;
    assets.set(name, {
      file: path.join(root, ...name.split('/')),
      type: TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
      br: names.has(`${name}.br`),
      gzip: names.has(`${name}.gz`),
    });
  }
  return assets;
}

/** The copy to send: brotli or gzip when the client accepts it and the build made it, else the file itself. */
function chooseCopy(asset: Asset, acceptEncoding: string | undefined): { file: string; encoding?: 'br' | 'gzip' } {
  const preferred = negotiateEncoding(acceptEncoding);
  if (preferred === 'br' && asset.br) return { file: `${asset.file}.br`, encoding: 'br' };
  // gzip when preferred, or when brotli was but this file has no brotli copy and gzip is accepted too.
  if (asset.gzip && (preferred === 'gzip' || (preferred === 'br' && acceptsGzip(acceptEncoding))))
    return { file: `${asset.file}.gz`, encoding: 'gzip' };
  return { file: asset.file };
}

/** Whether the client's copy (by If-None-Match, else If-Modified-Since) is still this one. */
function fresh(req: FastifyRequest, etag: string, mtime: Date): boolean {
  const match = req.headers['if-none-match'];
  if (match !== undefined) return match.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  const since = req.headers['if-modified-since'];
  if (since === undefined) return false;
  const at = Date.parse(since);
  return Number.isFinite(at) && Math.floor(mtime.getTime() / 1000) * 1000 <= at;
}

/** Registers GET (and HEAD) /assets/* for the files under `root`, listed now. Hidden from the API's route table. */
export function staticAssets(app: FastifyInstance, root: string): void {
  const assets = listAssets(root);
  app.get('/assets/*', { schema: HIDDEN }, async (req: FastifyRequest<{ Params: { '*': string } }>, reply: FastifyReply) => {
    const asset = assets.get(req.params['*']);
    if (!asset) return reply.callNotFound();
    const copy = chooseCopy(asset, req.headers['accept-encoding']);
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(copy.file);
    } catch {
      return reply.callNotFound(); // removed since the start
    }
    const etag = `W/"${stat.size.toString(16)}-${stat.mtime.getTime().toString(16)}"`;
    reply.header('cache-control', CACHE_CONTROL).header('last-modified', stat.mtime.toUTCString()).header('etag', etag);
    addVary(reply);
    if (fresh(req, etag, stat.mtime)) return reply.code(304).send();
    reply.type(asset.type).header('content-length', stat.size);
    if (copy.encoding) reply.header('content-encoding', copy.encoding);
    // HEAD: Fastify's HEAD route keeps the Content-Length set above when the payload is a stream
    // (it would write 0 for none); an empty one reads nothing from the disk.
    if (req.method === 'HEAD') return reply.send(Readable.from([]));
    return reply.send(fs.createReadStream(copy.file));
  });
}
