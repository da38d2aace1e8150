import { sql, type Kysely } from 'kysely';
import { pick } from '../../model/index.js';
import type { Store } from '../db/open.js';
import { loadExchangeStudy } from '../exchange/study-data.js';
import { exchangeVariables } from '../exchange/variables.js';
import { getStudy } from '../studies/repository.js';
import type { Database } from '../db/schema.js';
import type {} from '../cohort/attributes.js';
import { audit } from '../audit.js';
import { ApiError } from '../errors.js';
import { logAccess } from './access-log.js';
import { tableExists } from './personal-data.js';
import type {} from './schema.js';

/**
 * Everything rondo holds about one participant, for a subject-access request (AVG/GDPR
 * art. 15, and art. 20 in a machine-readable form): contact details, the cohort record,
 * invitations and the mails sent for them, responses with every answer, open-answer codes and
 * quotes taken from their words, and who looked at or exported their data (the access log).
 * Read only; the caller logs the request itself in the access log.
 */
export const SUBJECT_ACCESS_FORMAT = 'rondo.subject-access/1';

export interface SubjectAccess {
  format: typeof SUBJECT_ACCESS_FORMAT;
  generatedAt: string;
  study: { slug: string; title: string; organisation: string };
  /** The study's rounds in order, by key and label: what the keys below (and in the access log) stand for. */
  rounds: { key: string; label: string }[];
  participant: {
    key: string;
    name: string | null;
    email: string | null;
    organisation: string;
    role: string;
    team: string;
    /** attrs: the participant's cohort-attribute values, with the attribute's label. */
    attributes?: { key: string; label: string; value: string }[];
    addedAt: string;
    leftFromRound: string | null;
    erasedAt: string | null;
  };
  invitations: {
    round: string;
    roundLabel: string;
    createdAt: string;
    sentAt: string | null;
    remindedAt: string | null;
    reminders: number;
    openedAt: string | null;
    startedAt: string | null;
    submittedAt: string | null;
    revokedAt: string | null;
  }[];
  mails: { round: string; status: string; sentAt: string | null; createdAt: string; attempts: number }[];
  responses: {
    round: string;
    roundLabel: string;
    status: string;
    language: string;
    source: string;
    startedAt: string;
    submittedAt: string | null;
    /** `question` and `answerLabel` in the study's default language, as the exports label them. */
    answers: {
      item: string;
      sub: string;
      question: string;
      answerLabel: string | null;
      code: number | null;
      missing: string | null;
      text: string | null;
    }[];
  }[];
  openAnswerThemes: { round: string; item: string; theme: string }[];
  quotes: { round: string; item: string; excerpt: string }[];
  accessLog: { at: string; actor: string; kind: string; data: string; purpose: string; wholeStudy: boolean }[];
}

const loose = (db: Kysely<Database>) => db as unknown as Kysely<any>;

