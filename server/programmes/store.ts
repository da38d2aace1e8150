import type { Kysely } from 'kysely';
import type { LocalText } from '../../model/i18n.js';
import type { Indicator } from '../../model/indicators.js';
import { PROGRAMME_ROLES, SLUG_PATTERN, type ProgrammeRole } from '../../model/values.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { currentQuestionnaire } from '../setup/questionnaire-store.js';
import { findStudyBySlug, getStudy, type StoredStudy } from '../studies/repository.js';
import { normaliseEmail } from '../users.js';
import type {} from './schema.js';

/**
 * Programmes (issue 17, regional view): a region's network studies that use the same Quick Scan,
 * grouped so that a regional representative can read them side by side. A study joins only when
 * its current questionnaire has every indicator of the programme (same key, same summary); the
 * first study to join an empty programme brings its indicators. Members are representatives
 * (read) and coordinators (read and manage); they are not members of the network studies, and the
 * guard (server/auth/guard.ts) keeps them out of every study route. Every change is audit-logged
 * in the transaction that makes it; a refusal changes nothing.
 */

export interface ProgrammeActor {
  actor: string;
  session?: string;
  now: Date;
}

export interface StoredProgramme {
  id: number;
  slug: string;
  title: LocalText;
  description: LocalText;
  /** The indicator keys every network of the programme shares (empty until the first study joins). */
  indicators: string[];
  createdAt: string;
}

type Text = { nl: string; en: string };

/** A refusal of bad input, with a sentence for people in both languages. */
function refuse(reason: string, text: Text, code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND' = 'VALIDATION', extra = {}): ApiError {
  return new ApiError(code, text.en, { reason, text, ...extra });
}

const SLUG = new RegExp(SLUG_PATTERN);

function toProgramme(row: ProgrammeRow): StoredProgramme {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title_en ? { nl: row.title_nl, en: row.title_en } : { nl: row.title_nl },
    description: row.description_en ? { nl: row.description_nl, en: row.description_en } : { nl: row.description_nl },
    indicators: JSON.parse(row.indicator_keys) as string[],
    createdAt: row.created_at,
  };
}
type ProgrammeRow = {
  id: number;
  slug: string;
  title_nl: string;
  title_en: string;
  description_nl: string;
  description_en: string;
  indicator_keys: string;
  created_at: string;
};

export async function findProgramme(db: Kysely<Database>, slug: string): Promise<StoredProgramme | null> {
  const row = await db.selectFrom('programme').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toProgramme(row) : null;
}

/** The programme, or a 404 that names it. */
export async function requireProgramme(db: Kysely<Database>, slug: string): Promise<StoredProgramme> {
  const found = await findProgramme(db, slug);
  if (!found)
    throw refuse('UNKNOWN_PROGRAMME', { nl: `Er is geen programma "${slug}".`, en: `There is no programme "${slug}".` }, 'NOT_FOUND');
  return found;
}

