import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Tables outside the core cohort tables that can hold personal data (an outbox with e-mail
 * addresses, an uploaded CSV kept between a dry run and its commit, a curated quote…). The
 * area that owns such a table registers a holder here, so erasure, de-linking and the
 * retention deletion reach it too. Every function runs inside the privacy operation's write
 * transaction and returns how many rows it removed or changed.
 *
 * The core tables (participant, participant_contact, invitation, response, answer) are
 * handled by server/privacy itself.
 */
export interface PersonalDataHolder {
  /** A short name for logs and the audit details, e.g. "outbox". */
  name: string;
  /** One participant is erased. `answers` says whether their answers are deleted or kept. */
  eraseParticipant?(trx: Kysely<Database>, target: { studyId: number; participantId: number; answers: 'delete' | 'keep' }): Promise<number>;
  /** The study is de-linked: nothing may link a response to a person afterwards. */
  delinkStudy?(trx: Kysely<Database>, target: { studyId: number }): Promise<number>;
  /** The retention date passed: every piece of personal data of the study goes. */
  deleteStudyPersonalData?(trx: Kysely<Database>, target: { studyId: number }): Promise<number>;
}

const holders = new Map<string, PersonalDataHolder>();

/** Registers (or replaces, by name) a holder of personal data. */
export function registerPersonalData(holder: PersonalDataHolder): void {
  holders.set(holder.name, holder);
}

export function personalDataHolders(): PersonalDataHolder[] {
  return [...holders.values()];
}

/** True when a table exists: holders for optional areas check before touching a table. */
export async function tableExists(trx: Kysely<Database>, name: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = ${name}`.execute(trx);
  return rows[0].n > 0;
}
