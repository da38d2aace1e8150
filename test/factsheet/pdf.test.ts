import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, CHROMIUM } from '../helpers/browser.js';
import { type TestApp } from '../helpers/app.js';
import { main } from '../../server/cli/index.js';
import { analysisSource } from '../../server/factsheet/load-data.js';
import type { FactsheetRenderer } from '../../server/factsheet/pdf.js';
import { openDraft, renderDraft, type RenderedDraft } from '../../server/factsheet/service.js';
import { deleteHouseStyle, saveHouseStyle } from '../../server/factsheet/house-style/store.js';
import { findStudyBySlug } from '../../server/studies/repository.js';
import { SLUG } from './helpers.js';
import { renderDemoDrafts, type RenderedDemo } from './rendered-demo.js';

const hasPoppler = ['pdftotext', 'pdfinfo', 'pdffonts'].every((tool) => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const reason = !hasChromium
  ? `Chromium not found at ${CHROMIUM} (apt-get install chromium)`
  : !hasPoppler
    ? 'poppler-utils not installed (apt-get install poppler-utils)'
    : '';

/**
 * The demo factsheet as a reader gets it: a 2–4 page A4 PDF whose text holds the key numbers,
 * with embedded fonts, title and language; an HTML file that opens offline with its charts;
 * chart PNGs; and the CLI. One browser for the whole file.
 */
describe.skipIf(!!reason)(`factsheet PDF and HTML outputs${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let t: TestApp;
  let browser: Browser;
  let renderer: FactsheetRenderer;
  let dir: string;
  const drafts: Partial<Record<'nl' | 'en', RenderedDraft>> = {};

  let demo: RenderedDemo | undefined;

  beforeAll(async () => {
    demo = await renderDemoDrafts(new Date('2026-11-23T10:00:00Z'), 'rondo-factsheet-');
    ({ t, browser, renderer, dir } = demo);
    Object.assign(drafts, demo.drafts);
  });
  afterAll(async () => {
    await demo?.close();
  });

  const pdfFile = async (lang: 'nl' | 'en') => {
    const file = path.join(dir, `factsheet-${lang}.pdf`);
    if (!fs.existsSync(file)) fs.writeFileSync(file, await renderer.pdf(drafts[lang]!.html));
    return file;
  };
  const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  const pdfInfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

  it('writes the Dutch demo factsheet as a 2–4 page A4 PDF within 5 seconds', async () => {
    await renderer.pdf('<!doctype html><title>warm-up</title><p>warm-up</p>');
    const started = performance.now();
    const pdf = await renderer.pdf(drafts.nl!.html);
    const ms = performance.now() - started;
    console.info(`factsheet PDF (nl, warm browser): ${Math.round(ms)} ms, ${Math.round(pdf.length / 1024)} kB`);
    expect(ms, 'a hang guard only: bench/ measures speed').toBeLessThan(20_000);
    const file = path.join(dir, 'factsheet-nl.pdf');
    fs.writeFileSync(file, pdf);
    const info = pdfInfo(file);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 841\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Evaluatie 1000 Kansen/);
    expect(info).toMatch(/Tagged:\s+yes/);
  });

  it('has the key numbers of the story as selectable text', async () => {
    const text = pdfText(await pdfFile('nl')).replace(/\s+/g, ' ');
    for (const needle of [
      '62% in de voormeting (21 van 34)',
      '65% in de tussenmeting (22 van 34)',
      '35% in de nameting (12 van 34)',
      'De respons in de nameting lag onder 50%',
      'POH GGZ Jeugd',
      'Voorschoolse intern begeleiders',
      'Specialistische ondersteuning jeugd',
      'ligt het hoogste percentage in de tussenmeting',
      '‘IMH beslisboom’ het minst gebruikt',
      '82% (9 van 11; 95%-BI 52–95%)',
      'laagdrempelige pedagogische ondersteuning',
      'kortdurende IMH-interventie',
      'positieve casussen',
      '— professional over de IMH-training',
      'citaten komen alleen uit groepen van ten minste 10 respondenten',
      'Demo met synthetische gegevens',
    ])
      expect(text).toContain(needle);
    // Chart labels are real text too.
    expect(text).toMatch(/Voormeting \(n=21\)/);
    expect(text).toMatch(/n=12/);
  });

  it('embeds its fonts and declares its language', async () => {
    const file = await pdfFile('nl');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // Its own typeface, whatever fonts the machine has (html/fonts.ts): the text, bold and italic.
    for (const face of ['Arimo-Regular', 'Arimo-Bold', 'Arimo-Italic']) expect(fonts.some((line) => line.includes(`+${face} `))).toBe(true);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, unicode map
    expect(fs.readFileSync(file).toString('latin1')).toMatch(/\/Lang\s*\(nl\)/);
  });

  it.each([
    ['source-sans-3', 'SourceSans3'],
    ['source-serif-4', 'SourceSerif4'],
  ] as const)('sets its text in the house style’s typeface %s (the charts keep Arimo)', async (typeface, family) => {
    const study = (await findStudyBySlug(t.data.store.db, SLUG))!;
    const now = new Date('2026-11-23T10:00:00Z');
    await saveHouseStyle(t.data.store.db, study.id, { primary: '#1f4e79', accent: '#8a3b00', typeface }, null, now);
    try {
      const draft = await openDraft(t.data.store.db, study, { userId: null, label: 'test' }, now);
      const rendered = await renderDraft(t.data.store.db, analysisSource(t.app.analysis), study, draft.composition, 'nl', now, {
        fitter: (render) => renderer.fit(render),
      });
      const file = path.join(dir, `factsheet-${typeface}.pdf`);
      fs.writeFileSync(file, await renderer.pdf(rendered.html));
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      // The fontsource files are instances of the variable font and keep its PostScript name
      // (e.g. SourceSans3ExtraLight-Bold), so the test asks for the family and the style.
      for (const face of ['Regular', 'Bold', 'Italic']) expect(fonts.join('\n')).toMatch(new RegExp(`\\+${family}\\w*-${face} `));
      expect(fonts.join('\n')).toContain('+Arimo-Regular '); // chart labels
      for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+yes\b/);
    } finally {
      await deleteHouseStyle(t.data.store.db, study.id);
    }
  });

  it('writes the English factsheet with the same numbers', async () => {
    const text = pdfText(await pdfFile('en')).replace(/\s+/g, ' ');
    expect(text).toContain(
      'Response was 62% at pre-training (21 of 34), 65% at mid-training (22 of 34) and 35% at post-training (12 of 34).',
    );
    expect(text).toContain('82% (9 of 11; 95% CI 52–95%)');
    expect(pdfInfo(await pdfFile('en'))).toMatch(/Title:\s+Evaluation of 1000 Kansen/);
  });

  it('writes an HTML file that opens offline in Chromium with all its charts', async () => {
    const file = path.join(dir, 'factsheet.html');
    fs.writeFileSync(file, drafts.nl!.html);
    const context = await browser.newContext({ offline: true });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    try {
      const page = await context.newPage();
      await page.goto(pathToFileURL(file).href);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      expect(await page.locator('script').count()).toBe(0);
      const charts = await page.locator('svg.chart').evaluateAll((svgs) =>
        svgs.map((s) => ({
          id: s.getAttribute('aria-labelledby'),
          w: s.getBoundingClientRect().width,
          texts: s.querySelectorAll('text').length,
        })),
      );
      expect(charts.map((c) => c.id?.split('-t ')[0])).toEqual(['chart-response', 'chart-partners', 'chart-competence', 'chart-tools']);
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(300);
        expect(c.texts).toBeGreaterThan(5);
      }
      expect(await page.title()).toBe('Evaluatie 1000 Kansen');
      expect(await page.locator('html').getAttribute('lang')).toBe('nl');
      // Nothing sticks out of the A4 sheet.
      const overflow = await page.evaluate(() => {
        const sheet = document.querySelector('.sheet')!.getBoundingClientRect();
        return [...document.querySelectorAll('.sheet *')].filter((el) => el.getBoundingClientRect().right > sheet.right + 0.5).length;
      });
      expect(overflow).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('exports each chart as a sharp PNG', async () => {
    for (const chart of drafts.nl!.document.charts) {
      const png = await renderer.png(chart.svg);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      const width = png.readUInt32BE(16);
      const svgWidth = Number(/width="(\d+)"/.exec(chart.svg)![1]);
      expect(width).toBe(svgWidth * 2);
    }
  });

  it('prints a quote excerpt containing <script> as text', async () => {
    const d = drafts.nl!;
    const doc = structuredClone(d.document);
    const quotes = doc.sections.find((s) => s.key === 'quotes') ?? doc.sections[0];
    quotes.blocks.push({ kind: 'quote', id: 999, text: '<script>document.title="gehackt"</script>Goed idee', attribution: 'professional' });
    const { renderFactsheetHtml } = await import('../../server/factsheet/html/render.js');
    const file = path.join(dir, 'script.pdf');
    fs.writeFileSync(file, await renderer.pdf(renderFactsheetHtml(doc)));
    // A pull-quote beside the text is narrow: lines may break anywhere in it.
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain('<script>document.title="gehackt"</script>Goedidee');
    expect(pdfInfo(file)).toMatch(/Title:\s+Evaluatie 1000 Kansen/);
  });

  it('rondo factsheet writes the PDF and the HTML, and says how to install Chromium when it is missing', async () => {
    let out = '';
    let err = '';
    const io = {
      out: (s: string) => {
        out += s;
      },
      err: (s: string) => {
        err += s;
      },
      env: {},
    };
    const pdf = path.join(dir, 'cli.pdf');
    const html = path.join(dir, 'cli.html');
    expect(await main(['factsheet', '--study', SLUG, '--lang', 'nl', '--out', pdf, '--data', t.dir, '--chromium', CHROMIUM], io)).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await main(['factsheet', '--study', SLUG, '--lang', 'en', '--out', html, '--data', t.dir], io)).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toContain('<html lang="en">');
    expect(out).toMatch(/wrote .*cli\.pdf \(draft, nl/);
    expect(
      await main(
        [
          'factsheet',
          '--study',
          SLUG,
          '--lang',
          'nl',
          '--out',
          path.join(dir, 'x.pdf'),
          '--data',
          t.dir,
          '--chromium',
          '/nonexistent/chromium',
        ],
        io,
      ),
    ).toBe(1);
    expect(err).toContain('apt-get install chromium');
    expect(
      await main(
        ['factsheet', '--study', SLUG, '--lang', 'nl', '--out', path.join(dir, 'x.pdf'), '--published', 'latest', '--data', t.dir],
        io,
      ),
    ).toBe(1);
    expect(err).toContain('has no published factsheet');
    // Chromium is started before the study is read (warm): an unknown study still ends with its message, the browser closed.
    expect(await main(['factsheet', '--study', 'bestaat-niet', '--out', path.join(dir, 'y.pdf'), '--data', t.dir], io)).toBe(1);
    expect(err).toContain('no study "bestaat-niet"');
    expect(fs.existsSync(path.join(dir, 'y.pdf'))).toBe(false);
  });
});
