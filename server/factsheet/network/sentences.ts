import { pick, type Lang, type LocalText } from '../../../model/index.js';
import { ACTION_STATUSES, type ActionStatus } from '../../../model/improvement.js';
import { dutchDeterminer, term } from '../../../model/vocabulary.js';
import type { CustomIndicator, FactsheetData } from '../../../analysis/findings/data.js';
import { safeChange } from '../../../analysis/findings/evidence.js';
import { claimsOf, type Paragraph, type Statement } from '../../../analysis/findings/statements.js';
import { basisOf, writeStatement, type SentenceContext } from '../../../analysis/findings/sentences.js';
import { formatInt, inRound, listOf, lowerFirst, upperFirst } from '../../../analysis/findings/format.js';
import { sha256 } from '../../../analysis/findings/sha256.js';
import type { Reason } from '../../../analysis/findings/claims.js';
import { checkNetworkClaims, type NetworkClaim } from './claims.js';
import type { NetworkPlan } from './figures.js';
import { latestIndex, nextQuarter, nOf, shownTarget, targetState, visibility } from './rules.js';

/**
 * The generated sentences of a network study's four sections, each with its claims, checked on
 * the printed figures (claims.ts) before it is printed. Changes reuse the factsheet's own
 * statements and writers (analysis/findings: the 'change' and 'indicator-mean' sentences with the
 * one decision rule of METHODS §3.6), so the wording and the verdicts are the same as elsewhere;
 * a figure the disclosure rule hides (rules.ts) gets a sentence of its own that names only its n.
 */

export const NETWORK_SECTIONS = ['network-standing', 'network-change', 'network-plan', 'network-next'] as const;
export type NetworkSection = (typeof NETWORK_SECTIONS)[number];

export interface NetworkSentence {
  key: string;
  section: NetworkSection;
  paragraph: Paragraph;
  text: string;
  basis: string;
}

export interface DroppedNetworkSentence {
  key: string;
  text: string;
  reasons: Reason[];
}

interface Draft {
  key: string;
  section: NetworkSection;
  paragraph: Paragraph;
  text: string;
  claims: NetworkClaim[];
  /** The numbers the sentence rests on, for the fingerprint of an edit. */
  basis: unknown;
}

const t = (text: LocalText, lang: Lang) => pick(text, lang);
const quote = (s: string) => `‘${s.replace(/[.\s]+$/, '')}’`;
const labelOf = (ctx: SentenceContext, ind: CustomIndicator) => t(ctx.labels?.[ind.id] ?? ind.label, ctx.lang);

/** The study's word for a round, e.g. "scan" or "meting". */
export const roundWord = (data: FactsheetData, lang: Lang, form: 'one' | 'many' = 'one') =>
  term(data.study.vocabulary, 'round', lang, form);

export const STATUS_WORDS: Record<ActionStatus, LocalText & { nl: string; en: string }> = {
  'not-started': { nl: 'niet begonnen', en: 'not started' },
  'in-progress': { nl: 'bezig', en: 'in progress' },
  done: { nl: 'klaar', en: 'done' },
  dropped: { nl: 'vervallen', en: 'dropped' },
};

/** Every network sentence the data support, with the ones left out because a claim failed. */
export function networkSentences(
  data: FactsheetData,
  ctx: SentenceContext,
): { sentences: NetworkSentence[]; dropped: DroppedNetworkSentence[] } {
  const net = data.network;
  if (!net) return { sentences: [], dropped: [] };
  const drafts = [...standing(data, ctx), ...changes(data, ctx), ...plans(data, ctx)];
  const sentences: NetworkSentence[] = [];
  const dropped: DroppedNetworkSentence[] = [];
  for (const d of drafts) {
    const reasons = checkNetworkClaims(d.claims, data);
    if (reasons.length) dropped.push({ key: d.key, text: d.text, reasons });
    else
      sentences.push({
        key: d.key,
        section: d.section,
        paragraph: d.paragraph,
        text: d.text,
        basis: sha256(JSON.stringify(d.basis)).slice(0, 16),
      });
  }
  return { sentences, dropped };
}

