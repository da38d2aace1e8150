import { paginate, type PagedResult } from './factsheet-pages.js';

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
 * page at full size, as printed.
 */
export class PreviewFrames {
  private url = '';
  private shown: HTMLIFrameElement | null = null;
  private loading: HTMLIFrameElement | null = null;
  private readonly sizer: HTMLElement;
  private readonly observer: ResizeObserver;
  private height = 1200;

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

  private fit(): void {
    const scale = Math.max(0.3, Math.min(1, (this.wrap.clientWidth - 2) / SHEET_PX));
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
