import { escapeHtml as e } from '../html.js';
import type { SubjectAccess } from './subject-access.js';
import type { Vocabulary } from '../../model/vocabulary.js';
import { fillTermsIn } from '../../model/vocabulary-text.js';
import { ACCESS_WORDS, accessDataText, accessPurposeText } from '../../model/access-log-text.js';
import { OUTBOX_STATUS_WORDS } from '../../model/values.js';

type Lang = 'nl' | 'en';

const T = {
  nl: {
    title: 'Inzage in uw gegevens',
    intro: (org: string, study: string) =>
      `Dit overzicht bevat alle gegevens die ${org} in het onderzoek "${study}" over u heeft opgeslagen (AVG artikel 15). Een machineleesbare versie (JSON) is op verzoek beschikbaar (artikel 20).`,
    generated: 'Opgesteld op',
    you: 'Uw gegevens',
    key: '{Participant}: code',
    name: 'Naam',
    email: 'E-mailadres',
    organisation: 'Organisatie',
    role: 'Functie',
    team: 'Team',
    added: 'Toegevoegd op',
    left: 'Gestopt vanaf {roundWord}',
    erased: 'Contactgegevens gewist op',
    invitations: 'Uitnodigingen',
    round: '{RoundWord}',
    sent: 'Verstuurd',
    reminded: 'Herinnerd',
    opened: 'Geopend',
    submitted: 'Ingevuld',
    revoked: 'Ingetrokken',
    mails: 'Verstuurde e-mails',
    status: 'Status',
    responses: 'Uw antwoorden',
    question: 'Vraag',
    answer: 'Antwoord',
    started: 'Begonnen',
    themes: 'Thema’s toegekend aan uw open antwoorden',
    theme: 'Thema',
    quotes: 'Citaten uit uw antwoorden',
    quote: 'Citaat',
    access: 'Wie uw gegevens heeft ingezien of geëxporteerd',
    at: 'Wanneer',
    who: 'Wie',
    what: 'Wat',
    purpose: 'Doel',
    whole: '(alle {participants} van het onderzoek)',
    none: 'Geen.',
    noValue: '—',
    dontKnow: 'weet niet',
    notApplicable: 'niet van toepassing',
    draft: 'concept',
    done: 'ingevuld',
  },
  en: {
    title: 'Your data',
    intro: (org: string, study: string) =>
      `This overview holds all data ${org} has stored about you in the study "${study}" (GDPR article 15). A machine-readable version (JSON) is available on request (article 20).`,
    generated: 'Prepared on',
    you: 'Your details',
    key: '{Participant} code',
    name: 'Name',
    email: 'E-mail address',
    organisation: 'Organisation',
    role: 'Role',
    team: 'Team',
    added: 'Added on',
    left: 'Left from {roundWord}',
    erased: 'Contact details erased on',
    invitations: 'Invitations',
    round: '{RoundWord}',
    sent: 'Sent',
    reminded: 'Reminded',
    opened: 'Opened',
    submitted: 'Submitted',
    revoked: 'Revoked',
    mails: 'E-mails sent',
    status: 'Status',
    responses: 'Your answers',
    question: 'Question',
    answer: 'Answer',
    started: 'Started',
    themes: 'Themes given to your open answers',
    theme: 'Theme',
    quotes: 'Quotes from your answers',
    quote: 'Quote',
    access: 'Who viewed or exported your data',
    at: 'When',
    who: 'Who',
    what: 'What',
    purpose: 'Purpose',
    whole: '(all {participants} of the study)',
    none: 'None.',
    noValue: '—',
    dontKnow: "don't know",
    notApplicable: 'not applicable',
    draft: 'draft',
    done: 'submitted',
  },
} as const;

const STYLE = `body{font-family:Arimo,Arial,'Liberation Sans',sans-serif;font-size:10.5pt;line-height:1.45;color:#1a1a1a;max-width:48rem;margin:2rem auto;padding:0 1rem}
h1{font-size:18pt;margin:0 0 .5rem}h2{font-size:13pt;margin:1.6rem 0 .4rem;border-bottom:1px solid #bbb;padding-bottom:.2rem}h3{font-size:11pt;margin:1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0}th,td{text-align:left;vertical-align:top;padding:.25rem .4rem;border-bottom:1px solid #ddd;overflow-wrap:break-word;hyphens:auto}th{font-weight:600;background:#f2f2f2}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}.muted{color:#555}@page{size:A4;margin:18mm}`;

/** The plain-text messages of a message set (not its functions). */
const strings = (messages: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(messages).filter((e): e is [string, string] => typeof e[1] === 'string'));

