import type { Lang } from '../../model/index.js';
import { escapeHtml, renderPage } from '../html.js';
import { once } from '../../model/once.js';

/**
 * The accessibility statement ("toegankelijkheidsverklaring") after the model of
 * digitoegankelijk.nl: organisation, scope, compliance status with WCAG 2.1 AA (EN 301 549), how
 * it was checked, known limitations, feedback and contact, enforcement, date. The organisation and
 * its contact address come from the configuration (RONDO_ORGANISATION, RONDO_CONTACT_EMAIL); until
 * the operator sets them the page shows a visible placeholder (docs/deploy.md).
 *
 * STATEMENT_DATE is when this text and the checks it describes were last reviewed: change it when
 * the checks or the limitations change, not at every release.
 */
export const STATEMENT_DATE = '2026-12-05';
export const ACCESSIBILITY_PATHS = { nl: '/toegankelijkheid', en: '/accessibility' } as const;

export interface StatementSettings {
  organisation: string | null;
  contactEmail: string | null;
  baseUrl: string;
  version: string;
}

const PLACEHOLDER = {
  nl: { organisation: '[naam van de organisatie]', contact: '[e-mailadres voor toegankelijkheid]' },
  en: { organisation: '[name of the organisation]', contact: '[e-mail address for accessibility]' },
};

const DATE = once(() => ({
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
}));

/** The texts, with `{org}`, `{url}`, `{contact}`, `{date}` and `{version}` filled in (already escaped). */
const TEXT = {
  nl: {
    title: 'Toegankelijkheidsverklaring',
    other: 'English',
    intro: '{org} wil dat iedereen rondo kan gebruiken: wie een vragenlijst invult en wie met rondo onderzoek doet.',
    scopeTitle: 'Waarvoor deze verklaring geldt',
    scope:
      'Deze verklaring geldt voor rondo (versie {version}) op {url}: de vragenlijsten voor deelnemers (de pagina’s onder /r), het ' +
      'inloggen en de schermen voor onderzoekers, trainers, managers en beheerders.',
    statusTitle: 'Nalevingsstatus',
    status:
      'rondo voldoet gedeeltelijk aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau A en AA, de eisen uit de Europese ' +
      'norm EN 301 549. Een onderzoek door een onafhankelijke, gespecialiseerde partij is nog niet gedaan; daarom staat er geen ' +
      'volledige naleving.',
    checkedTitle: 'Hoe dit is gecontroleerd',
    checked: [
      'Bij elke wijziging aan rondo draaien automatische tests die de schermen openen in de browser Chromium, op een schermbreedte van ' +
        '375 pixels (telefoon) en 1280 pixels (computer), en ze controleren met axe-core op alle regels van WCAG 2.1 A en AA die ' +
        'automatisch te toetsen zijn. Een scherm met een fout wordt niet opgeleverd.',
      'De vragenlijst en de schermen worden in die tests ook met het toetsenbord bediend: alle knoppen en velden zijn met Tab, Enter en ' +
        'spatie te bereiken en te gebruiken, de focus is zichtbaar en foutmeldingen krijgen de focus.',
      'Teksten zijn in het Nederlands en het Engels; de taal van de pagina staat in de code, zodat een schermlezer de juiste uitspraak ' +
        'gebruikt.',
    ],
    limitsTitle: 'Bekende beperkingen',
    limits: [
      'Automatische tests vinden niet alle problemen. rondo is niet systematisch getest met schermlezers (zoals NVDA, JAWS of ' +
        'VoiceOver) of met vergroting tot 400%.',
      'De factsheets als PDF worden gemaakt met Chromium. Of zij voldoen aan PDF/UA (toegankelijke PDF) is niet onderzocht; de ' +
        'webversie van een factsheet is wel gecontroleerd.',
      'Elke grafiek in het dashboard heeft ook een tabel met dezelfde cijfers. Of de grafieken in factsheets een volledig ' +
        'tekstalternatief hebben, is niet apart onderzocht.',
    ],
    feedbackTitle: 'Feedback en contact',
    feedback:
      'Loopt u tegen een probleem aan, of mist u iets? Laat het ons weten via {contact}. U krijgt binnen 5 werkdagen een reactie, en ' +
      'binnen 3 weken een oplossing of een uitleg waarom dat niet lukt.',
    enforcementTitle: 'Handhavingsprocedure',
    enforcement:
      'Bent u niet tevreden met hoe uw klacht is behandeld? Bij een overheidsorganisatie kunt u terecht bij de Nationale ombudsman of ' +
      'de ombudsman van uw gemeente of regio.',
    dateTitle: 'Datum',
    date: 'Deze verklaring is opgesteld op {date} en voor het laatst herzien op {date}.',
    login: 'Naar inloggen',
  },
  en: {
    title: 'Accessibility statement',
    other: 'Nederlands',
    intro: '{org} wants everyone to be able to use rondo: those who fill in a questionnaire and those who do research with it.',
    scopeTitle: 'What this statement covers',
    scope:
      'This statement covers rondo (version {version}) at {url}: the questionnaires for participants (the pages under /r), logging in, ' +
      'and the screens for researchers, trainers, managers and administrators.',
    statusTitle: 'Compliance status',
    status:
      'rondo partially complies with the Web Content Accessibility Guidelines (WCAG) 2.1 at level A and AA, the requirements of the ' +
      'European standard EN 301 549. No review by an independent, specialised party has been done yet, which is why full compliance is ' +
      'not claimed.',
    checkedTitle: 'How this was checked',
    checked: [
      'Every change to rondo runs automated tests that open the screens in the Chromium browser at a width of 375 pixels (phone) and ' +
        '1280 pixels (computer) and check them with axe-core against every WCAG 2.1 A and AA rule that can be tested automatically. A ' +
        'screen with a failure is not released.',
      'In those tests the questionnaire and the screens are also operated with the keyboard: every button and field can be reached and ' +
        'used with Tab, Enter and space, focus is visible, and error messages receive focus.',
      'Texts are in Dutch and English; the page language is set in the code, so a screen reader uses the right pronunciation.',
    ],
    limitsTitle: 'Known limitations',
    limits: [
      'Automated tests do not find every problem. rondo has not been tested systematically with screen readers (such as NVDA, JAWS or ' +
        'VoiceOver) or with zoom up to 400%.',
      'Factsheets as PDF are made with Chromium. Whether they meet PDF/UA (accessible PDF) has not been examined; the web version of a ' +
        'factsheet has been checked.',
      'Every chart in the dashboard also has a table with the same figures. Whether the charts in factsheets have a complete text ' +
        'alternative has not been examined separately.',
    ],
    feedbackTitle: 'Feedback and contact',
    feedback:
      'Did you run into a problem, or is something missing? Let us know at {contact}. You will hear from us within 5 working days, and ' +
      'within 3 weeks receive a solution or an explanation why there is none.',
    enforcementTitle: 'Enforcement procedure',
    enforcement:
      'Not satisfied with how your complaint was handled? For a public-sector organisation in the Netherlands you can turn to the ' +
      'National Ombudsman or your municipal or regional ombudsman.',
    dateTitle: 'Date',
    date: 'This statement was drawn up on {date} and last reviewed on {date}.',
    login: 'To login',
  },
};

