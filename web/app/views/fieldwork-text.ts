import { ApiFailure, ERROR_TEXT, errorText } from '../api.js';
import { withWords } from '../study-words.js';
import { m } from '../i18n.js';
import { OUTBOX_STATUS_WORDS, type InvitationStatus, type MailKind, type OutboxStatus, type RoundState } from '../../../model/values.js';

/** Words the fieldwork screens share, Dutch first. */
export const FIELDWORK_WORDS = {
  nl: {
    state: { draft: 'niet gepland', scheduled: 'gepland', open: 'open', closed: 'gesloten' } satisfies Record<RoundState, string>,
    status: {
      submitted: 'ingevuld',
      started: 'begonnen',
      opened: 'geopend',
      // What these two say: whether rondo has sent the invitation e-mail (invitation.sent_at). Everyone with a status
      // is in the round already ("In de peiling" on the monitor), so "nog niet uitgenodigd" contradicted that count.
      sent: 'uitnodiging verstuurd',
      'not-sent': 'uitnodiging nog niet verstuurd',
    } satisfies Record<InvitationStatus, string>,
    mail: OUTBOX_STATUS_WORDS.nl,
    kind: { invitation: 'uitnodiging', reminder: 'herinnering' } satisfies Record<MailKind, string>,
    batch: { sending: 'bezig', paused: 'gepauzeerd', done: 'klaar', cancelled: 'geannuleerd' } as Record<string, string>,
    selection: {
      all: 'iedereen',
      'not-sent': 'uitnodiging nog niet verstuurd',
      nonresponders: 'niet-responders',
      selection: 'selectie',
      automatic: 'automatisch bij opening',
    } as Record<string, string>,
  },
  en: {
    state: { draft: 'not scheduled', scheduled: 'scheduled', open: 'open', closed: 'closed' } satisfies Record<RoundState, string>,
    status: {
      submitted: 'submitted',
      started: 'started',
      opened: 'opened',
      sent: 'invitation sent',
      'not-sent': 'invitation not yet sent',
    } satisfies Record<InvitationStatus, string>,
    mail: OUTBOX_STATUS_WORDS.en,
    kind: { invitation: 'invitation', reminder: 'reminder' } satisfies Record<MailKind, string>,
    batch: { sending: 'in progress', paused: 'paused', done: 'done', cancelled: 'cancelled' } as Record<string, string>,
    selection: {
      all: 'everyone',
      'not-sent': 'invitation not yet sent',
      nonresponders: 'non-responders',
      selection: 'selection',
      automatic: 'automatic on opening',
    } as Record<string, string>,
  },
};

/** Badge modifier per state, so colour follows meaning everywhere. */
export const STATE_BADGE: Record<RoundState, string> = {
  draft: 'a-badge--muted',
  scheduled: '',
  open: 'fw-badge--ok',
  closed: 'a-badge--muted',
};
export const STATUS_BADGE: Record<InvitationStatus, string> = {
  submitted: 'fw-badge--ok',
  started: '',
  opened: '',
  sent: 'a-badge--muted',
  'not-sent': 'a-badge--warn',
};
export const MAIL_BADGE: Record<OutboxStatus, string> = {
  queued: 'a-badge--muted',
  sending: '',
  sent: 'fw-badge--ok',
  failed: 'a-badge--danger',
  unknown: 'a-badge--warn',
  cancelled: 'a-badge--muted',
};

/** A batch's selection as people say it; scheduled reminders are "reminder:<days>". */
export function selectionLabel(words: (typeof FIELDWORK_WORDS)['nl'], selection: string, lang: 'nl' | 'en'): string {
  const m = /^reminder:(\d+)$/.exec(selection);
  if (m) return lang === 'nl' ? `${m[1]} dagen na uitnodiging` : `${m[1]} days after invitation`;
  return words.selection[selection] ?? selection;
}

