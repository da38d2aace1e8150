import type { Change } from './data.js';

/**
 * The one decision rule (METHODS §3.6): a change is an increase or a decrease only when its
 * test gives p below alpha after the adjustment for multiple tests (the adjusted p where there
 * is one), in the direction the test's own effect points. The 95% interval beside it is the
 * unadjusted precision of the estimate, not a second criterion: when the two disagree, the text
 * follows the test. The methods box, the chart legend and every sentence state this same rule.
 * Applied in every writer, so no upstream label can make the factsheet claim more or less.
 */
export function safeChange(change: Change): Change {
  const p = change.pAdjusted ?? change.p;
  if (p === null) {
    // Versions published before the test was stored carry only the interval, which decided then.
    const ci = change.ci;
    const held = ci !== null && (change.evidence === 'increase' ? ci[0] > 0 : change.evidence === 'decrease' ? ci[1] < 0 : false);
    if (held || change.evidence === 'not-tested' || (ci !== null && change.evidence === 'no-change')) return change;
    return { ...change, evidence: ci === null ? 'not-tested' : 'no-change' };
  }
  const d = change.difference;
  const observed = change.observed ?? (d === null ? 'none' : d > 0 ? 'increase' : d < 0 ? 'decrease' : 'none');
  const evidence = p < change.alpha && observed !== 'none' ? observed : 'no-change';
  return evidence === change.evidence ? change : { ...change, evidence };
}

/**
 * Why a change with a test is not demonstrable although its unadjusted p is below alpha: the
 * correction for multiple tests ("niet aantoonbaar na correctie voor meerdere toetsen").
 */
export function lostToAdjustment(change: Change): boolean {
  return (
    safeChange(change).evidence === 'no-change' &&
    change.p !== null &&
    change.pAdjusted !== null &&
    change.p < change.alpha &&
    change.pAdjusted >= change.alpha
  );
}
