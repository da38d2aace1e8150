import { pick, type Lang, type LocalText } from '../../model/index.js';
import { wilson } from '../stats/wilson.js';
import type { ChangeResult, ItemAnalysis, StudyAnalysis, VariableAnalysis } from '../study/result.js';
import type { Claim, Reason, ShownDirection } from './claims.js';
import type { Change, FactsheetData, QuestionBlock, Series, Share } from './data.js';
import { safeChange } from './evidence.js';
import { formatInt, inRound, listOf, roundRef, shareText, xOfN } from './format.js';
import type { KeyedStatement, Statement } from './statements.js';

/**
 * items (issue 16): the factsheet's "Results per question" section — ratings and numbers (the
 * mean per round and the verdict of the paired test), single choice (the most chosen answer and
 * whether the answers shifted), multiple choice (the priority vote: the options with most
 * votes, and options that gained or lost demonstrably). From the analysis to FactsheetData
 * (`questionBlocks`), to statements (`questionStatements`), to sentences (`writeQuestion`),
 * each claim checked against the printed figures (`checkQuestionClaim`), like every other
 * sentence (METHODS §3.6: the adjusted test decides; direction always said).
 */

const TYPES = new Set(['rating', 'single', 'multi', 'number']);

type ShareOf = (v: ItemAnalysis) => (Share | null)[];
type ChangeOf = (v: ItemAnalysis) => Change | null;

/** The question blocks of a factsheet: ratings, single and multiple choice, numbers, in questionnaire order. */
export function questionBlocks(a: StudyAnalysis, perRound: ShareOf, change: ChangeOf): QuestionBlock[] {
  const byId = new Map(a.items.map((v) => [v.id, v]));
  const roundIndex = new Map(a.rounds.map((r, i) => [r.key, i]));
  const out: QuestionBlock[] = [];
  for (const q of a.questions ?? []) {
    if (!TYPES.has(q.type)) continue;
    const vars = q.variables.map((id) => byId.get(id)).filter((v): v is ItemAnalysis => !!v);
    if (!vars.length) continue;
    const base = { id: q.item, type: q.type as QuestionBlock['type'], label: q.text, unit: q.unit, maxSelect: q.maxSelect };
    if (q.type === 'rating' || q.type === 'number') {
      const v = vars[0];
      const means = a.rounds.map((r) => {
        const s = v.rounds.find((x) => x.round === r.key);
        return s?.asked && s.n > 0 && s.mean && s.mean.estimate !== null ? { n: s.n, mean: s.mean.estimate, ci: s.mean.ci } : null;
      });
      const c = change(v);
      const quartiles = a.rounds.map((r) => {
        const s = v.rounds.find((x) => x.round === r.key);
        return s?.asked && s.n > 0 && s.median !== null && s.q1 !== null && s.q3 !== null ? { median: s.median, q1: s.q1, q3: s.q3 } : null;
      });
      const codes = v.codes?.map((x) => x.code) ?? [];
      const rating = q.type === 'rating' && codes.length > 1;
      out.push({
        ...base,
        means,
        options: null,
        change: c ? meanChange(c, means) : null,
        shift: null,
        quartiles,
        ...(rating
          ? { distribution: distributionOptions(a, v, v.id), scale: [Math.min(...codes), Math.max(...codes)] as [number, number] }
          : {}),
      });
    } else if (q.type === 'single') {
      const v = vars[0];
      const options = distributionOptions(a, v, v.id);
      out.push({ ...base, means: null, options, change: null, shift: shiftOf(v, roundIndex, a.settings.alpha) });
    } else {
      const options: Series[] = vars.map((v) => ({ id: v.id, label: v.optionLabel ?? v.text, perRound: perRound(v), change: change(v) }));
      out.push({ ...base, means: null, options, change: null, shift: null });
    }
  }
  return out;
}

/**
 * Every answer of a distribution (a single choice, or a scale) as a series of shares per round:
 * x chose it of the n who answered, with the Wilson interval (computed here for scales, whose
 * cells carry none). Ids are `<prefix>.o<code>`.
 */
