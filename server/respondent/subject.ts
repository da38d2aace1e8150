import type SQLite from 'better-sqlite3';
import { DEFAULT_STUDY_SETTINGS, groupOf, type EffectiveGroup, type Study } from '../../model/index.js';
import { changeEpoch } from '../db/change-epoch.js';
import { TOKEN_PATTERN, hashToken } from '../tokens.js';
import { parseStudyDefinition } from '../studies/repository.js';
import './schema.js';
import '../groups/schema.js';

/**
 * Who is answering: an invitation (participant × round) or one browser on a round's
 * anonymous link. Participant and round come only from here — from the token in the link
 * cookie — never from a request body.
 */
export interface Subject {
  kind: 'invitation' | 'anonymous';
  /** SHA-256 of the link token: the rate-limit key, never the token itself. */
  tokenHash: string;
  invitationId: number | null;
  participantId: number | null;
  /** SHA-256 of an anonymous browser's key; null for invitations. */
  browserKeyHash: string | null;
  studyId: number;
  /** The raw definition, for cache keys; `study` is its parsed form. */
  studyDefinition: string;
  study: Study;
  graceMinutes: number;
  round: { id: number; key: string; labelNl: string; labelEn: string; opensAt: string | null; closesAt: string | null };
  /** When the invitation's link was first opened; null for anonymous links. */
  openedAt: string | null;
  /** The stored group key: the participant's, or the anonymous link's (null: the round's own link). */
  groupKey: string | null;
  /** The respondent group (model/respondent-groups.ts): its introduction and the sections it sees. */
  group: EffectiveGroup;
  response: ResponseState | null;
}

export interface ResponseState {
  id: number;
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  submissionId: string | null;
  questionnaireVersionId: number;
  language: string;
}

interface Row {
  invitation_id: number | null;
  participant_id: number | null;
  revoked_at: string | null;
  opened_at: string | null;
  group_key: string | null;
  study_id: number;
  definition: string;
  round_id: number;
  round_key: string;
  label_nl: string;
  label_en: string;
  opens_at: string | null;
  closes_at: string | null;
  archived_at: string | null;
  response_id: number | null;
  status: 'draft' | 'submitted' | null;
  submitted_at: string | null;
  submission_id: string | null;
  questionnaire_version_id: number | null;
  language: string | null;
}

const ROUND_COLUMNS = `s.id as study_id, s.definition, r.id as round_id, r.key as round_key, r.label_nl, r.label_en, r.opens_at, r.closes_at, s.archived_at`;
const RESPONSE_COLUMNS = `p.id as response_id, p.status, p.submitted_at, p.submission_id, p.questionnaire_version_id, p.language`;

/** Prepared once per connection: the link lookups run on every respondent request. */
function statements(sqlite: SQLite.Database) {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      invitation: sqlite.prepare(
        `select i.id as invitation_id, i.participant_id, i.revoked_at, i.opened_at, pt.group_key, ${ROUND_COLUMNS}, ${RESPONSE_COLUMNS}
         from invitation i join round r on r.id = i.round_id join study s on s.id = r.study_id
         join participant pt on pt.id = i.participant_id
         left join response p on p.invitation_id = i.id
         where i.token_hash = ?`,
      ),
      // The same without the round and study, which come from the cache of rounds (roundOf), as an
      // array (InvitationRow): better-sqlite3 then names no properties, a microsecond of a page load.
      // It reads the connection's data_version too, in its own read transaction, for the change
      // epoch that decides whether that cache still holds: one read transaction per lookup, not two.
      invitationOnly: sqlite
        .prepare(
          `select i.id, i.participant_id, i.revoked_at, i.opened_at, pt.group_key, i.round_id,
                  p.id, p.status, p.submitted_at, p.submission_id, p.questionnaire_version_id, p.language,
                  (select data_version from pragma_data_version)
           from invitation i join participant pt on pt.id = i.participant_id
           left join response p on p.invitation_id = i.id
           where i.token_hash = ?`,
        )
        .raw(true),
      round: sqlite.prepare(`select ${ROUND_COLUMNS} from round r join study s on s.id = r.study_id where r.id = ?`),
      // The round's own anonymous link, or a respondent group's link for the round (group_link).
      anonymousRound: sqlite.prepare(
        `select null as invitation_id, null as participant_id, null as revoked_at, null as opened_at, null as group_key, ${ROUND_COLUMNS}
         from round r join study s on s.id = r.study_id where r.anonymous_link_hash = @h
         union all
         select null, null, null, null, g.group_key, ${ROUND_COLUMNS}
         from group_link g join round r on r.id = g.round_id join study s on s.id = r.study_id where g.link_hash = @h`,
      ),
      anonymousResponse: sqlite.prepare(`select ${RESPONSE_COLUMNS} from response p where p.browser_key_hash = ? and p.round_id = ?`),
    };
    cache.set(sqlite, s);
  }
  return s;
}
const cache = new WeakMap<
  SQLite.Database,
  {
    invitation: SQLite.Statement;
    invitationOnly: SQLite.Statement;
    round: SQLite.Statement;
    anonymousRound: SQLite.Statement;
    anonymousResponse: SQLite.Statement;
  }
