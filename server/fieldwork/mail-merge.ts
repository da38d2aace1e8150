import type { Kysely } from 'kysely';
import type { Lang } from '../../model/index.js';
import type { Database } from '../db/schema.js';
import { writeTx } from '../db/tx.js';
import { getStudyDefinition } from '../studies/repository.js';
import { audit } from '../audit.js';
import { logAccess } from '../privacy/access-log.js';
import { checkAddress } from './address.js';
import { formatDateTime } from './dates.js';
import { ensureInvitations, invitationLink } from './invitations.js';
import { loadRoster } from './roster.js';
import { csvLine } from '../csv-cell.js';
import { assertMailWindow } from './mail-window.js';
import { roundState, type RoundRow } from './rounds.js';

export const MAIL_MERGE_COLUMNS = ['name', 'email', 'link', 'round', 'round_label', 'closing_date'] as const;

export interface MailMergeResult {
  csv: string;
  rows: number;
  /** Participants left out, with the reason (no or unusable address). */
  skipped: { participantKey: string; reason: string }[];
}

/**
 * The mail-merge file for sending invitations from Outlook or another mail program: name,
 * e-mail, personal link, round. Links are derived from the secret, so exporting again gives
 * the same links: an export never invalidates a link already sent. Missing invitations are
 * created first (participants added since the round opened), except for a closed round: an
 * invitation made after closing would count a participant who was never asked among those
 * invited, lowering its response rate. The non-responders' file is for reminders, so it is
 * refused unless the round is open (mail-window.ts), before anything is written. Audited, as
 * it holds contact details.
 */
export async function exportMailMerge(
  db: Kysely<Database>,
  args: {
    secret: Buffer;
    baseUrl: string;
    studyId: number;
    round: RoundRow;
    onlyNonresponders: boolean;
    actor: string;
    session?: string;
    now: Date;
  },
): Promise<MailMergeResult> {
  if (args.onlyNonresponders) assertMailWindow(args.round, args.now);
  if (roundState(args.round, args.now) !== 'closed') await writeTx(db, (trx) => ensureInvitations(trx, args.secret, args.round, args.now));
  const study = await getStudyDefinition(db, args.studyId);
  const lang: Lang = study.defaultLanguage ?? 'nl';
  const roster = (await loadRoster(db, args.round)).filter((e) => !args.onlyNonresponders || e.status !== 'submitted');
  const rows: string[][] = [];
  const exported: string[] = [];
  const skipped: MailMergeResult['skipped'] = [];
  const label = lang === 'en' ? args.round.label_en : args.round.label_nl;
  const closing = args.round.closes_at ? formatDateTime(args.round.closes_at, lang) : '';
  for (const e of roster) {
    const address = checkAddress(e.email);
    if (!address.ok) {
      skipped.push({ participantKey: e.participantKey, reason: address.message });
      continue;
    }
    const link = invitationLink(args.baseUrl, args.secret, {
      participant_id: e.participantId,
      round_id: args.round.id,
      token_generation: e.generation,
    });
    rows.push([oneLine(e.name), address.address, link, args.round.key, oneLine(label), closing]);
    exported.push(e.participantKey);
  }
  await writeTx(db, async (trx) => {
    await audit(trx, {
      actor: args.actor,
      studyId: args.studyId,
      action: 'fieldwork.export',
      target: `round:${args.round.key}`,
      details: { format: 'mail-merge-csv', onlyNonresponders: args.onlyNonresponders, rows: rows.length, skipped: skipped.length },
      session: args.session,
      at: args.now,
    });
    await logAccess(trx, {
      actor: args.actor,
      session: args.session,
      studyId: args.studyId,
      kind: 'export',
      data: 'contacts',
      participants: exported,
      purpose: `mail-merge csv ${args.round.key}${args.onlyNonresponders ? ' non-responders' : ''}`,
      at: args.now,
    });
  });
  // Every text quoted and neutralised against formulas (../csv-cell.ts): names come from
  // imports and from the people themselves.
  return { csv: [MAIL_MERGE_COLUMNS, ...rows].map(csvLine).join(''), rows: rows.length, skipped };
}

/** A mail-merge field is one line: line breaks in a name would break the merge. */
function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
