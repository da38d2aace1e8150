import { pick, type Lang, type LocalText } from '../../model/index.js';
import type { AttritionNamed, Change, Share } from './data.js';
import {
  safeChange,
  type ChangeSubject,
  type Statement,
  type GroupNoun,
  type GapRound,
  type KeyedStatement,
  type Paragraph,
  type RoundShare,
  type TextSection,
} from './statements.js';
import {
  formatInt,
  inRound,
  listOf,
  lowerFirst,
  pct,
  percentAllowed,
  pointsRange,
  roundRef,
  shareText,
  shareWithCi,
  signedPoints,
  upperFirst,
  words,
  xOfN,
} from './format.js';
import { sha256 } from './sha256.js';
import { shownDirection, type ShownDirection } from './claims.js';
import { lostToAdjustment } from './evidence.js';
import { writeQuestion } from './questions.js';
import { methodName } from './method-name.js';
import type { Terms } from '../../model/api/factsheet.js';
import { term as studyTerm, type Vocabulary, type VocabularyTerm, withDeterminer } from '../../model/vocabulary.js';

/**
 * Sentences from findings, in plain Dutch and English, one finding per sentence: the figures
 * ("x van n (p%)"), the direction (always said), and the verdict of the one decision rule
 * (METHODS §3.6, safeChange in evidence.ts): "aantoonbare toename"/"demonstrable increase" only
 * when the adjusted test says so, "geen aantoonbare verandering" otherwise. Test names, p-values
 * and the rule itself are stated once, in the methods box (the 'disclosure' statement);
 * "lijkt … bij te dragen" because a before–after design without a control group cannot prove
 * that the intervention caused a change.
 */

/** Study-specific words the sentences use; the composer lets researchers edit them (model/api/factsheet.ts). */
export type { Terms };

export const DEFAULT_TERMS: Terms = {
  participants: { nl: 'deelnemers', en: 'participants' },
  intervention: { nl: 'de interventie', en: 'the intervention' },
  goal: { nl: 'de beoogde uitkomsten', en: 'the intended outcomes' },
};

/**
 * The sentences' words for a study that has not edited them in the composer: who answered and
 * what is evaluated, from the study's own words (`de training`, `het programma`: the Dutch article
 * is the word's, model/vocabulary.ts); the goal stays rondo's. Without a vocabulary, DEFAULT_TERMS.
 */
export function termsFor(vocabulary: Vocabulary | undefined): Terms {
  const copy = (text: LocalText): LocalText => ({ ...text });
  if (!vocabulary)
    return {
      participants: copy(DEFAULT_TERMS.participants),
      intervention: copy(DEFAULT_TERMS.intervention),
      goal: copy(DEFAULT_TERMS.goal),
    };
  const w = (which: VocabularyTerm, lang: Lang, form: 'one' | 'many') => studyTerm(vocabulary, which, lang, form);
  return {
    participants: { nl: w('participant', 'nl', 'many'), en: w('participant', 'en', 'many') },
    intervention: { nl: withDeterminer(vocabulary, 'intervention', 'nl', 'de'), en: `the ${w('intervention', 'en', 'one')}` },
    goal: copy(DEFAULT_TERMS.goal),
  };
}

export interface SentenceContext {
  lang: Lang;
  /** No percentage below this many answers (study setting). */
  minPercent: number;
  /** Answers below this get "kleine aantallen" (study setting). */
  smallBelow: number;
  terms: Terms;
  /** Short labels per item, tool or partner id, used instead of the full question text. */
  labels?: Record<string, LocalText>;
  /**
   * The study's own words (model/vocabulary.ts) for its instruments and partners; `{}` gives
   * rondo's neutral words. Absent — factsheet data published before studies had words — keeps
   * the words those versions were written with (BEFORE_VOCABULARY).
   */
  vocabulary?: Vocabulary;
}

/** The words sentences used before a study could name its own: a published version keeps them. */
const BEFORE_VOCABULARY: Vocabulary = {
  tool: { nl: { one: 'tool', many: 'tools' }, en: { one: 'tool', many: 'tools' } },
  partner: { nl: { one: 'ketenpartner', many: 'ketenpartners' }, en: { one: 'chain partner', many: 'chain partners' } },
};
/** The study's word for a term in the sentence's language. */
const word = (ctx: SentenceContext, which: VocabularyTerm, form: 'one' | 'many' = 'many') =>
  studyTerm(ctx.vocabulary ?? BEFORE_VOCABULARY, which, ctx.lang, form);

const NUMBER_WORDS = {
  nl: ['nul', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien'],
  en: ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
};
/** The study's singular round word with a determiner: "deze meting", "dit meetmoment", "this round". */
const roundWith = (ctx: SentenceContext, determiner: 'de' | 'deze') =>
  withDeterminer(ctx.vocabulary ?? BEFORE_VOCABULARY, 'round', ctx.lang, determiner);
const numberWord = (n: number, lang: Lang) => NUMBER_WORDS[lang][n] ?? formatInt(n, lang);

const NOUNS: Record<GroupNoun, LocalText | VocabularyTerm> = {
  competence: { nl: 'uitspraken over kennis en competenties', en: 'statements on knowledge and competences' },
  tools: 'tool',
  partners: 'partner',
  indicators: { nl: 'indicatoren', en: 'indicators' },
};
/** A group's noun: fixed words, or the study's own word for its instruments or partners. */
const nounOf = (ctx: SentenceContext, noun: GroupNoun) => {
  const n = NOUNS[noun];
  return typeof n === 'string' ? word(ctx, n) : t(n, ctx.lang);
};

const t = (text: LocalText, lang: Lang) => pick(text, lang);
const term = (ctx: SentenceContext, k: keyof Terms) => t(ctx.terms[k], ctx.lang);
/** A round by its label in running text (format.ts roundRef), with the study's own round word where the label needs one. */
const roundName = (ctx: SentenceContext, label: LocalText, as: 'time' | 'thing' | 'name' = 'time') =>
  roundRef(label, ctx.lang, roundWith(ctx, 'de'), as);
/** "in de voormeting", "in het voorjaar 2026", "in de meting ‘Start cursus’" / "at pre-training". */
const inR = (ctx: SentenceContext, label: LocalText) => inRound(label, ctx.lang, roundWith(ctx, 'de'));
const between = (ctx: SentenceContext, from: LocalText, to: LocalText) =>
  ctx.lang === 'nl'
    ? `tussen ${roundName(ctx, from)} en ${roundName(ctx, to)}`
    : `between ${roundName(ctx, from)} and ${roundName(ctx, to)}`;
const quote = (s: string) => `‘${s.replace(/[.\s]+$/, '')}’`;
const labelOf = (ctx: SentenceContext, id: string, label: LocalText) => t(ctx.labels?.[id] ?? label, ctx.lang);

function share(s: Share, ctx: SentenceContext): string {
  return shareText(s, ctx.lang, ctx.minPercent);
}

/**
 * "p = 0,0031" / "p < 0,001", in the language's decimal notation. Two significant digits, never
 * rounded onto or across alpha (METHODS §3.6): 0.049 stays "0,049", 0.0496 is "0,0496", not "0,05".
 */
export function pText(p: number, lang: Lang, alpha = 0.05): string {
  if (p < 0.001) return lang === 'nl' ? 'p < 0,001' : 'p < 0.001';
  let digits = 2;
  let v = Number(p.toPrecision(digits));
  while (digits < 6 && (v === alpha || v < alpha !== p < alpha)) v = Number(p.toPrecision(++digits));
  const text = v.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(v))));
  return `p = ${lang === 'nl' ? text.replace('.', ',') : text}`;
}

