import zlib from 'node:zlib';
import { escapeHtml, renderPage } from '../html.js';
import type { Lang, LocalText } from '../../model/index.js';
import type { PreparedForm } from './form.js';
import type { Subject } from './subject.js';
import { term, withDeterminer } from '../../model/vocabulary.js';
import { once } from '../../model/once.js';

/**
 * The respondent's server-rendered pages. Only the questionnaire itself needs JavaScript; every
 * other state (link not valid, round not open or closed, already submitted, too many requests)
 * is a plain page that shows nothing of the questionnaire.
 */

const MESSAGES = {
  nl: {
    switchTo: 'English',
    unknownTitle: 'Deze link werkt niet',
    unknownText:
      'Deze link is onbekend, ingetrokken of vervangen door een nieuwe. Gebruik de link uit de meest recente uitnodiging die u kreeg. Lukt het daarmee niet, neem dan contact op met de onderzoeker die u uitnodigde.',
    notOpenTitle: '{ThisRound} is nog niet geopend',
    notOpenText: 'U kunt de vragenlijst invullen vanaf {date}. Bewaar uw uitnodiging: met dezelfde link kunt u dan beginnen.',
    notOpenUndated:
      'U kunt de vragenlijst nog niet invullen. Bewaar uw uitnodiging: met dezelfde link kunt u beginnen zodra {theRound} open is.',
    closedTitle: '{ThisRound} is gesloten',
    closedText: 'De vragenlijst kon tot {date} worden ingevuld. Er kunnen geen antwoorden meer worden verstuurd.',
    closedDraft: 'Antwoorden die u al had opgeslagen, blijven bewaard voor de onderzoekers.',
    submittedTitle: 'U heeft deze vragenlijst al ingevuld',
    submittedText: 'Uw antwoorden zijn ontvangen op {date}. Hartelijk dank voor uw medewerking! U hoeft verder niets te doen.',
    submittedAnonymous: 'Op dit apparaat is deze vragenlijst al ingevuld en verstuurd op {date}. Hartelijk dank!',
    limitedTitle: 'Even geduld',
    limitedText: 'Er komen op dit moment te veel verzoeken binnen. Probeer het over een minuut opnieuw.',
    continueTitle: 'Vragenlijst openen',
    continueText: 'U wordt doorgestuurd naar de vragenlijst.',
    continueLink: 'Ga verder naar de vragenlijst',
    loading: 'De vragenlijst wordt geladen…',
    noscript: 'Deze vragenlijst heeft JavaScript nodig. Zet JavaScript aan in uw browser, of open de link op een ander apparaat.',
    contact: 'Vragen? Mail {email}',
    privacyStatement: 'Privacyverklaring',
    accessibility: 'Toegankelijkheid',
  },
  en: {
    switchTo: 'Nederlands',
    unknownTitle: 'This link does not work',
    unknownText:
      'This link is unknown, has been withdrawn or has been replaced by a new one. Use the link in the most recent invitation you received. If that does not work either, please contact the researcher who invited you.',
    notOpenTitle: '{ThisRound} is not open yet',
    notOpenText: 'You can fill in the questionnaire from {date}. Keep your invitation: the same link will let you start then.',
    notOpenUndated:
      'You cannot fill in the questionnaire yet. Keep your invitation: the same link will let you start once the {round} opens.',
    closedTitle: '{ThisRound} is closed',
    closedText: 'The questionnaire could be filled in until {date}. Answers can no longer be submitted.',
    closedDraft: 'Any answers you had saved are kept for the researchers.',
    submittedTitle: 'You have already filled in this questionnaire',
    submittedText: 'Your answers were received on {date}. Thank you very much for taking part! There is nothing more you need to do.',
    submittedAnonymous: 'This questionnaire was already filled in and submitted on this device on {date}. Thank you!',
    limitedTitle: 'Please wait a moment',
    limitedText: 'Too many requests are coming in right now. Please try again in a minute.',
    continueTitle: 'Opening the questionnaire',
    continueText: 'You are being taken to the questionnaire.',
    continueLink: 'Continue to the questionnaire',
    loading: 'Loading the questionnaire…',
    noscript: 'This questionnaire needs JavaScript. Please turn on JavaScript in your browser, or open the link on another device.',
    contact: 'Questions? E-mail {email}',
    privacyStatement: 'Privacy statement',
    accessibility: 'Accessibility',
  },
} as const;