function standing(data: FactsheetData, ctx: SentenceContext): Draft[] {
  const { lang } = ctx;
  const nl = lang === 'nl';
  const d = data.network!.domains;
  if (!d?.domains.length) return [];
  const label = (value: string) => {
    const x = d.domains.find((y) => y.value === value);
    return x ? t(x.label as LocalText, lang) : value;
  };
  const missing = d.domains.map((x) => x.value).filter((v) => !d.cohort.represented.includes(v));
  const represented = d.cohort.represented.length;
  const total = d.domains.length;
  const text = !missing.length
    ? nl
      ? `Alle ${formatInt(total, lang)} domeinen zijn vertegenwoordigd in het team en het steunnetwerk.`
      : `All ${formatInt(total, lang)} domains are represented in the team and the support network.`
    : nl
      ? `${formatInt(represented, lang)} van ${formatInt(total, lang)} domeinen vertegenwoordigd in het team en het ` +
        `steunnetwerk; ontbreekt: ${listOf(missing.map(label), lang)}.`
      : `${formatInt(represented, lang)} of ${formatInt(total, lang)} domains represented in the team and the support network; ` +
        `missing: ${listOf(missing.map(label), lang)}.`;
  return [
    {
      key: 'network-standing.domains',
      section: 'network-standing',
      paragraph: 'lead',
      text,
      claims: [{ kind: 'domains', represented, total, missing }],
      basis: { represented: d.cohort.represented, total },
    },
  ];
}