/** A score to one decimal in the language's notation: 6.25 → "6,3". */
const decimal1 = (v: number, lang: Lang) => (lang === 'nl' ? v.toFixed(1).replace('.', ',') : v.toFixed(1));

/** A plain decimal in the language's notation: 0.05 → "0,05". */
const decimal = (v: number, lang: Lang) => (lang === 'nl' ? String(v).replace('.', ',') : String(v));

/** "n = 11 paren" / "n = 11 pairs"; empty for a cross-sectional change. */
const pairsText = (c: Change, lang: Lang) =>
  c.paired ? (lang === 'nl' ? `n = ${formatInt(c.n, lang)} paren` : `n = ${formatInt(c.n, lang)} pairs`) : '';

/** "gecorrigeerde p = 0,004" / "adjusted p = 0.004": for the technical annex only. */
function pPart(c: Change, lang: Lang): string {
  const p = c.pAdjusted ?? c.p;
  if (p === null) return '';
  return `${c.pAdjusted !== null ? (lang === 'nl' ? 'gecorrigeerde ' : 'adjusted ') : ''}${pText(p, lang, c.alpha)}`;
}

const DIRECTION: Record<ShownDirection, LocalText> = {
  rose: { nl: 'steeg', en: 'rose' },
  fell: { nl: 'daalde', en: 'fell' },
  same: { nl: 'bleef ongeveer gelijk', en: 'stayed about the same' },
};

/** "bij de 11 professionals die beide metingen invulden": who the test compared. */
function pairsWho(c: Change, ctx: SentenceContext): string {
  if (!c.paired || c.n <= 0) return '';
  return ctx.lang === 'nl'
    ? ` bij de ${formatInt(c.n, ctx.lang)} ${term(ctx, 'participants')} die beide ${word(ctx, 'round')} invulden`
    : ` among the ${formatInt(c.n, ctx.lang)} ${term(ctx, 'participants')} who answered both ${word(ctx, 'round')}`;
}

/**
 * The verdict after the figures, in plain words: the one decision rule (the adjusted test) with
 * the group it compared, so a sentence that quotes percentages of all respondents says that the
 * verdict rests on those who answered both rounds (one population per sentence, METHODS §3.6).
 */
function verdict(c: Change, ctx: SentenceContext): string {
  const { lang } = ctx;
  const nl = lang === 'nl';
  switch (c.evidence) {
    case 'increase':
      return nl ? `een aantoonbare toename${pairsWho(c, ctx)}` : `a demonstrable increase${pairsWho(c, ctx)}`;
    case 'decrease':
      return nl ? `een aantoonbare afname${pairsWho(c, ctx)}` : `a demonstrable decrease${pairsWho(c, ctx)}`;
    case 'no-change':
      if (lostToAdjustment(c))
        return nl ? 'niet aantoonbaar na correctie voor meerdere toetsen' : 'not demonstrable after correction for multiple tests';
      return nl ? 'geen aantoonbare verandering' : 'no demonstrable change';
    case 'not-tested':
      return nl ? 'te weinig waarnemingen om dit te toetsen' : 'too few observations to test this';
  }
}

function changeSentence(raw: ChangeSubject, from: LocalText, to: LocalText, ctx: SentenceContext): string {
  const { lang } = ctx;
  // Every writer checks the evidence again: a finding from anywhere cannot claim more.
  const c = safeChange(raw.change);
  const label = quote(labelOf(ctx, raw.id, raw.label));
  const dir = shownDirection(raw.from, raw.to, ctx.minPercent);
  const a = `${share(raw.from, ctx)} ${inR(ctx, from)}`;
  const b = `${share(raw.to, ctx)} ${inR(ctx, to)}`;
  const figures =
    dir === 'same'
      ? `${t(DIRECTION.same, lang)} (${a} ${lang === 'nl' ? 'en' : 'and'} ${b})`
      : `${t(DIRECTION[dir], lang)} ${lang === 'nl' ? 'van' : 'from'} ${a} ${lang === 'nl' ? 'naar' : 'to'} ${b}`;
  return `${label} ${figures}: ${verdict(c, ctx)}.`;
}

/**
 * A researcher's indicator with a mean value: "‘Richtlijn gevolgd’ steeg van gemiddeld 38% (n = 27)
 * in … naar 67% (n = 25) in …: een aantoonbare toename bij de 22 … die beide metingen invulden."
 * Direction always said; the verdict is the one rule's (safeChange); the n of every figure is given.
 */
function indicatorMeanSentence(f: Extract<Statement, { kind: 'indicator-mean' }>, ctx: SentenceContext): string {
  const { lang } = ctx;
  const nl = lang === 'nl';
  const label = quote(labelOf(ctx, f.id, f.label));
  const value = (m: { value: number; n: number }) => `${f.percent ? pct(m.value) : decimal1(m.value, lang)} (n = ${formatInt(m.n, lang)})`;
  const mean = nl ? 'gemiddeld' : 'on average';
  const fromMean = nl ? 'gemiddeld' : 'an average of';
  const at = (i: number) => f.perRound.find((r) => r.index === i)!;
  if (f.change) {
    const c = safeChange(f.change.change);
    const a = at(c.from);
    const b = at(c.to);
    const shown = (x: typeof a) => (f.percent ? Math.round(x.mean.value * 100) : Math.round(x.mean.value * 10));
    const dir: ShownDirection = shown(b) > shown(a) ? 'rose' : shown(b) < shown(a) ? 'fell' : 'same';
    const from = `${value(a.mean)} ${inR(ctx, a.round)}`;
    const to = `${value(b.mean)} ${inR(ctx, b.round)}`;
    const figures =
      dir === 'same'
        ? `${t(DIRECTION.same, lang)} (${mean} ${from} ${nl ? 'en' : 'and'} ${to})`
        : `${t(DIRECTION[dir], lang)} ${nl ? 'van' : 'from'} ${fromMean} ${from} ${nl ? 'naar' : 'to'} ${to}`;
    return `${label} ${figures}: ${verdict(c, ctx)}.`;
  }
  return `${label}: ${mean} ${listOf(
    f.perRound.map((r) => `${value(r.mean)} ${inR(ctx, r.round)}`),
    lang,
  )}.`;
}

function seriesText(perRound: RoundShare[], ctx: SentenceContext): string {
  return listOf(
    perRound.map((r) => `${share(r.share, ctx)} ${inR(ctx, r.round)}`),
    ctx.lang,
  );
}

const minN = (subjects: ChangeSubject[]) => Math.min(...subjects.flatMap((s) => [s.from.n, s.to.n]));