type MessageKey = keyof (typeof MESSAGES)['nl'];

const msg = (lang: Lang, key: MessageKey, params: Record<string, string> = {}): string =>
  MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');

const text = (t: LocalText | undefined, lang: Lang): string => t?.[lang] ?? t?.nl ?? t?.en ?? '';

/**
 * A moment in the respondent's language. Studies carry no time zone yet; rondo's respondents
 * are in the Netherlands, so times are shown in Amsterdam time, with the zone named.
 */
export function formatMoment(iso: string, lang: Lang): string {
  return MOMENT()[lang].format(new Date(iso));
}

// Made once: a formatter holds ICU memory outside the V8 heap, one per page would pile up.
const MOMENT_OPTIONS: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
  timeZoneName: 'short',
};
const MOMENT = once(
  (): Record<Lang, Intl.DateTimeFormat> => ({
    nl: new Intl.DateTimeFormat('nl-NL', MOMENT_OPTIONS),
    en: new Intl.DateTimeFormat('en-GB', MOMENT_OPTIONS),
  }),
);

/** The page language: an explicit ?lang=, else the respondent's earlier choice, else the study's default. */
export function pageLanguage(query: unknown, subject: Subject | null): Lang {
  const asked = (query as { lang?: unknown } | undefined)?.lang;
  const offered = subject?.study.languages ?? ['nl', 'en'];
  if ((asked === 'nl' || asked === 'en') && offered.includes(asked)) return asked;
  const earlier = subject?.response?.language;
  if ((earlier === 'nl' || earlier === 'en') && offered.includes(earlier)) return earlier;
  return subject?.study.defaultLanguage ?? 'nl';
}

function shell(lang: Lang, subject: Subject | null, title: string, main: string, options: { switchable?: boolean } = {}): string {
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  const offered = subject?.study.languages ?? ['nl', 'en'];
  const studyTitle = subject ? text(subject.study.title, lang) : 'rondo';
  const switcher =
    options.switchable !== false && offered.includes(other)
      ? `<a class="r-lang" href="?lang=${other}" lang="${other}" hreflang="${other}">${msg(lang, 'switchTo')}</a>`
      : '';
  const email = subject?.study.colophon.contactEmail;
  const footer = subject
    ? `<footer class="r-footer"><p>${escapeHtml(subject.study.organisation)}${
        email ? ` · ${msg(lang, 'contact', { email: `<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>` })}` : ''
      } · <a href="${subject.kind === 'anonymous' ? '/r/anon/privacy' : '/r/privacy'}?lang=${lang}">${msg(lang, 'privacyStatement')}</a>` +
      ` · <a href="${lang === 'en' ? '/accessibility' : '/toegankelijkheid'}">${msg(lang, 'accessibility')}</a></p></footer>`
    : '';
  return renderPage({
    lang,
    title: subject ? `${title} – ${studyTitle}` : title,
    styles: ['respondent.css'],
    body: `<div class="r-page">
<header class="r-header"><div class="r-bar"><span class="r-brand">${escapeHtml(studyTitle)}</span>${switcher}</div></header>
<main class="r-main" id="main">
${main}
</main>
${footer}
</div>`,
  });
}

function statePage(lang: Lang, subject: Subject | null, kind: string, title: string, paragraphs: string[]): string {
  return shell(
    lang,
    subject,
    title,
    `<section class="r-card r-state r-state-${kind}" aria-labelledby="state-title">
  <h1 id="state-title">${escapeHtml(title)}</h1>
  ${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n  ')}
</section>`,
  );
}

/** Unknown, malformed, regenerated and revoked links all get this same page. */
export function unknownLinkPage(lang: Lang): string {
  return statePage(lang, null, 'unknown', msg(lang, 'unknownTitle'), [msg(lang, 'unknownText')]);
}

/** The study's own word for a round ("meting", "scan"), for the pages that name it. */
// The study's word for a round, with the determiners that agree with it ("Dit meetmoment", "de scan").
const roundWord = (lang: Lang, subject: Subject) => ({
  round: term(subject.study.vocabulary, 'round', lang),
  ThisRound: withDeterminer(subject.study.vocabulary, 'round', lang, 'deze', true),
  theRound: withDeterminer(subject.study.vocabulary, 'round', lang, 'de'),
});

