import type { Database as SQLiteDatabase } from 'better-sqlite3';
import type { ExchangeStudy } from './study-data.js';

/** A submitted response as the exports see it: pseudonymous, never a name or an e-mail. */
export interface ResponseMeta {
  id: number;
  roundId: number;
  /** The participant's pseudonymous key, or `anon:<response id>` for an anonymous response. */
  participant: string;
  anonymous: boolean;
  organisation: string;
  role: string;
  team: string;
  submittedAt: string | null;
}

/** The key an anonymous response gets in exports; `:` cannot occur in a participant key. */
export const anonymousKey = (responseId: number): string => `anon:${responseId}`;

type Row = [id: number, roundId: number, key: string | null, anonymous: number, organisation: string | null, role: string | null, team: string | null, submittedAt: string | null];

/** Submitted responses in round order, then in the order they were stored. */
export function* submittedResponses(sqlite: SQLiteDatabase, study: ExchangeStudy, roundId?: number): Generator<ResponseMeta> {
  const stmt = sqlite
    .prepare(
      `select r.id, r.round_id, p.key, r.anonymous, p.organisation, p.role, p.team, r.submitted_at
       from response r join round rd on rd.id = r.round_id left join participant p on p.id = r.participant_id
       where r.study_id = ? and r.status = 'submitted' ${roundId === undefined ? '' : 'and r.round_id = ?'}
       order by rd.position, r.id`,
    )
    .raw();
  const rows = (roundId === undefined ? stmt.iterate(study.id) : stmt.iterate(study.id, roundId)) as IterableIterator<Row>;
  for (const r of rows) yield toMeta(r);
}

function toMeta(r: Row): ResponseMeta {
  const anonymous = r[2] === null;
  return {
    id: r[0],
    roundId: r[1],
    participant: anonymous ? anonymousKey(r[0]) : r[2]!,
    anonymous,
    organisation: r[4] ?? '',
    role: r[5] ?? '',
    team: r[6] ?? '',
    submittedAt: r[7],
  };
}

/** One row of the wide file: a participant with their invitations and submitted responses. */
export interface WideCase {
  participant: string;
  anonymous: boolean;
  organisation: string;
  role: string;
  team: string;
  /** Round ids the participant was invited to (not revoked). */
  invited: Set<number>;
  /** Submitted response id per round id. */
  responses: Map<number, number>;
}

/**
 * Every participant of the study (respondent or not) in the order they were added, then every
 * anonymous response as a case of its own. Reads one participant at a time.
 */
export function* wideCases(sqlite: SQLiteDatabase, study: ExchangeStudy): Generator<WideCase> {
  const invitations = sqlite.prepare('select round_id from invitation where participant_id = ? and revoked_at is null').pluck();
  const responses = sqlite.prepare("select round_id, id from response where participant_id = ? and status = 'submitted' order by id").raw();
  const participants = sqlite.prepare('select id, key, organisation, role, team from participant where study_id = ? order by id').raw();
  for (const [id, key, organisation, role, team] of participants.iterate(study.id) as IterableIterator<[number, string, string, string, string]>) {
    const invited = new Set(invitations.all(id) as number[]);
    const byRound = new Map<number, number>();
    // Should a participant have two submitted responses in a round, the last one stands.
    for (const [roundId, responseId] of responses.all(id) as [number, number][]) byRound.set(roundId, responseId);
    yield { participant: key, anonymous: false, organisation, role, team, invited, responses: byRound };
  }
  const anonymous = sqlite
    .prepare(
      `select r.id, r.round_id from response r join round rd on rd.id = r.round_id
       where r.study_id = ? and r.status = 'submitted' and r.participant_id is null order by rd.position, r.id`,
    )
    .raw();
  for (const [id, roundId] of anonymous.iterate(study.id) as IterableIterator<[number, number]>) {
    yield { participant: anonymousKey(id), anonymous: true, organisation: '', role: '', team: '', invited: new Set(), responses: new Map([[roundId, id]]) };
  }
}