export function distributionOptions(a: Pick<StudyAnalysis, 'rounds'>, v: VariableAnalysis, prefix: string): Series[] {
  return (v.codes ?? []).map((code) => ({
    id: `${prefix}.o${code.code}`,
    label: code.label,
    perRound: a.rounds.map((r) => {
      const s = v.rounds.find((x) => x.round === r.key);
      const cell = s?.distribution?.find((d) => d.code === code.code);
      if (!s?.asked || s.n === 0 || !cell || cell.count === null) return null;
      return { x: cell.count, n: s.n, ci: cell.ci !== undefined ? cell.ci : wilson(cell.count, s.n).ci };
    }),
    change: null,
  }));
}

/**
 * The primary comparison of a distribution indicator: a single choice by its own test (exact
 * Bowker on pairs, else Fisher: shiftOf); an ordered scale by the test on the whole scale
 * (exact Wilcoxon), with the share of answers that moved computed from the two distributions.
 */
export function distributionShift(v: VariableAnalysis, roundIndex: Map<string, number>, alpha: number): QuestionBlock['shift'] {
  const shift = shiftOf(v, roundIndex, alpha);
  if (!shift || v.kind === 'nominal') return shift;
  const keys = [...roundIndex.keys()];
  const dist = (i: number) => v.rounds.find((r) => r.round === keys[i])?.distribution ?? null;
  const a = dist(shift.from);
  const b = dist(shift.to);
  const na = a?.reduce((n, c) => n + (c.count ?? 0), 0) ?? 0;
  const nb = b?.reduce((n, c) => n + (c.count ?? 0), 0) ?? 0;
  if (!a || !b || !na || !nb || [...a, ...b].some((c) => c.count === null)) return { ...shift, moved: null };
  const moved = a.reduce((sum, c) => sum + Math.abs(c.count! / na - (b.find((d) => d.code === c.code)?.count ?? 0) / nb), 0) / 2;
  return { ...shift, moved };
}

/** A rating's or number's change with the difference in means (the test on the whole scale decides). */
function meanChange(c: Change, means: QuestionBlock['means']): Change {
  const a = means?.[c.from];
  const b = means?.[c.to];
  return { ...c, difference: a && b ? b.mean - a.mean : null, ci: null, observed: c.observed ?? 'none' };
}

/** The primary change of a single choice: did the answers shift between options (exact Bowker / Fisher)? */
function shiftOf(v: VariableAnalysis, roundIndex: Map<string, number>, alpha: number): QuestionBlock['shift'] {
  const c: ChangeResult | undefined = v.changes.find((x) => x.primary) ?? v.changes[v.changes.length - 1];
  if (!c) return null;
  const paired = c.conclusion.basis === 'paired' || (c.conclusion.basis === null && !!c.paired?.n);
  const part = paired ? c.paired : c.crossSectional;
  const test = part?.test ?? null;
  return {
    from: roundIndex.get(c.from) ?? 0,
    to: roundIndex.get(c.to) ?? 0,
    p: test?.p ?? null,
    pAdjusted: test?.pAdjusted ?? null,
    alpha,
    moved: part?.effect?.estimate ?? null,
    observed: c.conclusion.observed,
    paired,
    n: paired ? (c.paired?.n ?? 0) : Math.min(c.crossSectional?.nFrom ?? 0, c.crossSectional?.nTo ?? 0),
  };
}

/** What the test says about a shift: the one decision rule, applied again here. */
export function shiftEvidence(s: NonNullable<QuestionBlock['shift']>): 'shift' | 'no-change' | 'not-tested' {
  const p = s.pAdjusted ?? s.p;
  if (p === null) return 'not-tested';
  return p < s.alpha && (s.moved ?? 0) > 0 ? 'shift' : 'no-change';
}

const roundOf = (data: FactsheetData, i: number): LocalText => data.rounds[i]?.label ?? { nl: String(i), en: String(i) };
const has = (s: Share | null | undefined): s is Share => !!s && s.n > 0;

/** The options with the most votes in a round: the first `k`, and any tied with the last of them. */
function topOptions(options: Series[], round: number, k: number): Series[] {
  const shown = options.filter((o) => has(o.perRound[round]) && o.perRound[round]!.x > 0);
  shown.sort((a, b) => b.perRound[round]!.x - a.perRound[round]!.x);
  if (shown.length <= k) return shown;
  const last = shown[k - 1].perRound[round]!.x;
  return shown.filter((o, i) => i < k || o.perRound[round]!.x === last);
}

const lastAsked = (perRound: readonly unknown[]) => {
  for (let i = perRound.length - 1; i >= 0; i--) if (perRound[i]) return i;
  return -1;
};

