import type { ExportFormat } from './values.js';

/**
 * What the personal-data access log says, in the reader's words. The log stores a stable,
 * English, machine-facing description of each access (server/privacy/access-log.ts: `data` is
 * "contacts", "open-answers", …; `purpose` is "fieldwork monitor p2026voorjaar", "open answers
 * tips (round p2026voorjaar): 28 answers", …) and is append-only, so nothing stored is rewritten:
 * the screen reads those descriptions back into their parts and says them in the interface
 * language, with the round's label for its key and the question's text for its item id. A
 * description this file does not know is shown as stored.
 *
 * Messages hold the study-word placeholders of model/vocabulary-text.ts (`{participants}`,
 * `{roundWord}`); the view fills them with `withWords()` before handing them here.
 */
export const ACCESS_WORDS = {
  nl: {
    data: {
      contacts: 'contactgegevens',
      participants: 'naam, organisatie en functie',
      responses: 'antwoorden',
      'open-answers': 'open antwoorden',
      links: 'persoonlijke links',
      'subject-access': 'alle gegevens van één {participant} (inzageverzoek)',
    } as Record<string, string>,
    purpose: {
      cohortList: 'Lijst met {participants}',
      monitor: 'Veldwerkmonitor: {participants} in {round}',
      patterns: 'Veldwerk: wie deed mee aan welke {roundWord}',
      mailPreview: 'Voorbeeld van een e-mail',
      mailBatch: 'Ontvangers van verzending {id}',
      notSent: 'Niet verstuurd: {kind} voor {round}',
      openAnswers: 'Open antwoorden op ‘{item}’{filter}: {count}',
      answersOne: '1 antwoord',
      answersMany: '{n} antwoorden',
      onlyRound: 'alleen {round}',
      search: 'met zoekterm',
      keyList: 'Sleutellijst gedownload (contacts.csv)',
      keyListIn: 'Sleutellijst bij de export ({format})',
      exportOpen: 'Export {format} met open antwoorden',
      findToErase: '{Participant} opzoeken om gegevens te wissen',
      subjectAccess: 'Inzageverzoek ({format})',
      link: 'Persoonlijke link voor {round} getoond',
      newLink: 'Nieuwe persoonlijke link voor {round} gemaakt',
      mailMerge: 'Export voor samenvoegen, {round}',
      mailMergeNon: 'Export voor samenvoegen, {round}, alleen wie nog niet invulde',
    },
    kind: { invitation: 'uitnodiging', reminder: 'herinnering' } as Record<string, string>,
    /** What was done with the data (the log's `kind`). */
    access: { view: 'bekeken', export: 'geëxporteerd' } as Record<string, string>,
    formats: {
      bundle: 'alles in één zip',
      wide: 'breed',
      long: 'lang',
      round: 'per {roundWord}',
      codebook: 'codeboek',
      spss: 'SPSS',
      sav: 'SPSS-databestand',
      r: 'R',
    } satisfies Record<ExportFormat, string> as Record<string, string>,
  },
  en: {
    data: {
      contacts: 'contact details',
      participants: 'name, organisation and role',
      responses: 'answers',
      'open-answers': 'open answers',
      links: 'personal links',
      'subject-access': 'everything held on one {participant} (subject access)',
    } as Record<string, string>,
    purpose: {
      cohortList: 'List of {participants}',
      monitor: 'Fieldwork monitor: {participants} in {round}',
      patterns: 'Fieldwork: who took part in which {roundWord}',
      mailPreview: 'Preview of an e-mail',
      mailBatch: 'Recipients of mailing {id}',
      notSent: 'Not sent: {kind} for {round}',
      openAnswers: 'Open answers to ‘{item}’{filter}: {count}',
      answersOne: '1 answer',
      answersMany: '{n} answers',
      onlyRound: '{round} only',
      search: 'with a search term',
      keyList: 'Key list downloaded (contacts.csv)',
      keyListIn: 'Key list with the export ({format})',
      exportOpen: 'Export {format} with open answers',
      findToErase: 'Looking up a {participant} to erase their data',
      subjectAccess: 'Subject access request ({format})',
      link: 'Personal link for {round} shown',
      newLink: 'New personal link for {round} made',
      mailMerge: 'Mail-merge export, {round}',
      mailMergeNon: 'Mail-merge export, {round}, only those who have not submitted',
    },
    kind: { invitation: 'invitation', reminder: 'reminder' } as Record<string, string>,
    access: { view: 'viewed', export: 'exported' } as Record<string, string>,
    formats: {
      bundle: 'everything in one zip',
      wide: 'wide',
      long: 'long',
      round: 'per {roundWord}',
      codebook: 'codebook',
      spss: 'SPSS',
      sav: 'SPSS data file',
      r: 'R',
    } satisfies Record<ExportFormat, string> as Record<string, string>,
  },
};
export type AccessWords = (typeof ACCESS_WORDS)['nl'];

