import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasChromium, CHROMIUM } from '../helpers/browser.js';
import type { TestApp } from '../helpers/app.js';
import type { FactsheetRenderer } from '../../server/factsheet/pdf.js';
import type { RenderedDraft } from '../../server/factsheet/service.js';
import { renderFactsheetDocx } from '../../server/factsheet/docx/render.js';
import { NEUTRAL_STYLE, TYPEFACES } from '../../server/factsheet/house-style/house-style.js';
import { deleteHouseStyle, saveHouseStyle } from '../../server/factsheet/house-style/store.js';
import { fieldworkOf, fieldworkPeriod } from '../../server/factsheet/layout/fieldwork.js';
import type { Fit } from '../../server/factsheet/layout/fit.js';
import { pageFill } from './page-fill.js';
import { createNetworkStudy, NETWORK_SLUG } from './network-study.js';
import { renderDemoDrafts, studyDrafts, type RenderedDemo } from './rendered-demo.js';

describe('fieldwork period', () => {
  it('says the months of the rounds, not the month the factsheet was made', () => {
    expect(fieldworkPeriod({ from: '2022-01-10T08:00:00Z', to: '2022-10-24T21:00:00Z' }, 'nl')).toBe('januari – oktober 2022');
    expect(fieldworkPeriod({ from: '2022-01-10T08:00:00Z', to: '2022-10-24T21:00:00Z' }, 'en')).toBe('January – October 2022');
    expect(fieldworkPeriod({ from: '2021-11-01T08:00:00Z', to: '2022-03-02T08:00:00Z' }, 'nl')).toBe('november 2021 – maart 2022');
    expect(fieldworkPeriod({ from: '2022-10-03T08:00:00Z', to: '2022-10-24T08:00:00Z' }, 'nl')).toBe('oktober 2022');
  });

  it('takes each round from its opening to its closing or last submission, and skips rounds without answers', () => {
    const period = fieldworkOf([
      {
        opensAt: '2022-01-10T08:00:00Z',
        closesAt: '2022-01-31T22:00:00Z',
        firstAt: '2022-01-10T09:00:00Z',
        lastAt: '2022-01-27T12:00:00Z',
      },
      { opensAt: null, closesAt: null, firstAt: '2022-05-09T10:00:00Z', lastAt: '2022-05-26T04:00:00Z' },
      { opensAt: '2023-01-01T08:00:00Z', closesAt: null, firstAt: null, lastAt: null },
    ]);
    expect(period).toEqual({ from: '2022-01-10T08:00:00Z', to: '2022-05-26T04:00:00Z' });
    expect(fieldworkOf([{ opensAt: null, closesAt: null, firstAt: null, lastAt: null }])).toBeNull();
  });
});

