import { html } from 'lit';
import { BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { LightElement } from '../light-element.js';
import type { TimelinePoint } from './fieldwork-api.js';
import { responseChartConfig, type ChartTexts } from './fieldwork-chart-config.js';

Chart.register(BarController, LineController, BarElement, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/**
 * <fieldwork-response-chart>: response over time (Chart.js), loaded on demand by the monitor so
 * the chart library stays out of every other screen. The configuration comes from
 * fieldwork-chart-config.ts; the chart is updated in place when the points change and
 * destroyed when the element leaves the page. The canvas carries a text summary; the monitor
 * shows the same numbers as a table.
 *
 * @property points - one point per day
 * @property invited - the denominator of the response rate
 * @property summary - the canvas's accessible name
 */
export class FieldworkResponseChart extends LightElement {
  static override properties = { points: { attribute: false }, invited: { type: Number }, language: {}, texts: { attribute: false }, summary: {} };
  points: TimelinePoint[] = [];
  invited = 0;
  language: 'nl' | 'en' = 'nl';
  texts!: ChartTexts;
  summary = '';
  private chart: Chart | null = null;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = null;
  }

  override render() {
    return html`<div class="fw-chart-box"><canvas role="img" aria-label=${this.summary}></canvas></div>`;
  }

  protected override updated(): void {
    const config = responseChartConfig({ points: this.points, invited: this.invited, lang: this.language, texts: this.texts });
    if (this.chart) {
      this.chart.data = config.data as never;
      this.chart.options = config.options as never;
      this.chart.update('none');
      return;
    }
    const canvas = this.querySelector('canvas');
    if (canvas) this.chart = new Chart(canvas, config as never);
  }
}
customElements.define('fieldwork-response-chart', FieldworkResponseChart);
