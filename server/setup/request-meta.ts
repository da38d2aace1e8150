import type { FastifyRequest } from 'fastify';

/** Who acts, for audit entries: the user, the session reference and the app's clock. */
export function actorOf(req: FastifyRequest): { actor: string; session: string; userId: number; now: Date } {
  const s = req.session!;
  return { actor: `user:${s.user.id}`, session: s.ref, userId: s.user.id, now: req.server.rondo.now() };
}
