import type { Config } from './config.js';
import type { Store } from './db/open.js';

/** What every route can reach: configuration, the store and the link secret. */
export interface AppContext {
  config: Readonly<Config>;
  store: Store;
  secret: Buffer;
  version: string;
  /** The clock, replaceable in tests. */
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    rondo: AppContext;
  }
}
