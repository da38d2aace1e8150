import type { AnalysisInput } from './input.js';
import type { Caveat, StudyAnalysis } from './result.js';

type Parts = Pick<StudyAnalysis, 'rounds' | 'response' | 'items' | 'partners' | 'tools' | 'attrition' | 'selection' | 'notes'>;

/**
 * The warnings of METHODS §4.5, with the study's thresholds: low response in a compared round
 * (stronger below the second threshold), response rates of compared rounds far apart, drop-outs
 * who differed at baseline, overlapping samples, small numbers, a questionnaire that changed,
 * no linked respondents — and two standing reminders (no evidence ≠ no effect; intervals are
 * not adjusted for multiplicity).
 */
export function caveats(input: AnalysisInput, a: Parts): Caveat[] {
  const s = input.study.settings;
  const out: Caveat[] = [];
  const compared = a.rounds.length >= 2;

  for (const r of a.rounds) {
    if (r.responseRate === null || !compared) continue;
    const numbers = { submitted: r.submitted, invited: r.invited, responseRate: r.responseRate };
    if (r.responseRate < s.strongCautionResponseBelow) {
      out.push({
        code: 'very-low-response',
        severity: 'strong',
        subject: { round: r.key },
        numbers: { ...numbers, threshold: s.strongCautionResponseBelow },
      });
    } else if (r.responseRate < s.cautionResponseBelow) {
      out.push({
        code: 'low-response',
        severity: 'caution',
        subject: { round: r.key },
        numbers: { ...numbers, threshold: s.cautionResponseBelow },
      });
    }
  }

  // Response gaps between compared rounds: consecutive rounds and the primary contrast.
  const pairs = new Set<string>();
  for (let k = 1; k < a.rounds.length; k++) pairs.add(`${k - 1}:${k}`);
  if (a.rounds.length > 2) pairs.add(`0:${a.rounds.length - 1}`);
  for (const key of pairs) {
    const [i, j] = key.split(':').map(Number);
    const x = a.rounds[i];
    const y = a.rounds[j];
    if (x.responseRate === null || y.responseRate === null) continue;
    const gap = Math.abs(x.responseRate - y.responseRate);
    if (gap > s.responseGapWarning) {
      out.push({
        code: 'response-gap',
        severity: 'caution',
        subject: { rounds: [x.key, y.key] },
        numbers: { gap, threshold: s.responseGapWarning, from: x.responseRate, to: y.responseRate },
      });
    }
  }

  if (a.attrition) {
    const last = a.attrition.comparisons[a.attrition.comparisons.length - 1];
    // Plain items only: the cells of grids (a dozen partners × two facets) would flag by chance.
    const flagged = last?.variables.filter((v) => v.flagged && v.variable === v.item) ?? [];
    if (last && flagged.length) {
      out.push({
        code: 'baseline-difference',
        severity: 'caution',
        subject: { rounds: [a.attrition.baseline, last.round], variables: flagged.map((v) => v.variable) },
        numbers: { stayers: last.stayers, leavers: last.leavers, flagged: flagged.length },
      });
    }
  }

  const hasCross = [...a.items, ...a.tools.map((t) => t.use)].some((v) => v.changes.some((c) => c.crossSectional?.test));
  if (hasCross) out.push({ code: 'overlapping-samples', severity: 'info', subject: {}, numbers: {} });

  const small = new Set<string>();
  for (const v of [...a.items, ...a.tools.map((t) => t.use), ...a.partners.flatMap((p) => [p.frequency, p.quality])]) {
    if (v?.rounds.some((r) => r.flags.includes('small-numbers') || r.flags.includes('no-percentage'))) small.add(v.id);
  }
  if (small.size) {
    out.push({
      code: 'small-numbers',
      severity: 'info',
      subject: { variables: [...small] },
      numbers: { below: s.smallNumbersBelow, noPercentageBelow: s.minDenominatorForPercent },
    });
  }

  const changed = input.variables.filter((v) => v.definitionChanged).map((v) => v.id);
  const versionsInUse = a.notes.questionnaireVersions.filter((v) => v.rounds.length > 0).length;
  if (versionsInUse > 1 || changed.length) {
    out.push({
      code: 'questionnaire-changed',
      severity: changed.length ? 'caution' : 'info',
      subject: changed.length ? { variables: changed } : {},
      numbers: { versions: versionsInUse },
    });
  }

  const respondingRounds = a.rounds.filter((r) => r.submitted + r.anonymous > 0).length;
  if (respondingRounds >= 2 && a.response.pairs.every((p) => p.n === 0)) {
    out.push({ code: 'no-linked-respondents', severity: 'caution', subject: {}, numbers: {} });
  }

  if (a.selection.subgroup) {
    const few = a.rounds.filter((r) => r.submitted + r.anonymous < s.minSubgroup).map((r) => r.key);
    if (few.length)
      out.push({ code: 'subgroup-too-small', severity: 'strong', subject: { rounds: few }, numbers: { minSubgroup: s.minSubgroup } });
  }

  if (compared) {
    out.push({ code: 'no-evidence-is-not-no-effect', severity: 'info', subject: {}, numbers: {} });
    out.push({ code: 'unadjusted-intervals', severity: 'info', subject: {}, numbers: {} });
  }
  return out;
}