export async function subjectAccess(store: Store, input: { studyId: number; key: string; now: Date }): Promise<SubjectAccess> {
  const db = store.db;
  const study = await getStudy(db, input.studyId);
  const definition = study.definition;
  const lang = definition.defaultLanguage;
  const p = await db
    .selectFrom('participant')
    .leftJoin('participant_contact', 'participant_contact.participant_id', 'participant.id')
    .leftJoin('participant_erasure', 'participant_erasure.participant_id', 'participant.id')
    .leftJoin('round', 'round.id', 'participant.left_from_round_id')
    .select([
      'participant.id',
      'participant.key',
      'participant.organisation',
      'participant.role',
      'participant.team',
      'participant.created_at',
      'participant_contact.name',
      'participant_contact.email',
      'participant_erasure.erased_at',
      'round.key as left_round',
    ])
    .where('participant.study_id', '=', input.studyId)
    .where('participant.key', '=', input.key)
    .executeTakeFirst();
  if (!p) throw new ApiError('NOT_FOUND', 'There is no participant with this key in this study.');

  const rounds = await db
    .selectFrom('round')
    .select(['id', 'key', 'label_nl', 'label_en'])
    .where('study_id', '=', input.studyId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const roundOf = new Map(rounds.map((r) => [r.id, { key: r.key, label: (lang === 'en' ? r.label_en : r.label_nl) || r.key }]));
  const round = (id: number) => roundOf.get(id) ?? { key: String(id), label: String(id) };

  const values = await db
    .selectFrom('participant_attribute')
    .select(['key', 'value'])
    .where('participant_id', '=', p.id)
    .orderBy('key')
    .execute();
  const attributes = values.map((v) => {
    const a = definition.cohortAttributes?.find((x) => x.key === v.key);
    return { key: v.key, label: a ? (lang === 'en' ? (a.label.en ?? a.label.nl) : a.label.nl) : v.key, value: v.value };
  });
  const invitations = await db.selectFrom('invitation').selectAll().where('participant_id', '=', p.id).orderBy('round_id').execute();
  const mails = (await tableExists(db, 'outbox'))
    ? await loose(db)
        .selectFrom('outbox')
        .innerJoin('invitation', 'invitation.id', 'outbox.invitation_id')
        .select(['invitation.round_id', 'outbox.status', 'outbox.sent_at', 'outbox.created_at', 'outbox.attempts'])
        .where('invitation.participant_id', '=', p.id)
        .orderBy('outbox.id')
        .execute()
    : [];

  const responses = await db
    .selectFrom('response')
    .selectAll()
    .where('participant_id', '=', p.id)
    .orderBy('round_id')
    .orderBy('id')
    .execute();
  // Question texts and value labels as the exports give them (partner and tool names, option
  // labels); an answer no current variable describes keeps its code.
  const variables = new Map(exchangeVariables(loadExchangeStudy(store.sqlite, study.slug)).map((v) => [`${v.item.id}|${v.sub}`, v]));
  const described = (a: { item: string; sub: string; code: number | null; missing: string | null; text: string | null }) => {
    const v = variables.get(`${a.item}|${a.sub}`);
    const value = a.code === null ? null : (v?.values.find((x) => x.code === a.code)?.label ?? null);
    return { question: v ? pick(v.label, lang) : a.item, answerLabel: value ? pick(value, lang) : null };
  };
  const responseIds = responses.map((r) => r.id);
  const answers = responseIds.length
    ? await db
        .selectFrom('answer')
        .selectAll()
        .where('response_id', 'in', responseIds)
        .orderBy('response_id')
        .orderBy('item')
        .orderBy('sub')
        .execute()
    : [];

  const themes =
    responseIds.length && (await tableExists(db, 'open_coding'))
      ? await loose(db)
          .selectFrom('open_coding')
          .innerJoin('open_theme', 'open_theme.id', 'open_coding.theme_id')
          .innerJoin('response', 'response.id', 'open_coding.response_id')
          .select(['response.round_id', 'open_theme.item', 'open_theme.name'])
          .where('open_coding.response_id', 'in', responseIds)
          .orderBy('open_theme.item')
          .execute()
      : [];
  const quotes =
    responseIds.length && (await tableExists(db, 'quote_excerpt'))
      ? await loose(db)
          .selectFrom('quote_excerpt')
          .innerJoin('response', 'response.id', 'quote_excerpt.response_id')
          .select(['response.round_id', 'quote_excerpt.item', 'quote_excerpt.excerpt'])
          .where('quote_excerpt.response_id', 'in', responseIds)
          .orderBy('quote_excerpt.id')
          .execute()
      : [];

  // Access-log rows name this participant's key, or the whole study ("*").
  // The log is append-only and grows with every screen that shows personal data: SQLite picks
  // the rows that can name this key (its quoted form in the JSON list), the parse confirms.
  const access = await db
    .selectFrom('personal_data_access')
    .selectAll()
    .where('study_id', '=', input.studyId)
    .where((eb) => eb.or([eb('participants', '=', '*'), eb(sql<number>`instr(participants, ${JSON.stringify(p.key)})`, '>', 0)]))
    .orderBy('id')
    .execute();
  const accessLog = access
    .filter((a) => a.participants === '*' || (JSON.parse(a.participants) as string[]).includes(p.key))
    .map((a) => ({ at: a.at, actor: a.actor, kind: a.kind, data: a.data, purpose: a.purpose, wholeStudy: a.participants === '*' }));

  return {
    format: SUBJECT_ACCESS_FORMAT,
    generatedAt: input.now.toISOString(),
    study: { slug: study.slug, title: pick(definition.title, lang), organisation: definition.organisation },
    rounds: rounds.map((r) => round(r.id)),
    participant: {
      key: p.key,
      name: p.name ?? null,
      email: p.email ?? null,
      organisation: p.organisation,
      role: p.role,
      team: p.team,
      ...(attributes.length ? { attributes } : {}),
      addedAt: p.created_at,
      leftFromRound: p.left_round ?? null,
      erasedAt: p.erased_at ?? null,
    },
    invitations: invitations.map((i) => ({
      round: round(i.round_id).key,
      roundLabel: round(i.round_id).label,
      createdAt: i.created_at,
      sentAt: i.sent_at,
      remindedAt: i.reminded_at,
      reminders: i.reminder_count,
      openedAt: i.opened_at,
      startedAt: i.started_at,
      submittedAt: i.submitted_at,
      revokedAt: i.revoked_at,
    })),
    mails: mails.map((m: { round_id: number; status: string; sent_at: string | null; created_at: string; attempts: number }) => ({
      round: round(m.round_id).key,
      status: m.status,
      sentAt: m.sent_at,
      createdAt: m.created_at,
      attempts: m.attempts,
    })),
    responses: await Promise.all(
      responses.map(async (r) => ({
        round: round(r.round_id).key,
        roundLabel: round(r.round_id).label,
        status: r.status,
        language: r.language,
        source: r.source,
        startedAt: r.started_at,
        submittedAt: r.submitted_at,
        answers: answers
          .filter((a) => a.response_id === r.id)
          .map((a) => ({ item: a.item, sub: a.sub, ...described(a), code: a.code, missing: a.missing, text: a.text })),
      })),
    ),
    openAnswerThemes: themes.map((t: { round_id: number; item: string; name: string }) => ({
      round: round(t.round_id).key,
      item: t.item,
      theme: t.name,
    })),
    quotes: quotes.map((q: { round_id: number; item: string; excerpt: string }) => ({
      round: round(q.round_id).key,
      item: q.item,
      excerpt: q.excerpt,
    })),
    accessLog,
  };
}

/** Records a subject-access request in the access log and the audit log, in the caller's transaction, before the file leaves. */
export async function recordSubjectAccess(
  trx: Kysely<Database>,
  who: { actor: string; session?: string },
  request: { studyId: number; key: string; format: string; at: Date },
): Promise<void> {
  const { studyId, key, format, at } = request;
  await logAccess(trx, {
    ...who,
    studyId,
    kind: 'export',
    data: 'subject-access',
    participants: [key],
    purpose: `subject access ${format}`,
    at,
  });
  await audit(trx, { ...who, studyId, action: 'privacy.subject-access', target: `participant:${key}`, details: { format }, at });
}
