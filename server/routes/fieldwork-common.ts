import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';
import { findRound, type RoundRow } from '../fieldwork/rounds.js';

/** Who is acting, for the audit trail and the outbox. */
export function actorOf(req: FastifyRequest): { actor: string; session: string } {
  return { actor: `user:${req.session!.user.id}`, session: req.session!.ref };
}

/** The study the guard admitted the caller to. */
export function studyOf(req: FastifyRequest) {
  if (!req.study) throw new Error(`route ${req.routeOptions.url} has no study`);
  return req.study;
}

/** The round named by :key in the request's study, or 404. */
export async function roundOf(req: FastifyRequest, key: string): Promise<RoundRow> {
  const round = await findRound(req.server.rondo.store.db, studyOf(req).id, key);
  if (!round) throw new ApiError('NOT_FOUND', `There is no round "${key}" in this study.`);
  return round;
}
