import { DEFAULT_STUDY_SETTINGS, type Lang, type LocalText, type Questionnaire, type Study } from '../../model/index.js';
import { escapeHtml, renderPage } from '../html.js';
import { ACCESSIBILITY_PATHS } from './accessibility-statement.js';
import { once } from '../../model/once.js';

/**
 * The privacy statement a respondent can open from the questionnaire, generated from the study's
 * settings so that it says what rondo really does with this study: what is asked (the round's
 * questionnaire), the purpose (the study's title and description), who sees what (researchers
 * answers under a code; trainers and managers aggregates only, above the study's disclosure
 * thresholds), how long (the study's retention date), the respondent's rights under the AVG and
 * whom to ask. The researchers' own statement text, when they wrote one, follows as written.
 *
 * It holds no personal data: the same page for everyone on the same study and round. Every value
 * from the study is escaped.
 */
export interface RespondentPrivacyInput {
  lang: Lang;
  kind: 'invitation' | 'anonymous';
  study: Study;
  /** The sections of the round's questionnaire (only the items the round asks). */
  questionnaire: Pick<Questionnaire, 'sections'>;
  /** ISO timestamp of the study's retention date, or null when none is set. */
  retentionUntil: string | null;
  /** The server operator's contact address, used when the study names none. */
  operatorContact: string | null;
  /** Where "back to the questionnaire" goes. */
  back: string;
}

const DATE = once(() => ({
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
}));

