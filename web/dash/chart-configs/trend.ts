import type { StudyAnalysis, TrendResult } from '../../../analysis/study/result.js';
import type { Fmt } from '../format.js';
import { SERIES } from '../palette.js';
import type { ChartSpec } from './spec.js';
import { emptyReason } from './disclosure.js';

/**
 * Trends of competence items across rounds: one line per item (mean score or share), so the
 * round where each item peaks stands out. Points without a value (not asked, suppressed) are
 * gaps in the line.
 */
export function trendSpec(
  a: Pick<StudyAnalysis, 'rounds'> & { settings?: StudyAnalysis['settings'] },
  trends: TrendResult[],
  labels: Map<string, string>,
  f: Fmt,
  title: string,
): ChartSpec {
  const rounds = a.rounds.map((r) => ({ key: r.key, label: f.t(r.label) }));
  const basis = trends[0]?.basis ?? 'mean';
  // Team mode: a share over fewer answers than the threshold is never drawn (disclosure.ts).
  const min = a.settings?.teamMode && basis === 'share' ? a.settings.minDenominatorForPercent : 0;
  const pointOf = (t: TrendResult, round: string) => t.points.find((p) => p.round === round);
  const series = trends.map((t, k) => ({
    label: labels.get(t.variable) ?? t.variable,
    colour: SERIES[k % SERIES.length],
    values: rounds.map((r) => {
      const p = pointOf(t, r.key);
      return p && p.n >= min ? p.value : null;
    }),
    n: rounds.map((r) => t.points.find((p) => p.round === r.key)?.n ?? null),
  }));
  const show = (v: number | null) => (v === null ? '—' : basis === 'share' ? f.pct(v) : f.dec(v, 1));
  const display = series.map((s) => s.values.map(show));
  return {
    kind: 'line',
    title,
    categories: rounds.map((r) => r.label),
    series,
    percent: basis === 'share',
    // Means keep the axis chart.js picks; shares run from 0 to 100%.
    min: basis === 'share' ? 0 : undefined,
    max: basis === 'share' ? 1 : undefined,
    summary: `${title}: ${trends
      .map(
        (t, k) =>
          `${series[k].label} ${f.lang === 'nl' ? 'hoogst in' : 'highest in'} ${t.peak.map((p) => rounds.find((r) => r.key === p)?.label ?? p).join(', ') || '—'}`,
      )
      .join('; ')}.`,
    display,
    legend: true,
    ...(series.some((s) => s.values.some((v) => v !== null))
      ? {}
      : {
          emptyReason: emptyReason(
            a.settings,
            series.flatMap((s) => s.n),
            f,
            basis === 'mean' ? 'means' : 'percentages',
          ),
        }),
  };
}