/** One finding as one or more sentences in the context's language. */
export function writeStatement(f: Statement, ctx: SentenceContext): string {
  const { lang } = ctx;
  const P = upperFirst(term(ctx, 'participants'));
  switch (f.kind) {
    case 'method': {
      const questions =
        lang === 'nl'
          ? f.open
            ? 'open en gesloten vragen'
            : 'gesloten vragen'
          : f.open
            ? 'open and closed questions'
            : 'closed questions';
      const rounds = listOf(
        f.rounds.map((r) => roundName(ctx, r, 'name')),
        lang,
      );
      // "in twee peilingen", "in één peiling": the study's word for a round.
      const count = f.rounds.length === 1 ? word(ctx, 'round', 'one') : `${numberWord(f.rounds.length, lang)} ${word(ctx, 'round')}`;
      if (f.answered === false) {
        return lang === 'nl'
          ? `De vragenlijst met ${questions} wordt in ${f.rounds.length === 1 ? `één ${count}` : count} afgenomen${f.rounds.length > 1 ? `: ${rounds}` : ''}; er zijn nog geen antwoorden.`
          : `The questionnaire with ${questions} is given in ${f.rounds.length === 1 ? `one ${count}` : count}${f.rounds.length > 1 ? `: ${rounds}` : ''}; there are no answers yet.`;
      }
      if (f.rounds.length === 1) {
        return lang === 'nl'
          ? `${P} vulden één keer een vragenlijst in met ${questions}.`
          : `${P} answered a questionnaire with ${questions} once.`;
      }
      return lang === 'nl'
        ? `${P} vulden in ${numberWord(f.rounds.length, lang)} ${word(ctx, 'round')} een vragenlijst in met ${questions}: ${rounds}.`
        : `${P} answered a questionnaire with ${questions} in ${numberWord(f.rounds.length, lang)} ${word(ctx, 'round')}: ${rounds}.`;
    }
    case 'invited': {
      const orgs =
        f.organisations === 0
          ? ''
          : f.organisations === 1
            ? lang === 'nl'
              ? 'één organisatie'
              : 'one organisation'
            : lang === 'nl'
              ? `${formatInt(f.organisations, lang)} organisaties`
              : `${formatInt(f.organisations, lang)} organisations`;
      // Functions in running Dutch are lower case ("jeugdverpleegkundige"), acronyms kept ("POH GGZ").
      const roles = f.roles.length
        ? lang === 'nl'
          ? `, in de ${f.roles.length === 1 ? 'functie' : 'functies'} ${listOf(
              f.roles.map((r) => lowerFirst(t(r, lang))),
              lang,
            )}`
          : ` (roles: ${listOf(
              f.roles.map((r) => t(r, lang)),
              lang,
            )})`
        : '';
      return lang === 'nl'
        ? `De vragenlijst is uitgestuurd naar ${formatInt(f.invited, lang)} ${term(ctx, 'participants')}${orgs ? ` van ${orgs}` : ''}${roles}.`
        : `The questionnaire was sent to ${formatInt(f.invited, lang)} ${term(ctx, 'participants')}${orgs ? ` from ${orgs}` : ''}${roles}.`;
    }
    case 'response': {
      if (f.rounds.every((r) => r.invited === 0)) {
        return lang === 'nl'
          ? `Er zijn nog geen ${term(ctx, 'participants')} uitgenodigd.`
          : `No ${term(ctx, 'participants')} have been invited yet.`;
      }
      // A study of one round names no round: "De respons was 80% (24 van 30)", not "… in de meting (…)".
      const only = f.rounds.length === 1;
      const parts = f.rounds.map((r) => {
        if (r.invited === 0)
          return lang === 'nl' ? `${inR(ctx, r.label)} nog niemand uitgenodigd` : `nobody invited yet ${inR(ctx, r.label)}`;
        const rate = percentAllowed({ n: r.invited }, ctx.minPercent) ? `${pct(r.submitted / r.invited)} ` : '';
        return `${rate}${only ? '' : `${inR(ctx, r.label)} `}(${xOfN(r.submitted, r.invited, lang)})`;
      });
      return lang === 'nl' ? `De respons was ${listOf(parts, lang)}.` : `Response was ${listOf(parts, lang)}.`;
    }
    case 'group-response': {
      // Every group with its own count (analysis/study/group-responses.ts); a group reached by an
      // anonymous link was not invited, so it gets a count and never a rate.
      const parts = f.groups.map((g) => {
        const rounds = g.rounds
          .filter((r) => r.submitted !== null)
          .map((r) => {
            const n = r.submitted!;
            if (r.invited === null)
              return lang === 'nl' ? `${formatInt(n, lang)} ${inR(ctx, r.label)}` : `${formatInt(n, lang)} ${inR(ctx, r.label)}`;
            return `${xOfN(n, r.invited, lang)} ${inR(ctx, r.label)}`;
          });
        const anonymous = g.rounds.every((r) => r.invited === null);
        const how = anonymous
          ? lang === 'nl'
            ? ' (anonieme link, zonder uitnodiging en dus zonder responspercentage)'
            : ' (anonymous link: not invited, so no response rate)'
          : '';
        return `${t(g.name, lang)}${how}: ${rounds.length ? listOf(rounds, lang) : lang === 'nl' ? 'nog geen antwoorden' : 'no answers yet'}`;
      });
      return lang === 'nl' ? `Ingevuld per groep: ${parts.join('; ')}.` : `Completed per group: ${parts.join('; ')}.`;
    }
    case 'low-response': {
      const r = { x: f.submitted, n: f.invited, ci: null };
      const value = percentAllowed(r, ctx.minPercent)
        ? `${pct(f.submitted / f.invited)} (${xOfN(f.submitted, f.invited, lang)})`
        : xOfN(f.submitted, f.invited, lang);
      if (f.level === 'strong') {
        return lang === 'nl'
          ? `De respons ${inR(ctx, f.round)} lag onder ${pct(f.threshold)}: ${value}. De resultaten van ${roundWith(ctx, 'deze')} zijn niet te generaliseren naar alle ${term(ctx, 'participants')}.`
          : `Response ${inR(ctx, f.round)} was below ${pct(f.threshold)}: ${value}. The results of ${roundWith(ctx, 'deze')} cannot be generalised to all ${term(ctx, 'participants')}.`;
      }
      return lang === 'nl'
        ? `De respons ${inR(ctx, f.round)} lag onder ${pct(f.threshold)}: ${value}. De respondenten zijn daardoor mogelijk niet representatief voor alle ${term(ctx, 'participants')}; vergelijk de ${word(ctx, 'round')} met voorzichtigheid.`
        : `Response ${inR(ctx, f.round)} was below ${pct(f.threshold)}: ${value}. Respondents may therefore not represent all ${term(ctx, 'participants')}; compare the ${word(ctx, 'round')} with caution.`;
    }
    case 'response-gap': {
      // Below the threshold the response is given as counts: no percentage the reader may not see.
      const rateOf = (r: GapRound) =>
        r.invited !== undefined && r.submitted !== undefined ? xOfN(r.submitted, r.invited, lang) : pct(r.rate);
      const [high, low] = [rateOf(f.high), rateOf(f.low)];
      return lang === 'nl'
        ? `De respons verschilt sterk tussen de ${word(ctx, 'round')} (${high} ${inR(ctx, f.high.round)}, ${low} ${inR(ctx, f.low.round)}): de groep respondenten is per ${word(ctx, 'round', 'one')} anders samengesteld.`
        : `Response differs markedly between ${word(ctx, 'round')} (${high} ${inR(ctx, f.high.round)}, ${low} ${inR(ctx, f.low.round)}): the group of respondents differs from ${word(ctx, 'round', 'one')} to ${word(ctx, 'round', 'one')}.`;
    }
    case 'contribution': {
      const found = f.domains.filter((d) => d.increased > 0);
      const I = upperFirst(term(ctx, 'intervention'));
      if (!found.length) {
        const areas = listOf(
          f.domains.map((d) => domainArea(d.noun, ctx)),
          lang,
        );
        // An increase is what the lead looks for: "no demonstrable increase" stays true where a decrease was found.
        return lang === 'nl'
          ? `Er is geen aantoonbare toename gevonden in ${areas}; of ${term(ctx, 'intervention')} bijdraagt aan ${term(ctx, 'goal')}, is met deze gegevens niet vast te stellen.`
          : `No demonstrable increase was found in ${areas}; whether ${term(ctx, 'intervention')} contributes to ${term(ctx, 'goal')} cannot be established from these data.`;
      }
      const parts = listOf(
        found.map((d) => domainCount(d.noun, d.increased, d.total, ctx)),
        lang,
      );
      // Only of the areas this lead weighs: elsewhere (an indicator, a question) an increase may be demonstrable.
      // The areas just named are "hiervan"; an area without any increase is named.
      const restOf = f.domains.filter((d) => d.increased < d.total);
      const named = restOf.some((d) => d.increased > 0);
      const unnamed = listOf(
        restOf.filter((d) => d.increased === 0).map((d) => domainArea(d.noun, ctx)),
        lang,
      );
      const where =
        lang === 'nl'
          ? [named ? 'op de andere punten hiervan' : '', unnamed ? `${named ? 'bij' : 'op de andere punten van'} ${unnamed}` : '']
          : [named ? 'elsewhere in these areas' : '', unnamed ? `${named ? 'or in' : 'on the other points of'} ${unnamed}` : ''];
      const whereText = where.filter(Boolean).join(lang === 'nl' ? ' en ' : ' ');
      const rest = whereText
        ? lang === 'nl'
          ? ` ${upperFirst(whereText)} is geen aantoonbare toename gevonden.`
          : ` No demonstrable increase was found ${whereText}.`
        : '';
      return lang === 'nl'
        ? `${I} lijkt positief bij te dragen aan ${term(ctx, 'goal')}: een aantoonbare toename is gevonden ${parts}.${rest}`
        : `${I} appears to contribute positively to ${term(ctx, 'goal')}: a demonstrable increase was found ${parts}.${rest}`;
    }
    case 'attrition': {
      const [from, to] = [roundName(ctx, f.fromRound), roundName(ctx, f.toRound, 'thing')];
      const n = formatInt(f.variables, lang);
      const how = attritionDirections(f.named ?? [], f.variables, ctx);
      return lang === 'nl'
        ? `Wie na ${from} afhaakte, antwoordde ${inR(ctx, f.fromRound)} anders dan wie ook ${to} invulde ` +
            `(op ${n} ${f.variables === 1 ? 'vraag' : 'vragen'}${how}): ` +
            `de respondenten ${inR(ctx, f.toRound)} zijn mogelijk niet representatief.`
        : `Those who dropped out after ${from} answered differently ${inR(ctx, f.fromRound)} from those who also answered ${to} ` +
            `(on ${n} ${f.variables === 1 ? 'question' : 'questions'}${how}): ` +
            `respondents ${inR(ctx, f.toRound)} may not be representative.`;
    }
    case 'causality':
      return lang === 'nl'
        ? `Dit onderzoek vergelijkt ${word(ctx, 'round')} zonder controlegroep: veranderingen kunnen ook andere oorzaken hebben${f.lowResponse ? `, en door de lage respons in een van de ${word(ctx, 'round')} zijn de resultaten onzeker` : ''}.`
        : `This study compares ${word(ctx, 'round')} without a control group: changes may have other causes${f.lowResponse ? `, and low response in one of the ${word(ctx, 'round')} makes the results uncertain` : ''}.`;
    case 'share': {
      const value = shareWithCi(f.share, lang, ctx.minPercent);
      const small = !percentAllowed(f.share, ctx.minPercent);
      const dk = f.share.dontKnow
        ? lang === 'nl'
          ? ` (daarnaast ${formatInt(f.share.dontKnow, lang)} keer ‘weet ik niet’)`
          : ` (plus ${formatInt(f.share.dontKnow, lang)} ‘don’t know’)`
        : '';
      const label = t(f.label, lang).trim();
      const note = small
        ? lang === 'nl'
          ? `; bij minder dan ${ctx.minPercent} antwoorden tonen we geen percentage`
          : `; with fewer than ${ctx.minPercent} answers no percentage is shown`
        : '';
      const at = upperFirst(inR(ctx, f.round));
      // A caveat travels with its figure (METHODS §3.6): the round's low response and the attrition flag.
      const lowRate =
        f.lowResponse === undefined
          ? ''
          : f.lowResponseCounts
            ? xOfN(f.lowResponseCounts.submitted, f.lowResponseCounts.invited, lang)
            : pct(f.lowResponse);
      const flags = [
        f.lowResponse !== undefined
          ? lang === 'nl'
            ? `de respons ${inR(ctx, f.round)} was laag (${lowRate})`
            : `response ${inR(ctx, f.round)} was low (${lowRate})`
          : '',
        f.attrition
          ? lang === 'nl'
            ? `wie afhaakte, antwoordde ${inR(ctx, f.attrition)} op deze vraag anders dan wie bleef`
            : `those who dropped out answered this question differently ${inR(ctx, f.attrition)} from those who stayed`
          : '',
      ].filter(Boolean);
      const caveat = flags.length
        ? lang === 'nl'
          ? ` Let op: ${listOf(flags, lang)}; dit cijfer is mogelijk niet representatief.`
          : ` Note: ${listOf(flags, lang)}; this figure may not be representative.`
        : '';
      if (f.form === 'yes') {
        return lang === 'nl'
          ? `${at} antwoordde${small ? 'n' : ''} ${value} ‘ja’ op de vraag ${quote(label)}${dk}${note}.${caveat}`
          : `${at}, ${value} answered ‘yes’ to the question ${quote(label)}${dk}${note}.${caveat}`;
      }
      if (f.form === 'agree') {
        return lang === 'nl'
          ? `${at} ${small ? 'waren' : 'was'} ${value} het (helemaal) eens met de uitspraak ${quote(label)}${note}.${caveat}`
          : `${at}, ${value} agreed with the statement ${quote(label)}${note}.${caveat}`;
      }
      return `${quote(labelOf(ctx, f.id, f.label))} ${inR(ctx, f.round)}: ${value}${note}.${caveat}`;
    }
    case 'change':
      return changeSentence(f.subject, f.fromRound, f.toRound, ctx);
    case 'indicator-mean':
      return indicatorMeanSentence(f, ctx);
    case 'question-mean':
    case 'question-choice':
    case 'question-vote':
      return (
        writeQuestion(
          f,
          {
            lang,
            minPercent: ctx.minPercent,
            participants: term(ctx, 'participants'),
            rounds: word(ctx, 'round'),
            round: roundWith(ctx, 'de'),
          },
          (c) => verdict(c, ctx),
        ) ?? ''
      );
    case 'largest-increase': {
      const subjects = f.subjects.filter((s) => safeChange(s.change).evidence === 'increase');
      const names = listOf(
        subjects.map((s) => labelOf(ctx, s.id, s.label)),
        lang,
      );
      if (!subjects.length) {
        return lang === 'nl'
          ? `Voor geen van de ${word(ctx, 'partner')} is een aantoonbare toename in samenwerkingsfrequentie gevonden.`
          : `No demonstrable increase in collaboration frequency was found for any ${word(ctx, 'partner', 'one')}.`;
      }
      if (subjects.length === 1) {
        return lang === 'nl'
          ? `Een aantoonbare toename in samenwerkingsfrequentie is alleen gevonden voor ${names}.`
          : `A demonstrable increase in collaboration frequency was found only for ${names}.`;
      }
      return lang === 'nl'
        ? `De grootste toename in samenwerkingsfrequentie is gevonden voor ${names}.`
        : `The largest increase in collaboration frequency was found for ${names}.`;
    }
    case 'increase-detail': {
      const subjects = f.subjects.filter((s) => safeChange(s.change).evidence === 'increase');
      if (!subjects.length) return '';
      const parts = subjects.map((s) => {
        const to = lang === 'nl' ? 'naar' : 'to';
        const [a, b] = [xOfN(s.from.x, s.from.n, lang), xOfN(s.to.x, s.to.n, lang)];
        const range =
          percentAllowed(s.from, ctx.minPercent) && percentAllowed(s.to, ctx.minPercent)
            ? `${pct(s.from.x / s.from.n)} ${to} ${pct(s.to.x / s.to.n)} (${a} ${lang === 'nl' ? 'en' : 'and'} ${b})`
            : `${a} ${to} ${b}`;
        return lang === 'nl' ? `voor ${labelOf(ctx, s.id, s.label)} van ${range}` : `for ${labelOf(ctx, s.id, s.label)} from ${range}`;
      });
      return lang === 'nl'
        ? `Het aandeel ${term(ctx, 'participants')} dat ${t(f.shareLabel, lang)} met hen samenwerkt, steeg ${listOf(parts, lang)} ${between(ctx, f.fromRound, f.toRound)}.`
        : `The share of ${term(ctx, 'participants')} working with them ${t(f.shareLabel, lang)} rose ${listOf(parts, lang)} ${between(ctx, f.fromRound, f.toRound)}.`;
    }
    case 'partner-count': {
      const what =
        f.facet === 'frequency'
          ? lang === 'nl'
            ? 'de samenwerkingsfrequentie'
            : 'collaboration frequency'
          : lang === 'nl'
            ? 'de kwaliteit van de samenwerking'
            : 'the quality of collaboration';
      const [up, down] =
        f.facet === 'frequency'
          ? lang === 'nl'
            ? ['toegenomen', 'afgenomen']
            : ['increased', 'decreased']
          : lang === 'nl'
            ? ['verbeterd', 'verslechterd']
            : ['improved', 'worsened'];
      // The quality sentence follows the frequency sentence: it does not repeat the rounds.
      const span =
        f.facet === 'frequency'
          ? upperFirst(between(ctx, f.fromRound, f.toRound))
          : lang === 'nl'
            ? 'In dezelfde periode'
            : 'Over the same period';
      // Partners whose change could not be tested (too few observations) are said apart (METHODS §3.6);
      // versions published before the count was kept have none.
      const untested = f.untested ?? 0;
      const rest = f.total - f.increased - f.decreased - untested;
      const n = (v: number) => formatInt(v, lang);
      const tooFew =
        untested > 0
          ? lang === 'nl'
            ? `voor ${n(untested)} waren er te weinig waarnemingen om te toetsen`
            : `for ${n(untested)} there were too few observations to test`
          : '';
      const partners = `${n(f.total)} ${word(ctx, 'partner')}`;
      // "voor geen van beide" / "for either of the two": never "geen van de 2".
      const none = noneOf(f.total, word(ctx, 'partner'), ctx);
      const facet = what.replace(/^de /, '');
      if (f.increased === 0 && f.decreased === 0) {
        if (untested === f.total)
          return lang === 'nl'
            ? `${span} waren er voor ${none} genoeg waarnemingen om een verandering in ${facet} te toetsen.`
            : `${span}, there were too few observations to test a change in ${what} for ${none}.`;
        return lang === 'nl'
          ? `${span} is voor ${none} een aantoonbare verandering in ${facet} gevonden${tooFew ? ` (${tooFew})` : ''}.`
          : `${span}, no demonstrable change in ${what} was found for ${none}${tooFew ? ` (${tooFew})` : ''}.`;
      }
      // Which partners, where no other sentence names them (the quality count): "(A en B)".
      const named = (list: string[] | undefined) => (list?.length ? ` (${listOf(list, lang)})` : '');
      const changes: string[] = [];
      if (f.increased)
        changes.push(
          lang === 'nl'
            ? `met ${n(f.increased)} van de ${partners} aantoonbaar ${up}${named(f.names?.increased)}`
            : `${up} demonstrably with ${n(f.increased)} of the ${partners}${named(f.names?.increased)}`,
        );
      if (f.decreased)
        changes.push(
          lang === 'nl'
            ? `met ${formatInt(f.decreased, lang)} aantoonbaar ${down}${named(f.names?.decreased)}`
            : `${down} demonstrably with ${formatInt(f.decreased, lang)}${named(f.names?.decreased)}`,
        );
      const noChange =
        rest > 0
          ? lang === 'nl'
            ? `voor ${untested ? `${n(rest)} andere` : `de andere ${n(rest)}`} is geen aantoonbare verandering gevonden`
            : `for ${untested ? `${n(rest)} others` : `the other ${n(rest)}`} no demonstrable change was found`
          : '';
      const rests = [noChange, tooFew].filter(Boolean);
      const others = rests.length ? `; ${listOf(rests, lang)}` : '';
      return lang === 'nl'
        ? `${span} is ${what} ${listOf(changes, lang)}${others}.`
        : `${span}, ${what} ${listOf(changes, lang)}${others}.`;
    }
    case 'partners-context':
      return lang === 'nl'
        ? 'Hoe vaak met een partner wordt samengewerkt, hangt af van de zorg die deze partner biedt. Weinig of geen samenwerking met een partner hoeft dus geen probleem te zijn.'
        : `How often ${term(ctx, 'participants')} work with a partner depends on the care that partner provides, so little or no collaboration with a partner need not be a problem.`;
    case 'group-change': {
      const noun = nounOf(ctx, f.noun);
      const span = upperFirst(between(ctx, f.fromRound, f.toRound));
      const inc = f.subjects.filter((s) => safeChange(s.change).evidence === 'increase');
      const dec = f.subjects.filter((s) => safeChange(s.change).evidence === 'decrease');
      const rest = f.subjects.filter((s) => !inc.includes(s) && !dec.includes(s));
      const names = (list: ChangeSubject[]) =>
        listOf(
          list.map((s) => quote(labelOf(ctx, s.id, s.label))),
          lang,
        );
      const small = minN(f.subjects) < ctx.smallBelow ? (lang === 'nl' ? ' (kleine aantallen)' : ' (small numbers)') : '';
      const n = (v: number) => formatInt(v, lang);
      const nl = lang === 'nl';
      // Direction is always said (METHODS §3.6), also where nothing is demonstrable.
      const dirs = rest.map((s) => shownDirection(s.from, s.to, ctx.minPercent));
      const same = dirs.length > 0 && dirs.every((d) => d === dirs[0]) ? dirs[0] : null;
      const when = between(ctx, f.fromRound, f.toRound);
      // A change without a test is not "not demonstrable": there were too few observations to test it (METHODS §3.6).
      const untested = rest.filter((s) => safeChange(s.change).evidence === 'not-tested').length;
      const allUntested = rest.length > 0 && untested === rest.length;
      // Untested, the reason is said and "kleine aantallen" would repeat it; tested, the notes go in one pair of brackets.
      const partlyText =
        untested && !allUntested
          ? nl
            ? `voor ${n(untested)} ervan te weinig waarnemingen om te toetsen`
            : `too few observations to test ${n(untested)} of them`
          : '';
      const partly = partlyText ? ` (${partlyText})` : '';
      const notes = [partlyText, small ? (nl ? 'kleine aantallen' : 'small numbers') : ''].filter(Boolean);
      const notShown = allUntested
        ? nl
          ? '; te weinig waarnemingen om dit te toetsen'
          : '; too few observations to test this'
        : `, ${nl ? 'maar niet aantoonbaar' : 'but not demonstrably'}${notes.length ? ` (${notes.join('; ')})` : ''}`;
      const allOf = (k: number) => (nl ? (k === 2 ? 'beide' : `alle ${n(k)}`) : k === 2 ? 'both' : `all ${n(k)}`);
      const counted = () => {
        const up = dirs.filter((d) => d === 'rose').length;
        const down = dirs.filter((d) => d === 'fell').length;
        const flat = dirs.length - up - down;
        return listOf(
          [
            up ? (nl ? `${n(up)} ${up === 1 ? 'steeg' : 'stegen'}` : `${n(up)} rose`) : '',
            down ? (nl ? `${n(down)} ${down === 1 ? 'daalde' : 'daalden'}` : `${n(down)} fell`) : '',
            flat ? (nl ? `${n(flat)} ${flat === 1 ? 'bleef' : 'bleven'} ongeveer gelijk` : `${n(flat)} stayed about the same`) : '',
          ].filter(Boolean),
          lang,
        );
      };
      if (!inc.length && !dec.length) {
        // One statement, tool or partner is named, as the chart beside it names it: "‘…’ steeg", not "De uitspraken … steeg".
        const single = rest.length === 1 ? quote(labelOf(ctx, rest[0].id, rest[0].label)) : null;
        const who = single
          ? f.noun === 'tools'
            ? `${nl ? 'Het gebruik van' : 'Use of'} ${single}`
            : single
          : nl
            ? f.noun === 'tools'
              ? `Het gebruik van ${rest.length > 1 ? `${allOf(rest.length)} ` : 'de '}${noun}`
              : `${rest.length > 1 ? upperFirst(allOf(rest.length)) : 'De'} ${noun}`
            : f.noun === 'tools'
              ? `Use of ${rest.length > 1 ? allOf(rest.length) : 'the'} ${noun}`
              : `${rest.length > 1 ? upperFirst(allOf(rest.length)) : 'The'} ${noun}`;
        const one = nl && (f.noun === 'tools' || rest.length === 1);
        if (same === 'rose' || same === 'fell') {
          const verb = nl ? (same === 'rose' ? (one ? 'steeg' : 'stegen') : one ? 'daalde' : 'daalden') : same;
          return `${who} ${verb} ${when}${notShown}.`;
        }
        if (same === 'same')
          return nl
            ? `${who} ${one ? 'bleef' : 'bleven'} ongeveer gelijk ${when}${small}.`
            : `${who} stayed about the same ${when}${small}.`;
        const none = noneOf(f.subjects.length, noun, ctx);
        if (allUntested)
          return nl
            ? `${span} waren er voor ${none} genoeg waarnemingen om een verandering te toetsen: ${counted()}${small}.`
            : `${span}, there were too few observations to test a change for ${none}: ${counted()}${small}.`;
        return nl
          ? `${span} is voor ${none} een aantoonbare verandering gevonden${partly}: ${counted()}${small}.`
          : `${span}, no demonstrable change was found for ${none}${partly}: ${counted()}${small}.`;
      }
      const restText = () => {
        const others = nl
          ? rest.length > 1
            ? `de andere ${n(rest.length)}`
            : 'de andere'
          : rest.length > 1
            ? `the other ${n(rest.length)}`
            : 'the other one';
        if (same === 'rose' || same === 'fell') {
          // "ook" / "too" only where the demonstrable changes went the same way.
          const also = same === 'rose' ? !dec.length : !inc.length;
          const verb = nl ? (same === 'rose' ? (rest.length > 1 ? 'stegen' : 'steeg') : rest.length > 1 ? 'daalden' : 'daalde') : same;
          return `${others} ${verb}${also ? (nl ? ' ook' : ' too') : ''}${notShown}`;
        }
        if (same === 'same')
          return nl
            ? `${others} ${rest.length > 1 ? 'bleven' : 'bleef'} ongeveer gelijk${small}`
            : `${others} stayed about the same${small}`;
        const verdictOfRest = allUntested
          ? nl
            ? 'te weinig waarnemingen om dit te toetsen'
            : 'too few observations to test this'
          : nl
            ? 'niet aantoonbaar'
            : 'not demonstrably';
        return nl
          ? `van ${others} ${counted()}, ${verdictOfRest}${partly}${small}`
          : `of ${others}, ${counted()}, ${verdictOfRest}${partly}${small}`;
      };
      const parts: string[] = [];
      if (inc.length)
        parts.push(
          lang === 'nl'
            ? `${n(inc.length)} van de ${n(f.subjects.length)} ${noun} aantoonbaar toegenomen (${names(inc)})`
            : `${n(inc.length)} of the ${n(f.subjects.length)} ${noun} increased demonstrably (${names(inc)})`,
        );
      if (dec.length)
        parts.push(
          lang === 'nl'
            ? `${n(dec.length)} aantoonbaar afgenomen (${names(dec)})`
            : `${n(dec.length)} decreased demonstrably (${names(dec)})`,
        );
      const others = rest.length ? `; ${restText()}` : '';
      return lang === 'nl'
        ? `${span} ${inc.length + dec.length === 1 ? 'is' : 'zijn'} ${parts.join(' en ')}${others}.`
        : `${span}, ${parts.join(' and ')}${others}.`;
    }
    case 'peak': {
      const noun = nounOf(ctx, f.noun);
      if (f.count === f.total) {
        return lang === 'nl'
          ? `Bij alle ${formatInt(f.total, lang)} ${noun} ligt het hoogste percentage ${inR(ctx, f.peakRound)}.`
          : `For all ${formatInt(f.total, lang)} ${noun}, the share is highest ${inR(ctx, f.peakRound)}.`;
      }
      return lang === 'nl'
        ? `Bij ${formatInt(f.count, lang)} van de ${formatInt(f.total, lang)} ${noun} ligt het hoogste percentage ${inR(ctx, f.peakRound)}.`
        : `For ${formatInt(f.count, lang)} of the ${formatInt(f.total, lang)} ${noun}, the share is highest ${inR(ctx, f.peakRound)}.`;
    }
    case 'series': {
      const head = `${quote(labelOf(ctx, f.id, f.label))}: ${seriesText(f.perRound, ctx)}`;
      if (!f.change) return `${head}.`;
      const c = safeChange(f.change.change);
      if (c.evidence !== 'increase' && c.evidence !== 'decrease') return `${head}.`;
      return `${head}; ${between(ctx, f.change.fromRound, f.change.toRound)} ${verdict(c, ctx)}.`;
    }
    case 'series-group': {
      const rounds = f.subjects[0]?.perRound.map((r) => r.round) ?? [];
      const head =
        lang === 'nl'
          ? `Gebruik ${listOf(
              rounds.map((r) => inR(ctx, r)),
              lang,
            )}`
          : `Use ${listOf(
              rounds.map((r) => inR(ctx, r)),
              lang,
            )}`;
      const parts = f.subjects.map(
        (s) =>
          `${labelOf(ctx, s.id, s.label)} ${listOf(
            s.perRound.map((r) => share(r.share, ctx)),
            lang,
          )}`,
      );
      return `${head}: ${parts.join('; ')}.`;
    }
    case 'least-used': {
      const names = listOf(f.names.map(quote), lang);
      const values =
        f.names.length === 1 ? share(f.shares[0], ctx) : f.names.map((n, i) => `${quote(n)} ${share(f.shares[i], ctx)}`).join('; ');
      if (f.names.length === 1) {
        return lang === 'nl'
          ? `Van de ${word(ctx, 'tool')} wordt ${names} het minst gebruikt: ${values} ${inR(ctx, f.round)}.`
          : `Of the ${word(ctx, 'tool')}, ${names} is used least: ${values} ${inR(ctx, f.round)}.`;
      }
      return lang === 'nl'
        ? `Van de ${word(ctx, 'tool')} worden ${names} het minst gebruikt ${inR(ctx, f.round)} (${values}).`
        : `Of the ${word(ctx, 'tool')}, ${names} are used least ${inR(ctx, f.round)} (${values}).`;
    }
    case 'asked-in': {
      const rounds = listOf(
        f.rounds.map((r) => roundName(ctx, r)),
        lang,
      );
      return lang === 'nl'
        ? `Het gebruik van de ${word(ctx, 'tool')} is alleen in ${rounds} uitgevraagd.`
        : `${upperFirst(word(ctx, 'tool', 'one'))} use was asked only at ${rounds}.`;
    }
    case 'technical': {
      // The technical annex: the one place besides the methods box with test names and p-values.
      const c = f.change;
      const parts = [
        c.method ? methodName(c.method, lang) : '',
        c.paired ? pairsText(c, lang) : c.n > 0 ? `n = ${formatInt(c.n, lang)}` : '',
        c.p !== null ? pText(c.p, lang, c.alpha) : '',
        c.pAdjusted !== null ? pPart(c, lang) : '',
        // A difference in percentage points over fewer than minPercent (pairs, or the smaller
        // round) is a percentage the disclosure rule hides: never printed.
        c.ci && c.difference !== null && c.n >= ctx.minPercent
          ? `${lang === 'nl' ? 'verschil' : 'difference'} ${signedPoints(c.difference)} ${lang === 'nl' ? 'procentpunt' : 'points'} ` +
            `(${words.ci[lang]} ${pointsRange(c.ci, lang)})`
          : '',
      ].filter(Boolean);
      const e = safeChange(c);
      const verdictText = e.evidence === 'increase' || e.evidence === 'decrease' ? verdict({ ...e, paired: false }, ctx) : verdict(e, ctx);
      const span = `${lowerFirst(t(f.fromRound, lang))} → ${lowerFirst(t(f.toRound, lang))}`;
      return `${quote(labelOf(ctx, f.id, f.label))}, ${span}: ${parts.length ? `${parts.join('; ')}; ` : ''}${verdictText}.`;
    }
    case 'disclosure': {
      // The methods box: the one place for test names, the decision rule and its alpha.
      const st = f.settings;
      const who = term(ctx, 'participants');
      const [round, rounds] = [word(ctx, 'round', 'one'), word(ctx, 'round')];
      const tests = [...new Set(f.methods.filter((x) => !/newcombe|wilson/i.test(x)).map((x) => methodName(x, lang)))];
      const alpha = decimal(st.alpha, lang);
      if (lang === 'nl') {
        return [
          `Percentages zijn berekend over de ${who} die de vraag beantwoordden; ‘weet ik niet’ en ‘niet van toepassing’ tellen niet mee.`,
          tests.length
            ? `Veranderingen zijn ${f.paired ? `zo veel mogelijk getoetst bij ${who} die beide ${rounds} invulden` : 'getoetst'} ` +
              `(${listOf(tests, lang)}).`
            : '',
          // The decision rule only where something was tested (one round, or too few pairs: no test, no rule).
          tests.length
            ? `Een verandering heet aantoonbaar als die toets na correctie voor meerdere toetsen${correctionText(f.corrections, ctx)} ` +
              `p < ${alpha} geeft; anders staat er ‘geen aantoonbare verandering’. Het 95%-interval bij de belangrijkste uitkomsten ` +
              '(Wilson, niet gecorrigeerd) toont hoe precies een cijfer is, maar beslist daar niet over.'
            : 'Het 95%-interval bij de belangrijkste uitkomsten (Wilson) toont hoe precies een cijfer is.',
          st.teamMode
            ? `Percentages tonen we vanaf n = ${st.minDenominatorForPercent}; daaronder ziet het team zijn eigen aantallen (teamweergave: aantallen, bijvoorbeeld ‘3 van 5’), nooit een percentage.`
            : '',
          `Bij minder dan ${st.minDenominatorForPercent} antwoorden tonen we geen percentage, groepen van minder dan ${st.minSubgroup} ${who} worden niet apart getoond en citaten komen alleen uit groepen van ten minste ${st.minGroupForQuotes} respondenten; ze zijn ingekort, geanonimiseerd en alleen aan een rol toegeschreven.`,
          f.scope ? `Alle cijfers in deze factsheet gaan alleen over ${groupName(f.scope, lang)}.` : '',
          f.splits?.length
            ? `Per ${listOf(
                f.splits.map((x) => pick(x, lang)),
                lang,
              )} tonen we een uitsplitsing; een groep met minder dan ${st.minSubgroup} respondenten in een ${round} tonen we daar niet, ` +
              'en dan ook de op één na kleinste groep, zodat de verborgen groep niet uit het totaal is af te leiden.'
            : '',
        ]
          .filter(Boolean)
          .join(' ');
      }
      return [
        `Percentages are based on the ${who} who answered the question; ‘don’t know’ and ‘not applicable’ are left out.`,
        tests.length
          ? `Changes were tested${f.paired ? ` where possible among ${who} who answered both ${rounds}` : ''} (${listOf(tests, lang)}).`
          : '',
        tests.length
          ? `A change is called demonstrable when that test gives p < ${alpha} after correction for multiple tests` +
            `${correctionText(f.corrections, ctx)}; otherwise the text says ‘no demonstrable change’. The 95% interval of the key ` +
            'results (Wilson, not adjusted) shows how precise a figure is, but does not decide.'
          : 'The 95% interval of the key results (Wilson) shows how precise a figure is.',
        st.teamMode
          ? `Percentages are shown from n = ${st.minDenominatorForPercent}; below that the team sees its own counts (team view: counts, e.g. ‘3 of 5’), never a percentage.`
          : '',
        `No percentage is shown for fewer than ${st.minDenominatorForPercent} answers, groups of fewer than ${st.minSubgroup} ${who} are not shown separately, and quotes come only from groups of at least ${st.minGroupForQuotes} respondents; they are shortened, anonymised and attributed by role only.`,
        f.scope ? `All figures in this factsheet are about ${groupName(f.scope, lang)} only.` : '',
        f.splits?.length
          ? `Figures are also shown per ${listOf(
              f.splits.map((x) => pick(x, lang)),
              lang,
            )}; a group with fewer than ${st.minSubgroup} respondents in a ${round} is not shown there, ` +
            'and then neither is the next smallest, so that the hidden group cannot be worked out from the total.'
          : '',
      ]
        .filter(Boolean)
        .join(' ');
    }
  }
}

