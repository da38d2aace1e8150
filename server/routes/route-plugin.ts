import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/**
 * A route plugin whose `app` is typed by the TypeBox type provider: a route's params, query,
 * body and replies take their types from its schema in `model/api/`, so routes write no
 * generics and no second interface for what the schema already says. Types only: validation
 * stays with Fastify's Ajv (app.ts).
 */
export type RoutePlugin = FastifyPluginAsyncTypebox;
