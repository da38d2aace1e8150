import { html, nothing, type PropertyValues } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { StaffView } from '../app/staff-view.js';
import { lang, m } from '../app/i18n.js';
import type { Chart } from './chart-runtime.js';
import { toChartJs } from './chart-configs/chartjs.js';
import { noteText, type ChartSpec } from './chart-configs/spec.js';
import { toSvg } from './chart-configs/svg.js';
import { fmt } from './format.js';
import { ABOVE_BAR, ABOVE_GAP } from './chart-configs/chartjs.js';
import { CHART_FONT_FAMILY, labelLayout, type LabelBox, type LabelLayout, type Measure } from './chart-configs/label-layout.js';

const MESSAGES = {
  nl: {
    table: 'Tabel',
    hideTable: 'Verberg tabel',
    png: 'PNG',
    svg: 'SVG',
    download: 'Download {kind} van',
    category: 'Categorie',
    n: 'n',
    ci: '95%-BI',
    loading: 'Grafiek laden…',
    failed: 'De grafiek kan niet worden getekend; de tabel hieronder toont dezelfde cijfers.',
    empty: 'Geen gegevens om te tonen.',
  },
  en: {
    table: 'Table',
    hideTable: 'Hide table',
    png: 'PNG',
    svg: 'SVG',
    download: 'Download {kind} of',
    category: 'Category',
    n: 'n',
    ci: '95% CI',
    loading: 'Loading chart…',
    failed: 'The chart cannot be drawn; the table below shows the same numbers.',
    empty: 'No data to show.',
  },
};

let serial = 0;

/** Text widths in the charts' font, measured on a canvas of its own (label-layout.ts takes them as a function). */
let measuring: CanvasRenderingContext2D | null = null;
const measure: Measure = (text, px) => {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * px * 0.6;
  measuring.font = `${px}px ${CHART_FONT_FAMILY}`;
  return measuring.measureText(text).width;
};

/** A legend's colour box; the colour goes through the CSSOM, as the page's CSP refuses style attributes. */
const swatch = (colour: string) =>
  html`<span class="d-swatch" ${ref((el) => el && (el as HTMLElement).style.setProperty('background', colour))}></span>`;

/**
 * <rondo-chart>: one chart of the dashboard, and the only element that uses chart.js (loaded
 * on first use, so views without charts never fetch it). Shows the spec's title, the chart
 * with n per bar and interval error bars, a text alternative for screen readers, a data table
 * behind a toggle, and PNG and SVG downloads built from the same spec. The chart is destroyed
 * when the element leaves the page.
 *
 * @property spec - the ChartSpec to draw (web/dash/chart-configs)
 * @property heading - heading level of the title: 'h3' (default) or 'h4'
 */
export class RondoChart extends StaffView {
  static override properties = {
    spec: { attribute: false },
    heading: {},
    showTable: { state: true },
    failed: { state: true },
    htmlLegend: { state: true },
  };