/**
 * The methods box on multiple tests (METHODS §4.6, §5), after "na correctie voor meerdere toetsen":
 * " (Holm bij …, Benjamini-Hochberg bij …)", which method adjusted which area's p-values (the interval
 * sentence says the intervals are not). Empty when nothing was adjusted, or for a version published before.
 */
function correctionText(c: { holm: GroupNoun[]; bh: GroupNoun[] } | undefined, ctx: SentenceContext): string {
  if (!c || (!c.holm.length && !c.bh.length)) return '';
  const nl = ctx.lang === 'nl';
  const areas = (nouns: GroupNoun[]) =>
    listOf(
      nouns.map((n) => domainArea(n, ctx)),
      ctx.lang,
    );
  const by = [
    c.holm.length ? (nl ? `Holm bij ${areas(c.holm)}` : `Holm for ${areas(c.holm)}`) : '',
    c.bh.length ? (nl ? `Benjamini-Hochberg bij ${areas(c.bh)}` : `Benjamini–Hochberg for ${areas(c.bh)}`) : '',
  ].filter(Boolean);
  return ` (${by.join(', ')})`;
}

/**
 * How the leavers' baseline answers lay on the questions the attrition flag found (METHODS §4.5:
 * named variables and the direction of the difference), going on from "antwoordde … anders":
 * "(op 6 vragen: op 2 lager, waaronder ‘Jaren ervaring’; op 4 hoger, waaronder ‘Weet waar terecht’)".
 * Each direction is counted; a question is named by the short label the factsheet gives it (a
 * full question text would not fit a caveat), one per direction. Empty for a version published before.
 */
