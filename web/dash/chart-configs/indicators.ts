import type { IndicatorAnalysis } from '../../../analysis/study/indicators.js';
import type { RoundSummary, StudyAnalysis } from '../../../analysis/study/result.js';
import type { Fmt } from '../format.js';
import { SERIES } from '../palette.js';
import { distributionSpec } from './distribution.js';
import { shareByRoundSpec, shareDisplay, shareNote } from './shares.js';
import type { CellNote, ChartSpec } from './spec.js';

/** The indicator's value is a share (drawn and written as a percentage). */
export const isShare = (ind: IndicatorAnalysis) => ind.result.kind === 'binary' || ind.scoring === 'person-share';

/**
 * Why a round of a mean-type indicator (a mean score, or the mean of per-person shares) has no
 * value to draw, or null. A mean of per-person shares is a percentage, so it follows the study's
 * percentage threshold like every other share; a mean score is shown with a small-numbers flag.
 */
export function meanNote(ind: IndicatorAnalysis, s: RoundSummary | undefined, minPercent: number): CellNote | null {
  if (!s?.asked || s.reason === 'not-asked') return 'not-asked';
  if (s.n === 0) return 'no-answers';
  if (!s.mean || s.mean.estimate === null) return 'suppressed';
  if (isShare(ind) && (s.n < minPercent || s.flags.includes('no-percentage'))) return 'no-percentage';
  return null;
}

/** The value of one round as text: "62%", "4 of 9", "7,3", or "—". */
export function indicatorDisplay(ind: IndicatorAnalysis, s: RoundSummary | undefined, minPercent: number, f: Fmt): string {
  if (ind.result.kind === 'binary') return shareDisplay(s, shareNote(s, minPercent), f);
  const note = meanNote(ind, s, minPercent);
  if (!s || note === 'not-asked' || note === 'no-answers' || note === 'suppressed') return '—';
  if (note === 'no-percentage') return `n = ${s.n}`;
  return isShare(ind) ? f.pct(s.mean!.estimate!) : f.dec(s.mean!.estimate!, 1);
}

/** The 95% interval of one round as text, or '' when none is shown. */
export function indicatorInterval(ind: IndicatorAnalysis, s: RoundSummary | undefined, minPercent: number, f: Fmt): string {
  if (!s) return '';
  if (ind.result.kind === 'binary') return shareNote(s, minPercent) === null && s.topBox?.ci ? f.pctRange(s.topBox.ci) : '';
  if (meanNote(ind, s, minPercent) !== null || !s.mean?.ci) return '';
  const [lo, hi] = s.mean.ci;
  return isShare(ind) ? f.pctRange(s.mean.ci) : `${f.dec(lo, 1)}–${f.dec(hi, 1)}`;
}

/**
 * The chart of one indicator per round: bars with Wilson intervals for a share of one item, a
 * 100% stacked distribution for a distribution, and bars with t-intervals for a mean score or a
 * mean of per-person shares (on the indicator's own range, so a 1–10 score is not drawn on 0–1).
 */
export function indicatorSpec(a: Pick<StudyAnalysis, 'rounds' | 'settings'>, ind: IndicatorAnalysis, f: Fmt, title: string): ChartSpec {
  const label = f.t(ind.name);
  if (ind.result.kind === 'binary') return shareByRoundSpec(a, [{ label, variable: ind.result }], f, title);
  if (ind.summary === 'distribution') return distributionSpec(a, ind.result, f, title);
  const min = a.settings.minDenominatorForPercent;
  const rounds = a.rounds.map((r) => ({ key: r.key, label: f.t(r.label), s: ind.result.rounds.find((x) => x.round === r.key) }));
  const notes = rounds.map((r) => meanNote(ind, r.s, min));
  const drawn = notes.map((n) => n === null);
  const values = rounds.map((r, i) => (drawn[i] ? r.s!.mean!.estimate : null));
  const display = [rounds.map((r) => indicatorDisplay(ind, r.s, min, f))];
  const shown = rounds.filter((_, i) => values[i] !== null).map((r) => `${r.label}: ${display[0][rounds.indexOf(r)]} (n = ${r.s!.n})`);
  return {
    kind: 'bar',
    title,
    categories: rounds.map((r) => r.label),
    series: [
      {
        label,
        colour: SERIES[0],
        values,
        n: rounds.map((r) => (r.s?.asked ? r.s.n : null)),
        ci: rounds.map((r, i) => (drawn[i] ? (r.s!.mean!.ci ?? null) : null)),
        notes: notes.map((n, i) => n ?? (rounds[i].s?.flags.includes('small-numbers') ? ('small-numbers' as const) : null)),
      },
    ],
    percent: isShare(ind),
    min: ind.range ? ind.range[0] : 0,
    max: ind.range ? ind.range[1] : undefined,
    summary: shown.length
      ? `${title}. ${shown.join('; ')}.`
      : `${title}: ${f.lang === 'nl' ? 'geen gegevens om te tonen' : 'no data to show'}.`,
    display,
    legend: false,
  };
}