export function notOpenPage(lang: Lang, subject: Subject): string {
  const opens = subject.round.opensAt;
  return statePage(lang, subject, 'not-open', msg(lang, 'notOpenTitle', roundWord(lang, subject)), [
    opens ? msg(lang, 'notOpenText', { date: formatMoment(opens, lang) }) : msg(lang, 'notOpenUndated', roundWord(lang, subject)),
  ]);
}

export function closedPage(lang: Lang, subject: Subject): string {
  const closes = subject.round.closesAt!;
  const paragraphs = [msg(lang, 'closedText', { date: formatMoment(closes, lang) })];
  if (subject.response?.status === 'draft') paragraphs.push(msg(lang, 'closedDraft'));
  return statePage(lang, subject, 'closed', msg(lang, 'closedTitle', roundWord(lang, subject)), paragraphs);
}

/** After submission: a thank-you, never the answers. */
export function submittedPage(lang: Lang, subject: Subject): string {
  const date = formatMoment(subject.response!.submittedAt!, lang);
  return statePage(lang, subject, 'submitted', msg(lang, 'submittedTitle'), [
    msg(lang, subject.kind === 'anonymous' ? 'submittedAnonymous' : 'submittedText', { date }),
  ]);
}

export function rateLimitedPage(lang: Lang): string {
  return statePage(lang, null, 'limited', msg(lang, 'limitedTitle'), [msg(lang, 'limitedText')]);
}

/**
 * The page answering a link: the browser has just received the link cookie and goes on to a
 * URL without the token. A Refresh header rather than a 303: after a redirect that started on
 * another site (the mail program), browsers hold back SameSite=Strict cookies; a refresh is a
 * navigation from this site, so the cookie goes along.
 */
export function continuePage(lang: Lang, subject: Subject, target: string): string {
  return shell(
    lang,
    subject,
    msg(lang, 'continueTitle'),
    `<section class="r-card r-state" aria-labelledby="state-title">
  <h1 id="state-title">${msg(lang, 'continueTitle')}</h1>
  <p>${msg(lang, 'continueText')}</p>
  <p><a class="r-button" href="${escapeHtml(target)}">${msg(lang, 'continueLink')}</a></p>
</section>`,
    { switchable: false },
  );
}

/**
 * Non-ASCII characters of HTML as numeric character references. A page whose every character
 * is ASCII is a one-byte string in V8 and is encoded by copying; one "…" made the whole
 * questionnaire page a two-byte string, and writing and measuring it was most of a page load.
 * Not for the text inside a <script> element (see scriptJson, which escapes as JSON does).
 */
export function asciiHtml(html: string): string {
  return html.replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);
}

// The questionnaire page's bytes before and after the draft, per prepared form (a change to the
// study, round, group, questionnaire, partners or tools prepares a new form, and its entry
// goes with the old one), language and title; and the same parts gzipped (see gzipped).
interface FormPageParts {
  before: Buffer;
  after: Buffer;
  gzip?: GzipParts;
}
const formPages = new WeakMap<PreparedForm, Map<string, FormPageParts>>();
const DRAFT_AT = '\u0000rondo-draft\u0000';

/**
 * The questionnaire: a shell the form element fills in, with the form and the draft as JSON.
 * All but the draft is encoded once per form and language; the page is three buffers joined.
 * Every byte is ASCII: the static parts through asciiHtml, the JSON through scriptJson.
 * With `gzip` the page is sent gzipped: the static parts compressed once, the draft stored as
 * it is between them (gzipped).
 */
