import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp, loginAs, tempDir, type LoggedIn, type TestApp } from '../helpers/app.js';
import { axe, describeViolations, hasChromium, launchBrowser, screenshot, CHROMIUM, WIDTHS } from '../helpers/browser.js';
import { FactsheetRenderer } from '../../server/factsheet/pdf.js';
import { PAGE, PREVIEW_AREA } from '../../server/factsheet/html/styles.js';
import { SLUG } from './helpers.js';

const hasPoppler = ['pdftotext', 'pdfinfo'].every((tool) => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const reason = !hasChromium ? `Chromium not found at ${CHROMIUM}` : !hasPoppler ? 'poppler-utils not installed' : '';

/**
 * What a preview page shows: its section headings, and how its first and last blocks begin
 * (as printed: headings in capitals; a chart by its title).
 */
interface PreviewPage {
  headings: string[];
  start: string;
  end: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The composer's paged preview against the PDF, in Chromium: the demo factsheet has as many
 * A4 pages in the preview as in the PDF, each page begins with the same text and holds the
 * same section headings; text added to a block moves what follows to the next page, in the
 * preview and in the PDF alike.
 */
describe.skipIf(!!reason)(`the composer's A4 preview${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let t: TestApp;
  let browser: Browser;
  let address: string;
  let researcher: LoggedIn;
  let dir: string;
  const base = `/api/studies/${SLUG}/factsheet`;

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
    browser = await launchBrowser();
    dir = tempDir('rondo-preview-');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Console errors of each page (a refused script or style would show here). */
  const consoleErrors = new Map<Page, string[]>();

  async function openComposer(viewport: { width: number; height: number }, email = 'onderzoeker@example.nl'): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    const errors: string[] = [];
    consoleErrors.set(page, errors);
    page.on('console', (msg) => {
      // The app has no favicon; that 404 is not the factsheet's.
      if (msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico')) errors.push(`${msg.text()} ${msg.location().url}`);
    });
    await page.goto(`${address}/login`);
    await page.waitForFunction(() => !!customElements.get('rondo-login-view'));
    await page.fill('#login-email', email);
    await page.fill('#login-password', 'correct horse battery staple');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/app/);
    await page.goto(`${address}/app/s/${SLUG}/factsheet`);
    await page.frameLocator('iframe.f-frame').locator('.sheet.paged').waitFor({ timeout: 30_000 });
    return page;
  }

  /** The pages of the preview shown now. */
  const previewPages = (page: Page): Promise<PreviewPage[]> =>
    page
      .frameLocator('iframe.f-frame')
      .locator('.sheet.paged')
      .evaluate((sheet) =>
        [...sheet.querySelectorAll<HTMLElement>('.page')].map((p) => {
          const block = (side: 'firstElementChild' | 'lastElementChild') => {
            let el = p.querySelector<HTMLElement>('.page-area')!;
            while (el[side] && ['DIV', 'SECTION', 'UL'].includes(el.tagName) && !el.matches('.cols, .caveat, .quotes'))
              el = el[side] as HTMLElement;
            const text = (el.closest('figure')?.querySelector<HTMLElement>('.chart-title') ?? el).innerText;
            return text.replace(/\s+/g, ' ').trim().slice(0, 40);
          };
          return {
            headings: [...p.querySelectorAll<HTMLElement>('h2')].map((h) => h.innerText.trim()),
            start: block('firstElementChild'),
            end: block('lastElementChild'),
          };
        }),
      );

  /** The text of each page of the draft's PDF, as the download button gets it. */
  async function pdfPages(lang = 'nl'): Promise<string[]> {
    const res = await t.app.inject({ method: 'GET', url: `${base}/draft/output?lang=${lang}&format=pdf`, headers: researcher.headers });
    expect(res.statusCode).toBe(200);
    const file = path.join(dir, `draft-${Date.now()}.pdf`);
    fs.writeFileSync(file, res.rawPayload);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    // A quote's opening mark is drawn by CSS: it is in the PDF's text, not in the page's.
    return Array.from({ length: pages }, (_, i) =>
      squash(execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' })).replace(/^“ /, ''),
    );
  }

  /** Each preview page begins like the PDF page of the same number, ends with a block that is on it too, and has its headings. */
  function expectSamePages(preview: PreviewPage[], pdf: string[]): void {
    expect(preview.length).toBe(pdf.length);
    preview.forEach((p, i) => {
      expect(pdf[i].startsWith(p.start), `page ${i + 1} of the PDF begins with "${p.start}"; it begins with "${pdf[i].slice(0, 40)}"`).toBe(
        true,
      );
      expect(pdf[i], `the last block of page ${i + 1}`).toContain(p.end);
      for (const h of p.headings) expect(pdf[i], `heading "${h}" on page ${i + 1}`).toContain(h);
    });
  }

  it('lays out in the area Chromium prints a page in', async () => {
    const renderer = new FactsheetRenderer(CHROMIUM);
    onTestFinished(() => renderer.close());
    const mm = 96 / 25.4;
    const [width, height] = [PREVIEW_AREA.width * mm, PREVIEW_AREA.height * mm];
    const pagesOf = async (body: string) => {
      const pdf = await renderer.pdf(
        `<!doctype html><title>area</title><style>@page { size: A4; margin: ${PAGE.top}mm ${PAGE.right}mm ${PAGE.bottom}mm ${PAGE.left}mm } body { margin: 0 } div { break-inside: avoid }</style>${body}`,
      );
      return pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)!.length;
    };
    // Two blocks a hair under and over the page area's height; two boxes side by side, a hair narrower and wider than its width.
    const tall = (h: number) => `<div style="height: 500px"></div><div style="height: ${h - 500}px"></div>`;
    const wide = (w: number) =>
      `<div style="display: flex; flex-wrap: wrap"><div style="flex: none; width: ${w / 2}px; height: 600px"></div><div style="flex: none; width: ${w / 2}px; height: 600px"></div></div>`;
    expect([await pagesOf(tall(height - 0.05)), await pagesOf(tall(height + 0.05))]).toEqual([1, 2]);
    expect([await pagesOf(wide(width - 0.05)), await pagesOf(wide(width + 0.05))]).toEqual([1, 2]);
  });

  it('shows the demo factsheet on as many A4 pages as its PDF, with the same page breaks', async () => {
    const page = await openComposer(WIDTHS.desktop);
    const preview = await previewPages(page);
    expect(preview.length).toBeGreaterThanOrEqual(2);
    expect(preview.length).toBeLessThanOrEqual(4);
    expectSamePages(preview, await pdfPages());
    // Each page box carries the running footer of the printed page.
    const frame = page.frameLocator('iframe.f-frame');
    expect(await frame.locator('.page-foot').last().innerText()).toMatch(
      new RegExp(`Evaluatie 1000 Kansen · .+\\s+${preview.length} / ${preview.length}$`),
    );
    expect(await page.locator('.f-pages').innerText()).toContain(`${preview.length} pagina’s A4`);
    // Running text in two columns fills both (a paragraph may go on in the second column).
    const columns = await frame.locator('.cols').evaluateAll((blocks) =>
      blocks.map((b) => {
        const range = b.ownerDocument.createRange();
        range.selectNodeContents(b);
        const box = b.getBoundingClientRect();
        const lines = [...range.getClientRects()];
        return {
          text: b.textContent!.slice(0, 40),
          right: lines.filter((l) => l.left > box.left + box.width / 2).length,
          all: lines.length,
        };
      }),
    );
    for (const c of columns) expect(c.right / c.all, c.text).toBeGreaterThan(0.35);
    // A section's quote stands beside its running text (in one column then), as a pull-quote.
    const pulls = await frame.locator('.with-pull').evaluateAll((blocks) =>
      blocks.map((b) => ({
        text: b.querySelector('.pull-text')!.getBoundingClientRect(),
        quote: b.querySelector('.pull')!.getBoundingClientRect(),
      })),
    );
    expect(columns.length + pulls.length).toBeGreaterThan(0);
    for (const p of pulls) {
      expect(p.quote.left).toBeGreaterThanOrEqual(p.text.right);
      expect(p.quote.top).toBeLessThan(p.text.bottom);
    }
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    expect(consoleErrors.get(page)).toEqual([]);
    await screenshot(page, 'factsheet-preview-desktop');
    await page.locator('.f-preview').screenshot({ path: '.screens/factsheet-preview-desktop-pane.png' });
    await page.context().close();
  });

  it('moves the following sections to the next page when text added to a block no longer fits', { timeout: 180_000 }, async () => {
    const page = await openComposer(WIDTHS.desktop);
    const before = await previewPages(page);
    const pageOf = (pages: PreviewPage[], heading: string) => pages.findIndex((p) => p.headings.includes(heading)) + 1;
    // The last section that starts on page 1 (page 1 also holds the cover and the key figures).
    const watched = before[0].headings[before[0].headings.length - 1];
    expect(before[0].headings.length).toBeGreaterThan(1);

    await page.click('button[role=tab]:has-text("Teksten")');
    const project = page.locator('#f-text-project');
    const extra =
      'Het project loopt in vier gemeenten en verbindt jeugdgezondheidszorg, kinderopvang, huisartsen en specialistische hulp rondom gezinnen met jonge kinderen. ';
    const original = await project.inputValue();
    // More and more text, until the watched section no longer fits on page 1.
    for (let times = 10; times <= 24; times += 2) {
      const src = await page.locator('iframe.f-frame').getAttribute('src');
      await project.fill(`${original}\n\n${extra.repeat(times)}`);
      await expect.poll(() => page.locator('.f-bar [role=status]').textContent(), { timeout: 60_000 }).toContain('Opgeslagen');
      // The preview of the saved text is shown (a new iframe, laid into pages).
      await expect.poll(() => page.locator('iframe.f-frame').getAttribute('src'), { timeout: 60_000 }).not.toBe(src);
      if (pageOf(await previewPages(page), watched) === 2) break;
    }
    expect(pageOf(await previewPages(page), watched)).toBe(2);

    const after = await previewPages(page);
    expect(after[0].headings).toEqual(before[0].headings.slice(0, -1));
    expectSamePages(after, await pdfPages());
    // Beside the controls, the preview stays in view while the researcher scrolls on.
    await page.mouse.wheel(0, 1200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    const box = (await page.locator('.f-frame-wrap').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(WIDTHS.desktop.height);
    await page.screenshot({ path: '.screens/factsheet-preview-desktop-scrolled.png' });
    await page.context().close();
  });

  it('scales the pages down on a phone and follows the language', async () => {
    const page = await openComposer(WIDTHS.phone);
    const scale = await page.locator('iframe.f-frame').evaluate((f) => f.getBoundingClientRect().width / (f as HTMLElement).offsetWidth);
    expect(scale).toBeLessThan(0.5);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator('.f-frame-wrap').scrollIntoViewIfNeeded();
    await screenshot(page, 'factsheet-preview-phone');
    await page.locator('.f-preview').screenshot({ path: '.screens/factsheet-preview-phone-pane.png' });

    await page.click('label:has-text("Engels") input');
    await expect
      .poll(() => page.frameLocator('iframe.f-frame').locator('h1').textContent(), { timeout: 30_000 })
      .toBe('Evaluation of 1000 Kansen');
    await page.frameLocator('iframe.f-frame').locator('.sheet.paged').waitFor();
    expectSamePages(await previewPages(page), await pdfPages('en'));
    expect(consoleErrors.get(page)).toEqual([]);
    await page.context().close();
  });

  it('shows a manager the published version on the same A4 pages', async () => {
    await loginAs(t, 'manager@example.nl', { role: 'manager' });
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/studies/${SLUG}/factsheet/publish`,
      headers: researcher.headers,
      payload: { note: 'test' },
    });
    expect(published.statusCode).toBe(201);
    const page = await openComposer(WIDTHS.desktop, 'manager@example.nl');
    const pages = await previewPages(page);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/studies/${SLUG}/factsheets/latest?lang=nl&format=pdf`,
      headers: researcher.headers,
    });
    const file = path.join(dir, 'published.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    expect(pages.length).toBe(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]));
    expect(await page.frameLocator('iframe.f-frame').locator('.page-foot').first().innerText()).toMatch(
      /^Evaluation of 1000 Kansen|^Evaluatie 1000 Kansen/,
    );
    const violations = await axe(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    await page.context().close();
  });
});
