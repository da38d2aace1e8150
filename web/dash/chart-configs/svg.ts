import { DENSE_POINTS } from './chartjs.js';
import { estimateWidth, labelLayout } from './label-layout.js';
import type { ChartSpec } from './spec.js';

/**
 * An SVG file for a spec (the download): bars, lines, error bars, value and n labels, axis
 * and legend, drawn from the same numbers as the canvas. Pure string building; every text
 * from data is escaped.
 */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function toSvg(spec: ChartSpec, width = 800): string {
  const font = "font-family='system-ui, Segoe UI, Roboto, sans-serif'";
  // Category names whole, as on the screen (label-layout.ts): wrapped beside or under the bars, or above them.
  const names =
    spec.kind === 'bar' ? labelLayout(spec.categories, width, !!spec.horizontal, estimateWidth, { sequence: spec.sequence }) : null;
  const horizontal = names ? names.horizontal : !!spec.horizontal;
  const above = names?.placement === 'above';
  const cats = spec.categories.length || 1;
  const S = spec.series.length || 1;
  const top = 48;
  const legendH = spec.legend ? 28 + Math.ceil(S / 3) * 20 : 0;
  const labelW = horizontal ? (above ? 0 : Math.max(80, names?.width ?? 0)) : 56;
  // Above the bars, a name takes the top of its band; the bars sit under it.
  const nameRoom = above ? names!.height + 4 : 0;
  const bars = Math.max(28, S * (spec.stacked ? 22 : 18) + 14);
  const band = horizontal ? Math.max(bars + nameRoom, names && !above ? names.height + 8 : 0) : 0;
  const plotH = horizontal ? cats * band : 300;
  const under = !horizontal && names ? names.height : 0;
  const height = top + plotH + (horizontal ? 40 : 64 + under) + legendH;
  const left = labelW + (above ? 16 : 8);
  const right = horizontal ? 100 : 16;
  const plotW = width - left - right;
  const all = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const min = spec.min ?? Math.min(0, ...all);
  const max = spec.max ?? (all.length ? Math.max(...all) * 1.1 : 1);
  const scale = (v: number) => ((v - min) / (max - min || 1)) * (horizontal ? plotW : plotH);
  const out: string[] = [];
  out.push(
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' role='img' aria-label='${esc(spec.summary)}'>`,
  );
  out.push(`<title>${esc(spec.title)}</title><desc>${esc(spec.summary)}</desc>`);
  out.push(`<rect width='100%' height='100%' fill='#ffffff'/>`);
  out.push(`<text x='16' y='28' ${font} font-size='17' font-weight='700' fill='#1b2430'>${esc(spec.title)}</text>`);
  // Value axis with five ticks.
  for (let k = 0; k <= 4; k++) {
    const v = min + ((max - min) * k) / 4;
    const label = spec.percent ? `${Math.round(v * 100)}%` : String(Math.round(v * 10) / 10);
    if (horizontal) {
      const x = left + scale(v);
      out.push(`<line x1='${x}' y1='${top}' x2='${x}' y2='${top + plotH}' stroke='#e3e8ee'/>`);
      out.push(`<text x='${x}' y='${top + plotH + 18}' ${font} font-size='12' text-anchor='middle' fill='#4a5565'>${label}</text>`);
    } else {
      const y = top + plotH - scale(v);
      out.push(`<line x1='${left}' y1='${y}' x2='${left + plotW}' y2='${y}' stroke='#e3e8ee'/>`);
      out.push(`<text x='${left - 6}' y='${y + 4}' ${font} font-size='12' text-anchor='end' fill='#4a5565'>${label}</text>`);
    }
  }
  const catW = horizontal ? band : plotW / cats;
  // A line over a sequence (days) names every `step`-th point, about one name per 56 px, as the canvas does.
  const step = spec.kind === 'line' && spec.sequence ? Math.max(1, Math.ceil(cats / Math.max(2, Math.floor(plotW / 56)))) : 1;
  spec.categories.forEach((c, i) => {
    if (i % step) return;
    const lines = names?.lines[i] ?? [c];
    const lh = names?.lineHeight ?? 16;
    const size = names?.fontSize ?? 12;
    // One text per name, one tspan per line, so the file reads as the chart does.
    const text = (x: number, y: number, anchor: string) =>
      `<text x='${x}' y='${y}' ${font} font-size='${size}' text-anchor='${anchor}' fill='#1b2430'>${lines
        .map((l, k) => `<tspan x='${x}' dy='${k ? lh : 0}'>${esc(l)}</tspan>`)
        .join('')}</text>`;
    if (horizontal && above) out.push(text(left, top + i * band + size + 2, 'start'));
    else if (horizontal) out.push(text(left - 6, top + i * band + band / 2 + 4 - ((lines.length - 1) * lh) / 2, 'end'));
    else out.push(text(left + i * catW + catW / 2, top + plotH + 18, 'middle'));
  });
  if (spec.kind === 'line') {
    spec.series.forEach((s) => {
      let d = '';
      s.values.forEach((v, i) => {
        if (v === null) return void (d += ' ');
        const x = left + i * catW + catW / 2;
        const y = top + plotH - scale(v);
        d += `${/\d$/.test(d) ? ' L' : ' M'}${x.toFixed(1)},${y.toFixed(1)}`;
        if (cats <= DENSE_POINTS) out.push(`<circle cx='${x.toFixed(1)}' cy='${y.toFixed(1)}' r='4' fill='${s.colour}'/>`);
      });
      out.push(`<path d='${d.trim()}' fill='none' stroke='${s.colour}' stroke-width='3'/>`);
    });
  } else {
    const barBand = (catW - nameRoom) * 0.8;
    const barW = spec.stacked ? barBand : barBand / S;
    spec.categories.forEach((_, i) => {
      let acc = 0;
      spec.series.forEach((s, k) => {
        const v = s.values[i];
        const off = spec.stacked ? 0 : k * barW;
        const base = i * catW + nameRoom + (catW - nameRoom - barBand) / 2 + off;
        const label = spec.display[k]?.[i] ?? '';
        const n = spec.countsInDisplay ? null : s.n?.[i];
        if (v === null) {
          if (!spec.stacked && label) {
            const pos = horizontal
              ? `x='${left + 4}' y='${top + base + barW / 2 + 4}'`
              : `x='${left + base + barW / 2}' y='${top + plotH - 6}' text-anchor='middle'`;
            out.push(`<text ${pos} ${font} font-size='11' fill='#4a5565'>${esc(label)}</text>`);
          }
          return;
        }
        const start = spec.stacked ? acc : 0;
        acc += v;
        if (horizontal) {
          const x = left + scale(start);
          out.push(
            `<rect x='${x.toFixed(1)}' y='${(top + base).toFixed(1)}' width='${Math.max(0, scale(start + v) - scale(start)).toFixed(1)}' height='${(barW - 2).toFixed(1)}' fill='${s.colour}'/>`,
          );
          if (!spec.stacked)
            out.push(
              `<text x='${(left + scale(v) + 6).toFixed(1)}' y='${(top + base + barW / 2 + 4).toFixed(1)}' ${font} font-size='11' fill='#1b2430'>${esc(label)}</text>`,
            );
        } else {
          const h = scale(start + v) - scale(start);
          const y = top + plotH - scale(start + v);
          out.push(
            `<rect x='${(left + base).toFixed(1)}' y='${y.toFixed(1)}' width='${(barW - 2).toFixed(1)}' height='${Math.max(0, h).toFixed(1)}' fill='${s.colour}'/>`,
          );
          const ci = s.ci?.[i];
          const cx = left + base + barW / 2 - 1;
          if (ci) {
            const [y1, y2] = [top + plotH - scale(ci[0]), top + plotH - scale(ci[1])];
            out.push(
              `<path d='M${cx.toFixed(1)},${y1.toFixed(1)} V${y2.toFixed(1)} M${(cx - 5).toFixed(1)},${y1.toFixed(1)} h10 M${(cx - 5).toFixed(1)},${y2.toFixed(1)} h10' stroke='#1b2430' stroke-width='1.5' fill='none'/>`,
            );
          }
          if (!spec.stacked) {
            const ly = Math.min(y, ci ? top + plotH - scale(ci[1]) : y) - 6;
            out.push(
              `<text x='${cx.toFixed(1)}' y='${ly.toFixed(1)}' ${font} font-size='11' text-anchor='middle' fill='#1b2430'>${esc(label)}${n ? `<tspan x='${cx.toFixed(1)}' dy='-13' fill='#4a5565'>n = ${n}</tspan>` : ''}</text>`,
            );
          }
        }
      });
    });
  }
  if (spec.legend) {
    const y0 = height - legendH + 18;
    spec.series.forEach((s, k) => {
      const x = 16 + (k % 3) * ((width - 32) / 3);
      const y = y0 + Math.floor(k / 3) * 20;
      out.push(
        `<rect x='${x}' y='${y - 11}' width='12' height='12' fill='${s.colour}'/><text x='${x + 18}' y='${y}' ${font} font-size='12' fill='#1b2430'>${esc(s.label)}</text>`,
      );
    });
  }
  out.push('</svg>');
  return out.join('');
}