/** How the screen names a round (its label) and a question (its text) from the keys the log stores. */
export interface AccessNames {
  round(key: string): string;
  item(id: string): string;
}

const fillIn = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/** The kind of data an access concerned, in the reader's words; an unknown kind as stored. */
export function accessDataText(data: string, w: AccessWords): string {
  return w.data[data] ?? data;
}

/**
 * What an access was for, in the reader's words, read back from the stored description. Each
 * pattern is one place on the server that writes it (grep for the English text there).
 */
export function accessPurposeText(purpose: string, w: AccessWords, names: AccessNames, num: (n: number) => string = String): string {
  const p = w.purpose;
  const format = (f: string) => w.formats[f] ?? f;
  let m: RegExpExecArray | null;
  // server/routes/setup-cohort.ts
  if (purpose === 'cohort participant list') return p.cohortList;
  // server/routes/fieldwork-monitor.ts
  if ((m = /^fieldwork monitor (\S+)$/.exec(purpose))) return fillIn(p.monitor, { round: names.round(m[1]) });
  if (purpose === 'fieldwork response patterns') return p.patterns;
  // server/routes/fieldwork-mail.ts
  if (purpose === 'mail preview') return p.mailPreview;
  if ((m = /^mail batch (\d+)$/.exec(purpose))) return fillIn(p.mailBatch, { id: m[1] });
  if ((m = /^send (invitation|reminder) (\S+): not sent to$/.exec(purpose)))
    return fillIn(p.notSent, { kind: w.kind[m[1]] ?? m[1], round: names.round(m[2]) });
  // server/routes/open-answers.ts: "open answers <item>[ (round <key>[, search])]: <n> answers"
  if ((m = /^open answers (\S+?)(?: \(([^)]*)\))?: (\d+) answers$/.exec(purpose))) {
    const parts = (m[2] ?? '')
      .split(', ')
      .filter(Boolean)
      .map((part) => {
        const round = /^round (\S+)$/.exec(part);
        return round ? fillIn(p.onlyRound, { round: names.round(round[1]) }) : part === 'search' ? p.search : part;
      });
    const n = Number(m[3]);
    return fillIn(p.openAnswers, {
      item: names.item(m[1]),
      filter: parts.length ? ` (${parts.join(', ')})` : '',
      count: n === 1 ? p.answersOne : fillIn(p.answersMany, { n: num(n) }),
    });
  }
  // server/exchange/access.ts
  if ((m = /^export contacts\.csv \((\S+)\)$/.exec(purpose)))
    return m[1] === 'contacts' ? p.keyList : fillIn(p.keyListIn, { format: format(m[1]) });
  if ((m = /^export (\S+) with open answers$/.exec(purpose))) return fillIn(p.exportOpen, { format: format(m[1]) });
  // server/privacy/find-participants.ts, server/privacy/subject-access.ts
  if (purpose === 'privacy: finding a participant to erase') return p.findToErase;
  if ((m = /^subject access (\S+)$/.exec(purpose))) return fillIn(p.subjectAccess, { format: m[1].toUpperCase() });
  // server/routes/fieldwork-links.ts
  if ((m = /^(new )?personal link (\S+)$/.exec(purpose))) return fillIn(m[1] ? p.newLink : p.link, { round: names.round(m[2]) });
  // server/fieldwork/mail-merge.ts
  if ((m = /^mail-merge csv (\S+)( non-responders)?$/.exec(purpose)))
    return fillIn(m[2] ? p.mailMergeNon : p.mailMerge, { round: names.round(m[1]) });
  return purpose;
}
