import type { ItemAnalysis, QuestionReport, RoundSummary, StudyAnalysis } from '../../../analysis/study/result.js';
import type { Fmt } from '../format.js';
import { SERIES } from '../palette.js';
import type { CellNote, ChartSeries, ChartSpec } from './spec.js';

/** One option in one round: chosen by x of n, the share with its Wilson interval (null when hidden). */
export interface OptionCell {
  x: number | null;
  n: number;
  share: number | null;
  ci: [number, number] | null;
}

/** The options of a choice question in one round. */
export interface OptionRound {
  round: string;
  asked: boolean;
  n: number;
  cells: OptionCell[];
}

/** A single-choice question per round: each option's count and share from the distribution. */
export function singleChoiceRounds(v: ItemAnalysis): OptionRound[] {
  return v.rounds.map((s) => ({
    round: s.round,
    asked: s.asked,
    n: s.n,
    cells: (v.codes ?? []).map((c) => {
      const d = s.distribution?.find((x) => x.code === c.code);
      return { x: d?.count ?? null, n: s.n, share: d?.share ?? null, ci: d?.ci ?? null };
    }),
  }));
}

/** A multiple-choice question per round: each option's share chosen, from its own variable. */
export function multiChoiceRounds(options: readonly ItemAnalysis[]): OptionRound[] {
  return (options[0]?.rounds ?? []).map((s, k) => ({
    round: s.round,
    asked: s.asked,
    n: s.n,
    cells: options.map((v) => {
      const t = v.rounds[k].topBox;
      return { x: t?.x ?? null, n: v.rounds[k].n, share: t?.estimate ?? null, ci: t?.ci ?? null };
    }),
  }));
}

/** How one option cell is shown: "43% (6)", below the percentage threshold "6 van 14", hidden "—". */
export function optionDisplay(c: OptionCell, minPercent: number, f: Fmt): string {
  if (c.x === null) return '—';
  if (c.n < minPercent || c.share === null) return f.xOfN(c.x, c.n);
  return `${f.pct(c.share)} (${c.x})`;
}

function optionNote(c: OptionCell, asked: boolean, minPercent: number): CellNote | null {
  if (!asked) return 'not-asked';
  if (c.n === 0) return 'no-answers';
  if (c.x === null) return 'suppressed';
  if (c.n < minPercent) return 'no-percentage';
  return null;
}

/**
 * The options of a single- or multiple-choice question as horizontal bars, one bar per round
 * for each option, with Wilson 95% intervals as error bars. Long option labels are shown whole
 * (<rondo-chart> lays them out with label-layout.ts, as every bar chart's names).
 * Below the study's percentage threshold a bar is drawn without interval and labelled "x van n";
 * a hidden count draws nothing. Rounds in which the question was not asked are left out.
 */
export function optionSharesSpec(
  a: Pick<StudyAnalysis, 'rounds' | 'settings'>,
  labels: string[],
  rounds: OptionRound[],
  f: Fmt,
  title: string,
): ChartSpec {
  const min = a.settings.minDenominatorForPercent;
  const asked = rounds.filter((r) => r.asked);
  const roundLabel = (key: string) => f.t(a.rounds.find((r) => r.key === key)?.label) || key;
  const series: ChartSeries[] = asked.map((r, k) => ({
    label: `${roundLabel(r.round)} (n = ${r.n})`,
    colour: SERIES[k % SERIES.length],
    values: r.cells.map((c) => (c.x === null || c.share === null ? null : c.share)),
    x: r.cells.map((c) => c.x),
    n: r.cells.map((c) => c.n),
    ci: r.cells.map((c) => (c.n < min || c.share === null ? null : c.ci)),
    notes: r.cells.map((c) => optionNote(c, true, min)),
  }));
  const display = asked.map((r) => r.cells.map((c) => optionDisplay(c, min, f)));
  const parts = asked.map((_, k) => `${series[k].label}: ${labels.map((l, j) => `${l} ${display[k][j]}`).join('; ')}`);
  return {
    kind: 'bar',
    title,
    categories: labels,
    series,
    percent: true,
    horizontal: true,
    min: 0,
    max: 1,
    summary: parts.length ? `${title}. ${parts.join('. ')}.` : `${title}: ${f.lang === 'nl' ? 'geen antwoorden' : 'no answers'}.`,
    display,
    legend: series.length > 1,
    countsInDisplay: true,
  };
}

/**
 * The mean of a rating or a number per round with its t-interval as error bars (the scale's
 * range as the axis for a rating). Rounds without a mean (not asked, no answers, hidden for this
 * audience) draw nothing and say why.
 */
export function meanByRoundSpec(
  a: Pick<StudyAnalysis, 'rounds'>,
  v: ItemAnalysis,
  f: Fmt,
  title: string,
  options: { range?: [number, number] | null; unit?: string } = {},
): ChartSpec {
  const rounds = a.rounds.map((r) => ({ label: f.t(r.label) || r.key, s: v.rounds.find((x) => x.round === r.key) }));
  const value = (s: RoundSummary | undefined) => (s?.asked && s.mean?.estimate !== null && s?.mean ? s.mean.estimate : null);
  const note = (s: RoundSummary | undefined): CellNote | null =>
    !s?.asked ? 'not-asked' : s.n === 0 ? 'no-answers' : value(s) === null ? 'suppressed' : null;
  const unit = options.unit ? ` ${options.unit}` : '';
  const display = [rounds.map((r) => (value(r.s) === null ? '—' : `${f.dec(value(r.s)!, 1)}${unit}`))];
  const shown = rounds.filter((r) => value(r.s) !== null);
  return {
    kind: 'bar',
    title,
    categories: rounds.map((r) => r.label),
    series: [
      {
        label: f.lang === 'nl' ? 'Gemiddelde' : 'Mean',
        colour: SERIES[0],
        values: rounds.map((r) => value(r.s)),
        n: rounds.map((r) => (r.s?.asked ? r.s.n : null)),
        ci: rounds.map((r) => (value(r.s) === null ? null : (r.s!.mean!.ci ?? null))),
        notes: rounds.map((r) => note(r.s)),
      },
    ],
    percent: false,
    min: options.range ? options.range[0] : 0,
    max: options.range ? options.range[1] : undefined,
    valueLabel: f.lang === 'nl' ? `Gemiddelde${unit} (95%-BI)` : `Mean${unit} (95% CI)`,
    summary: shown.length
      ? `${title}: ${shown.map((r) => `${r.label} ${display[0][rounds.indexOf(r)]} (n = ${r.s!.n})`).join('; ')}.`
      : `${title}: ${f.lang === 'nl' ? 'geen gegevens om te tonen' : 'no data to show'}.`,
    display,
    legend: false,
  };
}

/** The variables of a question, in its order. */
export function questionVariables(a: Pick<StudyAnalysis, 'items'>, q: QuestionReport): ItemAnalysis[] {
  return q.variables.map((id) => a.items.find((v) => v.id === id)).filter((v): v is ItemAnalysis => !!v);
}