function attritionDirections(named: AttritionNamed[], total: number, ctx: SentenceContext): string {
  if (!named.length) return '';
  const nl = ctx.lang === 'nl';
  const word = { lower: nl ? 'lager' : 'lower', higher: nl ? 'hoger' : 'higher', different: nl ? 'anders' : 'differently' };
  const groups = (['lower', 'higher', 'different'] as const)
    .map((dir) => {
      const members = named.filter((x) => x.leavers === dir);
      // Flagged variables the names did not cover (an item no longer in the questionnaire) count as "anders".
      const count = members.length + (dir === 'different' ? Math.max(0, total - named.length) : 0);
      const short = members.find((x) => ctx.labels?.[x.id]);
      return { dir, count, short: short ? quote(labelOf(ctx, short.id, short.label)) : '' };
    })
    .filter((g) => g.count > 0);
  const among = (g: (typeof groups)[number]) => (g.short ? (nl ? `, waaronder ${g.short}` : `, including ${g.short}`) : '');
  if (groups.length === 1)
    return nl ? `, telkens ${word[groups[0].dir]}${among(groups[0])}` : `, each time ${word[groups[0].dir]}${among(groups[0])}`;
  const parts = groups.map(
    (g) => (nl ? `op ${formatInt(g.count, ctx.lang)} ${word[g.dir]}` : `${word[g.dir]} on ${formatInt(g.count, ctx.lang)}`) + among(g),
  );
  // Semicolons between the directions where a name brings its own comma.
  return `: ${groups.some((g) => g.short) ? parts.join('; ') : listOf(parts, ctx.lang)}`;
}