/** The statements of the section, in questionnaire order. */
export function questionStatements(data: FactsheetData): KeyedStatement[] {
  const out: KeyedStatement[] = [];
  const add = (key: string, finding: Statement) => out.push({ key, section: 'questions', paragraph: 'body', finding });
  for (const q of data.questions ?? []) {
    if (q.means) {
      const perRound = q.means.flatMap((m, index) => (m ? [{ round: roundOf(data, index), index, n: m.n, mean: m.mean }] : []));
      if (!perRound.length) continue;
      const c = q.change && q.means[q.change.from] && q.means[q.change.to] ? q.change : null;
      add(`questions.${q.id}`, {
        kind: 'question-mean',
        id: q.id,
        label: q.label,
        unit: q.unit,
        perRound,
        ...(c ? { change: { change: safeChange(c), fromRound: roundOf(data, c.from), toRound: roundOf(data, c.to) } } : {}),
      });
    } else if (q.options) {
      const choice = choiceStatement(
        data,
        { ...q, options: q.options },
        q.type === 'multi' ? 'question-vote' : 'question-choice',
        'questions',
      );
      if (choice) add(`questions.${q.id}`, choice);
      // Multiple choice: every option whose share of votes changed demonstrably, in its own sentence.
      for (const o of q.type === 'multi' ? q.options : []) {
        const c = o.change ? safeChange(o.change) : null;
        if (!c || (c.evidence !== 'increase' && c.evidence !== 'decrease')) continue;
        const from = o.perRound[c.from];
        const to = o.perRound[c.to];
        if (!has(from) || !has(to)) continue;
        add(`questions.${o.id}.change`, {
          kind: 'change',
          group: 'questions',
          subject: { id: o.id, label: o.label, from, to, change: c },
          fromRound: roundOf(data, c.from),
          toRound: roundOf(data, c.to),
        });
      }
    }
  }
  return out;
}

/**
 * The sentence of a distribution: the most chosen answer (single choice, a distribution
 * indicator) or the options with most votes (multiple choice) in the last round asked, with the
 * verdict of the test of change of the whole distribution. Null when nothing can be named.
 */
export function choiceStatement(
  data: FactsheetData,
  q: { id: string; label: LocalText; options: Series[]; maxSelect?: number | null; shift: QuestionBlock['shift'] },
  kind: 'question-choice' | 'question-vote',
  group: 'questions' | 'custom-indicators',
): Statement | null {
  const round = Math.max(...q.options.map((o) => lastAsked(o.perRound)));
  if (round < 0) return null;
  const top = topOptions(q.options, round, kind === 'question-vote' ? 3 : 1);
  if (!top.length) return null;
  const shift = q.shift && q.shift.to === round ? q.shift : null;
  // An ordered single choice shifts up or down its scale: towards its last or its first answer.
  const towards =
    shift?.observed === 'increase' ? q.options[q.options.length - 1] : shift?.observed === 'decrease' ? q.options[0] : undefined;
  return {
    kind,
    ...(group === 'questions' ? {} : { group }),
    id: q.id,
    label: q.label,
    round: roundOf(data, round),
    index: round,
    n: top[0].perRound[round]!.n,
    maxSelect: q.maxSelect ?? null,
    among: q.options.map((o) => o.id),
    top: top.map((o) => ({ id: o.id, label: o.label, share: o.perRound[round]! })),
    ...(shift
      ? {
          shift: {
            evidence: shiftEvidence(shift),
            fromRound: roundOf(data, shift.from),
            toRound: roundOf(data, shift.to),
            n: shift.n,
            paired: shift.paired,
            ...(towards ? { towards: towards.label } : {}),
          },
        }
      : {}),
  };
}

/** The claims of this section's statements. */
export function questionClaims(f: Statement): Claim[] {
  if (f.kind === 'question-mean') {
    if (!f.change) return [];
    const { change } = f.change;
    const a = f.perRound.find((r) => r.index === change.from);
    const b = f.perRound.find((r) => r.index === change.to);
    if (!a || !b) return [];
    return [
      {
        kind: 'question-mean',
        id: f.id,
        from: change.from,
        to: change.to,
        direction: meanDirection(a.mean, b.mean),
        evidence: change.evidence,
      },
    ];
  }
  if (f.kind === 'question-choice' || f.kind === 'question-vote') {
    const group = f.group ?? 'questions';
    return [
      { kind: 'ranked', group, items: f.top.map((x) => x.id), among: f.among, round: f.index },
      ...f.top.map((x): Claim => ({ kind: 'share', group, id: x.id, round: f.index, x: x.share.x, n: x.share.n })),
    ];
  }
  return [];
}

