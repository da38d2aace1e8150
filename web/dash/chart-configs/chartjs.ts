import type { LabelLayout } from './label-layout.js';
import type { ChartSpec } from './spec.js';

/**
 * A chart.js configuration for a spec: plain data, no chart.js import, so it is built and
 * tested in Node. The error bars and the n-per-bar labels are drawn by rondo-chart's plugin
 * from `options.plugins.rondo`, which carries the spec's intervals, counts and labels.
 */
export interface RondoPluginOptions {
  ci: (([number, number] | null)[] | null)[];
  n: ((number | null)[] | null)[];
  labels: string[][];
  showLabels: boolean;
  /** The category names as laid out by label-layout.ts, drawn by the plugin instead of chart.js's axis. */
  categories: LabelLayout | null;
}

/** Bar thickness when names sit above their bars: fixed, so that a name's room above its bars is known. */
export const ABOVE_BAR = { single: 22, grouped: 16 };
/** Space between a name above its bars and the bars. */
export const ABOVE_GAP = 4;

/**
 * @param options.narrow - drawn on a phone
 * @param options.labels - the category names' layout (label-layout.ts) for a bar chart; the chart is
 *   drawn in its orientation and the names by the plugin, whole, where the layout puts them
 */
export function toChartJs(
  spec: ChartSpec,
  options: { narrow?: boolean; labels?: LabelLayout } = {},
): {
  type: 'bar' | 'line';
  data: { labels: string[]; datasets: Record<string, unknown>[] };
  options: Record<string, unknown>;
} {
  const names = spec.kind === 'bar' ? (options.labels ?? null) : null;
  const dense = spec.kind === 'line' && spec.categories.length > DENSE_POINTS;
  const horizontal = names ? names.horizontal : !!spec.horizontal;
  const above = names?.placement === 'above';
  const thickness = above ? (spec.stacked || spec.series.length === 1 ? ABOVE_BAR.single : ABOVE_BAR.grouped) : undefined;
  const valueAxis = horizontal ? 'x' : 'y';
  const categoryAxis = horizontal ? 'y' : 'x';
  const percentTick = spec.percent ? { callback: 'percent' } : {};
  const rondo: RondoPluginOptions = {
    ci: spec.series.map((s) => s.ci ?? null),
    n: spec.series.map((s) => (spec.countsInDisplay ? null : (s.n ?? null))),
    labels: spec.display,
    showLabels: spec.kind === 'bar' && !spec.stacked,
    categories: names,
  };
  // Room for the names the plugin draws: a column left of horizontal bars, a band under vertical
  // ones, or (above the bars) half the tallest name over the first group, which is centred in its slot.
  const namesPadding = !names
    ? {}
    : above
      ? { top: Math.ceil(names.height / 2) + ABOVE_GAP + 4 }
      : horizontal
        ? { left: names.width + 10 }
        : { bottom: names.height + 8 };
  return {
    type: spec.kind,
    data: {
      labels: spec.categories,
      datasets: spec.series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: s.colour,
        borderColor: s.colour,
        borderWidth: spec.kind === 'line' ? (dense ? 2 : 3) : 0,
        // A point per day of a long round would draw the line as a band of dots: the line alone, a point on hover.
        pointRadius: spec.kind === 'line' ? (dense ? 0 : 4) : undefined,
        ...(spec.kind === 'line' ? { pointHoverRadius: 4 } : {}),
        spanGaps: false,
        maxBarThickness: 56,
        ...(thickness ? { barThickness: thickness } : {}),
        borderRadius: spec.stacked ? 0 : 3,
      })),
    },
    options: {
      indexAxis: categoryAxis,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Room above the bars for the value and n labels.
      layout: {
        padding: {
          top: rondo.showLabels && !horizontal ? 34 : 8,
          // On a phone the room after a bar fits its label: "62%", or "5 van 5" in team mode (about 7 px a character).
          right: rondo.showLabels && horizontal ? (options.narrow ? Math.max(44, longestLabel(spec) * 7 + 8) : 128) : 8,
          ...namesPadding,
        },
      },
      scales: {
        [valueAxis]: {
          stacked: !!spec.stacked,
          min: spec.min,
          max: spec.max,
          ticks: { ...percentTick, maxTicksLimit: 6 },
          grid: { color: '#e3e8ee' },
          title: spec.valueLabel ? { display: true, text: spec.valueLabel } : { display: false },
        },
        [categoryAxis]: {
          stacked: !!spec.stacked,
          grid: { display: false },
          // Names laid out by label-layout.ts are drawn by the plugin: chart.js's own ticks would cut or rotate them.
          // A sequence (the days of a round) names a readable number of its points, level, as a time axis does.
          ticks: names
            ? { display: false }
            : spec.sequence
              ? { autoSkip: true, autoSkipPadding: 12, maxRotation: 0, maxTicksLimit: sequenceTicks(options.narrow) }
              : { autoSkip: false, maxRotation: options.narrow ? 60 : 30 },
        },
      },
      plugins: {
        legend: { display: spec.legend, position: 'bottom', labels: { boxWidth: 14, boxHeight: 14 } },
        tooltip: { enabled: true },
        rondo,
      },
    },
  };
}

/** More points than this on a line: drawn without a dot on each. */
export const DENSE_POINTS = 40;

/** How many names a sequence axis (days) gets at most: a handful on a phone, a dozen on a wide screen. */
export const sequenceTicks = (narrow = false) => (narrow ? 6 : 12);

/** The longest value label of a spec, in characters. */
const longestLabel = (spec: ChartSpec) => Math.max(0, ...spec.display.flat().map((l) => l.length));
