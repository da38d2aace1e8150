import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { logAccess } from '../privacy/access-log.js';
import type { ExportContext } from './context.js';

/**
 * Records in the personal-data access log what an export lets leave rondo at participant
 * level: names and e-mail addresses (contacts.csv), and respondents' own words (open answers
 * in a data export). Called in the transaction of the export's audit entry, before a byte is
 * sent. A data export without open text holds pseudonymous codes only and is audit-logged alone.
 */
export async function logExportAccess(
  trx: Kysely<Database>,
  ctx: ExportContext,
  who: { actor: string; session?: string },
  /** `contacts`: how many contacts the file holds (`contactCount`), or null when it holds none. */
  what: { format: string; contacts: number | null; data: boolean },
): Promise<void> {
  if (what.contacts !== null) {
    await logAccess(trx, {
      ...who,
      studyId: ctx.study.id,
      kind: 'export',
      data: 'contacts',
      participants: '*',
      count: what.contacts,
      purpose: `export contacts.csv (${what.format})`,
    });
  }
  if (what.data && ctx.options.openText && ctx.variables.some((v) => v.kind === 'text')) {
    const count = ctx.sqlite
      .prepare("select count(distinct participant_id) from response where study_id = ? and status = 'submitted'")
      .pluck()
      .get(ctx.study.id) as number;
    await logAccess(trx, {
      ...who,
      studyId: ctx.study.id,
      kind: 'export',
      data: 'open-answers',
      participants: '*',
      count,
      purpose: `export ${what.format} with open answers`,
    });
  }
}

/** How many participants of the export's study have contact details: the rows of contacts.csv. */
export function contactCount(ctx: ExportContext): number {
  return ctx.sqlite
    .prepare('select count(*) from participant_contact c join participant p on p.id = c.participant_id where p.study_id = ?')
    .pluck()
    .get(ctx.study.id) as number;
}
