import { html, type TemplateResult } from 'lit';
import { m } from '../i18n.js';
import { paginate, type PagedResult } from './factsheet-pages.js';

/** How large the pages are shown: fitted to the pane's width, or at 100% or 150% of A4 (the pane then scrolls sideways). */
export const ZOOMS = ['fit', 1, 1.5] as const;
export type Zoom = (typeof ZOOMS)[number];

/** Width of the preview document: an A4 page (210 mm at 96 dpi) plus its grey margin. */
const SHEET_PX = 840;

/**
 * The composer's live A4 preview in a pane (`wrap`): the factsheet's preview HTML in a
 * sandboxed iframe (same origin so the composer can lay it into pages, no scripts), paginated
 * by paginate() and scaled to the pane's width.
 *
 * A new version loads in a hidden iframe and replaces the shown one only once it is laid into
 * pages, so the preview never flashes and the pane keeps its scroll position. The scale is a
 * CSS transform, which changes nothing in the layout: lines and page breaks are those of the
 * page at full size, as printed. The reader chooses the zoom (fit, 100%, 150%) and can go
 * page by page (showPage), which is how the pages read on a phone.
 */
export class PreviewFrames {
  private url = '';
  private shown: HTMLIFrameElement | null = null;
  private loading: HTMLIFrameElement | null = null;
  private readonly sizer: HTMLElement;
  private readonly observer: ResizeObserver;
  private height = 1200;
  private zoom: Zoom = 'fit';

  constructor(
    private readonly wrap: HTMLElement,
    private readonly title: string,
    private readonly onPaged: (result: PagedResult) => void,
  ) {
    this.sizer = document.createElement('div');
    this.sizer.className = 'f-sizer';
    wrap.replaceChildren(this.sizer);
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(wrap);
  }

  /** Shows the document at `url` (nothing happens when it is the one shown or loading). */
  show(url: string): void {
    if (url === this.url) return;
    this.url = url;
    this.loading?.remove();
    const frame = document.createElement('iframe');
    frame.className = 'f-frame-next';
    frame.setAttribute('sandbox', 'allow-same-origin');
    frame.setAttribute('tabindex', '-1');
    frame.setAttribute('aria-hidden', 'true');
    frame.title = this.title;
    frame.addEventListener('load', () => void this.ready(frame), { once: true });
    frame.src = url;
    this.loading = frame;
    this.sizer.append(frame);
    this.fit();
  }

  private async ready(frame: HTMLIFrameElement): Promise<void> {
    if (frame !== this.loading) return;
    const doc = frame.contentDocument;
    let result: PagedResult = { pages: 0, overflowing: [] };
    if (doc) {
      // Measure only with the fonts that will be used.
      await doc.fonts?.ready;
      if (frame !== this.loading) return;
      try {
        result = paginate(doc);
      } catch (err) {
        console.error('factsheet preview: could not lay out the pages', err);
      }
      this.height = Math.ceil(doc.documentElement.scrollHeight);
    }
    this.shown?.remove();
    frame.className = 'f-frame';
    frame.removeAttribute('aria-hidden');
    frame.removeAttribute('tabindex');
    this.shown = frame;
    this.loading = null;
    this.fit();
    this.onPaged(result);
  }

  /** Shows the pages at `zoom`. */
  setZoom(zoom: Zoom): void {
    this.zoom = zoom;
    this.fit();
  }

  /** Scrolls the pane to page `n` (1-based) of the shown document. */
  showPage(n: number): void {
    const page = this.shown?.contentDocument?.querySelectorAll<HTMLElement>('.page')[n - 1];
    if (!page) return;
    this.wrap.scrollTo({ top: page.offsetTop * this.scale(), left: 0 });
  }

  private scale(): number {
    if (this.zoom !== 'fit') return this.zoom;
    return Math.max(0.3, Math.min(1, (this.wrap.clientWidth - 2) / SHEET_PX));
  }

  private fit(): void {
    const scale = this.scale();
    this.sizer.style.width = `${Math.floor(SHEET_PX * scale)}px`;
    this.sizer.style.height = `${Math.ceil(this.height * scale)}px`;
    for (const frame of [this.shown, this.loading]) {
      if (!frame) continue;
      frame.style.width = `${SHEET_PX}px`;
      frame.style.height = `${this.height}px`;
      frame.style.transform = `scale(${scale})`;
    }
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}

/**
 * Adds the factsheet screens' stylesheet (web/factsheet.css) to the page once. Every element
 * that shows a preview calls it: without it the preview pane neither clips nor scrolls its
 * pages, and on a phone the page scrolled sideways by the width of an A4 sheet.
 */
export function useFactsheetCss(): void {
  if (document.querySelector('link[data-factsheet-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/assets/factsheet.css';
  link.dataset.factsheetCss = '';
  document.head.append(link);
}

const TOOLBAR = {
  nl: { zoom: 'Zoom', fit: 'Passend', page: 'Pagina {n} van {of}', previous: 'Vorige pagina', next: 'Volgende pagina' },
  en: { zoom: 'Zoom', fit: 'Fit', page: 'Page {n} of {of}', previous: 'Previous page', next: 'Next page' },
};

/**
 * The preview's controls: zoom (fit, 100%, 150%) and page by page. `page` is 1-based;
 * `onZoom` and `onPage` are called on the reader's choice.
 */
export function previewToolbar(o: {
  zoom: Zoom;
  page: number;
  pages: number;
  onZoom: (z: Zoom) => void;
  onPage: (n: number) => void;
}): TemplateResult {
  const t = m(TOOLBAR);
  const label = (z: Zoom) => (z === 'fit' ? t.fit : `${Math.round(z * 100)}%`);
  return html`<div class="f-toolbar">
    <div class="f-zoom" role="group" aria-label=${t.zoom}>
      ${ZOOMS.map(
        (z) => html`<button type="button" aria-pressed=${o.zoom === z ? 'true' : 'false'} @click=${() => o.onZoom(z)}>${label(z)}</button>`,
      )}
    </div>
    ${
      o.pages > 1
        ? html`<div class="f-pager">
          <button type="button" ?disabled=${o.page <= 1} @click=${() => o.onPage(o.page - 1)} aria-label=${t.previous}>‹</button>
          <span aria-live="polite">${t.page.replace('{n}', String(o.page)).replace('{of}', String(o.pages))}</span>
          <button type="button" ?disabled=${o.page >= o.pages} @click=${() => o.onPage(o.page + 1)} aria-label=${t.next}>›</button>
        </div>`
        : ''
    }
  </div>`;
}
