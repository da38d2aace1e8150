import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Chromium, ChromiumPage } from './chromium.js';
import { fontFaces } from './html/fonts.js';
import { PAGE, PRINT_LAYOUT_SCALE } from './html/styles.js';
import { NO_FIT, nextFit, type Fit, type MeasuredBlock } from './layout/fit.js';
import { MEASURE_BLOCKS } from './layout/measure-blocks.js';

/** Debian's Chromium package installs here. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_INSTALL_HINT =
  'install it with `apt-get install chromium` (Debian/Ubuntu), or open the HTML factsheet in a browser and print it to PDF (A4, background graphics on): the print layout is the same';

/** Chromium is not installed: the message says how to install it and how to print without it. */
export class ChromiumMissingError extends Error {
  readonly code = 'CHROMIUM_MISSING';
  constructor(readonly executablePath: string) {
    super(`PDF and PNG output need Chromium, which was not found at ${executablePath}: ${CHROMIUM_INSTALL_HINT}`);
    this.name = 'ChromiumMissingError';
  }
}

/** Headless Chromium with no sandbox, GPU or background traffic (updates, sync, QUIC): here and in the browser tests. */
export const HEADLESS_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The factsheet's Chromium switches (bench/start.ts starts its bare baseline with them too). */
export const FACTSHEET_CHROMIUM_ARGS = [
  ...HEADLESS_CHROMIUM_ARGS,
  '--disable-extensions',
  '--disable-default-apps',
  // Shared memory in /tmp: a container's /dev/shm is 64 MB by default, too small for Chromium.
  '--disable-dev-shm-usage',
];

/** How many fits FactsheetRenderer keeps (oldest dropped first); a fit is a few numbers. */
const FITS_KEPT = 64;

/** How long the page of the last fit waits for the PDF of its HTML before it is closed. */
const FITTED_PAGE_MS = 30_000;

/** A page that holds a fitted factsheet's HTML, loaded. */
interface LoadedPage {
  html: string;
  page: ChromiumPage;
}

/**
 * Renders factsheet HTML to PDF and chart SVG to PNG with headless Chromium (chromium.ts: the
 * DevTools protocol on a pipe). One browser is started on first use and reused until close().
 * Each page is in a browser context of its own that runs no JavaScript and refuses every request
 * but the one for its own first document (served from memory with a policy that lets nothing in
 * from outside; each HTML is then written into that document, never loaded from a file: or
 * http: URL), so a factsheet cannot reach the network.
 */
export class FactsheetRenderer {
  private browser: Promise<Chromium> | null = null;
  /** Pages (each its own browser context) open now: kept fits included. */
  private pages = 0;
  /**
   * The fits already found, by the SHA-256 of the unfitted HTML: the composer's preview, the
   * PDF and the HTML download of one draft ask for the same fit, which costs up to six page loads.
   */
  private readonly fits = new Map<string, Fit>();
  /**
   * The page the last fit measured on, holding the fitted HTML: the PDF of that HTML (the CLI's
   * next step, the composer's download) prints from it instead of loading the HTML again in a new
   * context, which costs more than the printing (docs/benchmarks.md, session 14).
   */
  private fitted: LoadedPage | null = null;

  constructor(readonly executablePath: string = DEFAULT_CHROMIUM) {}

  get available(): boolean {
    return fs.existsSync(this.executablePath);
  }

  /** How many pages are open (a kept fit's among them): none once every PDF and PNG is done and the kept fit taken or closed. */
  get openPages(): number {
    return this.pages;
  }

  /**
   * Starts Chromium now, without waiting for it, so that its start (a process of its own, on
   * another core) overlaps the caller's work before the first PDF or PNG (the CLI: reading the
   * study, the analysis, the HTML). A failed start is reported by that first use; close() stops it.
   * (Starting it earlier, before the CLI's modules load, or opening a page ahead as well, measured
   * slower on two cores: Chromium's processes then compete with the analysis; docs/benchmarks.md.)
   */
  warm(): void {
    if (this.available) this.launch().catch(() => {});
  }

  private launch(): Promise<Chromium> {
    if (!this.available) return Promise.reject(new ChromiumMissingError(this.executablePath));
    if (!this.browser) {
      const browser = Chromium.launch(this.executablePath, FACTSHEET_CHROMIUM_ARGS);
      this.browser = browser;
      // A browser that fails to start, or stops later (a crash), is started again at the next use.
      const forget = () => {
        if (this.browser === browser) this.browser = null;
      };
      browser.then((b) => b.exited.then(forget), forget);
    }
    return this.browser;
  }

