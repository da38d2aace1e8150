import { escapeHtml as esc } from '../../html.js';
import type { Block, DocSection, DocSentence, FactsheetDocument } from '../document.js';
import { longDate } from '../../../analysis/findings/format.js';
import { NEUTRAL_STYLE } from '../house-style/house-style.js';
import type { Fit } from '../layout/fit.js';
import { plainText, renderMarkup } from './markup.js';
import { factsheetCss } from './styles.js';

export interface RenderOptions {
  /** `preview` marks edited and stale sentences for the composer; `final` is what is published. Both have the same layout. */
  mode?: 'final' | 'preview';
  /** Charts drawn smaller or moved up to their lead to fit the pages (layout/fit.ts). */
  fit?: Fit;
}

/** Running text: set in columns, or beside a pull-quote. */
const isRunning = (b: Block) => (b.kind === 'paragraph' && b.style === 'body') || b.kind === 'text';

const isLead = (b: Block) => b.kind === 'paragraph' && b.style === 'lead';
const isNote = (b: Block) => b.kind === 'paragraph' && b.style === 'note';

/** Text longer than this is set in two columns; shorter text reads better in one. */
const COLUMNS_FROM_CHARS = 650;

/**
 * The factsheet as one self-contained HTML document: inline CSS and SVG, no scripts, no
 * external resources, so it opens offline, prints the same from any browser and is what
 * Chromium turns into the PDF. Every text from the data or from people is escaped.
 */
