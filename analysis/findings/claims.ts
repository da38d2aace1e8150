import type { ChangeEvidence, FactsheetData, MeanValue, Series, Share } from './data.js';
import { safeChange } from './evidence.js';
import { checkQuestionClaim } from './questions.js';

/**
 * The claim a generated sentence makes, as data, and a checker that derives it again from the
 * figures the factsheet prints (the shares per round that the sentence quotes and the charts
 * draw). The checker is written apart from the derivation in statements.ts on purpose: a
 * sentence whose claim its own figures contradict — "highest in the mid round for 4 of 5
 * statements" beside a chart that shows 3 of 5 — is not printed, and the composer says why.
 *
 * "As shown" means what a reader compares: whole percentages when the share may be shown as a
 * percentage, else the plain fraction x/n (the text and charts print "x van n").
 */

/** The series a claim is about; partner rows are series named by the partner. */
export const CLAIM_GROUPS = [
  'competence',
  'indicators',
  'tools',
  'tools-extra',
  'satisfaction',
  'partners-frequency',
  'partners-quality',
  // The researcher's own indicators (issue 16): shares as rows here, means through 'mean-direction'.
  'custom-indicators',
  // items: the options of single and multiple choice questions (analysis/findings/questions.ts)
  'questions',
] as const;
export type ClaimGroup = (typeof CLAIM_GROUPS)[number];

/** The direction of a change as the printed figures show it. */
export type ShownDirection = 'rose' | 'fell' | 'same';

export type Claim =
  /** "highest in round `round` for `count` of the `of` statements". */
  | { kind: 'peak-round'; group: ClaimGroup; round: number; count: number; of: number }
  /** "the largest increases are A, B and C" (demonstrable increases, largest shown difference first). */
  | { kind: 'largest-increases'; group: ClaimGroup; items: string[] }
  /** "k of m increased demonstrably, j decreased". */
  | { kind: 'changed-count'; group: ClaimGroup; increased: number; decreased: number; of: number; untested?: number }
  /** "X rose from a to b" with the evidence the sentence names. */
  | { kind: 'direction'; group: ClaimGroup; id: string; from: number; to: number; direction: ShownDirection; evidence: ChangeEvidence }
  /** "use rose for every tool" (or fell, or stayed the same for every one). */
  | { kind: 'same-direction'; group: ClaimGroup; items: string[]; from: number; to: number; direction: ShownDirection }
  /** "A is used least" in round `round`. */
  | { kind: 'least'; group: ClaimGroup; items: string[]; round: number }
  /** "x of n" for one series in one round. */
  | { kind: 'share'; group: ClaimGroup; id: string; round: number; x: number; n: number }
  /** "X rose from a to b" for a researcher's indicator whose value is a mean, with the evidence the sentence names. */
  | { kind: 'mean-direction'; id: string; from: number; to: number; direction: ShownDirection; evidence: ChangeEvidence }
  /** items: a rating's or number's mean "rose from a to b" (one decimal as printed), with the evidence the sentence names. */
  | { kind: 'question-mean'; id: string; from: number; to: number; direction: ShownDirection; evidence: ChangeEvidence }
  /** items: "most chose A" / "most votes went to A, B and C": no other option of `among` has as many. */
  | { kind: 'ranked'; group: ClaimGroup; items: string[]; among: string[]; round: number };

interface Row {
  id: string;
  perRound: (Share | null)[];
  change: Series['change'];
}

/** The rows of a group, each under the id the claims use (the partner's name for partners). */
export function rowsOf(data: FactsheetData, group: ClaimGroup): Row[] {
  switch (group) {
    case 'competence':
      return data.competence;
    case 'indicators':
      return data.indicators;
    case 'tools':
      return data.tools.items;
    case 'tools-extra':
      return data.tools.extra;
    case 'satisfaction':
      return data.satisfaction;
    case 'partners-frequency':
      return data.partners.items.map((p) => ({ id: p.name, perRound: p.frequency, change: p.frequencyChange }));
    case 'partners-quality':
      return data.partners.items.map((p) => ({ id: p.name, perRound: p.quality, change: p.qualityChange }));
    case 'custom-indicators':
      return [
        ...(data.custom ?? []).filter((c) => c.value === 'share'),
        // A distribution's answers, each a row of shares (`<key>.o<code>`).
        ...(data.custom ?? []).flatMap((c) => c.options ?? []),
      ];
    case 'questions':
      return (data.questions ?? []).flatMap((q) => q.options ?? []);
  }
}