export function formPage(lang: Lang, subject: Subject, form: PreparedForm, draftJson: string, gzip = false): Buffer {
  const title = `${text(subject.study.title, lang)}`;
  let byLang = formPages.get(form);
  if (!byLang) formPages.set(form, (byLang = new Map()));
  const key = `${lang}\u0001${title}`;
  let parts = byLang.get(key);
  if (!parts) {
    const page = asciiHtml(
      renderPage({
        lang,
        title,
        styles: ['respondent.css'],
        scripts: ['entry-respondent.js'],
        body: `<rondo-survey class="r-page">
<main class="r-main"><p class="r-loading">${msg(lang, 'loading')}</p><noscript><p class="r-card">${msg(lang, 'noscript')}</p></noscript></main>
</rondo-survey>
<script type="application/json" id="rondo-form">\u0000rondo-form\u0000</script>
<script type="application/json" id="rondo-draft">${DRAFT_AT}</script>`,
      }),
    ).replace('\u0000rondo-form\u0000', () => form.json);
    const at = page.indexOf(DRAFT_AT);
    parts = { before: Buffer.from(page.slice(0, at), 'latin1'), after: Buffer.from(page.slice(at + DRAFT_AT.length), 'latin1') };
    byLang.set(key, parts);
  }
  if (gzip) return gzipped(parts, draftJson);
  const { before, after } = parts;
  const page = pageBuffer(before.length + draftJson.length + after.length);
  before.copy(page, 0);
  page.write(draftJson, before.length, 'latin1'); // ASCII: scriptJson escapes the rest
  after.copy(page, before.length + draftJson.length);
  return page;
}

/** The static parts of a page, each deflated on its own, and the CRC-32 the trailer starts from. */
interface GzipParts {
  /** The gzip header and the part before the draft, deflated and ended byte-aligned (a sync flush), not final. */
  head: Buffer;
  /** The part after the draft, deflated on its own, with the final block. */
  tail: Buffer;
  /** CRC-32 of the part before the draft. */
  crc: number;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** A stored block holds at most this many bytes. */
const STORED_MAX = 0xffff;

function gzipParts(before: Buffer, after: Buffer): GzipParts {
  const level = zlib.constants.Z_BEST_COMPRESSION;
  return {
    head: Buffer.concat([GZIP_HEADER, zlib.deflateRawSync(before, { level, finishFlush: zlib.constants.Z_SYNC_FLUSH })]),
    tail: zlib.deflateRawSync(after, { level }),
    crc: zlib.crc32(before),
  };
}

/**
 * A page as one gzip member, without compressing anything per request: the static part before
 * the draft, deflated once and sync-flushed (so it ends on a byte), then the draft in stored
 * (uncompressed) blocks, then the static part after it, deflated once on its own (neither part
 * refers back into another). The CRC-32 runs over the draft and the short part after it.
 * The draft holds the respondent's own answers; stored, never compressed with anything else,
 * it cannot change the size of anything around it (no BREACH-style guessing from sizes).
 */
function gzipped(parts: FormPageParts, draftJson: string): Buffer {
  const gz = (parts.gzip ??= gzipParts(parts.before, parts.after));
  const n = draftJson.length; // ASCII: one byte per character
  const blocks = Math.ceil(n / STORED_MAX);
  const page = pageBuffer(gz.head.length + 5 * blocks + n + gz.tail.length + 8);
  let at = gz.head.copy(page, 0);
  let crc = gz.crc;
  for (let from = 0; from < n; from += STORED_MAX) {
    const len = Math.min(STORED_MAX, n - from);
    // BFINAL 0, BTYPE 00 (stored), then LEN and its complement, little-endian.
    page[at] = 0;
    page.writeUInt16LE(len, at + 1);
    page.writeUInt16LE(~len & 0xffff, at + 3);
    at += 5;
    page.write(draftJson.slice(from, from + len), at, 'latin1'); // ASCII: scriptJson escapes the rest
    crc = zlib.crc32(page.subarray(at, at + len), crc);
    at += len;
  }
  at += gz.tail.copy(page, at);
  page.writeUInt32LE(zlib.crc32(parts.after, crc) >>> 0, at);
  page.writeUInt32LE((parts.before.length + n + parts.after.length) % 0x100000000, at + 4);
  return page;
}

// The questionnaire pages are cut from slabs of memory, one allocation for every few dozen pages:
// a page of its own (17 KB, too large for Node's pool of small buffers) was one ArrayBuffer per page
// load for the garbage collector to track and free. A slab is never reused: it is freed when the last
// page cut from it has been written to its socket and dropped, so no page can change under a write.
const SLAB_BYTES = 512 * 1024;
let slab = Buffer.allocUnsafeSlow(0);
let slabUsed = 0;
function pageBuffer(length: number): Buffer {
  if (length > SLAB_BYTES / 8) return Buffer.allocUnsafe(length);
  if (slabUsed + length > slab.length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabUsed = 0;
  }
  const page = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += (length + 7) & ~7; // each page starts 8-byte aligned, as Node's own pool does
  return page;
}
