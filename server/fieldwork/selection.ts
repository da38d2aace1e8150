import { checkAddress } from './address.js';
import type { RosterEntry } from './roster.js';
import type { Skipped } from '../../model/api/fieldwork.js';
import type { MailKind, SendSelection } from '../../model/values.js';

export interface Selected {
  entries: RosterEntry[];
  skipped: Skipped[];
}

/**
 * The recipients of a send, from the round's roster as it is now; never throws. Nobody is
 * selected twice for a mail of the same kind that is still waiting in the outbox, nobody who
 * submitted gets a reminder, and addresses that cannot be used are reported rather than queued.
 */
export function selectRecipients(roster: RosterEntry[], kind: MailKind, selection: SendSelection, keys: string[] = []): Selected {
  let chosen: RosterEntry[];
  const skipped: Skipped[] = [];
  switch (selection) {
    case 'all':
      chosen = roster;
      break;
    case 'not-sent':
      chosen = roster.filter((e) => e.status === 'not-sent');
      for (const e of chosen.filter((x) => x.lastMail?.kind === 'invitation' && x.lastMail.status === 'unknown')) {
        skipped.push({
          participantKey: e.participantKey,
          reason: 'MAYBE_SENT',
          message: 'the last invitation may have arrived (the connection broke); send it again by selecting this participant',
        });
      }
      chosen = chosen.filter((e) => !(e.lastMail?.kind === 'invitation' && e.lastMail.status === 'unknown'));
      break;
    case 'nonresponders':
      chosen = roster.filter((e) => e.status !== 'submitted');
      break;
    case 'selection': {
      const byKey = new Map(roster.map((e) => [e.participantKey, e]));
      chosen = [];
      for (const key of new Set(keys)) {
        const e = byKey.get(key);
        if (e) chosen.push(e);
        else
          skipped.push({ participantKey: key, reason: 'UNKNOWN_PARTICIPANT', message: 'no invitation for this participant in this round' });
      }
      break;
    }
  }
  const entries: RosterEntry[] = [];
  for (const e of chosen) {
    if (kind === 'reminder' && e.status === 'submitted') {
      skipped.push({ participantKey: e.participantKey, reason: 'SUBMITTED', message: 'has already submitted' });
      continue;
    }
    if (e.pending.includes(kind)) {
      skipped.push({
        participantKey: e.participantKey,
        reason: 'PENDING',
        message: `a ${kind} for this participant is already waiting to be sent`,
      });
      continue;
    }
    const address = checkAddress(e.email);
    if (!address.ok) {
      skipped.push({
        participantKey: e.participantKey,
        reason: address.reason === 'EMPTY' ? 'NO_ADDRESS' : 'INVALID_ADDRESS',
        message: address.message,
      });
      continue;
    }
    entries.push(e);
  }
  return { entries, skipped };
}

/**
 * Whom a mail's preview is addressed to: the first participant the mail would go to now, so a
 * reminder is never previewed for someone who has already answered (and an invitation for
 * someone who has not had one, while there is anyone). A reminder with nobody left to remind has
 * no recipient: the preview then uses a stand-in, as for a round without invitations.
 */
export function previewRecipient(roster: RosterEntry[], kind: MailKind): RosterEntry | null {
  if (kind === 'reminder') {
    const waiting = roster.filter((e) => e.status !== 'submitted');
    return selectRecipients(waiting, 'reminder', 'nonresponders').entries[0] ?? waiting[0] ?? null;
  }
  return selectRecipients(roster, 'invitation', 'not-sent').entries[0] ?? roster[0] ?? null;
}