const REASONS = {
  nl: {
    UNKNOWN_PLACEHOLDER: 'Onbekend invulveld {placeholder} in {field}. Gebruik {name}, {link}, {closingDate} of {studyTitle}.',
    LINK_MISSING: 'De tekst moet de persoonlijke link {link} bevatten.',
    LINK_IN_SUBJECT: 'De persoonlijke link {link} mag niet in het onderwerp staan.',
    EMPTY: 'Vul {field} in.',
    OPENED: '{Deze round} is al geopend; de openingstijd ligt vast.',
    PAST_opensAt: 'De openingstijd ligt in het verleden. Kies "Nu openen" om {de round} meteen te openen.',
    PAST_closesAt: 'De sluitingstijd ligt in het verleden. Kies "Nu sluiten" om {de round} meteen te sluiten.',
    ORDER_closesAt: 'De sluitingstijd moet na de openingstijd liggen.',
    ORDER_opensAt: 'Vul ook een openingstijd in.',
    DAYS: 'Herinneringen zijn hele dagen na de uitnodiging (1 tot 120), hooguit vijf, elk één keer.',
    LANGUAGE: 'Dit onderzoek heeft geen teksten in deze taal.',
    ALREADY_OPEN: '{Deze round} is al open.',
    CLOSED: '{Deze round} is gesloten. Stel een latere sluitingstijd in om {de round} te verlengen.',
    NOT_OPEN: 'Alleen een open {roundWord} kan worden gesloten.',
    NO_SMTP: 'Er is geen e-mailserver ingesteld; gebruik de export voor samenvoegen.',
    ROUND_NOT_OPEN: 'E-mail versturen kan alleen zolang {de round} open is.',
    ROUND_CLOSED:
      '{Deze round} is gesloten: er kunnen geen herinneringen of uitnodigingen meer worden verstuurd. ' +
      'Stel een latere sluitingstijd in om {de round} te verlengen.',
    SELECTION: 'Herinneringen gaan naar niet-responders of naar een selectie.',
    NOT_PAUSED: 'Alleen een gepauzeerde verzending kan worden hervat.',
    FINISHED: 'Deze verzending is al klaar.',
    REVOKED: 'Deze uitnodiging is ingetrokken.',
    LINE_BREAK: 'Het e-mailadres bevat een regeleinde.',
    SEVERAL: 'Vul één e-mailadres in.',
    INVALID: 'Dit is geen geldig e-mailadres.',
    ANONYMOUS_ON: 'De anonieme link van {deze round} staat al aan.',
    ANONYMOUS_OFF: '{Deze round} heeft geen anonieme link; zet hem eerst aan.',
    subject: 'het onderwerp',
    body: 'de tekst',
  },
  en: {
    UNKNOWN_PLACEHOLDER: 'Unknown field {placeholder} in {field}. Use {name}, {link}, {closingDate} or {studyTitle}.',
    LINK_MISSING: 'The text must contain the personal link {link}.',
    LINK_IN_SUBJECT: 'The personal link {link} cannot be in the subject.',
    EMPTY: 'Fill in {field}.',
    OPENED: 'This {roundWord} has opened; its opening time is fixed.',
    PAST_opensAt: 'The opening time is in the past. Choose "Open now" to open the {roundWord} at once.',
    PAST_closesAt: 'The closing time is in the past. Choose "Close now" to close the {roundWord} at once.',
    ORDER_closesAt: 'The closing time must be after the opening time.',
    ORDER_opensAt: 'Fill in an opening time as well.',
    DAYS: 'Reminders are whole days after the invitation (1 to 120), at most five, each once.',
    LANGUAGE: 'This study has no texts in this language.',
    ALREADY_OPEN: 'This {roundWord} is already open.',
    CLOSED: 'This {roundWord} has closed. Set a later closing time to extend it.',
    NOT_OPEN: 'Only an open {roundWord} can be closed.',
    NO_SMTP: 'No e-mail server is configured; use the mail-merge export.',
    ROUND_NOT_OPEN: 'E-mail can be sent only while the {roundWord} is open.',
    ROUND_CLOSED: 'This {roundWord} has closed: no more reminders or invitations can be sent. Set a later closing time to extend it.',
    SELECTION: 'Reminders go to non-responders or to a selection.',
    NOT_PAUSED: 'Only a paused mailing can be resumed.',
    FINISHED: 'This mailing has finished.',
    REVOKED: 'This invitation was withdrawn.',
    LINE_BREAK: 'The e-mail address contains a line break.',
    SEVERAL: 'Enter one e-mail address.',
    INVALID: 'This is not a valid e-mail address.',
    ANONYMOUS_ON: 'The anonymous link of this {roundWord} is already on.',
    ANONYMOUS_OFF: 'This {roundWord} has no anonymous link; turn it on first.',
    subject: 'the subject',
    body: 'the text',
  },
};

interface IssueDetail {
  code?: string;
  reason?: string;
  field?: string;
  placeholder?: string;
}

/**
 * The API's refusal in the interface language, in the study's words (`slug`): the server's `details` carry a stable reason
 * (and for templates and schedules, the issues with their field and placeholder); the English
 * message is the fallback for anything not listed here.
 */
export function fieldworkError(err: unknown, slug?: string): string {
  // The study's own words ("Deze peiling is al open"); rondo's neutral words without a study.
  const r = withWords(slug, m(REASONS)) as Record<string, string>;
  if (!(err instanceof ApiFailure)) return m(ERROR_TEXT.INTERNAL);
  const details = (err.details ?? {}) as { reason?: string; issues?: IssueDetail[]; placeholder?: string };
  const one = (i: IssueDetail): string | null => {
    const reason = i.code ?? i.reason ?? '';
    const text = r[`${reason}_${i.field}`] ?? r[reason];
    if (!text) return null;
    // {name} etc. in these messages are meant literally; only these three are filled in.
    return text.replace('{placeholder}', i.placeholder ?? '').replace('{field}', r[i.field ?? ''] ?? i.field ?? '');
  };
  const issues = details.issues?.length
    ? details.issues
    : details.reason
      ? [{ reason: details.reason, placeholder: details.placeholder }]
      : [];
  const texts = issues.map(one);
  if (texts.length && texts.every((x) => x !== null)) return [...new Set(texts)].join(' ');
  if (err.code === 'CONFLICT' || err.code === 'VALIDATION') return err.message;
  return errorText(err);
}