>();

type RoundRow = Pick<
  Row,
  'study_id' | 'definition' | 'round_id' | 'round_key' | 'label_nl' | 'label_en' | 'opens_at' | 'closes_at' | 'archived_at'
>;

/** A row of `invitationOnly`, in its column order. */
type InvitationRow = [
  invitationId: number,
  participantId: number,
  revokedAt: string | null,
  openedAt: string | null,
  groupKey: string | null,
  roundId: number,
  responseId: number | null,
  status: 'draft' | 'submitted' | null,
  submittedAt: string | null,
  submissionId: string | null,
  questionnaireVersionId: number | null,
  language: string | null,
  dataVersion: number,
];

// The round and study of each round id, as read while the change epoch (server/db/change-epoch.ts)
// stayed the same: a link lookup then reads only the invitation, its participant and response.
const rounds = new WeakMap<SQLite.Database, { epoch: number; byId: Map<number, RoundRow> }>();
function roundOf(sqlite: SQLite.Database, roundId: number, dataVersion?: number): RoundRow | undefined {
  const epoch = changeEpoch(sqlite, dataVersion);
  if (epoch === null) return statements(sqlite).round.get(roundId) as RoundRow | undefined;
  let cached = rounds.get(sqlite);
  if (!cached || cached.epoch !== epoch) {
    cached = { epoch, byId: new Map() };
    rounds.set(sqlite, cached);
  }
  let row = cached.byId.get(roundId);
  if (!row) {
    row = statements(sqlite).round.get(roundId) as RoundRow | undefined;
    if (!row) return undefined;
    if (cached.byId.size > 1000) cached.byId.clear();
    cached.byId.set(roundId, row);
  }
  return row;
}

// Parsing a study definition costs more than the lookup itself; definitions are cached by
// their text, so an edited study is simply a new entry.
const studies = new Map<string, Study>();
function parseStudy(definition: string, studyId: number): Study {
  let study = studies.get(definition);
  if (!study) {
    if (studies.size > 200) studies.clear();
    study = parseStudyDefinition(definition, `study ${studyId}`);
    studies.set(definition, study);
  }
  return study;
}

function toResponse(row: Partial<Row>): ResponseState | null {
  if (row.response_id === null || row.response_id === undefined) return null;
  return {
    id: row.response_id,
    status: row.status!,
    submittedAt: row.submitted_at ?? null,
    submissionId: row.submission_id ?? null,
    questionnaireVersionId: row.questionnaire_version_id!,
    language: row.language ?? 'nl',
  };
}

function toSubject(row: Row, kind: Subject['kind'], tokenHash: string, browserKeyHash: string | null): Subject {
  return subjectOf(
    row,
    kind,
    tokenHash,
    browserKeyHash,
    row.invitation_id,
    row.participant_id,
    row.opened_at,
    row.group_key,
    toResponse(row),
  );
}