/** The last two rounds' change of every indicator, then the count of verdicts and what they mean. */
function changes(data: FactsheetData, ctx: SentenceContext): Draft[] {
  const { lang } = ctx;
  const nl = lang === 'nl';
  const out: Draft[] = [];
  const rounds = data.rounds;
  const tally = { increase: 0, decrease: 0, noChange: 0, notTested: 0 };
  for (const ind of data.network!.indicators) {
    if (!ind.change || !rounds[ind.change.from] || !rounds[ind.change.to]) continue;
    const c = safeChange(ind.change);
    const e = c.evidence;
    tally[e === 'increase' ? 'increase' : e === 'decrease' ? 'decrease' : e === 'no-change' ? 'noChange' : 'notTested']++;
    const fromRound = rounds[c.from].label;
    const toRound = rounds[c.to].label;
    const key = `network-change.${ind.id}`;
    const nFrom = nOf(ind, c.from);
    const nTo = nOf(ind, c.to);
    const hidden = visibility(nFrom, ind, data.settings) === 'withheld' || visibility(nTo, ind, data.settings) === 'withheld';
    if (hidden) {
      // Never a difference without its figures: with too few answers to show, only the n of both rounds.
      const verdict =
        e === 'not-tested'
          ? nl
            ? 'te weinig waarnemingen om een verandering te toetsen'
            : 'too few observations to test a change'
          : nl
            ? 'geen aantoonbare verandering'
            : 'no demonstrable change';
      const text = nl
        ? `${quote(labelOf(ctx, ind))} ${inRound(fromRound, lang)} en ${inRound(toRound, lang)}: te weinig antwoorden om cijfers ` +
          `te tonen (n = ${formatInt(nFrom, lang)} en ${formatInt(nTo, lang)}); ${verdict}.`
        : `${quote(labelOf(ctx, ind))} ${inRound(fromRound, lang)} and ${inRound(toRound, lang)}: too few answers to show ` +
          `figures (n = ${formatInt(nFrom, lang)} and ${formatInt(nTo, lang)}); ${verdict}.`;
      out.push({
        key,
        section: 'network-change',
        paragraph: 'body',
        text,
        claims: [
          { kind: 'withheld', id: ind.id, round: c.from, n: nFrom },
          { kind: 'withheld', id: ind.id, round: c.to, n: nTo },
        ],
        basis: { id: ind.id, nFrom, nTo, e },
      });
      continue;
    }
    let statement: Statement;
    if (ind.value === 'share') {
      const from = ind.perRound[c.from]!;
      const to = ind.perRound[c.to]!;
      statement = {
        kind: 'change',
        group: 'custom-indicators',
        subject: { id: ind.id, label: ind.label, from, to, change: c },
        fromRound,
        toRound,
      };
    } else {
      statement = {
        kind: 'indicator-mean',
        id: ind.id,
        label: ind.label,
        percent: ind.percent,
        perRound: [c.from, c.to].map((i) => ({ round: rounds[i].label, index: i, mean: ind.means[i]! })),
        change: { change: c, fromRound, toRound },
      };
    }
    out.push({
      key,
      section: 'network-change',
      paragraph: 'body',
      text: writeStatement(statement, ctx),
      claims: claimsOf(statement, data.settings.minDenominatorForPercent),
      basis: basisOf(statement),
    });
  }
  if (!out.length) return out;
  const total = out.length;
  const last = data.network!.indicators.find((i) => i.change)!.change!;
  const span = nl
    ? `Tussen de ${lowerFirst(t(rounds[last.from].label, lang))} en de ${lowerFirst(t(rounds[last.to].label, lang))}`
    : `Between ${lowerFirst(t(rounds[last.from].label, lang))} and ${lowerFirst(t(rounds[last.to].label, lang))}`;
  const parts: string[] = [];
  const n = (v: number) => formatInt(v, lang);
  if (tally.increase) parts.push(nl ? `${n(tally.increase)} aantoonbaar toegenomen` : `${n(tally.increase)} increased demonstrably`);
  if (tally.decrease) parts.push(nl ? `${n(tally.decrease)} aantoonbaar afgenomen` : `${n(tally.decrease)} decreased demonstrably`);
  if (tally.noChange)
    parts.push(nl ? `${n(tally.noChange)} zonder aantoonbare verandering` : `${n(tally.noChange)} without a demonstrable change`);
  if (tally.notTested)
    parts.push(
      nl ? `${n(tally.notTested)} met te weinig waarnemingen om te toetsen` : `${n(tally.notTested)} with too few observations to test`,
    );
  const lead = nl
    ? `${span} ${total === 1 ? 'is één indicator' : `zijn ${n(total)} indicatoren`} vergeleken: ${listOf(parts, lang)}.`
    : `${span}, ${total === 1 ? 'one indicator was' : `${n(total)} indicators were`} compared: ${listOf(parts, lang)}.`;
  out.unshift({
    key: 'network-change.lead',
    section: 'network-change',
    paragraph: 'lead',
    text: lead,
    claims: [{ kind: 'change-count', ...tally }],
    basis: tally,
  });
  const who = t(ctx.terms.participants, lang);
  out.push({
    key: 'network-change.note',
    section: 'network-change',
    paragraph: 'note',
    text: nl
      ? `Een verandering heet aantoonbaar als de toets na correctie voor meerdere toetsen p < ` +
        `${String(data.settings.alpha).replace('.', ',')} geeft. ` +
        `Met een klein team is dat vaak niet mogelijk: met minder dan zes ${who} die beide keren antwoordden en van antwoord ` +
        `veranderden, kan geen toets die grens halen; dan staat er ‘te weinig waarnemingen om te toetsen’. ` +
        'Geen aantoonbare verandering betekent niet dat er niets veranderde: het is zwak bewijs bij kleine aantallen.'
      : `A change is called demonstrable when the test gives p < ${data.settings.alpha} after correction for multiple tests. ` +
        `With a small team that is often impossible: with fewer than six ${who} who answered both times and changed their ` +
        `answer, no test can reach that bound; the text then says ‘too few observations to test’. ` +
        'No demonstrable change does not mean nothing changed: with small numbers it is weak evidence.',
    claims: [],
    basis: { alpha: data.settings.alpha },
  });
  return out;
}