/** "geen van de 5 indicatoren" / "any of the 5 indicators"; for two "geen van beide" / "either of the two". */
function noneOf(count: number, noun: string, ctx: SentenceContext): string {
  const nl = ctx.lang === 'nl';
  if (count === 2) return nl ? `geen van beide ${noun}` : `either of the two ${noun}`;
  return nl ? `geen van de ${formatInt(count, ctx.lang)} ${noun}` : `any of the ${formatInt(count, ctx.lang)} ${noun}`;
}

function domainArea(noun: GroupNoun, ctx: SentenceContext): string {
  const lang = ctx.lang;
  const areas: Record<GroupNoun, LocalText> = {
    partners: { nl: `de samenwerking met ${word(ctx, 'partner')}`, en: `collaboration with ${word(ctx, 'partner')}` },
    competence: { nl: 'kennis en competenties', en: 'knowledge and competences' },
    tools: { nl: `het gebruik van de ${word(ctx, 'tool')}`, en: `the use of the ${word(ctx, 'tool')}` },
    indicators: { nl: 'de indicatoren', en: 'the indicators' },
  };
  return t(areas[noun], lang);
}

function domainCount(noun: GroupNoun, k: number, total: number, ctx: SentenceContext): string {
  const lang = ctx.lang;
  const n = (v: number) => formatInt(v, lang);
  const tools = word(ctx, 'tool');
  const partners = word(ctx, 'partner');
  switch (noun) {
    case 'partners':
      return lang === 'nl'
        ? `in de samenwerking met ${n(k)} van de ${n(total)} ${partners}`
        : `in collaboration with ${n(k)} of the ${n(total)} ${partners}`;
    case 'competence':
      return lang === 'nl'
        ? `bij ${n(k)} van de ${n(total)} uitspraken over kennis en competenties`
        : `in ${n(k)} of the ${n(total)} statements on knowledge and competences`;
    case 'tools':
      return lang === 'nl' ? `in het gebruik van ${n(k)} van de ${n(total)} ${tools}` : `in the use of ${n(k)} of the ${n(total)} ${tools}`;
    case 'indicators':
      return lang === 'nl' ? `bij ${n(k)} van de ${n(total)} indicatoren` : `in ${n(k)} of the ${n(total)} indicators`;
  }
}

/** A generated sentence with the fingerprint of the numbers under it. */
export interface GeneratedSentence {
  key: string;
  section: TextSection;
  paragraph: Paragraph;
  text: string;
  /** Hash of the finding's numbers: an edit made on other numbers is flagged as stale. */
  basis: string;
}

/**
 * The fingerprint of a finding: a hash of its numbers and subjects, independent of language
 * and wording, so an edit is flagged only when the evidence under it changed.
 */
export function basisOf(f: Statement): string {
  return sha256(JSON.stringify(f)).slice(0, 16);
}

export function writeSentences(findings: KeyedStatement[], ctx: SentenceContext): GeneratedSentence[] {
  return findings.map((k) => ({
    key: k.key,
    section: k.section,
    paragraph: k.paragraph,
    text: writeStatement(k.finding, ctx),
    basis: basisOf(k.finding),
  }));
}

/** A respondent group's name inside a sentence: "ouders" (a capital kept where it is an abbreviation, "JGZ-teams"). */
function groupName(name: LocalText, lang: Lang): string {
  const text = pick(name, lang);
  return /^.\p{Ll}/u.test(text) ? text[0].toLocaleLowerCase(lang) + text.slice(1) : text;
}