/** The subject-access overview as one self-contained, readable HTML document (also the PDF's source). */
export function subjectAccessHtml(data: SubjectAccess, lang: Lang, vocabulary?: Vocabulary): string {
  // The study's own words for its participants and rounds ("Gestopt vanaf peiling").
  const t = { ...T[lang], ...fillTermsIn(strings(T[lang]), vocabulary, lang) };
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: 'Europe/Amsterdam',
        }).format(new Date(iso))
      : t.noValue;
  const table = (head: string[], rows: string[][]) =>
    rows.length
      ? `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      : `<p>${t.none}</p>`;
  const p = data.participant;
  // Rounds and questions by their labels and texts, never their keys (the log and the codes store keys).
  const roundLabels = new Map(data.rounds.map((r) => [r.key, r.label]));
  const questions = new Map(data.responses.flatMap((r) => r.answers.filter((a) => a.sub === '').map((a) => [a.item, a.question] as const)));
  const roundOf = (key: string) => roundLabels.get(key) ?? key;
  const itemOf = (id: string) => questions.get(id) ?? id;
  const words = fillTermsIn(ACCESS_WORDS[lang], vocabulary, lang);
  const statusOf = (status: string) => (OUTBOX_STATUS_WORDS[lang] as Record<string, string>)[status] ?? status;
  const answer = (a: SubjectAccess['responses'][number]['answers'][number]) =>
    a.text ??
    (a.missing === 'dont_know'
      ? t.dontKnow
      : a.missing === 'not_applicable'
        ? t.notApplicable
        : a.code === null
          ? t.noValue
          : a.answerLabel
            ? `${a.answerLabel} (${a.code})`
            : String(a.code));
  const details: [string, string | null][] = [
    [t.key, p.key],
    [t.name, p.name],
    [t.email, p.email],
    [t.organisation, p.organisation],
    [t.role, p.role],
    [t.team, p.team],
    ...(p.attributes ?? []).map((a): [string, string] => [a.label, a.value]),
    [t.added, when(p.addedAt)],
    [t.left, p.leftFromRound === null ? null : roundOf(p.leftFromRound)],
    [t.erased, p.erasedAt ? when(p.erasedAt) : null],
  ];
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(t.title)} — ${e(data.study.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${e(t.title)}</h1>
<p>${e(t.intro(data.study.organisation, data.study.title))}</p>
<p class="muted">${e(t.generated)} ${e(when(data.generatedAt))}</p>
<h2>${e(t.you)}</h2>
<dl>${details
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`)
    .join('')}</dl>
<h2>${e(t.invitations)}</h2>
${table(
  [t.round, t.sent, t.reminded, t.opened, t.submitted, t.revoked],
  data.invitations.map((i) => [i.roundLabel, when(i.sentAt), when(i.remindedAt), when(i.openedAt), when(i.submittedAt), when(i.revokedAt)]),
)}
<h2>${e(t.mails)}</h2>
${table(
  [t.round, t.status, t.sent],
  data.mails.map((m) => [roundOf(m.round), statusOf(m.status), when(m.sentAt)]),
)}
<h2>${e(t.responses)}</h2>
${
  data.responses.length
    ? data.responses
        .map(
          (
            r,
          ) => `<h3>${e(r.roundLabel)} — ${e(r.status === 'submitted' ? t.done : t.draft)} (${e(t.started)} ${e(when(r.startedAt))}${r.submittedAt ? `; ${e(t.submitted)} ${e(when(r.submittedAt))}` : ''})</h3>
${table(
  [t.question, t.answer],
  r.answers.map((a) => [a.question, answer(a)]),
)}`,
        )
        .join('\n')
    : `<p>${t.none}</p>`
}
<h2>${e(t.themes)}</h2>
${table(
  [t.round, t.question, t.theme],
  data.openAnswerThemes.map((x) => [roundOf(x.round), itemOf(x.item), x.theme]),
)}
<h2>${e(t.quotes)}</h2>
${table(
  [t.round, t.question, t.quote],
  data.quotes.map((q) => [roundOf(q.round), itemOf(q.item), q.excerpt]),
)}
<h2>${e(t.access)}</h2>
${table(
  [t.at, t.who, t.what, t.purpose],
  data.accessLog.map((a) => [
    when(a.at),
    a.actor,
    `${words.access[a.kind] ?? a.kind}: ${accessDataText(a.data, words)}${a.wholeStudy ? ` ${t.whole}` : ''}`,
    accessPurposeText(a.purpose, words, { round: roundOf, item: itemOf }),
  ]),
)}
</body>
</html>
`;
}

export type SubjectAccessFormat = 'json' | 'html' | 'pdf';

/**
 * The file a subject-access request hands over, in its format: JSON (machine-readable), or the
 * readable HTML in the study's words (`vocabulary`), printed to PDF by `toPdf` (the caller's Chromium). One function for the privacy
 * screen's route and the CLI, so both give the same bytes.
 */
export async function subjectAccessFile(
  data: SubjectAccess,
  format: SubjectAccessFormat,
  lang: Lang,
  toPdf: (html: string) => Promise<Buffer>,
  vocabulary?: Vocabulary,
): Promise<{ bytes: string | Buffer; type: string }> {
  if (format === 'json') return { bytes: `${JSON.stringify(data, null, 2)}\n`, type: 'application/json; charset=utf-8' };
  const html = subjectAccessHtml(data, lang, vocabulary);
  if (format === 'html') return { bytes: html, type: 'text/html; charset=utf-8' };
  return { bytes: await toPdf(html), type: 'application/pdf' };
}
