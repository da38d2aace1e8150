import { DISCLOSURE_FIELD_NAMES } from '../../../model/disclosure.js';
import type { Lang } from '../../../model/i18n.js';
import { ROLE_WORDS } from '../../../model/values.js';

/**
 * What an audit entry's details and target say, in the reader's language, for the audit log on
 * the logs screen. The log stores them as the server wrote them (`{"onlyNonresponders":false,
 * "rows":12}`, `round:pre`) and is hash-chained, so nothing stored is rewritten: the screen names
 * each detail ("Alleen wie nog niet invulde: nee · Regels: 12"), a round by its label, a question
 * by its text, a time in the reader's format. The CSV download keeps the stored form.
 *
 * Messages hold the study-word placeholders of model/vocabulary-text.ts (`{RoundWord}`,
 * `{participants}`); the view fills them with `withWords()` before handing them here. A key or
 * value this file does not know is shown as stored.
 * test/foundation/audit-action-text.test.ts checks that every detail key the server writes has words.
 */
const disclosureNames = (lang: Lang) =>
  Object.fromEntries(Object.entries(DISCLOSURE_FIELD_NAMES).map(([field, name]) => [field, name[lang]]));

export const AUDIT_DETAIL_WORDS = {
  nl: {
    keys: {
      accent: 'Accentkleur',
      added: 'Toegevoegd',
      admin: 'Beheerder',
      adopted: 'Overgenomen indicatoren',
      after: 'Nieuw',
      answers: 'Antwoorden',
      archivedAt: 'Gearchiveerd op',
      attributes: 'Kenmerken',
      autoInvite: 'Automatisch uitnodigen',
      batch: 'Import',
      before: 'Was',
      by: 'Gekozen door',
      bytes: 'Grootte',
      cancelled: 'Geannuleerd',
      cancelledMails: 'Geannuleerde e-mails',
      changes: 'Wijzigingen',
      closesAt: 'Sluit',
      contacts: 'Met contactgegevens',
      contactsRemoved: 'Contactgegevens verwijderd',
      coordinator: 'Coördinator',
      count: 'Aantal',
      daysAfterInvitation: 'Dagen na de uitnodiging',
      defaultLanguage: 'Standaardtaal',
      deleted: 'Verwijderd',
      deletesAt: 'Wordt verwijderd op',
      detail: 'Toelichting',
      disabled: 'Geblokkeerd',
      draftsDeleted: 'Concepten gewist',
      draftsRemoved: 'Concepten verwijderd',
      elsewhere: 'Ook gewist',
      everyMonths: 'Om de zoveel maanden',
      expiresAt: 'Verloopt',
      failed: 'Mislukt',
      fields: 'Velden',
      file: 'Bestand',
      files: 'Bestanden',
      flavour: 'Variant',
      format: 'Formaat',
      from: 'Van',
      generation: 'Versie van de link',
      groups: 'Groepen',
      indicators: 'Indicatoren',
      into: 'Samengevoegd met thema',
      invitationsCreated: 'Uitnodigingen gemaakt',
      invitationsQueued: 'Uitnodigingen klaargezet',
      invitationsRemoved: 'Uitnodigingen verwijderd',
      invitationsRevoked: 'Uitnodigingen ingetrokken',
      items: 'Vragen',
      keys: 'Kenmerken',
      kind: 'Soort',
      lang: 'Taal',
      language: 'Taal',
      languages: 'Talen',
      left: 'Herstelcodes over',
      legalBasis: 'Grondslag',
      length: 'Lengte (tekens)',
      logo: 'Logo',
      message: 'Melding',
      method: 'Manier',
      ...disclosureNames('nl'),
      name: 'Naam',
      ok: 'Gelukt',
      onlyNonresponders: 'Alleen wie nog niet invulde',
      openDays: 'Dagen open',
      openText: 'Met open antwoorden',
      opensAt: 'Opent',
      origin: 'Gestart',
      participants: '{Participants}',
      participantsCreated: 'Nieuwe {participants}',
      participantsRekeyed: '{Participants} met een nieuwe sleutel',
      plan: 'Verbeterplan',
      point: 'Verbeterpunt',
      primary: 'Hoofdkleur',
      programme: 'Programma',
      quarter: 'Kwartaal',
      queued: 'Klaargezet',
      quotes: 'Citaten',
      reason: 'Reden',
      reminderDays: 'Herinneringen (dagen na de uitnodiging)',
      removed: 'Verwijderd',
      reset: 'Teruggezet naar de standaard',
      responses: 'Ingevulde vragenlijsten',
      responsesDeleted: 'Ingevulde vragenlijsten gewist',
      responsesKept: 'Ingevulde vragenlijsten bewaard zonder sleutel',
      retentionUntil: 'Bewaren tot',
      role: 'Rol',
      round: '{RoundWord}',
      rows: 'Regels',
      scheduledFor: 'Gepland voor',
      scopes: 'Rechten',
      secondFactor: 'Tweede stap',
      selection: 'Ontvangers',
      sent: 'Verstuurd',
      sha256: 'Controlegetal (SHA-256)',
      share: 'Deellink',
      skipped: 'Overgeslagen',
      slug: 'Korte naam',
      source: 'Bron',
      start: 'Begint op',
      status: 'Status',
      study: 'Onderzoek',
      teamMode: 'Teamweergave',
      terms: 'Woorden',
      themes: "Thema's",
      to: 'Naar',
      typeface: 'Lettertype',
      unknown: 'Onbekend',
      user: 'Account',
      valuesRemoved: 'Waarden verwijderd',
      version: 'Versie',
      year: 'Jaar',
    } as Record<string, string>,
    /** Stored values in words, by the key they are stored under. */
    values: {
      answers: { keep: 'bewaard zonder sleutel', delete: 'gewist' },
      by: { vote: 'stemming', connector: 'netwerkverbinder' },
      elsewhere: { outbox: 'verstuurde e-mails' },
      language: { nl: 'Nederlands', en: 'Engels' },
      logo: { kept: 'ongewijzigd', removed: 'verwijderd' },
      method: { oidc: 'eenmalige aanmelding (OpenID Connect)', password: 'wachtwoord' },
      origin: { manual: 'met de hand', schedule: 'volgens planning' },
      role: ROLE_WORDS.nl,
      secondFactor: { totp: 'code uit de app', recovery: 'herstelcode' },
      // The term as the study now calls it.
      terms: { intervention: '{intervention}', tool: '{tool}', partner: '{partner}', round: '{roundWord}', participant: '{participant}' },
      status: { 'not-started': 'niet begonnen', 'in-progress': 'bezig', done: 'klaar', dropped: 'vervallen' },
      format: { 'mail-merge-csv': 'CSV voor samenvoegen', json: 'JSON', html: 'leesbaar (HTML)', xlsx: 'Excel' },
      flavour: { intl: 'internationaal', nl: 'Nederlands Excel' },
    } as Record<string, Record<string, string>>,
    yes: 'ja',
    no: 'nee',
    none: '—',
    more: 'en nog {n}',
    source: { template: 'sjabloon {x}', copy: 'kopie van {x}', file: 'bestand {x}' } as Record<string, string>,
    targets: {
      round: '{RoundWord} {x}',
      participant: '{Participant} {x}',
      user: 'account {x}',
      batch: 'verzending {x}',
      programme: 'programma {x}',
      'api-token': 'API-sleutel {x}',
      group: 'groep {x}',
      template: 'e-mailtekst: {x}',
      point: 'verbeterpunt {x}',
      plan: 'verbeterplan {x}',
      action: 'actie {x}',
      pdca: 'PDCA-stap {x}',
      study: 'onderzoek {x}',
      version: 'versie {x}',
      revision: 'revisie {x}',
      theme: 'thema {x} bij ‘{item}’',
      answer: 'antwoord {x} op ‘{item}’',
    } as Record<string, string>,
  },
  en: {
    keys: {
      accent: 'Accent colour',
      added: 'Added',
      admin: 'Administrator',
      adopted: 'Indicators adopted',
      after: 'New',
      answers: 'Answers',
      archivedAt: 'Archived on',
      attributes: 'Attributes',
      autoInvite: 'Invite automatically',
      batch: 'Import',
      before: 'Was',
      by: 'Chosen by',
      bytes: 'Size',
      cancelled: 'Cancelled',
      cancelledMails: 'Mails cancelled',
      changes: 'Changes',
      closesAt: 'Closes',
      contacts: 'With contact details',
      contactsRemoved: 'Contact details removed',
      coordinator: 'Coordinator',
      count: 'Number',
      daysAfterInvitation: 'Days after the invitation',
      defaultLanguage: 'Default language',
      deleted: 'Deleted',
      deletesAt: 'To be deleted on',
      detail: 'Detail',
      disabled: 'Blocked',
      draftsDeleted: 'Drafts erased',
      draftsRemoved: 'Drafts removed',
      elsewhere: 'Also erased',
      everyMonths: 'Every so many months',
      expiresAt: 'Expires',
      failed: 'Failed',
      fields: 'Fields',
      file: 'File',
      files: 'Files',
      flavour: 'Variant',
      format: 'Format',
      from: 'From',
      generation: 'Link version',
      groups: 'Groups',
      indicators: 'Indicators',
      into: 'Merged into theme',
      invitationsCreated: 'Invitations created',
      invitationsQueued: 'Invitations queued',
      invitationsRemoved: 'Invitations removed',
      invitationsRevoked: 'Invitations withdrawn',
      items: 'Questions',
      keys: 'Attributes',
      kind: 'Kind',
      lang: 'Language',
      language: 'Language',
      languages: 'Languages',
      left: 'Recovery codes left',
      legalBasis: 'Legal basis',
      length: 'Length (characters)',
      logo: 'Logo',
      message: 'Message',
      method: 'Method',
      ...disclosureNames('en'),
      name: 'Name',
      ok: 'Succeeded',
      onlyNonresponders: 'Only those who have not answered',
      openDays: 'Days open',
      openText: 'With open answers',
      opensAt: 'Opens',
      origin: 'Started',
      participants: '{Participants}',
      participantsCreated: 'New {participants}',
      participantsRekeyed: '{Participants} given a new key',
      plan: 'Improvement plan',
      point: 'Improvement point',
      primary: 'Main colour',
      programme: 'Programme',
      quarter: 'Quarter',
      queued: 'Queued',
      quotes: 'Quotes',
      reason: 'Reason',
      reminderDays: 'Reminders (days after the invitation)',
      removed: 'Removed',
      reset: 'Reset to the default',
      responses: 'Responses',
      responsesDeleted: 'Responses erased',
      responsesKept: 'Responses kept without a key',
      retentionUntil: 'Keep until',
      role: 'Role',
      round: '{RoundWord}',
      rows: 'Rows',
      scheduledFor: 'Scheduled for',
      scopes: 'Permissions',
      secondFactor: 'Second step',
      selection: 'Recipients',
      sent: 'Sent',
      sha256: 'Checksum (SHA-256)',
      share: 'Share link',
      skipped: 'Skipped',
      slug: 'Short name',
      source: 'Source',
      start: 'Starts on',
      status: 'Status',
      study: 'Study',
      teamMode: 'Team mode',
      terms: 'Words',
      themes: 'Themes',
      to: 'To',
      typeface: 'Typeface',
      unknown: 'Unknown',
      user: 'Account',
      valuesRemoved: 'Values removed',
      version: 'Version',
      year: 'Year',
    } as Record<string, string>,
    values: {
      answers: { keep: 'kept without a key', delete: 'erased' },
      by: { vote: 'vote', connector: 'network connector' },
      elsewhere: { outbox: 'mails sent' },
      language: { nl: 'Dutch', en: 'English' },
      logo: { kept: 'unchanged', removed: 'removed' },
      method: { oidc: 'single sign-on (OpenID Connect)', password: 'password' },
      origin: { manual: 'by hand', schedule: 'by the schedule' },
      role: ROLE_WORDS.en,
      secondFactor: { totp: 'code from the app', recovery: 'recovery code' },
      // The term as the study now calls it.
      terms: { intervention: '{intervention}', tool: '{tool}', partner: '{partner}', round: '{roundWord}', participant: '{participant}' },
      status: { 'not-started': 'not started', 'in-progress': 'in progress', done: 'done', dropped: 'dropped' },
      format: { 'mail-merge-csv': 'CSV for mail merge', json: 'JSON', html: 'readable (HTML)', xlsx: 'Excel' },
      flavour: { intl: 'international', nl: 'Dutch Excel' },
    } as Record<string, Record<string, string>>,
    yes: 'yes',
    no: 'no',
    none: '—',
    more: 'and {n} more',
    source: { template: 'template {x}', copy: 'copy of {x}', file: 'file {x}' } as Record<string, string>,
    targets: {
      round: '{RoundWord} {x}',
      participant: '{Participant} {x}',
      user: 'account {x}',
      batch: 'mailing {x}',
      programme: 'programme {x}',
      'api-token': 'API key {x}',
      group: 'group {x}',
      template: 'mail text: {x}',
      point: 'improvement point {x}',
      plan: 'improvement plan {x}',
      action: 'action {x}',
      pdca: 'PDCA step {x}',
      study: 'study {x}',
      version: 'version {x}',
      revision: 'revision {x}',
      theme: 'theme {x} of ‘{item}’',
      answer: 'answer {x} to ‘{item}’',
    } as Record<string, string>,
  },
};