const TEXT = {
  nl: {
    title: 'Privacyverklaring',
    other: 'English',
    intro:
      'Deze verklaring hoort bij het onderzoek “{study}” van {org}. Zij is gemaakt uit de instellingen van het onderzoek en zegt wat er ' +
      'met uw gegevens gebeurt.',
    purposeTitle: 'Waarvoor',
    purposeUse: 'Uw antwoorden worden alleen voor dit onderzoek gebruikt. {org} is verantwoordelijk voor de verwerking.',
    askedTitle: 'Wat wij vragen',
    asked: 'De vragenlijst heeft {items} vragen in {sections} delen:',
    open: 'Bij {open} vragen typt u zelf een antwoord. Noem daarin liever geen namen of andere gegevens waarmee iemand te herkennen is.',
    invitation:
      'Om u uit te nodigen en te herinneren hebben de onderzoekers uw e-mailadres, en soms uw naam. Uw antwoorden worden bewaard onder ' +
      'een code, niet onder uw naam. Zolang uw browser open is, onthoudt een cookie uw link, zodat u niet opnieuw hoeft te klikken.',
    anonymous:
      'U vult deze vragenlijst in via een open link: wij vragen niet om uw naam of e-mailadres. Om uw antwoorden tussendoor te bewaren ' +
      'zet rondo een cookie met een willekeurige sleutel in uw browser.',
    cookies: 'rondo gebruikt geen cookies voor statistieken of reclame.',
    whoTitle: 'Wie ziet wat',
    researchers:
      'De onderzoekers van {org} zien de antwoorden per deelnemer, gekoppeld aan een code. Elke keer dat iemand gegevens op het niveau ' +
      'van één deelnemer bekijkt of exporteert, wordt dat vastgelegd.',
    researchersInvitation: 'Alleen de onderzoekers kunnen die code koppelen aan uw contactgegevens.',
    aggregates:
      'Trainers en managers zien alleen cijfers over groepen, nooit de antwoorden van één persoon. Een percentage verschijnt pas vanaf ' +
      '{percent} antwoorden, een uitsplitsing (bijvoorbeeld per organisatie of functie) pas vanaf {subgroup} deelnemers, en een citaat ' +
      'uit een open antwoord alleen uit een groep van ten minste {quotes} deelnemers.',
    retentionTitle: 'Hoe lang wij uw gegevens bewaren',
    retentionDate:
      'Uw antwoorden en contactgegevens worden uiterlijk op {date} verwijderd. Daarna blijven alleen cijfers over groepen over (zoals ' +
      'in gepubliceerde factsheets), waarin u niet te herkennen bent.',
    retentionNone:
      'De onderzoekers hebben nog geen einddatum vastgelegd. Uw gegevens worden niet langer bewaard dan nodig is voor dit onderzoek; ' +
      'vraag de onderzoekers naar de einddatum.',
    rightsTitle: 'Uw rechten',
    rights:
      'Volgens de Algemene verordening gegevensbescherming (AVG) mag u uw gegevens inzien (artikel 15), laten verbeteren (artikel 16) ' +
      'en laten verwijderen (artikel 17), en mag u bezwaar maken. U kunt ook stoppen met invullen wanneer u wilt.',
    rightsInvitation:
      'Stuur daarvoor een e-mail naar {contact}, vanaf het adres waarop u de uitnodiging kreeg. Stuur uw persoonlijke link niet mee. U ' +
      'krijgt binnen een maand antwoord.',
    rightsAnonymous:
      'Omdat wij niet weten wie u bent, kunnen wij verstuurde antwoorden niet aan u koppelen, en dus meestal ook niet apart inzien of ' +
      'verwijderen. Vragen kunt u sturen naar {contact}.',
    complaint:
      'Bent u het niet eens met hoe wij met uw gegevens omgaan? Dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens.',
    contactTitle: 'Contact',
    contact: 'Vragen over dit onderzoek of over uw gegevens: {contact}.',
    noContact: 'de onderzoeker die u uitnodigde',
    ownTitle: 'Aanvullende informatie van de onderzoekers',
    back: 'Terug naar de vragenlijst',
    accessibility: 'Toegankelijkheid',
  },
  en: {
    title: 'Privacy statement',
    other: 'Nederlands',
    intro:
      'This statement belongs to the study “{study}” by {org}. It was made from the study’s settings and says what happens to your data.',
    purposeTitle: 'Purpose',
    purposeUse: 'Your answers are used for this study only. {org} is responsible for processing them.',
    askedTitle: 'What we ask',
    asked: 'The questionnaire has {items} questions in {sections} parts:',
    open:
      'For {open} questions you type your own answer. ' +
      'Please do not mention names or other details by which someone could be recognised.',
    invitation:
      'To invite and remind you, the researchers hold your e-mail address, and sometimes your name. Your answers are stored under a ' +
      'code, not under your name. While your browser is open, a cookie remembers your link so that you need not click it again.',
    anonymous:
      'You fill in this questionnaire through an open link: we do not ask for your name or e-mail address. To keep your answers in ' +
      'between, rondo sets a cookie with a random key in your browser.',
    cookies: 'rondo uses no cookies for statistics or advertising.',
    whoTitle: 'Who sees what',
    researchers:
      'The researchers of {org} see the answers per participant, linked to a code. Every time someone views or exports data at the ' +
      'level of one participant, this is recorded.',
    researchersInvitation: 'Only the researchers can link that code to your contact details.',
    aggregates:
      'Trainers and managers see figures about groups only, never the answers of one person. A percentage appears only from {percent} ' +
      'answers, a breakdown (by organisation or role, for instance) only from {subgroup} participants, and a quote from an open answer ' +
      'only from a group of at least {quotes} participants.',
    retentionTitle: 'How long we keep your data',
    retentionDate:
      'Your answers and contact details will be deleted no later than {date}. After that only figures about groups remain (as in ' +
      'published factsheets), in which you cannot be recognised.',
    retentionNone:
      'The researchers have not set an end date yet. Your data are kept no longer than this study needs; ask the researchers for the ' +
      'end date.',
    rightsTitle: 'Your rights',
    rights:
      'Under the General Data Protection Regulation (GDPR, in Dutch AVG) you may see your data (article 15), have them corrected ' +
      '(article 16) and have them erased (article 17), and you may object. You can also stop filling in whenever you like.',
    rightsInvitation:
      'To do so, e-mail {contact} from the address your invitation was sent to. Do not send your personal link. You will receive an ' +
      'answer within a month.',
    rightsAnonymous:
      'Because we do not know who you are, we cannot link submitted answers to you, and so usually cannot show or erase them ' +
      'separately. Questions can go to {contact}.',
    complaint:
      'Do you disagree with how we handle your data? You can lodge a complaint with the Dutch Data Protection Authority (Autoriteit ' +
      'Persoonsgegevens).',
    contactTitle: 'Contact',
    contact: 'Questions about this study or your data: {contact}.',
    noContact: 'the researcher who invited you',
    ownTitle: 'More information from the researchers',
    back: 'Back to the questionnaire',
    accessibility: 'Accessibility',
  },
};

