import { term } from '../../model/vocabulary.js';
import type { Kysely } from 'kysely';
import { DEFAULT_STUDY_SETTINGS, type Study } from '../../model/index.js';
import type { Permission } from '../auth/policy.js';
import { audit } from '../audit.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { roundPhase } from '../respondent/round-phase.js';

/** The column migrations/20261206_0107_study_archive.ts adds. */
declare module '../db/schema.js' {
  interface StudyTable {
    /** When the study was archived (ISO-8601 UTC), or null while it is active. */
    archived_at: string | null;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route changes an archived study on purpose (unarchiving, deleting): the archive check lets it through. */
    whileArchived?: boolean;
  }
}

/**
 * What an archived study refuses: every change made through these permissions — settings, questionnaire,
 * rounds and their dates, sending, participants, imports, coding open answers, factsheets. Reading,
 * exporting, managing the team and erasing a participant's data (a right that does not wait) stay possible.
 */
const CHANGES_REFUSED: ReadonlySet<Permission> = new Set<Permission>([
  'study:write',
  'questionnaire:write',
  'rounds:write',
  'fieldwork:send',
  'participants:write',
  'import:data',
  'open-answers:write',
  'factsheet:compose',
  'factsheet:publish',
  'plan:write',
  'plan:contribute',
]);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The refusal for a request that would change an archived study, or null. The guard calls it once it has
 * admitted the caller to the study; withdrawing a public factsheet link (DELETE) is always allowed.
 */
export function archivedRefusal(
  study: { archivedAt?: string },
  method: string,
  permission: Permission,
  whileArchived: boolean | undefined,
): ApiError | null {
  if (!study.archivedAt || whileArchived || !UNSAFE.has(method) || !CHANGES_REFUSED.has(permission)) return null;
  if (permission === 'factsheet:publish' && method === 'DELETE') return null;
  return new ApiError('STUDY_ARCHIVED', undefined, {
    reason: 'archived',
    archivedAt: study.archivedAt,
    text: {
      nl: 'Dit onderzoek is gearchiveerd en kan alleen worden gelezen. Haal het eerst uit het archief. Er is niets gewijzigd.',
      en: 'This study is archived and read-only. Unarchive it first. Nothing was changed.',
    },
  });
}

export interface ArchiveInput {
  studyId: number;
  study: Study;
  actor: string;
  session?: string;
  now: Date;
}

/**
 * Archives a study: read-only from then on, out of the study lists. Refused while a round is open, still in
 * its grace period, or scheduled to open later — an archived study sends nothing and accepts no answers.
 * Returns the moment it was archived; archiving an archived study changes nothing and returns the first moment.
 */
export async function archiveStudy(db: Kysely<Database>, input: ArchiveInput): Promise<string> {
  return writeTx(db, async (trx) => {
    const row = await trx.selectFrom('study').select('archived_at').where('id', '=', input.studyId).executeTakeFirstOrThrow();
    if (row.archived_at) return row.archived_at;
    const rounds = await trx
      .selectFrom('round')
      .select(['key', 'opens_at', 'closes_at'])
      .where('study_id', '=', input.studyId)
      .orderBy('position')
      .execute();
    const grace = input.study.settings?.graceMinutes ?? DEFAULT_STUDY_SETTINGS.graceMinutes;
    const t = input.now.getTime();
    const open = rounds.filter((r) => {
      const { phase } = roundPhase({ opensAt: r.opens_at, closesAt: r.closes_at }, grace, input.now);
      return phase === 'open' || phase === 'grace';
    });
    const planned = rounds.filter((r) => r.opens_at !== null && Date.parse(r.opens_at) > t);
    if (open.length || planned.length) {
      const keys = (list: typeof rounds) => list.map((r) => r.key).join(', ');
      // Rounds named in the study's own words ("metingen", "scans").
      const words = { nl: term(input.study.vocabulary, 'round', 'nl', 'many'), en: term(input.study.vocabulary, 'round', 'en', 'many') };
      const nl = [
        open.length ? `sluit eerst de open ${words.nl} (${keys(open)})` : '',
        planned.length ? `haal de openingsdatum weg bij de geplande ${words.nl} (${keys(planned)})` : '',
      ].filter(Boolean);
      const en = [
        open.length ? `close the open ${words.en} first (${keys(open)})` : '',
        planned.length ? `remove the opening date of the planned ${words.en} (${keys(planned)})` : '',
      ].filter(Boolean);
      const text = {
        nl: `Een onderzoek dat nog loopt kan niet worden gearchiveerd: ${nl.join(' en ')}. Er is niets gewijzigd.`,
        en: `A study that is still running cannot be archived: ${en.join(' and ')}. Nothing was changed.`,
      };
      throw new ApiError('CONFLICT', text.en, {
        reason: open.length ? 'rounds-open' : 'rounds-planned',
        rounds: open.map((r) => r.key),
        planned: planned.map((r) => r.key),
        text,
      });
    }
    const at = input.now.toISOString();
    await trx.updateTable('study').set({ archived_at: at }).where('id', '=', input.studyId).execute();
    await audit(trx, { actor: input.actor, session: input.session, studyId: input.studyId, action: 'study.archive', at: input.now });
    return at;
  });
}

/** Takes a study out of the archive: editable again and back in the lists. Unarchiving an active study changes nothing. */
export async function unarchiveStudy(db: Kysely<Database>, input: Omit<ArchiveInput, 'study'>): Promise<void> {
  await writeTx(db, async (trx) => {
    const row = await trx.selectFrom('study').select('archived_at').where('id', '=', input.studyId).executeTakeFirstOrThrow();
    if (!row.archived_at) return;
    await trx.updateTable('study').set({ archived_at: null }).where('id', '=', input.studyId).execute();
    await audit(trx, {
      actor: input.actor,
      session: input.session,
      studyId: input.studyId,
      action: 'study.unarchive',
      details: { archivedAt: row.archived_at },
      at: input.now,
    });
  });
}
