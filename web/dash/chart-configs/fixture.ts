import type { RoundResponse, RoundSummary, StudyAnalysis, VariableAnalysis } from '../../../analysis/study/result.js';

/** Small hand-made pieces of an analysis result for the chart-config tests. */
export const SETTINGS = { minDenominatorForPercent: 10, smallNumbersBelow: 30, minSubgroup: 5 } as StudyAnalysis['settings'];

export function round(key: string, nl: string, invited: number, submitted: number): RoundResponse {
  return {
    key,
    label: { nl, en: key },
    opensAt: '2022-01-10T00:00:00Z',
    closesAt: null,
    invited,
    left: 0,
    sent: invited,
    opened: submitted,
    started: submitted,
    submitted,
    submittedNotEligible: 0,
    anonymous: 0,
    responseRate: invited ? submitted / invited : null,
    responseRateCi: invited ? [0.4, 0.8] : null,
    timeline: submitted
      ? [
          { date: '2022-01-10', submitted: 1, cumulative: 1 },
          { date: '2022-01-12', submitted: submitted - 1, cumulative: submitted },
        ]
      : [],
    flags: [],
  };
}

export const ROUNDS = [round('pre', 'Voormeting', 34, 21), round('mid', 'Tussenmeting', 34, 22), round('post', 'Nameting', 34, 12)];

export function summary(r: string, x: number | null, n: number, extra: Partial<RoundSummary> = {}): RoundSummary {
  const asked = extra.asked ?? true;
  return {
    round: r,
    asked,
    respondents: n,
    n,
    skipped: 0,
    dontKnow: 0,
    notApplicable: 0,
    notAsked: asked ? 0 : n,
    distribution: [
      { code: 1, label: { nl: 'Oneens', en: 'Disagree' }, count: x === null ? null : n - x, share: x === null || !n ? null : (n - x) / n },
      { code: 2, label: { nl: 'Eens', en: 'Agree' }, count: x, share: x === null || !n ? null : x / n },
    ],
    topBox: {
      x,
      n,
      estimate: x === null || !n ? null : x / n,
      ci: x === null || !n ? null : [Math.max(0, x / n - 0.2), Math.min(1, x / n + 0.2)],
      method: 'Wilson score interval',
    },
    mean: null,
    median: null,
    q1: null,
    q3: null,
    iqr: null,
    flags: [],
    reason: null,
    ...extra,
  };
}

export function variable(id: string, rounds: RoundSummary[]): VariableAnalysis {
  return {
    id,
    exportName: id,
    item: id,
    kind: 'binary',
    measure: 'competence',
    codes: [
      { code: 1, label: { nl: 'Oneens', en: 'Disagree' } },
      { code: 2, label: { nl: 'Eens', en: 'Agree' } },
    ],
    topBoxCodes: [2],
    rounds,
    changes: [],
    overall: null,
    flags: [],
  };
}