/** The statement as a complete HTML page in one language. */
export function accessibilityStatementPage(lang: Lang, settings: StatementSettings): string {
  const t = TEXT[lang];
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const contact = settings.contactEmail
    ? `<a href="mailto:${escapeHtml(settings.contactEmail)}">${escapeHtml(settings.contactEmail)}</a>`
    : escapeHtml(PLACEHOLDER[lang].contact);
  const values: Record<string, string> = {
    org: escapeHtml(settings.organisation ?? PLACEHOLDER[lang].organisation),
    url: escapeHtml(settings.baseUrl),
    version: escapeHtml(settings.version),
    contact,
    date: escapeHtml(DATE()[lang].format(new Date(`${STATEMENT_DATE}T00:00:00Z`))),
  };
  // The texts are constants; only the values above are inserted, each escaped.
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${fill(i)}</li>`).join('')}</ul>`;
  const section = (id: string, title: string, body: string) =>
    `<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${body}</section>`;
  return renderPage({
    lang,
    title: `${t.title} – rondo`,
    body: `<main class="narrow statement">
  <p><a href="${ACCESSIBILITY_PATHS[other]}" lang="${other}" hreflang="${other}">${t.other}</a></p>
  <h1>${t.title}</h1>
  <p>${fill(t.intro)}</p>
  ${section('scope', t.scopeTitle, `<p>${fill(t.scope)}</p>`)}
  ${section('status', t.statusTitle, `<p>${fill(t.status)}</p>`)}
  ${section('checked', t.checkedTitle, list(t.checked))}
  ${section('limits', t.limitsTitle, list(t.limits))}
  ${section('feedback', t.feedbackTitle, `<p>${fill(t.feedback)}</p>`)}
  ${section('enforcement', t.enforcementTitle, `<p>${fill(t.enforcement)}</p>`)}
  ${section('date', t.dateTitle, `<p>${fill(t.date)}</p>`)}
  <p><a href="/login">${t.login}</a></p>
</main>`,
  });
}
