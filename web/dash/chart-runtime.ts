import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { ABOVE_GAP, type RondoPluginOptions } from './chart-configs/chartjs.js';
import { CHART_FONT_FAMILY, type LabelBox, type LabelLayout } from './chart-configs/label-layout.js';

/**
 * chart.js for <rondo-chart>, the only place that imports it. Loaded with a dynamic import,
 * so views without charts (and the app's first load) never fetch it. Registers only the
 * parts rondo uses (bars and lines on category and linear scales), and one plugin that draws
 * the 95% intervals as error bars and the value and n above each bar.
 */
/** The text boxes a chart drew last (category names and value labels), read by <rondo-chart>'s `labelBoxes`. */
export const drawnBoxes = new WeakMap<Chart, LabelBox[]>();

/**
 * The category names where label-layout.ts put them: in a column left of horizontal bars
 * (right-aligned, centred on the bars), under vertical bars (centred), or above each group of
 * horizontal bars across the plot (left-aligned). Returns the boxes drawn.
 */
function drawCategoryNames(chart: Chart, names: LabelLayout): LabelBox[] {
  const { ctx, chartArea } = chart;
  const horizontal = chart.options.indexAxis === 'y';
  const scale = horizontal ? chart.scales.y : chart.scales.x;
  const boxes: LabelBox[] = [];
  ctx.save();
  ctx.font = `${names.fontSize}px ${CHART_FONT_FAMILY}`;
  ctx.fillStyle = '#1b2430';
  ctx.textBaseline = 'top';
  const visible = chart.data.datasets.filter((_, d) => !chart.getDatasetMeta(d).hidden).length;
  names.lines.forEach((lines, i) => {
    const centre = scale.getPixelForValue(i);
    const h = lines.length * names.lineHeight;
    let x: number;
    let top: number;
    if (names.placement === 'above') {
      // The bars' thickness is fixed (chartjs.ts), so the group's top edge is known.
      const bar = (chart.data.datasets[0] as { barThickness?: number }).barThickness ?? 16;
      const group = chart.options.scales?.y && (chart.options.scales.y as { stacked?: boolean }).stacked ? bar : bar * Math.max(1, visible);
      x = chartArea.left;
      top = centre - group / 2 - ABOVE_GAP - h;
      ctx.textAlign = 'left';
    } else if (horizontal) {
      x = chartArea.left - 8;
      top = centre - h / 2;
      ctx.textAlign = 'right';
    } else {
      x = centre;
      top = chartArea.bottom + 6;
      ctx.textAlign = 'center';
    }
    lines.forEach((line, k) => {
      const y = top + k * names.lineHeight + (names.lineHeight - names.fontSize) / 2;
      ctx.fillText(line, x, y);
      const w = ctx.measureText(line).width;
      const left = ctx.textAlign === 'left' ? x : ctx.textAlign === 'right' ? x - w : x - w / 2;
      boxes.push({ kind: 'category', text: line, x: left, y, w, h: names.fontSize });
    });
  });
  ctx.restore();
  return boxes;
}

const rondoPlugin: Plugin<'bar' | 'line'> = {
  id: 'rondo',
  afterDatasetsDraw(chart, _args, opts) {
    const o = opts as unknown as RondoPluginOptions;
    if (!o || !o.ci) return;
    const boxes = o.categories ? drawCategoryNames(chart as unknown as Chart, o.categories) : [];
    drawnBoxes.set(chart as unknown as Chart, boxes);
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = horizontal ? chart.scales.x : chart.scales.y;
    ctx.save();
    chart.data.datasets.forEach((_, d) => {
      const meta = chart.getDatasetMeta(d);
      if (meta.hidden || meta.type !== 'bar') return;
      meta.data.forEach((el, i) => {
        const bar = el as unknown as { x: number; y: number; base: number; width: number; height: number };
        const ci = o.ci[d]?.[i];
        const value = chart.data.datasets[d].data[i] as number | null;
        let tip = horizontal ? bar.x : bar.y;
        if (ci && value !== null) {
          const a = valueScale.getPixelForValue(ci[0]);
          const b = valueScale.getPixelForValue(ci[1]);
          ctx.strokeStyle = '#1b2430';
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(a, bar.y);
            ctx.lineTo(b, bar.y);
            ctx.moveTo(a, bar.y - 4);
            ctx.lineTo(a, bar.y + 4);
            ctx.moveTo(b, bar.y - 4);
            ctx.lineTo(b, bar.y + 4);
            tip = Math.max(tip, b);
          } else {
            ctx.moveTo(bar.x, a);
            ctx.lineTo(bar.x, b);
            ctx.moveTo(bar.x - 5, a);
            ctx.lineTo(bar.x + 5, a);
            ctx.moveTo(bar.x - 5, b);
            ctx.lineTo(bar.x + 5, b);
            tip = Math.min(tip, b);
          }
          ctx.stroke();
        }
        if (!o.showLabels) return;
        const label = o.labels[d]?.[i] ?? '';
        const n = o.n[d]?.[i];
        ctx.fillStyle = '#1b2430';
        ctx.font = '600 12px system-ui, sans-serif';
        if (horizontal) {
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          const x = value === null ? chart.chartArea.left + 4 : tip + 6;
          // On phones the bar's end label keeps only the value ("57%").
          const text = chart.width < 480 ? label.split(' (')[0] : n ? `${label}  n = ${n}` : label;
          ctx.fillText(text, x, bar.y);
          if (text) boxes.push({ kind: 'value', text, x, y: bar.y - 6, w: ctx.measureText(text).width, h: 12 });
        } else {
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          const y = value === null ? chart.chartArea.bottom - 4 : tip - 4;
          // A label wider than its bar's slot drops the counts in brackets ("62%"), then
          // everything; the data table and the tooltip keep the whole text. The slot is the
          // distance to the neighbouring bar's centre, so labels of bars side by side in a group
          // never run into each other on a phone ("5 van 5 van 5").
          const per = (horizontal ? chart.chartArea.height : chart.chartArea.width) / Math.max(1, chart.data.labels?.length ?? 1);
          const slot = per / Math.max(1, chart.data.datasets.length) - 4;
          const short = label.split(' (')[0];
          const text = ctx.measureText(label).width <= slot ? label : ctx.measureText(short).width <= slot ? short : '';
          const count = n ? `n = ${n}` : '';
          const countFits = count !== '' && ctx.measureText(count).width <= slot;
          ctx.fillText(text, bar.x, y - (countFits ? 14 : 0));
          if (text) {
            const w = ctx.measureText(text).width;
            boxes.push({ kind: 'value', text, x: bar.x - w / 2, y: y - (countFits ? 14 : 0) - 12, w, h: 12 });
          }
          if (countFits) {
            ctx.font = '12px system-ui, sans-serif';
            ctx.fillStyle = '#4a5565';
            ctx.fillText(count, bar.x, y);
            const w = ctx.measureText(count).width;
            boxes.push({ kind: 'value', text: count, x: bar.x - w / 2, y: y - 12, w, h: 12 });
          }
        }
      });
    });
    ctx.restore();
  },
};

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
  Filler,
  rondoPlugin,
);
Chart.defaults.font.family = CHART_FONT_FAMILY;
Chart.defaults.font.size = 13;
Chart.defaults.color = '#1b2430';

export function makeChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  // A canvas holds one chart: a draw that overtook another must not fail on it.
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
}
export type { Chart };