/** A mean as printed (one decimal) and the direction a reader sees. */
const shownMean = (m: number) => Math.round(m * 10) / 10;
function meanDirection(a: number, b: number): ShownDirection {
  return shownMean(b) > shownMean(a) ? 'rose' : shownMean(b) < shownMean(a) ? 'fell' : 'same';
}

const R = (nl: string, en: string): Reason => ({ nl, en });

/** Checks a claim of this section against the printed figures; null when it holds. */
export function checkQuestionClaim(claim: Claim, data: FactsheetData): Reason | null | undefined {
  if (claim.kind === 'question-mean') {
    const q = data.questions?.find((x) => x.id === claim.id);
    const a = q?.means?.[claim.from];
    const b = q?.means?.[claim.to];
    if (!q || !a || !b) return R(`${claim.id} heeft geen gemiddelde in beide metingen`, `${claim.id} has no mean in both rounds`);
    const shown = meanDirection(a.mean, b.mean);
    if (shown !== claim.direction)
      return R(`${claim.id}: het gemiddelde ${shown} volgens de cijfers`, `${claim.id}: the mean ${shown} in the figures`);
    const evidence = q.change ? safeChange(q.change).evidence : 'not-tested';
    if (evidence !== claim.evidence) return R(`${claim.id}: de toets zegt ${evidence}`, `${claim.id}: the test says ${evidence}`);
    if ((evidence === 'increase' && shown !== 'rose') || (evidence === 'decrease' && shown !== 'fell'))
      return R(
        `${claim.id}: aantoonbaar ${evidence} maar de cijfers tonen ${shown}`,
        `${claim.id}: demonstrable ${evidence} but the figures show ${shown}`,
      );
    return null;
  }
  if (claim.kind === 'ranked') {
    const all =
      claim.group === 'custom-indicators'
        ? (data.custom ?? []).flatMap((c) => c.options ?? [])
        : (data.questions ?? []).flatMap((q) => q.options ?? []);
    const rows = all.filter((o) => claim.among.includes(o.id));
    const value = (o: Series) => (has(o.perRound[claim.round]) ? o.perRound[claim.round]!.x : -1);
    const named = rows.filter((o) => claim.items.includes(o.id));
    if (named.length !== claim.items.length)
      return R('noemt een antwoord dat niet in de cijfers staat', 'names an answer not in the figures');
    const least = Math.min(...named.map(value));
    const passed = rows.find((o) => !claim.items.includes(o.id) && value(o) >= least && least >= 0);
    if (passed)
      return R(
        `${passed.id} heeft evenveel of meer stemmen maar wordt niet genoemd`,
        `${passed.id} has as many votes or more but is not named`,
      );
    return null;
  }
  return undefined;
}

