import { packedAnswerColumns } from '../db/packed-answers.js';
import type { PackedAnswers } from './cells.js';
import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { ExchangeStudy } from './study-data.js';
import { CaseExtras } from './case-extras.js';

/** A submitted response as the exports see it: pseudonymous, never a name or an e-mail. */
export interface ResponseMeta extends PackedAnswers {
  id: number;
  roundId: number;
  /** The participant's row id, or null for an anonymous response. */
  participantId: number | null;
  /** The participant's pseudonymous key, or `anon:<response id>` for an anonymous response. */
  participant: string;
  anonymous: boolean;
  organisation: string;
  role: string;
  team: string;
  /** The respondent group's key ('' when the study has no group column: case-extras.ts). */
  group: string;
  /** The participant's cohort-attribute values in the study's order (none for an anonymous response). */
  attributes: readonly string[];
  submittedAt: string | null;
}

/** The key an anonymous response gets in exports; `:` cannot occur in a participant key. */
export const anonymousKey = (responseId: number): string => `anon:${responseId}`;

type Row = [
  id: number,
  key: string | null,
  organisation: string | null,
  role: string | null,
  team: string | null,
  submittedAt: string | null,
  layout: number | null,
  keys: string | null,
  values: string | null,
  participantId: number | null,
  participantGroup: string | null,
  linkGroup: string | null,
];

const NO_ATTRIBUTES: readonly string[] = [];
const NOT_INVITED: ReadonlySet<number> = new Set();

/**
 * Rows a batched read takes at a time: `.all()` costs less per row than `.iterate()` (~12% for the
 * responses), and a batch of 256 rows (~100 kB) stays small.
 */
const BATCH = 256;

/**
 * The rows of a statement that ends in `and <id> > ? order by <id> limit ${BATCH}`, read batch after
 * batch: `params` first, then the last id read (column `idColumn` of a row). Unlike `.iterate()`,
 * no statement stays open between batches.
 */
function* inBatches<R extends unknown[]>(statement: Statement, params: readonly unknown[], idColumn = 0): Generator<R> {
  const raw = statement.raw();
  let last = -Infinity;
  for (;;) {
    const rows = raw.all(...params, last) as R[];
    yield* rows;
    if (rows.length < BATCH) return;
    last = rows[rows.length - 1][idColumn] as number;
  }
}

/**
 * Submitted responses of one round in the order they were stored, with their packed answers:
 * one row per response, read in batches. With `extras` each response carries its group and attributes.
 */
export function* roundResponses(sqlite: SQLiteDatabase, roundId: number, withTexts: boolean, extras?: CaseExtras): Generator<ResponseMeta> {
  const statement = sqlite.prepare(
    `select r.id, p.key, p.organisation, p.role, p.team, r.submitted_at, ${packedAnswerColumns(withTexts)}, p.id, p.group_key, r.group_key
     from response r left join participant p on p.id = r.participant_id
     where r.round_id = ? and r.status = 'submitted' and r.id > ?
     order by r.id limit ${BATCH}`,
  );
  for (const r of inBatches<Row>(statement, [roundId])) {
    const anonymous = r[1] === null;
    yield {
      id: r[0],
      roundId,
      participantId: r[9],
      participant: anonymous ? anonymousKey(r[0]) : r[1]!,
      anonymous,
      organisation: r[2] ?? '',
      role: r[3] ?? '',
      team: r[4] ?? '',
      group: extras ? (anonymous ? extras.group(r[11], 'anonymous') : extras.group(r[10], 'personal')) : '',
      attributes: extras ? extras.attributes(r[9]) : NO_ATTRIBUTES,
      submittedAt: r[5],
      layout: r[6],
      keys: r[7],
      values: r[8],
    };
  }
}

/** Submitted responses in round order, then in the order they were stored. */
export function* submittedResponses(
  sqlite: SQLiteDatabase,
  study: ExchangeStudy,
  withTexts: boolean,
  extras?: CaseExtras,
): Generator<ResponseMeta> {
  for (const round of study.rounds) yield* roundResponses(sqlite, round.id, withTexts, extras);
}

/** One row of the wide file: a participant with their invitations and submitted responses. */
export interface WideCase {
  participant: string;
  anonymous: boolean;
  organisation: string;
  role: string;
  team: string;
  /** Key of the round from which the participant left the study, or null. */
  leftFrom: string | null;
  /** The respondent group's key: the participant's, or the anonymous link's ('' without a group column). */
  group: string;
  /** attrs: the participant's cohort-attribute values, in the study's attribute order ('' none). */
  attributes: readonly string[];
  /** Round ids the participant was invited to (not revoked); shared between cases, never changed. */
  invited: ReadonlySet<number>;
  /** Submitted response per round id: its id, submission time and packed answers. */
  responses: Map<number, WideResponse>;
}

export interface WideResponse extends PackedAnswers {
  id: number;
  submittedAt: string | null;
}

type ByParticipant = [
  participantId: number,
  roundId: number,
  id: number,
  submittedAt: string | null,
  layout: number | null,
  keys: string | null,
  values: string | null,
];