export type AuditDetailWords = (typeof AUDIT_DETAIL_WORDS)['nl'];

/** What the details need from the screen: its formats and the study's names for keys. */
export interface DetailNames {
  num: (n: number) => string;
  dateTime: (iso: string) => string;
  /** A round's label for its key (the key when unknown). */
  round: (key: string) => string;
  /** A question's text for its item id (the id when unknown). */
  item: (id: string) => string;
  /** Export formats (ACCESS_WORDS.formats) and mail kinds (ACCESS_WORDS.kind), in words. */
  formats: Record<string, string>;
  kinds: Record<string, string>;
  /** A mail batch's selection in words ("wie nog niet invulde", "7 dagen na uitnodiging"). */
  selection: (s: string) => string;
}

/** Details whose values share another's words: a change's `from` and `to` are languages, roles or statuses. */
const VALUE_KEYS: Record<string, string[]> = {
  lang: ['language'],
  languages: ['language'],
  defaultLanguage: ['language'],
  from: ['language', 'role', 'status'],
  to: ['language', 'role', 'status'],
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
/** Lists longer than this show their first items and how many more. */
const LIST_MAX = 8;

/** One stored value in words; `key` is the detail it is stored under. */
function valueText(key: string, v: unknown, w: AuditDetailWords, n: DetailNames): string {
  if (v === null || v === undefined || v === '') return w.none;
  if (typeof v === 'boolean') return v ? w.yes : w.no;
  if (typeof v === 'number') return key === 'bytes' ? bytes(v, n) : n.num(v);
  if (Array.isArray(v)) {
    const shown = v.slice(0, LIST_MAX).map((x) => valueText(key, x, w, n));
    if (v.length > LIST_MAX) shown.push(w.more.replace('{n}', n.num(v.length - LIST_MAX)));
    return shown.join(', ') || w.none;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    // A change of one setting: { from, to }.
    if (keys.length === 2 && 'from' in o && 'to' in o) return `${valueText(key, o.from, w, n)} → ${valueText(key, o.to, w, n)}`;
    if (key === 'elsewhere' || key === 'deleted')
      return keys.map((k) => `${w.values.elsewhere[k] ?? k}: ${valueText(k, o[k], w, n)}`).join(', ');
    return `(${detailPairs(o, w, n).join(', ')})`;
  }
  const s = String(v);
  if (key === 'round') return n.round(s);
  if (key === 'items') return `‘${n.item(s)}’`;
  if (key === 'kind') return n.kinds[s] ?? s;
  if (key === 'format') return n.formats[s] ?? w.values.format[s] ?? s;
  if (key === 'selection') return n.selection(s);
  if (key === 'source') {
    const m = /^(template|copy|file):(.*)$/.exec(s);
    if (m) return w.source[m[1]].replace('{x}', m[2]);
  }
  const word = (VALUE_KEYS[key] ?? [key]).map((k) => w.values[k]?.[s]).find(Boolean);
  if (word) return word;
  return DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)) ? n.dateTime(s) : s;
}