/** The user's role in the programme, or null when they are not a member. */
export async function programmeRoleOf(db: Kysely<Database>, programmeId: number, userId: number): Promise<ProgrammeRole | null> {
  const row = await db
    .selectFrom('programme_member')
    .select('role')
    .where('programme_id', '=', programmeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

/**
 * The programme through which this user may read about this study without being its member, or
 * null: the guard uses it to answer a representative's request for participant-level data with a
 * clear 403 instead of a 404.
 */
export async function programmeOfStudyFor(db: Kysely<Database>, studyId: number, userId: number): Promise<StoredProgramme | null> {
  const row = await db
    .selectFrom('programme')
    .innerJoin('programme_study', 'programme_study.programme_id', 'programme.id')
    .innerJoin('programme_member', 'programme_member.programme_id', 'programme.id')
    .selectAll('programme')
    .where('programme_study.study_id', '=', studyId)
    .where('programme_member.user_id', '=', userId)
    .orderBy('programme.slug')
    .executeTakeFirst();
  return row ? toProgramme(row) : null;
}

/** The network studies of a programme, in slug order. */
export async function programmeStudies(db: Kysely<Database>, programmeId: number): Promise<StoredStudy[]> {
  const rows = await db
    .selectFrom('programme_study')
    .innerJoin('study', 'study.id', 'programme_study.study_id')
    .select('study.id')
    .where('programme_id', '=', programmeId)
    .orderBy('study.slug')
    .execute();
  return Promise.all(rows.map((r) => getStudy(db, r.id)));
}

export interface ProgrammeCard {
  slug: string;
  title: LocalText;
  description: LocalText;
  indicators: string[];
  /** The caller's role; null in the operator's list of every programme. */
  role: ProgrammeRole | null;
  networks: { slug: string; title: LocalText }[];
  members: number;
}

/** The programmes this user is a member of (userId null: every programme, for the CLI). */
export async function listProgrammes(db: Kysely<Database>, userId: number | null): Promise<ProgrammeCard[]> {
  let q = db.selectFrom('programme').selectAll('programme').orderBy('programme.slug');
  if (userId !== null)
    q = q
      .innerJoin('programme_member', 'programme_member.programme_id', 'programme.id')
      .where('programme_member.user_id', '=', userId) as typeof q;
  const rows = await q.execute();
  const out: ProgrammeCard[] = [];
  for (const row of rows) {
    const p = toProgramme(row);
    const networks = await programmeStudies(db, p.id);
    const members = await db.selectFrom('programme_member').select('user_id').where('programme_id', '=', p.id).execute();
    out.push({
      slug: p.slug,
      title: p.title,
      description: p.description,
      indicators: p.indicators,
      role: userId === null ? null : await programmeRoleOf(db, p.id, userId),
      networks: networks.map((s) => ({ slug: s.slug, title: s.definition.title })),
      members: members.length,
    });
  }
  return out;
}

export interface NewProgramme {
  slug: string;
  title: LocalText;
  description?: LocalText;
  /** The indicator keys the networks must share; when absent, the first study to join brings its own. */
  indicators?: string[];
  /** The account that becomes the programme's coordinator (its creator on the screens). */
  coordinator?: number;
}

export async function createProgramme(db: Kysely<Database>, input: NewProgramme, by: ProgrammeActor): Promise<StoredProgramme> {
  if (!SLUG.test(input.slug))
    throw refuse(
      'BAD_SLUG',
      {
        nl: `"${input.slug}" is geen geldige korte naam: gebruik kleine letters, cijfers en streepjes.`,
        en: `"${input.slug}" is not a valid short name: use lower-case letters, digits and hyphens.`,
      },
      'VALIDATION',
      { field: 'slug' },
    );
  const titleNl = (input.title.nl ?? '').trim();
  if (!titleNl)
    throw refuse('NO_TITLE', { nl: 'Geef het programma een Nederlandse titel.', en: 'Give the programme a Dutch title.' }, 'VALIDATION', {
      field: 'title',
    });
  const keys = [...new Set(input.indicators ?? [])];
  return writeTx(db, async (trx) => {
    if (await trx.selectFrom('programme').select('id').where('slug', '=', input.slug).executeTakeFirst())
      throw refuse(
        'PROGRAMME_EXISTS',
        {
          nl: `Er is al een programma "${input.slug}". Er is niets gewijzigd.`,
          en: `A programme "${input.slug}" already exists. Nothing was changed.`,
        },
        'CONFLICT',
        { field: 'slug' },
      );
    const { id } = await trx
      .insertInto('programme')
      .values({
        slug: input.slug,
        title_nl: titleNl,
        title_en: input.title.en?.trim() ?? '',
        description_nl: input.description?.nl?.trim() ?? '',
        description_en: input.description?.en?.trim() ?? '',
        indicator_keys: JSON.stringify(keys),
        created_at: by.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (input.coordinator !== undefined)
      await trx.insertInto('programme_member').values({ programme_id: id, user_id: input.coordinator, role: 'coordinator' }).execute();
    await audit(trx, {
      actor: by.actor,
      session: by.session,
      action: 'programme.create',
      target: `programme:${id}`,
      details: { slug: input.slug, indicators: keys, coordinator: input.coordinator ?? null },
      at: by.now,
    });
    return toProgramme(await trx.selectFrom('programme').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
}

/** A study's current indicators, by key. */
async function indicatorsOf(db: Kysely<Database>, studyId: number): Promise<Map<string, Indicator>> {
  const list = (await currentQuestionnaire(db, studyId)).definition.indicators ?? [];
  return new Map(list.map((i) => [i.key, i]));
}

/**
 * Adds a network study. It must have every indicator of the programme with the same summary as
 * the networks already in it ("use the same Quick Scan"); the refusal names each missing or
 * different key. Returns the keys the programme took from the study when it had none yet.
 */
export async function addProgrammeStudy(
  db: Kysely<Database>,
  programme: StoredProgramme,
  studySlug: string,
  by: ProgrammeActor,
): Promise<{ study: StoredStudy; adopted: string[] }> {
  const study = await findStudyBySlug(db, studySlug);
  if (!study)
    throw refuse('UNKNOWN_STUDY', { nl: `Er is geen onderzoek "${studySlug}".`, en: `There is no study "${studySlug}".` }, 'NOT_FOUND');
  return writeTx(db, async (trx) => {
    const current = await trx.selectFrom('programme').select('indicator_keys').where('id', '=', programme.id).executeTakeFirstOrThrow();
    const keys = JSON.parse(current.indicator_keys) as string[];
    const already = await trx
      .selectFrom('programme_study')
      .select('study_id')
      .where('programme_id', '=', programme.id)
      .where('study_id', '=', study.id)
      .executeTakeFirst();
    if (already)
      throw refuse(
        'ALREADY_IN_PROGRAMME',
        {
          nl: `${study.slug} hoort al bij dit programma. Er is niets gewijzigd.`,
          en: `${study.slug} is already part of this programme. Nothing was changed.`,
        },
        'CONFLICT',
      );
    const own = await indicatorsOf(trx, study.id);
    let adopted: string[] = [];
    if (keys.length === 0) {
      if (own.size === 0)
        throw refuse('NO_INDICATORS', {
          nl:
            `${study.slug} heeft geen indicatoren in de huidige vragenlijst; ` +
            'een programma vergelijkt netwerken op hun indicatoren. Er is niets gewijzigd.',
          en:
            `${study.slug} has no indicators in its current questionnaire; ` +
            'a programme compares networks on their indicators. Nothing was changed.',
        });
      adopted = [...own.keys()];
    } else {
      const missing = keys.filter((k) => !own.has(k));
      if (missing.length)
        throw refuse(
          'INDICATORS_DIFFER',
          {
            nl:
              `${study.slug} gebruikt niet dezelfde Quick Scan: de indicator${missing.length > 1 ? 'en' : ''} ${missing.join(', ')} ` +
              `ontbr${missing.length > 1 ? 'eken' : 'eekt'} in de huidige vragenlijst. Er is niets gewijzigd.`,
            en:
              `${study.slug} does not use the same Quick Scan: its current questionnaire lacks ` +
              `the indicator${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Nothing was changed.`,
          },
          'VALIDATION',
          { missing },
        );
      // Same key, other summary (a mean here, a share there) cannot stand side by side.
      const first = await trx.selectFrom('programme_study').select('study_id').where('programme_id', '=', programme.id).executeTakeFirst();
      if (first) {
        const theirs = await indicatorsOf(trx, first.study_id);
        const differ = keys.filter((k) => theirs.get(k) && theirs.get(k)!.summary !== own.get(k)!.summary);
        if (differ.length)
          throw refuse(
            'INDICATORS_DIFFER',
            {
              nl:
                `${study.slug} vat de indicator${differ.length > 1 ? 'en' : ''} ${differ.join(', ')} ` +
                'anders samen dan de andere netwerken. Er is niets gewijzigd.',
              en:
                `${study.slug} summarises the indicator${differ.length > 1 ? 's' : ''} ${differ.join(', ')} ` +
                'differently from the other networks. Nothing was changed.',
            },
            'VALIDATION',
            { differ },
          );
      }
    }
    if (adopted.length)
      await trx
        .updateTable('programme')
        .set({ indicator_keys: JSON.stringify(adopted) })
        .where('id', '=', programme.id)
        .execute();
    await trx
      .insertInto('programme_study')
      .values({ programme_id: programme.id, study_id: study.id, added_at: by.now.toISOString() })
      .execute();
    await audit(trx, {
      actor: by.actor,
      session: by.session,
      studyId: study.id,
      action: 'programme.study.add',
      target: `programme:${programme.id}`,
      details: { programme: programme.slug, study: study.slug, ...(adopted.length ? { adopted } : {}) },
      at: by.now,
    });
    return { study, adopted };
  });
}

export async function removeProgrammeStudy(db: Kysely<Database>, programme: StoredProgramme, studySlug: string, by: ProgrammeActor) {
  const study = await findStudyBySlug(db, studySlug);
  const notIn = refuse(
    'NOT_IN_PROGRAMME',
    { nl: `${studySlug} hoort niet bij dit programma.`, en: `${studySlug} is not part of this programme.` },
    'NOT_FOUND',
  );
  if (!study) throw notIn;
  await writeTx(db, async (trx) => {
    const gone = await trx
      .deleteFrom('programme_study')
      .where('programme_id', '=', programme.id)
      .where('study_id', '=', study.id)
      .executeTakeFirst();
    if (!gone.numDeletedRows) throw notIn;
    await audit(trx, {
      actor: by.actor,
      session: by.session,
      studyId: study.id,
      action: 'programme.study.remove',
      target: `programme:${programme.id}`,
      details: { programme: programme.slug, study: study.slug },
      at: by.now,
    });
  });
}

export interface ProgrammeMember {
  userId: number;
  email: string;
  name: string;
  role: ProgrammeRole;
}

export async function programmeMembers(db: Kysely<Database>, programmeId: number): Promise<ProgrammeMember[]> {
  const rows = await db
    .selectFrom('programme_member')
    .innerJoin('user', 'user.id', 'programme_member.user_id')
    .select(['user.id', 'user.email', 'user.display_name', 'programme_member.role'])
    .where('programme_id', '=', programmeId)
    .orderBy('user.email')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.display_name || r.email, role: r.role }));
}

/** Adds an account to the programme, or changes its role there. */
export async function addProgrammeMember(
  db: Kysely<Database>,
  programme: StoredProgramme,
  email: string,
  role: ProgrammeRole,
  by: ProgrammeActor,
): Promise<ProgrammeMember> {
  if (!(PROGRAMME_ROLES as readonly string[]).includes(role))
    throw refuse('BAD_ROLE', {
      nl: `De rol in een programma is ${PROGRAMME_ROLES.join(' of ')}, niet "${role}".`,
      en: `A programme role is ${PROGRAMME_ROLES.join(' or ')}, not "${role}".`,
    });
  const user = await db
    .selectFrom('user')
    .select(['id', 'email', 'display_name'])
    .where('email', '=', normaliseEmail(email))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user)
    throw refuse(
      'UNKNOWN_ACCOUNT',
      {
        nl: `Er is geen actief account voor ${email}; maak het eerst aan. Er is niets gewijzigd.`,
        en: `There is no active account for ${email}; create it first. Nothing was changed.`,
      },
      'NOT_FOUND',
    );
  await writeTx(db, async (trx) => {
    await trx
      .insertInto('programme_member')
      .values({ programme_id: programme.id, user_id: user.id, role })
      .onConflict((oc) => oc.columns(['programme_id', 'user_id']).doUpdateSet({ role }))
      .execute();
    await audit(trx, {
      actor: by.actor,
      session: by.session,
      action: 'programme.member.add',
      target: `programme:${programme.id}`,
      details: { programme: programme.slug, user: user.id, role },
      at: by.now,
    });
  });
  return { userId: user.id, email: user.email, name: user.display_name || user.email, role };
}

/** Removes an account from the programme; the last coordinator stays (add another one first). */
export async function removeProgrammeMember(db: Kysely<Database>, programme: StoredProgramme, userId: number, by: ProgrammeActor) {
  await writeTx(db, async (trx) => {
    const coordinators = await trx
      .selectFrom('programme_member')
      .select('user_id')
      .where('programme_id', '=', programme.id)
      .where('role', '=', 'coordinator')
      .execute();
    if (coordinators.length === 1 && coordinators[0].user_id === userId)
      throw refuse(
        'LAST_COORDINATOR',
        {
          nl: 'Dit is de laatste coördinator van het programma; voeg eerst een andere coördinator toe. Er is niets gewijzigd.',
          en: "This is the programme's last coordinator; add another coordinator first. Nothing was changed.",
        },
        'CONFLICT',
      );
    const gone = await trx
      .deleteFrom('programme_member')
      .where('programme_id', '=', programme.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!gone.numDeletedRows)
      throw refuse(
        'NOT_A_MEMBER',
        { nl: 'Dit account is geen lid van het programma.', en: 'This account is not a member of the programme.' },
        'NOT_FOUND',
      );
    await audit(trx, {
      actor: by.actor,
      session: by.session,
      action: 'programme.member.remove',
      target: `programme:${programme.id}`,
      details: { programme: programme.slug, user: userId },
      at: by.now,
    });
  });
}
