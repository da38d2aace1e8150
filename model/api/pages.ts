import { Type, type Static } from '@sinclair/typebox';
import { literals } from './common.js';

/**
 * What the server answers outside the JSON API: the front page and the staff app's HTML shell
 * (server/routes/home.ts, app-shell.ts; their pages are `TextFile`) and the health check
 * (server/routes/health.ts). Each schema and its derived type share one name.
 */

/**
 * /login?next=…: where to go after logging in. Not validated here: server/auth/safe-next.ts
 * takes any value (also a repeated parameter) and falls back to /app for anything unsafe.
 */
export const LoginPageQuery = Type.Object({ next: Type.Optional(Type.Unknown()) });
export type LoginPageQuery = Static<typeof LoginPageQuery>;

/**
 * GET /healthz: 200 when the database answers and can take writes; 503 when it does not answer
 * (`database: "error"`, no `disk`) or its disk is full (`disk: "full"`).
 */
export const HealthResponse = Type.Object(
  {
    status: literals(['ok', 'unavailable'] as const),
    database: literals(['ok', 'error'] as const),
    disk: Type.Optional(literals(['ok', 'full'] as const)),
    version: Type.String(),
  },
  { additionalProperties: false },
);
export type HealthResponse = Static<typeof HealthResponse>;
