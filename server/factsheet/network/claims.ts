import type { FactsheetData } from '../../../analysis/findings/data.js';
import type { CustomIndicator, MeanValue } from '../../../analysis/findings/data.js';
import {
  checkClaim,
  shownDirection,
  shownMeanDirection,
  type Claim,
  type Reason,
  type ShownDirection,
} from '../../../analysis/findings/claims.js';
import { safeChange } from '../../../analysis/findings/evidence.js';
import { ACTION_STATUSES, type ActionStatus } from '../../../model/improvement.js';
import { claimData } from './figures.js';
import { latestIndex, nextQuarter, shownTarget, targetState, visibility } from './rules.js';

/**
 * The claims of the network sections' sentences, checked against the figures the sections print
 * (NetworkFigures), the way analysis/findings/claims.ts checks the other sections: the factsheet's
 * own claims (a share, a direction with its evidence, a mean's direction) go to its `checkClaim`
 * on the network figures; the claims only these sections make are checked here, written apart
 * from the code that derives them. A sentence whose claim fails is left out and listed.
 */
export type NetworkClaim =
  | Claim
  /** "4 van 5 domeinen vertegenwoordigd; ontbreekt: …" (from the cohort). */
  | { kind: 'domains'; represented: number; total: number; missing: string[] }
  /** A figure not printed (too few answers, no team mode): the sentence names its n only. */
  | { kind: 'withheld'; id: string; round: number; n: number }
  /** A mean score printed as a value (one decimal, or a whole percentage). */
  | { kind: 'mean-value'; id: string; round: number; shown: number; n: number }
  /** How many indicators' last changes have each verdict. */
  | { kind: 'change-count'; increase: number; decrease: number; noChange: number; notTested: number }
  /** How many of a plan's indicators reached their target in their latest round. */
  | { kind: 'targets'; plan: number; reached: number; notYet: number; unknown: number }
  | { kind: 'actions'; plan: number; counts: Record<ActionStatus, number> }
  | { kind: 'quarters'; plan: number; quarters: number[] }
  /** The next quarter of the plan's year without a PDCA entry (null: none left). */
  | { kind: 'next-quarter'; plan: number; quarter: number | null };

const R = (nl: string, en: string): Reason => ({ nl, en });

/** The direction of an indicator's change as printed (whole percentages, x/n, or a mean to one decimal). */
function shownChange(ind: CustomIndicator, from: number, to: number, minPercent: number): ShownDirection | null {
  if (ind.value === 'share') {
    const a = ind.perRound[from];
    const b = ind.perRound[to];
    return a && b && a.n > 0 && b.n > 0 ? shownDirection(a, b, minPercent) : null;
  }
  const a = ind.means[from];
  const b = ind.means[to];
  if (!a || !b) return null;
  const at = (m: MeanValue) => (ind.percent ? Math.round(m.value * 100) : Math.round(m.value * 10));
  return shownMeanDirection(at(a), at(b));
}