const text = (t: LocalText | undefined, lang: Lang): string => t?.[lang] ?? t?.nl ?? t?.en ?? '';

/** The statement as a complete HTML page in the respondent's language. */
export function respondentPrivacyPage(input: RespondentPrivacyInput): string {
  const { lang, study, kind } = input;
  const t = TEXT[lang];
  const settings = { ...DEFAULT_STUDY_SETTINGS, ...study.settings };
  const sections = input.questionnaire.sections.filter((s) => s.items.length > 0);
  const items = sections.reduce((n, s) => n + s.items.length, 0);
  const open = sections.reduce((n, s) => n + s.items.filter((i) => i.type === 'text').length, 0);
  const email = study.colophon.contactEmail || input.operatorContact;
  const org = study.colophon.organisation || study.organisation;
  const values: Record<string, string> = {
    study: escapeHtml(text(study.title, lang)),
    org: escapeHtml(org),
    items: String(items),
    sections: String(sections.length),
    open: String(open),
    percent: String(settings.minDenominatorForPercent),
    subgroup: String(settings.minSubgroup),
    quotes: String(settings.minGroupForQuotes),
    date: input.retentionUntil ? escapeHtml(DATE()[lang].format(new Date(input.retentionUntil))) : '',
    contact: email ? `<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>` : escapeHtml(t.noContact),
  };
  // The texts are constants; only the values above are inserted, each escaped.
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const p = (s: string) => `<p>${fill(s)}</p>`;
  const section = (id: string, title: string, body: string) =>
    `<section aria-labelledby="pv-${id}"><h2 id="pv-${id}">${title}</h2>${body}</section>`;
  const paragraphs = (raw: string) =>
    raw
      .split(/\n\s*\n/)
      .map((para) => `<p>${escapeHtml(para.trim()).replace(/\n/g, '<br>')}</p>`)
      .join('');
  const own = text(study.privacyStatement, lang);
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const switcher = study.languages.includes(other)
    ? `<a class="r-lang" href="?lang=${other}" lang="${other}" hreflang="${other}">${t.other}</a>`
    : '';
  const description = text(study.description, lang);
  const main = [
    `<section class="r-card" aria-labelledby="pv-title"><h1 id="pv-title">${t.title}</h1>${p(t.intro)}`,
    section('purpose', t.purposeTitle, (description ? `<p>${escapeHtml(description)}</p>` : '') + p(t.purposeUse)),
    section(
      'asked',
      t.askedTitle,
      p(t.asked) +
        `<ul>${sections.map((s) => `<li>${escapeHtml(text(s.title, lang))}</li>`).join('')}</ul>` +
        (open ? p(t.open) : '') +
        p(kind === 'invitation' ? t.invitation : t.anonymous) +
        p(t.cookies),
    ),
    section('who', t.whoTitle, p(t.researchers + (kind === 'invitation' ? ` ${t.researchersInvitation}` : '')) + p(t.aggregates)),
    section('retention', t.retentionTitle, p(input.retentionUntil ? t.retentionDate : t.retentionNone)),
    section('rights', t.rightsTitle, p(t.rights) + p(kind === 'invitation' ? t.rightsInvitation : t.rightsAnonymous) + p(t.complaint)),
    section('contact', t.contactTitle, p(t.contact)),
    own ? section('own', t.ownTitle, paragraphs(own)) : '',
    `<p><a href="${escapeHtml(input.back)}">${t.back}</a></p></section>`,
  ].join('\n');
  return renderPage({
    lang,
    title: `${t.title} – ${text(study.title, lang)}`,
    styles: ['respondent.css'],
    body: `<div class="r-page">
<header class="r-header"><div class="r-bar"><span class="r-brand">${escapeHtml(text(study.title, lang))}</span>${switcher}</div></header>
<main class="r-main r-statement" id="main">
${main}
</main>
<footer class="r-footer"><p>${escapeHtml(study.organisation)} · <a href="${ACCESSIBILITY_PATHS[lang]}">${t.accessibility}</a></p></footer>
</div>`,
  });
}