  private async page(scale = 1): Promise<ChromiumPage> {
    const page = await ChromiumPage.open(await this.launch(), { scale });
    this.pages++;
    return page;
  }

  private async closePage(page: ChromiumPage): Promise<void> {
    this.pages--;
    await page.close().catch(() => {});
  }

  /** The factsheet as an A4 PDF: selectable text, fonts embedded by Chromium, title and language from the HTML. */
  async pdf(html: string): Promise<Buffer> {
    const fitted = await this.takeFitted(html);
    const page = fitted?.page ?? (await this.page());
    try {
      if (!fitted) await page.setContent(html);
      return await page.pdf();
    } finally {
      await this.closePage(page);
    }
  }

  /** The last fit's page if it holds `html` (it is then the caller's to close); any other is closed. */
  private async takeFitted(html: string): Promise<LoadedPage | null> {
    const fitted = this.fitted;
    this.fitted = null;
    if (!fitted || fitted.html === html) return fitted;
    await this.closePage(fitted.page);
    return null;
  }

  /** Keeps a fit's page for the PDF that usually follows; closed by the next fit or PDF, by close(), or after FITTED_PAGE_MS. */
  private keepFitted(loaded: LoadedPage): void {
    void this.takeFitted('');
    this.fitted = loaded;
    setTimeout(() => {
      if (this.fitted !== loaded) return;
      this.fitted = null;
      void this.closePage(loaded.page);
    }, FITTED_PAGE_MS).unref();
  }

  /** One chart's SVG as a PNG at `scale` × its CSS size (2 = sharp on screens and in slides). */
  async png(svg: string, scale = 2): Promise<Buffer> {
    return (await this.pngs([svg], scale))[0];
  }

  /** Several SVGs as PNGs, drawn on one page (one page load instead of one per chart: the .docx needs all of them). */
  async pngs(svgs: string[], scale = 2): Promise<Buffer[]> {
    if (!svgs.length) return [];
    const page = await this.page(scale);
    try {
      await page.setContent(
        `<!doctype html><html><head><meta charset="utf-8"><style>${fontFaces()}\nhtml,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svgs.map((s) => `<div class="png">${s}</div>`).join('')}</body></html>`,
      );
      return await page.screenshots('div.png > svg');
    } finally {
      await this.closePage(page);
    }
  }

  /**
   * The factsheet fitted to its pages (layout/fit.ts): renders it, measures its blocks in the
   * print layout (print media, the width of the printed page area; layout/measure-blocks.ts
   * finds them as the composer's preview does), and draws a chart smaller where that keeps a
   * page from staying more than a quarter empty, until nothing changes (at most six rounds, in
   * one page). The page's scripts stay off; only the measuring runs. `render` writes the HTML for a fit.
   */
  async fit(render: (fit: Fit) => string): Promise<{ html: string; fit: Fit }> {
    const unfitted = render(NO_FIT);
    const key = createHash('sha256').update(unfitted).digest('hex');
    const known = this.fits.get(key);
    if (known) return { html: render(known), fit: known };
    const result = await this.measureFit(render, unfitted);
    if (this.fits.size >= FITS_KEPT) this.fits.delete(this.fits.keys().next().value!);
    this.fits.set(key, result.fit);
    return result;
  }

  private async measureFit(render: (fit: Fit) => string, unfitted: string): Promise<{ html: string; fit: Fit }> {
    const page = await this.page();
    try {
      const mm = 96 / 25.4;
      const width = (PAGE.width - PAGE.left - PAGE.right) * mm * PRINT_LAYOUT_SCALE;
      const pageHeight = (PAGE.height - PAGE.top - PAGE.bottom) * mm * PRINT_LAYOUT_SCALE;
      await Promise.all([page.setViewport(Math.floor(width), 1200), page.emulatePrint()]);
      let fit: Fit = NO_FIT;
      let html = unfitted;
      for (let round = 0; round < 6; round++) {
        await page.setContent(html);
        const blocks = (await page.evaluate(MEASURE_BLOCKS)) as MeasuredBlock[];
        const next = nextFit(blocks, pageHeight, fit);
        if (!next) {
          // The page holds the fitted HTML: kept for its PDF (printing lays out for the paper, not this viewport).
          this.keepFitted({ html, page });
          return { html, fit };
        }
        fit = next;
        html = render(fit);
      }
      await this.closePage(page);
      return { html, fit };
    } catch (err) {
      await this.closePage(page);
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.takeFitted('');
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }
}
