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
  what: { format: string; contacts: boolean; data: boolean },
): Promise<void> {
  const one = (sql: string) => ctx.sqlite.prepare(sql).pluck().get(ctx.study.id) as number;
  if (what.contacts) {
    const count = one('select count(*) from participant_contact c join participant p on p.id = c.participant_id where p.study_id = ?');
    await logAccess(trx, {
      ...who,
      studyId: ctx.study.id,
      kind: 'export',
      data: 'contacts',
      participants: '*',
      count,
      purpose: `export contacts.csv (${what.format})`,
    });
  }
  if (what.data && ctx.options.openText && ctx.variables.some((v) => v.kind === 'text')) {
    const count = one("select count(distinct participant_id) from response where study_id = ? and status = 'submitted'");
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