/**
 * Every participant of the study (respondent or not) in the order they were added, then every
 * anonymous response as a case of its own. The responses come from one query in participant
 * order (the participant index gives that order without a sort), merged with the participants
 * and their invitations as they stream: memory does not grow with the study.
 */
export function* wideCases(sqlite: SQLiteDatabase, study: ExchangeStudy, withTexts: boolean): Generator<WideCase> {
  const extras = new CaseExtras(sqlite, study);
  const rounds = new Set(study.rounds.map((r) => r.id));
  // Should a participant have two submitted responses in a round, the later one stands.
  const responses = sqlite
    .prepare(
      `select r.participant_id, r.round_id, r.id, r.submitted_at, ${packedAnswerColumns(withTexts)}
     from response r indexed by response_participant
     where r.participant_id is not null and r.study_id = ? and r.status = 'submitted'
     order by r.participant_id, r.id`,
    )
    .raw()
    .iterate(study.id) as IterableIterator<ByParticipant>;
  let nextResponse = responses.next();
  try {
    for (const p of studyParticipants(sqlite, study, extras)) {
      const byRound = new Map<number, WideResponse>();
      while (!nextResponse.done && nextResponse.value[0] <= p.id) {
        const [pid, roundId, responseId, submittedAt, layout, keys, values] = nextResponse.value;
        if (pid === p.id && rounds.has(roundId)) byRound.set(roundId, { id: responseId, submittedAt, layout, keys, values });
        nextResponse = responses.next();
      }
      yield {
        participant: p.key,
        anonymous: false,
        organisation: p.organisation,
        role: p.role,
        team: p.team,
        leftFrom: p.leftFrom,
        group: p.group,
        attributes: p.attributes,
        invited: p.invited,
        responses: byRound,
      };
    }
  } finally {
    responses.return?.(undefined);
  }
  const noValues = extras.attributes(null);
  for (const round of study.rounds) {
    const anonymous = sqlite
      .prepare(
        `select r.id, r.submitted_at, ${packedAnswerColumns(withTexts)}, r.group_key from response r
       where r.round_id = ? and r.status = 'submitted' and r.participant_id is null order by r.id`,
      )
      .raw()
      .iterate(round.id) as IterableIterator<[number, string | null, number | null, string | null, string | null, string | null]>;
    for (const [id, submittedAt, layout, keys, values, group] of anonymous) {
      yield {
        participant: anonymousKey(id),
        anonymous: true,
        organisation: '',
        role: '',
        team: '',
        leftFrom: null,
        group: extras.group(group, 'anonymous'),
        attributes: noValues,
        invited: NOT_INVITED,
        responses: new Map([[round.id, { id, submittedAt, layout, keys, values }]]),
      };
    }
  }
}

/** A participant of the study with the rounds they were invited to (not revoked). */
export interface StudyParticipant {
  id: number;
  key: string;
  organisation: string;
  role: string;
  team: string;
  /** Key of the round from which the participant left the study, or null. */
  leftFrom: string | null;
  /** The respondent group's key ('' when the study has no group column: case-extras.ts). */
  group: string;
  /** attrs: cohort-attribute values in the study's attribute order ('' none). */
  attributes: readonly string[];
  /** Round ids of the invitations (not revoked): one set per combination of rounds, shared between participants, never changed. */
  invited: ReadonlySet<number>;
}

type ParticipantRow = [
  id: number,
  key: string,
  organisation: string,
  role: string,
  team: string,
  left: number | null,
  group: string | null,
  invited: string | null,
];

/**
 * Every participant of the study in the order they were added, with the rounds of their
 * invitations: one query (the open invitations read from their index, migration 20261209_0001).
 * The case columns of the wide file when the answers come from elsewhere (wide-from-rounds.ts).
 */
export function* studyParticipants(sqlite: SQLiteDatabase, study: ExchangeStudy, extras?: CaseExtras): Generator<StudyParticipant> {
  const participants = sqlite
    .prepare(
      `select p.id, p.key, p.organisation, p.role, p.team, p.left_from_round_id, p.group_key,
         (select group_concat(i.round_id) from invitation i indexed by invitation_open
          where i.participant_id = p.id and i.revoked_at is null)
       from participant p where p.study_id = ? order by p.id`,
    )
    .raw();
  const roundKey = new Map(study.rounds.map((r) => [r.id, r.key]));
  // Participants invited to the same rounds share one set (most are invited to every round).
  const invitedSets = new Map<string, ReadonlySet<number>>();
  const invitedTo = (rounds: string | null): ReadonlySet<number> => {
    if (rounds === null) return NOT_INVITED;
    let set = invitedSets.get(rounds);
    if (!set) invitedSets.set(rounds, (set = new Set(rounds.split(',').map(Number))));
    return set;
  };
  // The group and the values of the study's attributes (read in one query: a few short strings per participant).
  const cases = extras ?? new CaseExtras(sqlite, study);
  for (const [id, key, organisation, role, team, left, group, invited] of participants.iterate(
    study.id,
  ) as IterableIterator<ParticipantRow>) {
    yield {
      id,
      key,
      organisation,
      role,
      team,
      leftFrom: left === null ? null : (roundKey.get(left) ?? null),
      group: cases.group(group, 'personal'),
      attributes: cases.attributes(id),
      invited: invitedTo(invited),
    };
  }
}
