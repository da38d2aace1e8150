import type { RoundSummary, StudyAnalysis, VariableAnalysis } from '../../../analysis/study/result.js';
import type { Fmt } from '../format.js';
import { SERIES } from '../palette.js';
import type { CellNote, ChartSeries, ChartSpec } from './spec.js';
import { countLabel, countsInstead, emptyReason } from './disclosure.js';

const SUPPRESSED = new Set<string>(['suppressed-small-cell', 'secondary-suppression', 'not-for-this-audience', 'subgroup-too-small']);

/** Why a round has no share to draw, or null when it has one. */
export function shareNote(s: RoundSummary | undefined, minPercent: number): CellNote | null {
  if (!s || !s.asked || s.reason === 'not-asked') return 'not-asked';
  if (s.flags.includes('suppressed') || SUPPRESSED.has(s.reason ?? '')) {
    if (!s.topBox || s.topBox.estimate === null) return 'suppressed';
  }
  if (s.n === 0) return 'no-answers';
  if (!s.topBox || s.topBox.estimate === null) return 'suppressed';
  if (s.n < minPercent || s.flags.includes('no-percentage')) return 'no-percentage';
  return null;
}

/** The label of a share: "62%", or "4 van 9" below the percentage threshold, or "—". */
export function shareDisplay(s: RoundSummary | undefined, note: CellNote | null, f: Fmt): string {
  if (!s || !s.topBox || s.topBox.x === null) return '—';
  if (note === 'no-percentage') return f.xOfN(s.topBox.x, s.topBox.n);
  if (s.topBox.estimate === null) return '—';
  return f.pct(s.topBox.estimate);
}

export interface ShareSeriesInput {
  label: string;
  variable: VariableAnalysis | null;
}

/**
 * Share of top-box answers (agreeing, yes, monthly or more) per round, one series per
 * variable: grouped bars with Wilson 95% intervals as error bars and the n per bar. Rounds
 * where an item was not asked stay empty, suppressed cells stay empty with a note, and below
 * the study's percentage threshold the bar is drawn but labelled "x of n".
 */
export function shareByRoundSpec(
  a: Pick<StudyAnalysis, 'rounds' | 'settings'>,
  inputs: ShareSeriesInput[],
  f: Fmt,
  title: string,
  options: { roundsAsSeries?: boolean } = {},
): ChartSpec {
  const rounds = a.rounds.map((r) => ({ key: r.key, label: f.t(r.label) }));
  const min = a.settings.minDenominatorForPercent;
  const cell = (v: VariableAnalysis | null, round: string) => {
    const s = v?.rounds.find((x) => x.round === round);
    const note = shareNote(s, min);
    const drawable = s && s.topBox && s.topBox.estimate !== null && note !== 'suppressed' && note !== 'not-asked' && note !== 'no-answers';
    return {
      value: drawable ? s!.topBox!.estimate : null,
      x: s?.topBox?.x ?? null,
      n: s && s.asked ? s.n : null,
      ci: drawable && note !== 'no-percentage' ? s!.topBox!.ci : null,
      note: note ?? (s?.flags.includes('small-numbers') ? ('small-numbers' as const) : null),
      display: shareDisplay(s, note, f),
    };
  };
  // Team mode with a denominator under the threshold: the whole chart in counts ("3 van 5"), so
  // no bar stands for a percentage the rule hides (disclosure.ts).
  const allCells = inputs.flatMap((i) => rounds.map((r) => cell(i.variable, r.key)));
  if (
    countsInstead(
      a.settings,
      allCells.map((c) => c.n),
    )
  )
    return countsSpec(a, inputs, f, title, options);
  let categories: string[];
  let series: ChartSeries[];
  let display: string[][];
  if (options.roundsAsSeries) {
    // Categories are the variables (partners, tools), one series per round.
    categories = inputs.map((i) => i.label);
    // A round in which none of the variables was asked (tools before the training) is left
    // out of the legend instead of drawing a row of empty bars.
    const all = rounds.map((r) => inputs.map((i) => cell(i.variable, r.key)));
    const keep = rounds.map((_, k) => all[k].some((c) => c.note !== 'not-asked'));
    const kept = rounds.filter((_, k) => keep[k]);
    const cells = all.filter((_, k) => keep[k]);
    series = kept.map((r, k) => ({
      label: r.label,
      colour: SERIES[k % SERIES.length],
      values: cells[k].map((c) => c.value),
      x: cells[k].map((c) => c.x),
      n: cells[k].map((c) => c.n),
      ci: cells[k].map((c) => c.ci),
      notes: cells[k].map((c) => c.note),
    }));
    display = cells.map((row) => row.map((c) => c.display));
  } else {
    categories = rounds.map((r) => r.label);
    const cells = inputs.map((i) => rounds.map((r) => cell(i.variable, r.key)));
    series = inputs.map((i, k) => ({
      label: i.label,
      colour: SERIES[k % SERIES.length],
      values: cells[k].map((c) => c.value),
      x: cells[k].map((c) => c.x),
      n: cells[k].map((c) => c.n),
      ci: cells[k].map((c) => c.ci),
      notes: cells[k].map((c) => c.note),
    }));
    display = cells.map((row) => row.map((c) => c.display));
  }
  const parts: string[] = [];
  series.forEach((s, k) => {
    const shown = categories
      .map((c, i) => (s.values[i] === null ? null : `${c}: ${display[k][i]}${s.n?.[i] ? ` (n = ${s.n[i]})` : ''}`))
      .filter(Boolean);
    if (shown.length) parts.push(`${s.label} — ${shown.join('; ')}`);
  });
  return {
    kind: 'bar',
    title,
    categories,
    series,
    percent: true,
    max: 1,
    min: 0,
    summary: parts.length
      ? `${title}. ${parts.join('. ')}.`
      : `${title}: ${f.lang === 'nl' ? 'geen gegevens om te tonen' : 'no data to show'}.`,
    display,
    legend: series.length > 1,
    ...(parts.length
      ? {}
      : {
          emptyReason: emptyReason(
            a.settings,
            allCells.map((c) => c.n),
            f,
          ),
        }),
  };
}