/**
 * A mean as a reader compares it: the whole percentage of a mean of per-person shares, or the
 * score to one decimal; null when the study's threshold allows no percentage (nothing is printed).
 */
export function shownMean(m: MeanValue, percent: boolean, minPercent: number): number | null {
  if (percent) return m.n >= minPercent ? Math.round(m.value * 100) / 100 : null;
  return Math.round(m.value * 10) / 10;
}

export function shownMeanDirection(from: number, to: number): ShownDirection {
  return to > from ? 'rose' : to < from ? 'fell' : 'same';
}

/** A share as a reader compares it: the whole percentage printed, or x/n below the threshold. */
export function shownValue(s: Share, minPercent: number): number {
  if (s.n >= minPercent && s.n > 0) return Math.round((s.x / s.n) * 100) / 100;
  return s.x / s.n;
}

export function shownDirection(from: Share, to: Share, minPercent: number): ShownDirection {
  const a = shownValue(from, minPercent);
  const b = shownValue(to, minPercent);
  return b > a ? 'rose' : b < a ? 'fell' : 'same';
}

const has = (s: Share | null | undefined): s is Share => !!s && s.n > 0;

/** Why a claim does not hold, in Dutch and English (the composer shows the edition's language). */
export interface Reason {
  nl: string;
  en: string;
}
const R = (nl: string, en: string): Reason => ({ nl, en });
const DUTCH: Record<ShownDirection, string> = { rose: 'steeg', fell: 'daalde', same: 'bleef gelijk' };

function contradicted(id: string, evidence: 'increase' | 'decrease', shown: ShownDirection): Reason {
  const en = shown === 'same' ? 'stayed the same' : evidence === 'increase' ? 'did not rise' : 'did not fall';
  const nl = shown === 'same' ? 'gelijk bleven' : evidence === 'increase' ? 'niet stegen' : 'niet daalden';
  return R(
    `${id}: een aantoonbare ${evidence === 'increase' ? 'toename' : 'afname'} terwijl de cijfers ${nl}`,
    `${id}: a demonstrable ${evidence} while the figures ${en}`,
  );
}

/**
 * Whether the test backs the evidence a direction sentence names ("a demonstrable increase"), and
 * the printed figures move that way; null when they do.
 */
function evidenceRefusal(
  id: string,
  claimed: ChangeEvidence,
  change: Parameters<typeof safeChange>[0] | null | undefined,
  shown: ShownDirection,
): Reason | null {
  const evidence = change ? safeChange(change).evidence : 'not-tested';
  if ((claimed === 'increase' || claimed === 'decrease') && evidence !== claimed)
    return R(
      `${id}: de toets toont geen aantoonbare ${claimed === 'increase' ? 'toename' : 'afname'}`,
      `${id}: the test does not show a demonstrable ${claimed}`,
    );
  if ((claimed === 'increase' && shown !== 'rose') || (claimed === 'decrease' && shown !== 'fell')) return contradicted(id, claimed, shown);
  return null;
}

