import type { VariableAnalysis, StudyAnalysis } from '../../../analysis/study/result.js';
import type { Fmt } from '../format.js';
import { ordered } from '../palette.js';
import type { ChartSpec } from './spec.js';
import { countLabel, countsInstead, emptyReason } from './disclosure.js';

/**
 * The answer distribution of one ordinal or binary variable per round as 100% stacked bars,
 * one segment per answer option in scale order (orange for the low end, blue for the high end). Suppressed counts and
 * rounds where the item was not asked give no segments; the n per round is in the category.
 */
export function distributionSpec(
  a: Pick<StudyAnalysis, 'rounds'> & { settings?: StudyAnalysis['settings'] },
  v: VariableAnalysis,
  f: Fmt,
  title: string,
): ChartSpec {
  const codes = v.codes ?? [];
  const colours = ordered(codes.length);
  const rounds = a.rounds.map((r) => ({ key: r.key, label: f.t(r.label), s: v.rounds.find((x) => x.round === r.key) }));
  const ns = rounds.map((r) => (r.s?.asked ? r.s.n : null));
  // Team mode under the threshold: stacked counts instead of shares (disclosure.ts).
  const counts = countsInstead(a.settings, ns);
  const categories = rounds.map((r) => (r.s && r.s.asked && r.s.n > 0 ? `${r.label} (n = ${r.s.n})` : r.label));
  const series = codes.map((c, k) => {
    const cells = rounds.map((r) => r.s?.distribution?.find((d) => d.code === c.code) ?? null);
    return {
      label: f.t(c.label),
      colour: colours[k],
      values: cells.map((d, i) =>
        counts ? (d && rounds[i].s?.asked ? d.count : null) : d && d.share !== null && rounds[i].s?.asked ? d.share : null,
      ),
      x: cells.map((d) => d?.count ?? null),
      n: rounds.map((r) => (r.s?.asked ? r.s.n : null)),
      notes: cells.map((d, i) => (!rounds[i].s?.asked ? ('not-asked' as const) : d && d.count === null ? ('suppressed' as const) : null)),
    };
  });
  const display = series.map((s) =>
    s.values.map((v, i) => (v === null ? (s.x[i] === null ? '—' : '') : counts ? f.xOfN(v, s.n[i] ?? 0) : `${f.pct(v)} (${s.x[i]})`)),
  );
  const asked = rounds.filter((r) => r.s?.asked && r.s.n > 0);
  return {
    kind: 'bar',
    title,
    categories,
    series,
    percent: !counts,
    stacked: true,
    horizontal: true,
    min: 0,
    max: counts ? Math.max(1, ...ns.map((n) => n ?? 0)) : 1,
    ...(counts ? { valueLabel: countLabel(f) } : {}),
    ...(series.some((s) => s.values.some((x) => x !== null)) ? {} : { emptyReason: emptyReason(a.settings, ns, f) }),
    summary: asked.length
      ? `${title}: ${asked.map((r) => `${r.label}: ${series.map((s, k) => `${s.label} ${display[k][rounds.indexOf(r)] || '—'}`).join(', ')}`).join('; ')}.`
      : `${title}: ${f.lang === 'nl' ? 'geen antwoorden' : 'no answers'}.`,
    display,
    legend: true,
  };
}