const quote = (s: string) => `‘${s.replace(/[.\s]+$/, '')}’`;
const t = (text: LocalText, lang: Lang) => pick(text, lang);
const decimal = (v: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

export interface QuestionContext {
  lang: Lang;
  minPercent: number;
  participants: string;
  /** The study's word for its rounds, plural ("metingen", "peilingen"); rondo's neutral word when absent. */
  rounds?: string;
  /** The study's singular round word with its article ("de meting", "het meetmoment"), for labels that need it (roundRef). */
  round?: string;
}

/** The verdict of a change in plain words (the one decision rule), or null for statements this file does not write. */
export function writeQuestion(f: Statement, ctx: QuestionContext, verdict: (c: Change) => string): string | null {
  const { lang } = ctx;
  const nl = lang === 'nl';
  if (f.kind === 'question-mean') {
    const unit = f.unit ? ` ${t(f.unit, lang)}` : '';
    const values = listOf(
      f.perRound.map((r) => `${decimal(r.mean, lang)}${unit} ${inRound(r.round, lang)} (n = ${formatInt(r.n, lang)})`),
      lang,
    );
    const head = nl ? `${quote(t(f.label, lang))}: gemiddeld ${values}` : `${quote(t(f.label, lang))}: on average ${values}`;
    if (!f.change) return `${head}.`;
    const a = f.perRound.find((r) => r.index === f.change!.change.from)!;
    const b = f.perRound.find((r) => r.index === f.change!.change.to)!;
    const dir = meanDirection(a.mean, b.mean);
    const word = {
      rose: nl ? 'het gemiddelde steeg' : 'the mean rose',
      fell: nl ? 'het gemiddelde daalde' : 'the mean fell',
      same: nl ? 'het gemiddelde bleef gelijk' : 'the mean stayed the same',
    }[dir];
    return `${head}; ${word}: ${verdict(f.change.change)}.`;
  }
  if (f.kind === 'question-choice' || f.kind === 'question-vote') {
    const at = inRound(f.round, lang, ctx.round);
    const label = quote(t(f.label, lang));
    let text: string;
    if (f.kind === 'question-vote') {
      const options = listOf(
        f.top.map((x) => `${quote(t(x.label, lang))}: ${shareText(x.share, lang, ctx.minPercent)}`),
        lang,
      );
      const limit = f.maxSelect
        ? nl
          ? ` (elk koos er hoogstens ${formatInt(f.maxSelect, lang)})`
          : ` (each chose up to ${formatInt(f.maxSelect, lang)})`
        : '';
      text = nl
        ? `Bij ${label}${limit} kregen ${at} de meeste stemmen: ${options}.`
        : `For ${label}${limit}, the most votes ${at} went to ${options}.`;
    } else if (f.top.length > 1) {
      // A tie: no answer was chosen most, so the sentence does not say "de meesten".
      const each = xOfN(f.top[0].share.x, f.top[0].share.n, lang);
      // Between them they may hold every answer: then there is no other answer to have been chosen less.
      const others = f.top[0].share.x * f.top.length < f.top[0].share.n;
      text = nl
        ? `Bij ${label} werden ${at} ${listOf(
            f.top.map((x) => quote(t(x.label, lang))),
            lang,
          )} even vaak gekozen${others ? ', vaker dan de andere antwoorden' : ''}: elk door ${each}.`
        : `For ${label}, ${listOf(
            f.top.map((x) => quote(t(x.label, lang))),
            lang,
          )} were chosen equally often ${at}${others ? ', more often than the other answers' : ''}: each by ${each}.`;
    } else {
      // "Het vaakst gekozen", not "de meesten": the most chosen answer need not be a majority's.
      const [top] = f.top;
      const name = quote(t(top.label, lang));
      const share = shareText(top.share, lang, ctx.minPercent);
      text = nl
        ? `Bij ${label} werd ${at} ${name} het vaakst gekozen: ${share}.`
        : `For ${label}, ${name} was chosen most often ${at}: ${share}.`;
    }
    if (f.shift) {
      const ref = (r: LocalText) => roundRef(r, lang, ctx.round);
      const between = nl
        ? `tussen ${ref(f.shift.fromRound)} en ${ref(f.shift.toRound)}`
        : `between ${ref(f.shift.fromRound)} and ${ref(f.shift.toRound)}`;
      const towards = f.shift.towards
        ? nl
          ? ` in de richting van ${quote(t(f.shift.towards, lang))}`
          : ` towards ${quote(t(f.shift.towards, lang))}`
        : '';
      const who =
        f.shift.paired && f.shift.n > 0
          ? nl
            ? ` bij de ${formatInt(f.shift.n, lang)} ${ctx.participants} die beide ${ctx.rounds ?? 'metingen'} invulden`
            : ` among the ${formatInt(f.shift.n, lang)} ${ctx.participants} who answered both ${ctx.rounds ?? 'rounds'}`
          : '';
      const v = {
        shift: nl ? `verschoven de antwoorden aantoonbaar${towards}${who}` : `the answers shifted demonstrably${towards}${who}`,
        'no-change': nl ? 'verschoven de antwoorden niet aantoonbaar' : 'the answers did not shift demonstrably',
        'not-tested': nl
          ? 'waren er te weinig veranderingen om een verschuiving te toetsen'
          : 'there were too few changes to test for a shift',
      }[f.shift.evidence];
      text += nl ? ` ${between[0].toUpperCase()}${between.slice(1)} ${v}.` : ` ${between[0].toUpperCase()}${between.slice(1)}, ${v}.`;
    }
    return text;
  }
  return null;
}
