import { html, nothing, type PropertyValues } from 'lit';
import { StaffView } from '../app/staff-view.js';
import { lang, m } from '../app/i18n.js';
import type { Chart } from './chart-runtime.js';
import { toChartJs } from './chart-configs/chartjs.js';
import { wrapLabel } from './chart-configs/items.js';
import { noteText, type ChartSpec } from './chart-configs/spec.js';
import { toSvg } from './chart-configs/svg.js';
import { fmt } from './format.js';

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
  static override properties = { spec: { attribute: false }, heading: {}, showTable: { state: true }, failed: { state: true } };

  spec: ChartSpec | null = null;
  heading: 'h3' | 'h4' = 'h3';
  showTable = false;
  failed = false;
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

  private height(spec: ChartSpec, width: number): number {
    const S = spec.series.length;
    if (spec.horizontal && spec.wrapLabels) {
      // Wrapped labels: each category is as tall as its bars or its lines of text, whichever is more.
      const room = width < 480 ? 15 : 40;
      // chart.js gives every category the same band, so the label with the most lines sets it.
      const lines = Math.max(1, ...spec.categories.map((c) => wrapLabel(c, room).length));
      const band = Math.max(spec.stacked ? 34 : S * 16 + 14, lines * 15 + 14);
      return Math.max(160, spec.categories.length * band + (spec.legend ? 70 : 40));
    }
    if (spec.horizontal)
      return Math.max(160, spec.categories.length * (spec.stacked ? 34 : Math.max(30, S * 16 + 14)) + (spec.legend ? 70 : 40));
    // Lines carry a legend under the plot: room for it, so the plot keeps its height.
    if (spec.kind === 'line') return (width < 480 ? 280 : 320) + (spec.legend ? Math.ceil(S / (width < 480 ? 1 : 2)) * 24 : 0);
    return width < 480 ? 300 : 320;
  }

  private async draw(): Promise<void> {
    const spec = this.spec;
    const canvas = this.querySelector<HTMLCanvasElement>('canvas');
    const box = this.querySelector<HTMLElement>('.d-canvas');
    if (!spec || !canvas || !box) return;
    try {
      const { makeChart } = await import('./chart-runtime.js');
      if (this.spec !== spec || !this.isConnected) return;
      const width = box.clientWidth || 600;
      this.narrow = width < 480;
      box.style.height = `${this.height(spec, width)}px`;
      const f = fmt(lang());
      const config = toChartJs(spec, { narrow: this.narrow }) as unknown as Parameters<typeof makeChart>[1];
      const scales = (config.options as { scales: Record<string, { ticks: Record<string, unknown> }> }).scales;
      for (const axis of Object.values(scales)) {
        if (axis.ticks?.callback === 'percent') axis.ticks.callback = (v: unknown) => f.pct(Number(v));
      }
      // Long category names (organisations, statements) are shortened on the axis, more so on
      // phones; the table and the tooltip show them whole.
      const room = this.narrow ? 14 : 42;
      const cut = (s: string) => (s.length > room ? `${s.slice(0, room - 1).trimEnd()}…` : s);
      const categoryAxis = scales[spec.horizontal ? 'y' : 'x'];
      if (categoryAxis && spec.kind === 'bar' && spec.wrapLabels) {
        const wrapAt = this.narrow ? 15 : 40;
        categoryAxis.ticks.callback = (_v: unknown, i: unknown) => wrapLabel(spec.categories[Number(i)] ?? '', wrapAt);
      } else if (categoryAxis && spec.kind === 'bar')
        categoryAxis.ticks.callback = (_v: unknown, i: unknown) => cut(spec.categories[Number(i)] ?? '');
      if (this.narrow) {
        // Legend entries must fit one line of a phone, or chart.js drops their colour box.
        const datasets = (config.data as { datasets: { label?: string }[] }).datasets;
        datasets.forEach(
          (d, i) => (d.label = spec.series[i].label.length > 30 ? `${spec.series[i].label.slice(0, 29).trimEnd()}…` : spec.series[i].label),
        );
      }
      const plugins = (config.options as { plugins: Record<string, unknown> }).plugins;
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
      this.chart = makeChart(canvas, config);
      this.failed = false;
    } catch (err) {
      console.warn('rondo-chart: the chart could not be drawn', err);
      this.failed = true;
      this.showTable = true;
    }
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
      ${this.failed ? html`<p class="a-alert a-alert--warn" role="status">${t.failed}</p>` : nothing}
      <figcaption class="a-sr">${spec.summary}</figcaption>
      <div ?hidden=${!this.showTable}>${this.table(spec)}</div>
    </figure>`;
  }
}
customElements.define('rondo-chart', RondoChart);