  spec: ChartSpec | null = null;
  heading: 'h3' | 'h4' = 'h3';
  showTable = false;
  failed = false;
  /** On a phone, long series names get a legend in the page, where they wrap, instead of chart.js's one-line one. */
  htmlLegend = false;
  private chart: Chart | null = null;
  private readonly uid = `rc-${++serial}`;
  private narrow = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('spec')) void this.draw();
  }

  /** The plot's height, with room for each category's name where `names` puts it (label-layout.ts). */
  private height(spec: ChartSpec, width: number, names: LabelLayout | null): number {
    const S = spec.series.length;
    const horizontal = names ? names.horizontal : spec.horizontal;
    if (horizontal) {
      const legend = spec.legend ? 70 : 40;
      if (names?.placement === 'above') return spec.categories.length * this.aboveSlot(spec, names) + names.height / 2 + 20 + legend;
      const row = Math.max(spec.stacked ? 34 : Math.max(30, S * 16 + 14), names ? names.height + 8 : 0);
      return Math.max(160, spec.categories.length * row + legend);
    }
    // Lines carry a legend under the plot: room for it, so the plot keeps its height.
    if (spec.kind === 'line') return (width < 480 ? 280 : 320) + (spec.legend ? Math.ceil(S / (width < 480 ? 1 : 2)) * 24 : 0);
    return (width < 480 ? 300 : 320) + (names ? names.height - 16 : 0);
  }

  /** One category's slot when its name is above its bars: the name, the gap and the bars of fixed thickness (chartjs.ts). */
  private aboveSlot(spec: ChartSpec, names: LabelLayout): number {
    const bars = spec.stacked || spec.series.length === 1 ? ABOVE_BAR.single : ABOVE_BAR.grouped * spec.series.length;
    return names.height + ABOVE_GAP + bars + 12;
  }

  /**
   * Where a bar chart's category names go (label-layout.ts): whole, wrapped between words, beside,
   * under or above the bars, in smaller type only for a word that needs it. Line charts keep
   * chart.js's own axis (their categories are rounds or days).
   */
  private labelLayout(spec: ChartSpec, width: number): LabelLayout | null {
    return spec.kind === 'bar' ? labelLayout(spec.categories, width, !!spec.horizontal, measure, { sequence: spec.sequence }) : null;
  }

  /** The text boxes the chart drew last (category names and value labels), for checks that none overlaps another. */
  get labelBoxes(): LabelBox[] {
    return this.boxes?.() ?? [];
  }
  private boxes: (() => LabelBox[]) | null = null;

  private async draw(): Promise<void> {
    const spec = this.spec;
    const canvas = this.querySelector<HTMLCanvasElement>('canvas');
    const box = this.querySelector<HTMLElement>('.d-canvas');
    if (!spec || !canvas || !box) return;
    try {
      const { makeChart, drawnBoxes } = await import('./chart-runtime.js');
      if (this.spec !== spec || !this.isConnected) return;
      const width = box.clientWidth || 600;
      this.narrow = width < 480;
      const names = this.labelLayout(spec, width);
      // A series name chart.js's one-line legend cannot hold (a whole statement) goes in a legend in the page, where it wraps.
      this.htmlLegend = !!spec.legend && spec.series.some((x) => (this.narrow && x.label.length > 30) || measure(x.label, 13) + 40 > width);
      const drawn = this.htmlLegend ? { ...spec, legend: false } : spec;
      box.style.height = `${this.height(drawn, width, names)}px`;
      const f = fmt(lang());
      const config = toChartJs(spec, { narrow: this.narrow, ...(names ? { labels: names } : {}) }) as unknown as Parameters<
        typeof makeChart
      >[1];
      const scales = (config.options as { scales: Record<string, { ticks: Record<string, unknown> }> }).scales;
      for (const axis of Object.values(scales)) {
        if (axis.ticks?.callback === 'percent') axis.ticks.callback = (v: unknown) => f.pct(Number(v));
      }
      const plugins = (config.options as { plugins: Record<string, unknown> }).plugins;
      if (this.htmlLegend) plugins.legend = { display: false };
      plugins.tooltip = {
        callbacks: {
          label: (item: { datasetIndex: number; dataIndex: number; dataset: { label?: string } }) => {
            const s = spec.series[item.datasetIndex];
            const shown = spec.display[item.datasetIndex]?.[item.dataIndex] ?? '';
            const n = s.n?.[item.dataIndex];
            const ci = s.ci?.[item.dataIndex];
            return `${s.label}: ${shown}${n ? ` · n = ${n}` : ''}${ci ? ` · ${m(MESSAGES).ci} ${f.pctRange(ci)}` : ''}`;
          },
        },
      };
      this.chart?.destroy();
      const chart = makeChart(canvas, config);
      this.chart = chart;
      this.boxes = () => drawnBoxes.get(chart) ?? [];
      this.fitNames(chart, box, spec, names);
      this.failed = false;
    } catch (err) {
      console.warn('rondo-chart: the chart could not be drawn', err);
      this.failed = true;
      this.showTable = true;
    }
  }

  /**
   * The height was estimated before chart.js laid out its axes and legend: when a category's slot
   * came out smaller than its name and bars need, the box grows by the shortfall and the chart
   * is drawn again, so a name never reaches the bars above it.
   */
  private fitNames(chart: Chart, box: HTMLElement, spec: ChartSpec, names: LabelLayout | null): void {
    if (!names?.horizontal) return;
    const need = names.placement === 'above' ? this.aboveSlot(spec, names) : names.height + 4;
    const slot = chart.chartArea.height / Math.max(1, spec.categories.length);
    if (slot >= need) return;
    box.style.height = `${box.clientHeight + Math.ceil((need - slot) * spec.categories.length) + 2}px`;
    chart.resize();
  }

  private download(kind: 'png' | 'svg'): void {
    const spec = this.spec;
    if (!spec) return;
    const name = `${
      spec.title
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-|-$/g, '') || 'grafiek'
    }.${kind}`;
    let url: string;
    if (kind === 'svg') {
      url = URL.createObjectURL(new Blob([toSvg(spec)], { type: 'image/svg+xml' }));
    } else {
      const source = this.querySelector('canvas')!;
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, copy.width, copy.height);
      ctx.drawImage(source, 0, 0);
      url = copy.toDataURL('image/png');
    }
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    if (kind === 'svg') setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private table(spec: ChartSpec) {
    const t = m(MESSAGES);
    const l = lang();
    const f = fmt(l);
    const withN = spec.series.some((s) => s.n);
    const withCi = spec.series.some((s) => s.ci?.some(Boolean));
    return html`<div class="a-table-wrap d-chart-table" tabindex="0" role="region" aria-label=${spec.title} id=${`${this.uid}-table`}>
      <table class="a-table">
        <caption class="a-sr">${spec.title}</caption>
        <thead>
          <tr>
            <th scope="col">${t.category}</th>
            ${spec.series.map((s) => html`<th scope="col" class="a-num">${spec.series.length > 1 ? s.label : s.label}</th>${withN ? html`<th scope="col" class="a-num">${t.n}</th>` : nothing}${withCi ? html`<th scope="col" class="a-num">${t.ci}</th>` : nothing}`)}
          </tr>
        </thead>
        <tbody>
          ${spec.categories.map(
            (c, i) => html`<tr>
              <th scope="row">${c}</th>
              ${spec.series.map((s, k) => {
                const note = s.notes?.[i];
                const shown = spec.display[k]?.[i] || '—';
                const ci = s.ci?.[i];
                return html`<td class="a-num">${shown}${note && note !== 'small-numbers' ? html`<span class="d-note"> ${noteText(note, l)}</span>` : nothing}</td>${withN ? html`<td class="a-num">${s.n?.[i] ?? '—'}</td>` : nothing}${withCi ? html`<td class="a-num">${ci ? f.pctRange(ci) : '—'}</td>` : nothing}`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    const spec = this.spec;
    if (!spec) return nothing;
    const t = m(MESSAGES);
    const title =
      this.heading === 'h4'
        ? html`<h4 class="d-chart-title" id=${`${this.uid}-t`}>${spec.title}</h4>`
        : html`<h3 class="d-chart-title" id=${`${this.uid}-t`}>${spec.title}</h3>`;
    const empty = spec.series.every((s) => s.values.every((v) => v === null));
    return html`<figure class="d-chart" aria-labelledby=${`${this.uid}-t`}>
      <div class="d-chart-head">
        ${title}
        <div class="d-chart-tools">
          <button type="button" class="a-quiet" aria-expanded=${this.showTable ? 'true' : 'false'} aria-controls=${`${this.uid}-table`} @click=${() => (this.showTable = !this.showTable)}>${this.showTable ? t.hideTable : t.table}</button>
          <button type="button" class="a-quiet" aria-label=${`${t.download.replace('{kind}', 'PNG')} ${spec.title}`} ?disabled=${this.failed || empty} @click=${() => this.download('png')}>${t.png}</button>
          <button type="button" class="a-quiet" aria-label=${`${t.download.replace('{kind}', 'SVG')} ${spec.title}`} ?disabled=${empty} @click=${() => this.download('svg')}>${t.svg}</button>
        </div>
      </div>
      ${
        empty
          ? html`<p class="a-muted d-empty">${spec.emptyReason ?? t.empty}</p>`
          : html`<div class="d-canvas" ?hidden=${this.failed}><canvas role="img" aria-label=${spec.summary}><p>${spec.summary}</p></canvas></div>`
      }
      ${
        this.htmlLegend && !empty && !this.failed
          ? html`<ul class="d-legend d-chart-legend">${spec.series.map((x) => html`<li>${swatch(x.colour)}${x.label}</li>`)}</ul>`
          : nothing
      }
      ${this.failed ? html`<p class="a-alert a-alert--warn" role="status">${t.failed}</p>` : nothing}
      <figcaption class="a-sr">${spec.summary}</figcaption>
      <div ?hidden=${!this.showTable}>${this.table(spec)}</div>
    </figure>`;
  }
}
customElements.define('rondo-chart', RondoChart);