function bytes(v: number, n: DetailNames): string {
  if (v < 1024) return `${n.num(v)} B`;
  if (v < 1024 * 1024) return `${n.num(Math.round(v / 1024))} kB`;
  return `${n.num(Math.round(v / 104857.6) / 10)} MB`;
}

function detailPairs(d: Record<string, unknown>, w: AuditDetailWords, n: DetailNames): string[] {
  // A key may be a language: the statement's length per language.
  return Object.entries(d).map(([k, v]) => `${w.keys[k] ?? w.values.language[k] ?? k}: ${valueText(k, v, w, n)}`);
}

/** An entry's details in words: "Regels: 12 · Alleen wie nog niet invulde: nee"; empty for none. */
export function auditDetailsText(details: Record<string, unknown>, w: AuditDetailWords, n: DetailNames): string {
  return detailPairs(details, w, n).join(' · ');
}

/**
 * What an entry concerns, in words: "Meting Voormeting" for `round:pre`, "account 12" for
 * `user:12`, "thema 3 bij ‘Wat neemt u mee?’" for an open question's theme (`item#3`). A target
 * of another form is shown as stored.
 */
export function auditTargetText(target: string, w: AuditDetailWords, n: DetailNames): string {
  const fill = (form: string, x: string, item = '') => form.replace('{x}', x).replace('{item}', item);
  const prefixed = /^([a-z-]+):(.+)$/.exec(target) ?? /^(version|revision) (\d+)$/.exec(target);
  if (prefixed && w.targets[prefixed[1]]) {
    const [, kind, x] = prefixed;
    return fill(w.targets[kind], kind === 'round' ? n.round(x) : kind === 'template' ? (n.kinds[x] ?? x) : x);
  }
  const open = /^([A-Za-z0-9_.-]+)([#@])(\d+)$/.exec(target);
  if (open) return fill(w.targets[open[2] === '#' ? 'theme' : 'answer'], open[3], n.item(open[1]));
  return target;
}