/** Per plan: the point and goal, the targets against the latest values, the actions, the quarters; then the next steps. */
function plans(data: FactsheetData, ctx: SentenceContext): Draft[] {
  const { lang } = ctx;
  const nl = lang === 'nl';
  const n = (v: number) => formatInt(v, lang);
  const out: Draft[] = [];
  const net = data.network!;
  for (const plan of net.plans) {
    const at = `network-plan.${plan.id}`;
    const by =
      plan.point.selectedBy === 'vote'
        ? nl
          ? ` (met de meeste stemmen: ${n(plan.point.votes)})`
          : ` (with the most votes: ${n(plan.point.votes)})`
        : plan.point.selectedBy === 'connector'
          ? nl
            ? ' (gekozen door de netwerkverbinder)'
            : ' (chosen by the network connector)'
          : '';
    out.push({
      key: `${at}.point`,
      section: 'network-plan',
      paragraph: 'lead',
      text: nl
        ? `Verbeterpunt voor ${plan.year}: ${quote(plan.point.title)}${by}. Doel: ${plan.goal.trim().replace(/([^.!?])$/, '$1.')}`
        : `Improvement point for ${plan.year}: ${quote(plan.point.title)}${by}. Goal: ${plan.goal.trim().replace(/([^.!?])$/, '$1.')}`,
      claims: [],
      basis: { title: plan.point.title, goal: plan.goal, year: plan.year, by: plan.point.selectedBy, votes: plan.point.votes },
    });
    if (plan.indicators.length) {
      const tally = { reached: 0, notYet: 0, unknown: 0 };
      for (const goal of plan.indicators) {
        const ind = net.indicators.find((i) => i.id === goal.key);
        const round = ind ? latestIndex(ind) : null;
        const state = ind && round !== null ? targetState(ind, round, shownTarget(ind, goal.target), data.settings) : 'unknown';
        tally[state === 'reached' ? 'reached' : state === 'not-yet' ? 'notYet' : 'unknown']++;
      }
      const total = plan.indicators.length;
      const goal = net.indicators.find((i) => i.id === plan.indicators[0].key);
      const latest = goal ? latestIndex(goal) : null;
      const one =
        total !== 1 || !goal
          ? ''
          : latest === null
            ? nl
              ? `De streefwaarde voor ${quote(labelOf(ctx, goal))} is nog niet te beoordelen: er zijn nog geen antwoorden.`
              : `The target for ${quote(labelOf(ctx, goal))} cannot be judged yet: there are no answers.`
            : nl
              ? `De streefwaarde voor ${quote(labelOf(ctx, goal))} is ${inRound(data.rounds[latest].label, lang)} ${
                  tally.reached
                    ? 'bereikt'
                    : tally.notYet
                      ? 'nog niet bereikt'
                      : 'niet te beoordelen: te weinig antwoorden om de waarde te tonen'
                }.`
              : `The target for ${quote(labelOf(ctx, goal))} was ${
                  tally.reached ? 'reached' : tally.notYet ? 'not reached yet' : 'cannot be judged: too few answers to show the value'
                } ${inRound(data.rounds[latest].label, lang)}.`.replace(' was cannot', ' cannot');
      const parts = [
        tally.reached ? (nl ? `${n(tally.reached)} bereikt` : `${n(tally.reached)} reached`) : '',
        tally.notYet ? (nl ? `${n(tally.notYet)} nog niet bereikt` : `${n(tally.notYet)} not reached yet`) : '',
        tally.unknown
          ? nl
            ? `${n(tally.unknown)} niet te beoordelen (geen waarde te tonen)`
            : `${n(tally.unknown)} cannot be judged (no value to show)`
          : '',
      ].filter(Boolean);
      out.push({
        key: `${at}.targets`,
        section: 'network-plan',
        paragraph: 'body',
        text:
          one ||
          (nl
            ? `Van de ${n(total)} streefwaarden van het plan, in ${dutchDeterminer(data.study.vocabulary, 'round', 'de')} laatste ` +
              `${roundWord(data, lang)}: ${listOf(parts, lang)}.`
            : `Of the plan’s ${n(total)} targets, in the latest ${roundWord(data, lang)}: ${listOf(parts, lang)}.`),
        claims: [{ kind: 'targets', plan: plan.id, ...tally }],
        basis: { plan: plan.id, tally, targets: plan.indicators },
      });
    }
    const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, plan.actions.filter((a) => a.status === s).length])) as Record<
      ActionStatus,
      number
    >;
    if (plan.actions.length) {
      const order: ActionStatus[] = ['done', 'in-progress', 'not-started', 'dropped'];
      const parts = order.filter((s) => counts[s]).map((s) => `${n(counts[s])} ${STATUS_WORDS[s][lang]}`);
      out.push({
        key: `${at}.actions`,
        section: 'network-plan',
        paragraph: 'body',
        text: nl
          ? `${upperFirst(plan.actions.length === 1 ? 'één actie' : `${n(plan.actions.length)} acties`)}: ${listOf(parts, lang)}.`
          : `${plan.actions.length === 1 ? 'One action' : `${n(plan.actions.length)} actions`}: ${listOf(parts, lang)}.`,
        claims: [{ kind: 'actions', plan: plan.id, counts }],
        basis: { plan: plan.id, counts },
      });
    }
    const quarters = plan.pdca.map((e) => e.quarter).sort();
    const qList = listOf(
      quarters.map((q) => `${nl ? 'K' : 'Q'}${q}`),
      lang,
    );
    out.push({
      key: `${at}.quarters`,
      section: 'network-plan',
      paragraph: 'body',
      text: quarters.length
        ? nl
          ? `Kwartaalevaluaties (plan – do – check – act) vastgelegd voor ${qList} ${plan.year}.`
          : `Quarterly evaluations (plan – do – check – act) recorded for ${qList} ${plan.year}.`
        : nl
          ? `Voor ${plan.year} is nog geen kwartaalevaluatie vastgelegd.`
          : `No quarterly evaluation has been recorded for ${plan.year} yet.`,
      claims: [{ kind: 'quarters', plan: plan.id, quarters }],
      basis: { plan: plan.id, quarters },
    });
    out.push(...nextSteps(data, ctx, plan));
  }
  return out;
}

