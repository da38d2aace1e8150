import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../db/open.js';

const HEALTH = {
  type: 'object',
  properties: { status: { type: 'string' }, database: { type: 'string' }, disk: { type: 'string' }, version: { type: 'string' } },
} as const;

/** Below this much free space on the data directory's disk, writes are about to fail. */
const MIN_FREE_BYTES = 32 * 1024 * 1024;
/** Pages the database must still be able to take (a submission needs a few; 4 KiB each). */
const MIN_FREE_PAGES = 64;

/**
 * Whether the database can still take writes: room on the disk (statfs of the data
 * directory) and room under SQLite's own page limit (max_page_count, counting free pages).
 */
function diskFull(store: Store): boolean {
  const fsStats = fs.statfsSync(path.dirname(store.file));
  if (fsStats.bavail * fsStats.bsize < MIN_FREE_BYTES) return true;
  const pragma = (name: string) => store.sqlite.pragma(name, { simple: true }) as number;
  return pragma('max_page_count') - pragma('page_count') + pragma('freelist_count') < MIN_FREE_PAGES;
}

/**
 * GET /healthz: 200 when the database answers and can take writes; 503 when it does not
 * answer (`database: "error"`) or its disk is full (`disk: "full"`: answers could not be saved).
 */
export default async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: {
        response: {
          200: HEALTH,
          503: HEALTH,
        },
      },
    },
    async (_req, reply) => {
      const version = app.rondo.version;
      try {
        app.rondo.store.sqlite.prepare('select count(*) from study').get();
      } catch {
        return reply.code(503).send({ status: 'unavailable', database: 'error', version });
      }
      if (diskFull(app.rondo.store)) return reply.code(503).send({ status: 'unavailable', database: 'ok', disk: 'full', version });
      return { status: 'ok', database: 'ok', disk: 'ok', version };
    },
  );
}