const hasPoppler = ['pdftotext', 'pdfinfo', 'pdftoppm'].every((tool) => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const reason = !hasChromium ? `Chromium not found at ${CHROMIUM}` : !hasPoppler ? 'poppler-utils not installed' : '';

/**
 * The demo factsheet as a GGD would print it: 2–4 pages, the fieldwork period and the key
 * figures on page 1, no page but the last more than a quarter empty (measured on the rendered
 * pages); and the same factsheet as an editable .docx with its sections, text and charts.
 */
describe.skipIf(!!reason)(`factsheet layout${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let t: TestApp;
  let renderer: FactsheetRenderer;
  let dir: string;
  const drafts: Partial<Record<'nl' | 'en', RenderedDraft>> = {};

  let demo: RenderedDemo | undefined;

  beforeAll(async () => {
    demo = await renderDemoDrafts(new Date('2026-12-05T10:00:00Z'), 'rondo-layout-');
    ({ t, renderer, dir } = demo);
    Object.assign(drafts, demo.drafts);
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('fits a factsheet it has fitted before without measuring it again, to the same HTML', async () => {
    const html = drafts.nl!.html;
    const render = (fit: Fit) => (Object.keys(fit.scale).length || fit.early.length ? `${html}<!-- fitted -->` : html);
    const measure = vi.spyOn(renderer as unknown as { measureFit: () => unknown }, 'measureFit');
    try {
      const first = await renderer.fit(render);
      expect(await renderer.fit(render)).toEqual(first);
      expect(measure).toHaveBeenCalledTimes(1);
    } finally {
      measure.mockRestore();
    }
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`prints the ${lang} demo on 2–4 well-filled pages with the fieldwork period and key figures on page 1`, async () => {
      const file = path.join(dir, `f-${lang}.pdf`);
      fs.writeFileSync(file, await renderer.pdf(drafts[lang]!.html));
      const pages = pageFill(file);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.length).toBeLessThanOrEqual(4);
      for (const p of pages.slice(0, -1))
        expect(p.emptyBelow, `page ${p.page} is ${Math.round(p.emptyBelow * 100)}% empty`).toBeLessThanOrEqual(0.25);
      const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(first).toContain(lang === 'nl' ? 'Veldwerk januari – oktober 2022' : 'Fieldwork January – October 2022');
      // The cover states the fieldwork, and not the month the file was made as if it were the data's.
      expect(first.indexOf(lang === 'nl' ? 'Veldwerk' : 'Fieldwork')).toBeLessThan(first.indexOf(lang === 'nl' ? 'Concept' : 'Draft'));
      for (const figure of ['34', '62%', '65%', '35%', '82%']) expect(first).toContain(figure);
      // Chart labels are never cut short.
      expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).not.toContain('…');
    }, 60_000);
  }

  /** The text of each page of a PDF, on one line, in lower case. */
  const pageTexts = (file: string, pages: number) =>
    Array.from({ length: pages }, (_, i) =>
      execFileSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, file, '-'], { encoding: 'utf8' })
        .replace(/\s+/g, ' ')
        .toLowerCase(),
    );

  /**
   * Prints a rendered draft and checks its pages as a GGD would: 2–4 pages, none but the last
   * more than a quarter empty, each section's heading, lead and chart on one page, no label cut
   * short. Returns the page fill (empty below the last line, per page).
   */
  const checkPrint = async (draft: RenderedDraft, name: string, lang: 'nl' | 'en'): Promise<string> => {
    const file = path.join(dir, `f-${name}-${lang}.pdf`);
    fs.writeFileSync(file, await renderer.pdf(draft.html));
    const pages = pageFill(file);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(4);
    for (const p of pages.slice(0, -1))
      expect(p.emptyBelow, `${name} ${lang}: page ${p.page} is ${Math.round(p.emptyBelow * 100)}% empty`).toBeLessThanOrEqual(0.25);
    const texts = pageTexts(file, pages.length);
    const norm = (text: string) => text.replace(/\s+/g, ' ').toLowerCase();
    const on = (text: string) => texts.findIndex((page) => page.includes(norm(text)));
    for (const section of draft.document.sections) {
      const chart = section.blocks.find((b) => b.kind === 'chart');
      const lead = section.blocks.find((b) => b.kind === 'paragraph' && b.style === 'lead');
      if (chart?.kind !== 'chart') continue;
      const title = draft.document.charts.find((c) => c.id === chart.chart)!.title;
      // The heading directly followed by its lead, on one page, and the chart's title on that page too.
      const opening = lead?.kind === 'paragraph' ? `${section.title} ${lead.sentences[0].text.slice(0, 60)}` : section.title;
      const heading = on(opening);
      expect(heading, `${name} ${lang}: heading and lead of ${section.title} on one page`).toBeGreaterThanOrEqual(0);
      expect(texts[heading], `${name} ${lang}: chart ${title}`).toContain(norm(title));
    }
    expect(texts.join(' ')).not.toContain('…');
    return pages.map((p) => `${Math.round(p.emptyBelow * 100)}%`).join(' / ');
  };

  it('prints the demo well filled in every typeface and language, each chart on the page of its section’s heading and lead', async () => {
    const fills: string[] = [];
    try {
      for (const typeface of TYPEFACES) {
        await saveHouseStyle(
          t.data.store.db,
          demo!.studyId,
          { primary: NEUTRAL_STYLE.primary, accent: NEUTRAL_STYLE.accent, typeface },
          null,
          new Date(),
        );
        for (const lang of ['nl', 'en'] as const)
          fills.push(`${typeface} ${lang}: ${await checkPrint(await demo!.render(lang), typeface, lang)}`);
      }
    } finally {
      await deleteHouseStyle(t.data.store.db, demo!.studyId);
      console.log(`page fill, empty below the last line per page:\n${fills.join('\n')}`);
    }
  }, 180_000);

  it('prints a study that is not the demo as well: other partners, tools, roles and rounds, a falling item, low response', async () => {
    await createNetworkStudy(t);
    const { render } = await studyDrafts(t, renderer, NETWORK_SLUG, new Date('2026-12-05T10:00:00Z'));
    const fills: string[] = [];
    for (const lang of ['nl', 'en'] as const) {
      const draft = await render(lang);
      fills.push(`${lang}: ${await checkPrint(draft, NETWORK_SLUG, lang)}`);
      expect(draft.document.fieldwork).toBe(lang === 'nl' ? 'maart 2024 – maart 2025' : 'March 2024 – March 2025');
    }
    console.log(`page fill of ${NETWORK_SLUG}:\n${fills.join('\n')}`);
  }, 120_000);

  it('prints a warm PDF quickly (the machine is shared: generous bound, the time is logged)', async () => {
    await renderer.pdf(drafts.nl!.html);
    const start = performance.now();
    await renderer.pdf(drafts.nl!.html);
    const ms = performance.now() - start;
    console.log(`warm PDF: ${Math.round(ms)} ms`);
    expect(ms, 'a hang guard only: bench/ measures speed').toBeLessThan(20_000);
  }, 60_000);

  it('writes the same factsheet as an editable .docx: sections, sentences, key figures and chart images', async () => {
    const doc = drafts.nl!.document;
    const docx = await renderFactsheetDocx(doc, (svgs) => renderer.pngs(svgs));
    const files = unzipSync(new Uint8Array(docx));
    const xml = strFromU8(files['word/document.xml']);
    const text = xml
      .replace(/<[^>]+>/g, '')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    for (const s of doc.sections) {
      expect(text).toContain(s.title);
      for (const b of s.blocks) if (b.kind === 'paragraph') expect(text).toContain(b.sentences[0].text.slice(0, 40));
    }
    for (const k of doc.keyFigures!) expect(text).toContain(k.value);
    expect(text).toContain('januari – oktober 2022');
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    const pngs = media.filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(doc.charts.length);
    expect(media.filter((f) => f.endsWith('.svg'))).toHaveLength(doc.charts.length);
    for (const f of pngs) expect(Buffer.from(files[f].subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    // Each chart is in the text with its title as alternative text.
    for (const c of doc.charts) expect(xml).toContain(`title="${c.title.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
    // The text's font by name: Arial (Arimo's metrics) without a house style, else the house style's typeface.
    expect(strFromU8(files['word/styles.xml'])).toMatch(/w:ascii="Arial"/);
    const serif = await renderFactsheetDocx({ ...doc, style: { ...(doc.style ?? NEUTRAL_STYLE), typeface: 'source-serif-4' } }, (svgs) =>
      renderer.pngs(svgs),
    );
    expect(strFromU8(unzipSync(new Uint8Array(serif))['word/styles.xml'])).toMatch(/w:ascii="Source Serif 4"/);
  }, 60_000);
});
