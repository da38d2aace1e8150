import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.js';
import { createStudy } from '../../server/studies/create-study.js';
import { IMH_PARTNERS, IMH_QUESTIONNAIRE, IMH_ROUNDS, IMH_TOOLS } from '../../content/templates/imh-training.js';

export const SLUG = 'veldwerk';

export interface FixturePerson {
  key: string;
  name: string;
  email: string;
  organisation?: string;
  role?: string;
}

/** Default cohort: ten people in two organisations, with plain names and addresses. */
export function people(n = 10): FixturePerson[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `P${String(i + 1).padStart(2, '0')}`,
    name: `Deelnemer ${i + 1}`,
    email: `p${i + 1}@example.nl`,
    organisation: i % 2 ? 'GGD Limburg-Noord' : 'Kinderopvang De Speeltuin',
    role: i % 3 ? 'gezinscoach' : 'jgz-verpleegkundige',
  }));
}

/**
 * A small study for fieldwork tests: the IMH template's three rounds (pre, mid, post) with no
 * times yet, and a cohort with contact details.
 */
export async function createFieldworkStudy(db: Kysely<Database>, cohort: FixturePerson[] = people()) {
  const created = await createStudy(db, {
    study: {
      slug: SLUG,
      title: { nl: 'Veldwerk & co', en: 'Fieldwork & co' },
      description: { nl: 'Test', en: 'Test' },
      organisation: 'GGD Test',
      languages: ['nl', 'en'],
      defaultLanguage: 'nl',
      colophon: { contactEmail: 'onderzoek@example.nl' },
    },
    rounds: IMH_ROUNDS,
    partners: IMH_PARTNERS,
    tools: IMH_TOOLS,
    questionnaire: IMH_QUESTIONNAIRE,
  });
  const participantIds: Record<string, number> = {};
  for (const p of cohort) await addParticipant(db, created.studyId, p).then((id) => (participantIds[p.key] = id));
  return { ...created, participantIds };
}

export async function addParticipant(db: Kysely<Database>, studyId: number, p: FixturePerson): Promise<number> {
  const { id } = await db
    .insertInto('participant')
    .values({
      study_id: studyId,
      key: p.key,
      organisation: p.organisation ?? 'GGD',
      role: p.role ?? 'gezinscoach',
      team: '',
      left_from_round_id: null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('participant_contact').values({ participant_id: id, name: p.name, email: p.email }).execute();
  return id;
}

/**
 * Marks a participant as having submitted in a round, as the respondent pages do (a submitted
 * response row and the invitation's submitted_at), for tests that do not need the form.
 */
export async function markSubmitted(db: Kysely<Database>, participantId: number, roundId: number, at: Date): Promise<void> {
  const inv = await db
    .selectFrom('invitation')
    .select(['id', 'round_id'])
    .where('participant_id', '=', participantId)
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  const round = await db.selectFrom('round').select('study_id').where('id', '=', roundId).executeTakeFirstOrThrow();
  const qv = await db
    .selectFrom('questionnaire_version')
    .select('id')
    .where('study_id', '=', round.study_id)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('response')
    .values({
      study_id: round.study_id,
      round_id: roundId,
      participant_id: participantId,
      invitation_id: inv.id,
      questionnaire_version_id: qv.id,
      status: 'submitted',
      submission_id: null,
      started_at: at.toISOString(),
      updated_at: at.toISOString(),
      submitted_at: at.toISOString(),
    })
    .execute();
  await db
    .updateTable('invitation')
    .set({ started_at: at.toISOString(), submitted_at: at.toISOString() })
    .where('id', '=', inv.id)
    .execute();
}
