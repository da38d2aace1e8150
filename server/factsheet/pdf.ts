import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const ARGS = [
  ...HEADLESS_CHROMIUM_ARGS,
  '--disable-extensions',
  '--disable-default-apps',
  // Shared memory in /tmp: a container's /dev/shm is 64 MB by default, too small for Chromium.
  '--disable-dev-shm-usage',
];

/**
 * Renders factsheet HTML to PDF and chart SVG to PNG with headless Chromium through
 * playwright-core. One browser is started on first use and reused until close(). Pages get
 * their HTML through setContent — never a file: or http: URL — in a context that is offline,
 * runs no JavaScript and aborts every request, so a factsheet cannot reach the network.
 */
/** How many fits FactsheetRenderer keeps (oldest dropped first); a fit is a few numbers. */
const FITS_KEPT = 64;

/** How long the page of the last fit waits for the PDF of its HTML before it is closed. */
const FITTED_PAGE_MS = 30_000;

const PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true } as const;

/** A page that holds a fitted factsheet's HTML, loaded, in a context of its own. */
interface LoadedPage {
  html: string;
  context: BrowserContext;
  page: Page;
}

export class FactsheetRenderer {
  private browser: Promise<Browser> | null = null;
  /** A browser handed in by the caller (tests share one); not closed by close(). */
  private readonly shared: boolean;
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

  constructor(
    readonly executablePath: string = DEFAULT_CHROMIUM,
    browser?: Browser,
  ) {
    this.shared = !!browser;
    if (browser) this.browser = Promise.resolve(browser);
  }

  get available(): boolean {
    return this.shared || fs.existsSync(this.executablePath);
  }

  /**
   * Starts Chromium now, without waiting for it, so that its start (a process of its own, on
   * another core) overlaps the caller's work before the first PDF or PNG (the CLI: reading the
   * study, the analysis, the HTML). A failed start is reported by that first use; close() stops it.
   */
  warm(): void {
    if (this.available) this.launch().catch(() => {});
  }

  private launch(): Promise<Browser> {
    if (!this.available) return Promise.reject(new ChromiumMissingError(this.executablePath));
    if (!this.browser) {
      // playwright-core is loaded here, at the first PDF or PNG, not when the server or the
      // CLI starts: it is the largest module rondo has and most runs never draw a PDF. It is
      // required, not imported: import() of a CommonJS package first scans its sources for their
      // exports (cjs-module-lexer, ~0.1 s of the main thread for playwright-core's bundles).
      this.browser = Promise.resolve()
        .then(() => createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core'))
        .then(({ chromium }) => chromium.launch({ executablePath: this.executablePath, args: ARGS }));
      this.browser.catch(() => {
        this.browser = null;
      });
    }
    return this.browser;
  }

  private async context(scale = 1): Promise<BrowserContext> {
    const browser = await this.launch();
    const context = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      deviceScaleFactor: scale,
      serviceWorkers: 'block',
    });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    return context;
  }

  /** The factsheet as an A4 PDF: selectable text, fonts embedded by Chromium, title and language from the HTML. */
  async pdf(html: string): Promise<Buffer> {
    const loaded = await this.takeFitted(html);
    const context = loaded?.context ?? (await this.context());
    try {
      let page = loaded?.page;
      if (!page) {
        page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
      }
      return await page.pdf(PDF_OPTIONS);
    } finally {
      await context.close();
    }
  }

  /** The last fit's page if it holds `html` (it is then the caller's to close); any other is closed. */
  private async takeFitted(html: string): Promise<LoadedPage | null> {
    const fitted = this.fitted;
    this.fitted = null;
    if (!fitted || fitted.html === html) return fitted;
    await fitted.context.close().catch(() => {});
    return null;
  }

  /** Keeps a fit's page for the PDF that usually follows; closed by the next fit or PDF, by close(), or after FITTED_PAGE_MS. */
  private keepFitted(loaded: LoadedPage): void {
    void this.takeFitted('');
    this.fitted = loaded;
    setTimeout(() => {
      if (this.fitted !== loaded) return;
      this.fitted = null;
      loaded.context.close().catch(() => {});
    }, FITTED_PAGE_MS).unref();
  }

  /** One chart's SVG as a PNG at `scale` × its CSS size (2 = sharp on screens and in slides). */
  async png(svg: string, scale = 2): Promise<Buffer> {
    return (await this.pngs([svg], scale))[0];
  }

  /** Several SVGs as PNGs, drawn on one page (one page load instead of one per chart: the .docx needs all of them). */
  async pngs(svgs: string[], scale = 2): Promise<Buffer[]> {
    if (!svgs.length) return [];
    const context = await this.context(scale);
    try {
      const page = await context.newPage();
      await page.setContent(
        `<!doctype html><html><head><meta charset="utf-8"><style>${fontFaces()}\nhtml,body{margin:0;background:#fff}svg{display:block}</style></head><body>${svgs.map((s) => `<div class="png">${s}</div>`).join('')}</body></html>`,
        { waitUntil: 'load' },
      );
      const out: Buffer[] = [];
      for (let i = 0; i < svgs.length; i++) out.push(await page.locator('div.png > svg').nth(i).screenshot({ type: 'png' }));
      return out;
    } finally {
      await context.close();
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
    const context = await this.context();
    try {
      const page = await context.newPage();
      const mm = 96 / 25.4;
      const width = (PAGE.width - PAGE.left - PAGE.right) * mm * PRINT_LAYOUT_SCALE;
      const pageHeight = (PAGE.height - PAGE.top - PAGE.bottom) * mm * PRINT_LAYOUT_SCALE;
      await page.setViewportSize({ width: Math.floor(width), height: 1200 });
      await page.emulateMedia({ media: 'print' });
      let fit: Fit = NO_FIT;
      let html = unfitted;
      for (let round = 0; round < 6; round++) {
        await page.setContent(html, { waitUntil: 'load' });
        const blocks = (await page.evaluate(MEASURE_BLOCKS)) as MeasuredBlock[];
        const next = nextFit(blocks, pageHeight, fit);
        if (!next) {
          // The page holds the fitted HTML: kept for its PDF (printing lays out for the paper, not this viewport).
          this.keepFitted({ html, context, page });
          return { html, fit };
        }
        fit = next;
        html = render(fit);
      }
      await context.close();
      return { html, fit };
    } catch (err) {
      await context.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.takeFitted('');
    if (this.shared) return;
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }
}
