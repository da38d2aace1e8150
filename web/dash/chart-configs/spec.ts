/**
 * A chart as the dashboard describes it, independent of the drawing library: categories on
 * one axis, one or more series of values with their counts and intervals. Builders in this
 * folder make specs from the analysis JSON (pure, tested in Node); `chartjs.ts` turns a spec
 * into a chart.js configuration and `svg.ts` into an SVG file, so the canvas, the download and
 * the data table all show the same numbers.
 */
export type CellNote =
  | 'suppressed'
  | 'not-asked'
  | 'no-answers'
  | 'no-percentage'
  | 'small-numbers'
  /** A response rate over fewer invited than the study's minimum for a percentage: the count only. */
  | 'too-few-invited'
  /** A group nobody in was invited to in that round. */
  | 'not-invited';

export interface ChartSeries {
  label: string;
  colour: string;
  /** One value per category; null draws no bar (see `notes` for why). */
  values: (number | null)[];
  /** Numerator per category (e.g. the agreeing), when the value is a share. */
  x?: (number | null)[];
  /** Denominator per category: the n shown with each bar. */
  n?: (number | null)[];
  /** 95% interval per category: drawn as an error bar. */
  ci?: ([number, number] | null)[];
  notes?: (CellNote | null)[];
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  title: string;
  categories: string[];
  series: ChartSeries[];
  /** Values are shares (0–1), shown as percentages. */
  percent: boolean;
  stacked?: boolean;
  horizontal?: boolean;
  /** Upper end of the value axis (1 for shares when omitted). */
  max?: number;
  min?: number;
  valueLabel?: string;
  /** The chart in one or two sentences: its text alternative. */
  summary: string;
  /** Formatted value per series × category, for labels, tooltips and the table. */
  display: string[][];
  /** Show a legend of the series. */
  legend: boolean;
  /** The display labels already carry the counts ("62% (21 of 34)"): no separate n label on the bars. */
  countsInDisplay?: boolean;
  /** The categories are an ordered sequence (days): on a narrow axis every k-th is named instead of turning the chart (label-layout.ts). */
  sequence?: boolean;
  /** Why nothing is drawn, when every value is null (disclosure.ts); the chart shows it instead of the canvas. */
  emptyReason?: string;
}

export function noteText(note: CellNote | null | undefined, lang: 'nl' | 'en'): string {
  if (!note) return '';
  const T = {
    nl: {
      suppressed: 'onderdrukt (kleine aantallen)',
      'not-asked': 'niet gevraagd',
      'no-answers': 'geen antwoorden',
      'no-percentage': 'te weinig antwoorden voor een %',
      'small-numbers': 'kleine aantallen',
      'too-few-invited': 'te weinig uitgenodigd voor een %',
      'not-invited': 'niemand uitgenodigd',
    },
    en: {
      suppressed: 'suppressed (small numbers)',
      'not-asked': 'not asked',
      'no-answers': 'no answers',
      'no-percentage': 'too few answers for a %',
      'small-numbers': 'small numbers',
      'too-few-invited': 'too few invited for a %',
      'not-invited': 'nobody invited',
    },
  };
  return T[lang][note];
}