export function checkNetworkClaim(claim: NetworkClaim, data: FactsheetData): Reason | null {
  const net = data.network;
  if (!net) return R('geen netwerkgegevens', 'no network figures');
  const plan = 'plan' in claim ? net.plans.find((p) => p.id === claim.plan) : undefined;
  switch (claim.kind) {
    case 'domains': {
      const d = net.domains;
      if (!d) return R('het onderzoek noemt geen domeinen', 'the study names no domains');
      if (d.cohort.represented.length !== claim.represented || d.domains.length !== claim.total)
        return R(
          `${d.cohort.represented.length} van ${d.domains.length} domeinen vertegenwoordigd, de zin zegt ${claim.represented} ` +
            `van ${claim.total}`,
          `${d.cohort.represented.length} of ${d.domains.length} domains represented, the sentence says ${claim.represented} of ` +
            `${claim.total}`,
        );
      const missing = d.domains.map((x) => x.value).filter((v) => !d.cohort.represented.includes(v));
      if (missing.length !== claim.missing.length || missing.some((m) => !claim.missing.includes(m)))
        return R('de zin noemt andere ontbrekende domeinen', 'the sentence names other missing domains');
      return null;
    }
    case 'withheld':
    case 'mean-value': {
      const ind = net.indicators.find((i) => i.id === claim.id);
      const n = ind ? (ind.value === 'share' ? ind.perRound[claim.round]?.n : ind.means[claim.round]?.n) : undefined;
      if (!ind || n === undefined || n !== claim.n)
        return R(`${claim.id}: de cijfers tonen geen n = ${claim.n}`, `${claim.id}: the figures do not show n = ${claim.n}`);
      const shown = visibility(n, ind, data.settings);
      if (claim.kind === 'withheld') return shown === 'withheld' ? null : R(`${claim.id} mag getoond worden`, `${claim.id} may be shown`);
      const m = ind.means[claim.round]!;
      const value = ind.percent ? Math.round(m.value * 100) : Math.round(m.value * 10) / 10;
      if (shown === 'withheld') return R(`${claim.id}: te weinig antwoorden om te tonen`, `${claim.id}: too few answers to show`);
      return value === claim.shown ? null : R(`${claim.id}: de cijfers tonen ${value}`, `${claim.id}: the figures show ${value}`);
    }
    case 'change-count': {
      const tally = { increase: 0, decrease: 0, noChange: 0, notTested: 0 };
      for (const ind of net.indicators) {
        if (!ind.change) continue;
        const e = safeChange(ind.change).evidence;
        // As the factsheet's own count does: a demonstrable change the printed figures show the other way is contradicted.
        const shown = shownChange(ind, ind.change.from, ind.change.to, data.settings.minDenominatorForPercent);
        if ((e === 'increase' && shown !== 'rose') || (e === 'decrease' && shown !== 'fell'))
          return R(
            `${ind.id}: een aantoonbare ${e === 'increase' ? 'toename' : 'afname'} terwijl de cijfers dat niet tonen`,
            `${ind.id}: a demonstrable ${e} the figures do not show`,
          );
        if (e === 'increase') tally.increase++;
        else if (e === 'decrease') tally.decrease++;
        else if (e === 'no-change') tally.noChange++;
        else tally.notTested++;
      }
      const same = (Object.keys(tally) as (keyof typeof tally)[]).every((k) => tally[k] === claim[k]);
      return same
        ? null
        : R(
            `de cijfers: ${tally.increase} toename, ${tally.decrease} afname, ${tally.noChange} geen aantoonbare verandering, ` +
              `${tally.notTested} niet te toetsen`,
            `the figures: ${tally.increase} increase, ${tally.decrease} decrease, ${tally.noChange} no demonstrable change, ` +
              `${tally.notTested} not testable`,
          );
    }
    case 'targets': {
      if (!plan) return R('het plan bestaat niet meer', 'the plan no longer exists');
      const tally = { reached: 0, notYet: 0, unknown: 0 };
      for (const goal of plan.indicators) {
        const ind = net.indicators.find((i) => i.id === goal.key);
        const at = ind ? latestIndex(ind) : null;
        const state = ind && at !== null ? targetState(ind, at, shownTarget(ind, goal.target), data.settings) : 'unknown';
        tally[state === 'reached' ? 'reached' : state === 'not-yet' ? 'notYet' : 'unknown']++;
      }
      return tally.reached === claim.reached && tally.notYet === claim.notYet && tally.unknown === claim.unknown
        ? null
        : R(
            `${tally.reached} streefwaarden bereikt, ${tally.notYet} nog niet`,
            `${tally.reached} targets reached, ${tally.notYet} not yet`,
          );
    }
    case 'actions': {
      if (!plan) return R('het plan bestaat niet meer', 'the plan no longer exists');
      const wrong = ACTION_STATUSES.find((s) => plan.actions.filter((a) => a.status === s).length !== claim.counts[s]);
      return wrong ? R(`het aantal acties met status ${wrong} klopt niet`, `the number of actions with status ${wrong} is wrong`) : null;
    }
    case 'quarters': {
      if (!plan) return R('het plan bestaat niet meer', 'the plan no longer exists');
      const q = plan.pdca.map((e) => e.quarter).sort();
      return q.join(',') === [...claim.quarters].sort().join(',')
        ? null
        : R(`vastgelegde kwartalen: ${q.join(', ')}`, `quarters recorded: ${q.join(', ')}`);
    }
    case 'next-quarter': {
      if (!plan) return R('het plan bestaat niet meer', 'the plan no longer exists');
      const q = nextQuarter(plan, net.asOf);
      return q === claim.quarter ? null : R(`het volgende open kwartaal is ${q ?? 'geen'}`, `the next open quarter is ${q ?? 'none'}`);
    }
    default:
      return checkClaim(claim, claimData(data));
  }
}

export function checkNetworkClaims(claims: NetworkClaim[], data: FactsheetData): Reason[] {
  return claims.map((c) => checkNetworkClaim(c, data)).filter((r): r is Reason => r !== null);
}
