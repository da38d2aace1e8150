import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { registerPersonalData, tableExists } from './personal-data.js';

/**
 * Holders of personal data in other areas' tables that privacy reaches itself, by table name
 * (typed loosely on purpose: those tables belong to their areas and may change).
 *
 * - outbox (fieldwork): one row per mail sent to an invitation; `last_error` can hold the
 *   mail server's answer, which often quotes the address. Removed for an erased participant
 *   (de-linking and the retention deletion remove the invitations, and the outbox rows with them).
 */
const loose = (trx: Kysely<Database>) => trx as unknown as Kysely<any>;

registerPersonalData({
  name: 'outbox',
  async eraseParticipant(trx, { participantId }) {
    if (!(await tableExists(trx, 'outbox'))) return 0;
    const invitations = trx.selectFrom('invitation').select('id').where('participant_id', '=', participantId);
    const r = await loose(trx).deleteFrom('outbox').where('invitation_id', 'in', invitations).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
});