export function renderFactsheetHtml(doc: FactsheetDocument, options: RenderOptions = {}): string {
  const mode = options.mode ?? 'final';
  const L = (nl: string, en: string) => (doc.lang === 'nl' ? nl : en);
  const charts = new Map(doc.charts.map((c) => [c.id, c]));
  const footer = `${doc.title} · ${doc.date}`;
  const sentence = (s: DocSentence) =>
    mode === 'preview'
      ? `<span class="s${s.edited ? ' edited' : ''}${s.stale ? ' stale' : ''}" data-key="${esc(s.key)}"${s.stale ? ` title="${esc(L('De cijfers zijn veranderd sinds deze zin is bewerkt', 'The numbers changed since this sentence was edited'))}"` : ''}>${esc(s.text)}</span>`
      : esc(s.text);

  const block = (b: Block): string => {
    switch (b.kind) {
      case 'paragraph': {
        const text = b.sentences.map(sentence).join(' ');
        if (b.style === 'caveat') return `<div class="caveat"><p><strong>${L('Let op', 'Note')}:</strong> ${text}</p></div>`;
        return `<p class="${b.style}">${text}</p>`;
      }
      case 'text':
        return renderMarkup(b.text);
      case 'chart': {
        const c = charts.get(b.chart);
        if (!c) return '';
        const scale = options.fit?.scale[c.id];
        const svg = scale && scale < 1 ? `<div class="fitted" style="width: ${(scale * 100).toFixed(1)}%">${c.svg}</div>` : c.svg;
        const caption = c.note ? `<figcaption>${esc(c.note)}</figcaption>` : '';
        const cls = c.kind === 'response' ? 'small' : c.half ? 'half' : '';
        return `<figure class="${cls}" id="${esc(c.id)}"><p class="chart-title">${esc(c.title)}</p>${svg}${caption}</figure>`;
      }
      case 'table':
        return `<div class="split"><table>${b.caption ? `<caption>${esc(b.caption)}</caption>` : ''}<colgroup><col class="who">${b.head
          .slice(1)
          .map(() => '<col>')
          .join('')}</colgroup><thead${b.caption ? '' : ' class="repeat"'}><tr>${b.head
          .map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${esc(h)}</th>`)
          .join('')}</tr></thead><tbody>${b.rows
          .map((r) =>
            r.heading
              ? `<tr class="sub"><th scope="rowgroup" colspan="${b.head.length}">${esc(r.cells[0])}</th></tr>`
              : `<tr><th scope="row">${esc(r.cells[0])}</th>${r.cells
                  .slice(1)
                  .map((c, i) => `<td class="num${r.muted?.[i + 1] ? ' hidden' : ''}">${esc(c)}</td>`)
                  .join('')}</tr>`,
          )
          .join('')}</tbody></table>${b.note ? `<p class="note">${esc(b.note)}</p>` : ''}</div>`;
      case 'quote':
        return `<blockquote><p>${esc(b.text)}</p><footer>— ${esc(b.attribution)}</footer></blockquote>`;
      case 'figures':
        return figuresHtml(b);
      case 'list':
        return (
          `<div class="items"><p class="list-title">${esc(b.title)}</p><ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}` +
          '</ul></div>'
        );
      case 'colophon':
        return `<div class="colophon">${b.text ? renderMarkup(b.text) : ''}<dl>${b.lines
          .map((l) => `<dt>${esc(l.label)}</dt><dd>${l.href ? `<a href="${esc(l.href)}">${esc(l.value)}</a>` : esc(l.value)}</dd>`)
          .join('')}</dl></div>`;
    }
  };

  const section = (s: DocSection): string => {
    // Lead text and caveats span the page; the running text between them may be set in columns.
    // In a section of its own the quotes stand side by side; elsewhere the first quote is a
    // pull-quote beside the section's first running text (then set in one column), as in the seed.
    const quotes = s.blocks.filter((b) => b.kind === 'quote');
    let pull = s.key !== 'quotes' && s.blocks.some(isRunning) ? (quotes.shift() ?? null) : null;
    const flow: string[] = [];
    let run: Block[] = [];
    const flushRun = () => {
      if (!run.length) return;
      const html = run.map(block).join('\n');
      if (pull) {
        flow.push(`<div class="with-pull"><div class="pull-text">${html}</div><aside class="pull">${block(pull)}</aside></div>`);
        pull = null;
      } else {
        const chars = run.reduce(
          (n, b) =>
            n +
            (b.kind === 'paragraph'
              ? b.sentences.reduce((m, x) => m + x.text.length, 0)
              : b.kind === 'text'
                ? plainText(b.text).length
                : 0),
          0,
        );
        flow.push(chars >= COLUMNS_FROM_CHARS ? `<div class="cols">${html}</div>` : html);
      }
      run = [];
    };
    // The heading, the lead and the section's first chart stay on one page (a `.keep` block):
    // everything from the heading to that chart is kept together. A chart the fitting pass
    // moved up (layout/fit.ts) follows the lead, and the running text follows the chart.
    // A chart's notes go where it goes.
    let blocks = s.blocks;
    const chartAt = blocks.findIndex((b) => b.kind === 'chart' && charts.has(b.chart));
    let chartEnd = chartAt + 1;
    while (chartAt >= 0 && chartEnd < blocks.length && isNote(blocks[chartEnd])) chartEnd++;
    const chart = blocks.slice(chartAt, chartEnd);
    if (chart[0]?.kind === 'chart' && options.fit?.early.includes(chart[0].chart)) {
      let at = 0;
      while (at < chartAt && isLead(blocks[at])) at++;
      blocks = [...blocks.slice(0, at), ...chart, ...blocks.slice(at, chartAt), ...blocks.slice(chartEnd)];
    }
    let kept = -1;
    // Half-width charts (the questions' panels) stand two side by side, each pair one block.
    let pair: string[] | null = null;
    for (const b of blocks) {
      if (b.kind === 'quote') continue;
      if (isRunning(b)) {
        run.push(b);
      } else {
        flushRun();
        const half = b.kind === 'chart' && charts.get(b.chart)?.half;
        if (half && pair) {
          pair.push(block(b));
          flow[flow.length - 1] = `<div class="pair">${pair.join('')}</div>`;
          pair = null;
        } else if (half) {
          pair = [block(b)];
          flow.push(`<div class="pair">${pair[0]}</div>`);
        } else {
          pair = null;
          flow.push(block(b));
        }
        if (b === chart[chart.length - 1]) kept = flow.length;
      }
    }
    flushRun();
    if (quotes.length) {
      const html = quotes.map(block).join('\n');
      flow.push(s.key === 'quotes' && quotes.length > 1 ? `<div class="quotes">${html}</div>` : html);
    }
    const heading = `<h2 id="h-${s.key}">${esc(s.title)}</h2>`;
    const body =
      kept < 0
        ? `${heading}\n${flow.join('\n')}`
        : `<div class="keep">${heading}\n${flow.slice(0, kept).join('\n')}</div>\n${flow.slice(kept).join('\n')}`;
    return `<section class="s-${s.key}" aria-labelledby="h-${s.key}">\n${body}\n</section>`;
  };

  const organisation = esc(doc.organisation);
  const style = doc.style ?? NEUTRAL_STYLE;
  const published = doc.version
    ? L(`Gepubliceerd ${longDate(doc.version.publishedAt, 'nl')}`, `Published ${longDate(doc.version.publishedAt, 'en')}`)
    : L(`Concept, ${doc.date}`, `Draft, ${doc.date}`);
  const meta = [
    doc.fieldwork ? `<span><strong>${L('Veldwerk', 'Fieldwork')}</strong> ${esc(doc.fieldwork)}</span>` : '',
    `<span>${esc(published)}</span>`,
    `<span>${doc.version ? `${L('Versie', 'Version')} ${doc.version.number}` : L('Niet gepubliceerd', 'Not published')}</span>`,
  ].filter(Boolean);
  const tiles = doc.keyFigures ?? [];
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="rondo">
<title>${esc(doc.title)}</title>
<style>${factsheetCss(footer, style)}</style>
</head>
<body${mode === 'preview' ? ' class="preview"' : ''}>
<article class="sheet" data-footer="${esc(footer)}">
<header class="masthead">
${style.logo ? `<img class="logo" src="${esc(style.logo)}" alt="${esc(L(`Logo ${doc.organisation}`, `${doc.organisation} logo`))}">` : ''}
<p class="kicker">Factsheet · ${organisation}</p>
<h1>${esc(doc.title)}</h1>
${doc.subtitle ? `<p class="subtitle">${esc(doc.subtitle)}</p>` : ''}
${doc.scope ? `<p class="scope">${esc(doc.scope)}</p>` : ''}
<p class="meta">${meta.join('<span class="sep" aria-hidden="true"> · </span>')}</p>
${doc.synthetic ? `<p class="synthetic">${L('Demo met synthetische gegevens — geen echte antwoorden', 'Demo with synthetic data — no real answers')}</p>` : ''}
</header>
${
  tiles.length
    ? `<section class="key-figures" aria-label="${L('Kerncijfers', 'Key figures')}"><ul>${tiles
        .map(
          (k) =>
            `<li><span class="kf-value">${esc(k.value)}</span> <span class="kf-label">${esc(k.label)}</span>` +
            `${k.note ? ` <span class="kf-note">${esc(k.note)}</span>` : ''}` +
            `${k.caveat ? ` <span class="kf-caveat">${esc(k.caveat)}</span>` : ''}</li>`,
        )
        .join('')}</ul></section>`
    : ''
}
${doc.sections.map(section).join('\n')}
</article>
</body>
</html>
`;
}

/** A table of figures (issue 17's network sections): a caption, a header row, a row heading per row, plain-text cells. */
function figuresHtml(b: Extract<Block, { kind: 'figures' }>): string {
  const num = (i: number) => (b.numeric[i] ? ' class="num"' : '');
  const head = b.head.map((h, i) => `<th scope="col"${num(i)}>${esc(h)}</th>`).join('');
  const rows = b.rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td${num(i)}>${esc(c)}</td>`)).join('')}</tr>`)
    .join('');
  const note = b.note ? `<figcaption>${esc(b.note)}</figcaption>` : '';
  const caption = `<caption>${esc(b.caption)}</caption>`;
  return `<figure class="table"><table>${caption}<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${note}</figure>`;
}