/**
 * Team mode: the top-box count per round and variable as bars on a count axis, labelled
 * "x van n"; rounds or cells without a count (not asked, suppressed) stay empty.
 */
function countsSpec(
  a: Pick<StudyAnalysis, 'rounds' | 'settings'>,
  inputs: ShareSeriesInput[],
  f: Fmt,
  title: string,
  options: { roundsAsSeries?: boolean },
): ChartSpec {
  const rounds = a.rounds.map((r) => ({ key: r.key, label: f.t(r.label) }));
  const cell = (v: VariableAnalysis | null, round: string) => {
    const s = v?.rounds.find((x) => x.round === round);
    const x = s && s.asked && s.n > 0 && s.topBox ? s.topBox.x : null;
    return { x, n: s && s.asked ? s.n : null, display: x === null ? '—' : f.xOfN(x, s!.n) };
  };
  const grid = options.roundsAsSeries
    ? rounds.map((r) => ({ label: r.label, cells: inputs.map((i) => cell(i.variable, r.key)) }))
    : inputs.map((i) => ({ label: i.label, cells: rounds.map((r) => cell(i.variable, r.key)) }));
  const categories = options.roundsAsSeries ? inputs.map((i) => i.label) : rounds.map((r) => r.label);
  const series: ChartSeries[] = grid.map((g, k) => ({
    label: g.label,
    colour: SERIES[k % SERIES.length],
    values: g.cells.map((c) => c.x),
    x: g.cells.map((c) => c.x),
    n: g.cells.map((c) => c.n),
    notes: g.cells.map((c) => (c.x === null ? null : ('no-percentage' as const))),
  }));
  const display = grid.map((g) => g.cells.map((c) => c.display));
  const max = Math.max(1, ...grid.flatMap((g) => g.cells.map((c) => c.n ?? 0)));
  const parts = grid
    .map((g) => {
      const shown = g.cells.map((c, i) => (c.x === null ? null : `${categories[i]}: ${c.display}`)).filter(Boolean);
      return shown.length ? `${g.label} — ${shown.join('; ')}` : null;
    })
    .filter(Boolean);
  const lead = f.lang === 'nl' ? 'teamweergave: aantallen, geen percentages' : 'team view: counts, no percentages';
  return {
    kind: 'bar',
    title,
    categories,
    series,
    percent: false,
    min: 0,
    max,
    valueLabel: countLabel(f),
    summary: parts.length
      ? `${title} (${lead}). ${parts.join('. ')}.`
      : `${title}: ${f.lang === 'nl' ? 'geen gegevens om te tonen' : 'no data to show'}.`,
    display,
    legend: series.length > 1,
    countsInDisplay: true,
    ...(parts.length
      ? {}
      : {
          emptyReason: emptyReason(
            a.settings,
            grid.flatMap((g) => g.cells.map((c) => c.n)),
            f,
          ),
        }),
  };
}