/** Why a claim does not hold on these figures, or null when it holds. */
export function checkClaim(claim: Claim, data: FactsheetData): Reason | null {
  if (claim.kind === 'question-mean' || claim.kind === 'ranked') return checkQuestionClaim(claim, data) ?? null;
  const min = data.settings.minDenominatorForPercent;
  const rows = 'group' in claim ? rowsOf(data, claim.group) : [];
  const row = (id: string) => rows.find((r) => r.id === id);
  switch (claim.kind) {
    case 'peak-round': {
      let count = 0;
      let of = 0;
      for (const r of rows) {
        const asked = r.perRound.map((s, i) => (has(s) ? i : -1)).filter((i) => i >= 0);
        if (asked.length < 3) continue;
        of++;
        const values = asked.map((i) => shownValue(r.perRound[i]!, min));
        const max = Math.max(...values);
        // A tie for the highest value is no peak in any round: the chart shows two equal bars.
        if (values.filter((v) => v === max).length === 1 && asked[values.indexOf(max)] === claim.round) count++;
      }
      if (of !== claim.of)
        return R(
          `de grafiek toont ${of} uitspraken die in drie of meer metingen zijn gevraagd, de zin zegt ${claim.of}`,
          `the chart shows ${of} statements asked in three or more rounds, the sentence says ${claim.of}`,
        );
      if (count !== claim.count)
        return R(
          `de grafiek toont het hoogste aandeel in die meting bij ${count} van de ${of}, de zin zegt ${claim.count}`,
          `the chart shows the highest share in that round for ${count} of ${of}, the sentence says ${claim.count}`,
        );
      return null;
    }
    case 'largest-increases': {
      if (!claim.items.length) return R('noemt niets', 'names no item');
      const diff = (r: Row) => {
        const c = r.change!;
        const a = r.perRound[c.from];
        const b = r.perRound[c.to];
        return has(a) && has(b) ? shownValue(b, min) - shownValue(a, min) : null;
      };
      const increased = rows.filter((r) => r.change && safeChange(r.change).evidence === 'increase' && diff(r) !== null);
      for (const id of claim.items) {
        const r = row(id);
        if (!r || !increased.includes(r)) return R(`${id} heeft geen aantoonbare toename`, `${id} has no demonstrable increase`);
      }
      const named = increased.filter((r) => claim.items.includes(r.id));
      const smallest = Math.min(...named.map((r) => diff(r)!));
      const larger = increased.find((r) => !claim.items.includes(r.id) && diff(r)! > smallest);
      const least = named.find((r) => diff(r) === smallest)!.id;
      if (larger)
        return R(
          `${larger.id} steeg meer dan ${least}, maar wordt niet genoemd`,
          `${larger.id} increased more than ${least} but is not named`,
        );
      return null;
    }
    case 'changed-count': {
      const compared = rows.filter((r) => r.change && has(r.perRound[r.change.from]) && has(r.perRound[r.change.to]));
      const up = compared.filter((r) => safeChange(r.change!).evidence === 'increase').length;
      const down = compared.filter((r) => safeChange(r.change!).evidence === 'decrease').length;
      if (compared.length !== claim.of)
        return R(`${compared.length} vergeleken, de zin zegt ${claim.of}`, `${compared.length} compared, the sentence says ${claim.of}`);
      if (up !== claim.increased)
        return R(
          `${up} aantoonbaar toegenomen, de zin zegt ${claim.increased}`,
          `${up} increased demonstrably, the sentence says ${claim.increased}`,
        );
      if (down !== claim.decreased)
        return R(
          `${down} aantoonbaar afgenomen, de zin zegt ${claim.decreased}`,
          `${down} decreased demonstrably, the sentence says ${claim.decreased}`,
        );
      const untested = compared.filter((r) => safeChange(r.change!).evidence === 'not-tested').length;
      if (claim.untested !== undefined && untested !== claim.untested)
        return R(
          `${untested} niet te toetsen, de zin zegt ${claim.untested}`,
          `${untested} could not be tested, the sentence says ${claim.untested}`,
        );
      // A demonstrable increase the printed figures show as a fall (a test on the whole scale) is contradicted.
      for (const r of compared) {
        const e = safeChange(r.change!).evidence;
        const shown = shownDirection(r.perRound[r.change!.from]!, r.perRound[r.change!.to]!, min);
        if ((e === 'increase' && shown !== 'rose') || (e === 'decrease' && shown !== 'fell')) return contradicted(r.id, e, shown);
      }
      return null;
    }
    case 'direction': {
      const r = row(claim.id);
      const a = r?.perRound[claim.from];
      const b = r?.perRound[claim.to];
      if (!r || !has(a) || !has(b))
        return R(`${claim.id} heeft geen cijfers in beide metingen`, `${claim.id} has no figures in both rounds`);
      const shown = shownDirection(a, b, min);
      if (shown !== claim.direction)
        return R(
          `${claim.id} ${DUTCH[shown]} volgens de cijfers, de zin zegt dat het ${DUTCH[claim.direction]}`,
          `${claim.id} ${shown} in the figures, the sentence says it ${claim.direction}`,
        );
      return evidenceRefusal(claim.id, claim.evidence, r.change, shown);
    }
    case 'same-direction': {
      const compared = rows.filter((r) => has(r.perRound[claim.from]) && has(r.perRound[claim.to]));
      if (compared.length !== claim.items.length || compared.some((r) => !claim.items.includes(r.id)))
        return R(
          `de zin gaat over ${claim.items.length}, de cijfers vergelijken er ${compared.length}`,
          `the sentence is about ${claim.items.length} items, the figures compare ${compared.length}`,
        );
      const other = compared.find((r) => shownDirection(r.perRound[claim.from]!, r.perRound[claim.to]!, min) !== claim.direction);
      const verb = { rose: 'rise', fell: 'fall', same: 'stay the same' }[claim.direction];
      const niet = { rose: 'steeg niet', fell: 'daalde niet', same: 'bleef niet gelijk' }[claim.direction];
      return other ? R(`${other.id} ${niet}`, `${other.id} did not ${verb}`) : null;
    }
    case 'least': {
      const shown = rows.filter((r) => has(r.perRound[claim.round]));
      if (shown.length < 2) return R('minder dan twee om te vergelijken', 'fewer than two items to compare');
      const values = shown.map((r) => shownValue(r.perRound[claim.round]!, min));
      const least = Math.min(...values);
      const ids = shown.filter((_, i) => values[i] === least).map((r) => r.id);
      if (ids.length === shown.length) return R('alle zijn gelijk', 'all items are equal');
      if (ids.length !== claim.items.length || ids.some((id) => !claim.items.includes(id)))
        return R(
          `het minst volgens de cijfers: ${ids.join(', ')}; de zin noemt ${claim.items.join(', ')}`,
          `the least used in the figures: ${ids.join(', ')}; the sentence names ${claim.items.join(', ')}`,
        );
      return null;
    }
    case 'mean-direction': {
      const ind = (data.custom ?? []).find((c) => c.id === claim.id && c.value === 'mean');
      const a = ind?.means[claim.from];
      const b = ind?.means[claim.to];
      const va = a ? shownMean(a, ind!.percent, min) : null;
      const vb = b ? shownMean(b, ind!.percent, min) : null;
      if (!ind || va === null || vb === null)
        return R(`${claim.id} heeft geen getoonde waarde in beide metingen`, `${claim.id} has no printed value in both rounds`);
      const shown = shownMeanDirection(va, vb);
      if (shown !== claim.direction)
        return R(
          `${claim.id} ${DUTCH[shown]} volgens de cijfers, de zin zegt dat het ${DUTCH[claim.direction]}`,
          `${claim.id} ${shown} in the figures, the sentence says it ${claim.direction}`,
        );
      return evidenceRefusal(claim.id, claim.evidence, ind.change, shown);
    }
    case 'share': {
      const s = row(claim.id)?.perRound[claim.round];
      if (!has(s) || s.x !== claim.x || s.n !== claim.n)
        return R(
          `${claim.id}: de cijfers tonen geen ${claim.x} van ${claim.n}`,
          `${claim.id}: the figures do not show ${claim.x} of ${claim.n}`,
        );
      return null;
    }
  }
}

/** Every claim's failure (empty when all hold). */
export function checkClaims(claims: Claim[], data: FactsheetData): Reason[] {
  return claims.map((c) => checkClaim(c, data)).filter((x): x is Reason => x !== null);
}