function nextSteps(data: FactsheetData, ctx: SentenceContext, plan: NetworkPlan): Draft[] {
  const { lang } = ctx;
  const nl = lang === 'nl';
  const out: Draft[] = [];
  const at = `network-next.${plan.id}`;
  const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, plan.actions.filter((a) => a.status === s).length])) as Record<
    ActionStatus,
    number
  >;
  const open = counts['not-started'] + counts['in-progress'];
  const q = nextQuarter(plan, data.network!.asOf);
  const point = quote(plan.point.title);
  out.push({
    key: `${at}.quarter`,
    section: 'network-next',
    paragraph: 'body',
    text:
      q === null
        ? nl
          ? `Het planjaar ${plan.year} van ${point} heeft geen open kwartaal meer: tijd om de resultaten te bespreken en een ` +
            `volgend verbeterpunt te kiezen.`
          : `The plan year ${plan.year} of ${point} has no open quarter left: time to discuss the results and choose the next ` +
            `improvement point.`
        : nl
          ? `De volgende kwartaalevaluatie van ${point} is die van K${q} ` +
            `${plan.year}${open ? `, met ${formatInt(open, lang)} ${open === 1 ? 'openstaande actie' : 'openstaande acties'}` : ''}.`
          : `The next quarterly evaluation of ${point} is that of Q${q} ` +
            `${plan.year}${open ? `, with ${formatInt(open, lang)} open ${open === 1 ? 'action' : 'actions'}` : ''}.`,
    claims: [
      { kind: 'next-quarter', plan: plan.id, quarter: q },
      { kind: 'actions', plan: plan.id, counts },
    ],
    basis: { plan: plan.id, q, open },
  });
  return out;
}