function subjectOf(
  round: RoundRow,
  kind: Subject['kind'],
  tokenHash: string,
  browserKeyHash: string | null,
  invitationId: number | null,
  participantId: number | null,
  openedAt: string | null | undefined,
  groupKey: string | null | undefined,
  response: ResponseState | null,
): Subject {
  const study = parseStudy(round.definition, round.study_id);
  return {
    kind,
    tokenHash,
    invitationId,
    participantId,
    browserKeyHash,
    studyId: round.study_id,
    studyDefinition: round.definition,
    study,
    graceMinutes: study.settings?.graceMinutes ?? DEFAULT_STUDY_SETTINGS.graceMinutes,
    round: {
      id: round.round_id,
      key: round.round_key,
      labelNl: round.label_nl,
      labelEn: round.label_en,
      // An archived study (server/studies/archive-study.ts) answers its links as a round closed when it was archived:
      // the respondent sees the kind "closed" page and nothing is saved.
      opensAt: round.archived_at ? (round.opens_at ?? round.archived_at) : round.opens_at,
      closesAt:
        round.archived_at && !(round.closes_at && Date.parse(round.closes_at) < Date.parse(round.archived_at))
          ? round.archived_at
          : round.closes_at,
    },
    openedAt: openedAt ?? null,
    groupKey: groupKey ?? null,
    group: groupOf(study, groupKey, kind === 'invitation' ? 'personal' : 'anonymous'),
    response,
  };
}

/**
 * The invitation of the token in a link cookie, or null when it is malformed, unknown,
 * regenerated (its hash is gone) or revoked. (Links themselves go through resolveLink, whose
 * timing does not tell unknown from revoked.)
 */
export function resolveInvitation(sqlite: SQLite.Database, token: string | undefined): Subject | null {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = statements(sqlite).invitationOnly.get(tokenHash) as InvitationRow | undefined;
  if (!row) return null;
  const [
    invitationId,
    participantId,
    revokedAt,
    openedAt,
    groupKey,
    roundId,
    responseId,
    status,
    submittedAt,
    submissionId,
    versionId,
    language,
    dataVersion,
  ] = row;
  if (revokedAt !== null) return null;
  const round = roundOf(sqlite, roundId, dataVersion);
  if (!round) return null;
  const response: ResponseState | null =
    responseId === null
      ? null
      : { id: responseId, status: status!, submittedAt, submissionId, questionnaireVersionId: versionId!, language: language ?? 'nl' };
  return subjectOf(round, 'invitation', tokenHash, null, invitationId, participantId, openedAt, groupKey, response);
}

/** The round of an anonymous link token in a cookie, or null. */
export function resolveAnonymousRound(sqlite: SQLite.Database, token: string | undefined): Subject | null {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const row = statements(sqlite).anonymousRound.get({ h: tokenHash }) as Row | undefined;
  return row ? toSubject({ ...row, response_id: null } as Row, 'anonymous', tokenHash, null) : null;
}

/**
 * Which kind of link a token is, for the link exchange; null when it is malformed, unknown,
 * regenerated or revoked. Every well-formed token costs one hash and the same two indexed
 * lookups, so the answer "unknown" takes as long as "revoked".
 */
export function resolveLink(sqlite: SQLite.Database, token: string): Subject | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const tokenHash = hashToken(token);
  const st = statements(sqlite);
  const inv = st.invitation.get(tokenHash) as Row | undefined;
  const anon = st.anonymousRound.get({ h: tokenHash }) as Row | undefined;
  if (inv) return inv.revoked_at === null ? toSubject(inv, 'invitation', tokenHash, null) : null;
  return anon ? toSubject({ ...anon, response_id: null } as Row, 'anonymous', tokenHash, null) : null;
}

/** Browser keys of anonymous respondents: 256 random bits, base64url, like link tokens. */
export const BROWSER_KEY_PATTERN = TOKEN_PATTERN;

/**
 * The anonymous subject for a round link token and a browser key, with that browser's
 * response if it has one.
 */
export function resolveAnonymous(sqlite: SQLite.Database, token: string | undefined, browserKey: string | undefined): Subject | null {
  if (!browserKey || !BROWSER_KEY_PATTERN.test(browserKey)) return null;
  const round = resolveAnonymousRound(sqlite, token);
  if (!round) return null;
  const browserKeyHash = hashToken(browserKey);
  const row = statements(sqlite).anonymousResponse.get(browserKeyHash, round.round.id) as Row | undefined;
  return { ...round, browserKeyHash, response: row ? toResponse(row) : null };
}

/**
 * Whether the respondent had started before the round closed: they have a draft (which can
 * only have been made while answering was allowed), or they opened their personal link before
 * the closing time. Only they may go on in the grace period after closing; the page and the
 * draft and submit routes ask this same question.
 */
export function startedBeforeClosing(subject: Subject): boolean {
  if (subject.response) return true;
  const { closesAt } = subject.round;
  return subject.openedAt !== null && closesAt !== null && Date.parse(subject.openedAt) < Date.parse(closesAt);
}
