import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium } from '../helpers/browser.js';
import { buildTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { analysisSource } from '../../server/factsheet/load-data.js';
import { withNetworkFigures } from '../../server/factsheet/network/load.js';
import type { Chromium } from '../../server/factsheet/chromium.js';
import { FactsheetRenderer } from '../../server/factsheet/pdf.js';
import { openDraft, renderDraft } from '../../server/factsheet/service.js';
import { renderRegionalReport } from '../../server/factsheet/regional/report.js';
import { findStudyBySlug } from '../../server/studies/repository.js';
import { NETWORK, OPEN, TEST_DOMAINS, createNetworkFactsheetStudy } from './network-factsheet-fixture.js';
import { regionalFixture } from '../../server/factsheet/regional/overview.testkit.js';

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
 * A network study's factsheet and the regional yearly report as a reader gets them: A4 PDFs of a
 * few pages whose text holds the sections, the figures with their n and the plan, in the study's
 * own words. One browser for the whole file.
 */
describe.skipIf(!!reason)(`network factsheet and regional report PDFs${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let t: TestApp;
  let renderer: FactsheetRenderer;
  let dir: string;
  /** The PDF's text in reading order, lines joined: a sentence wrapped over two lines is found whole. */
  const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

  beforeAll(async () => {
    t = await buildTestApp();
    await createNetworkFactsheetStudy(t);
    renderer = new FactsheetRenderer(CHROMIUM);
    dir = process.env.RONDO_KEEP_PDF ?? tempDir('rondo-network-pdf-');
  }, 90_000);
  afterAll(async () => {
    await renderer?.close();
    await t?.close();
    if (!process.env.RONDO_KEEP_PDF) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The network factsheet's HTML, fitted to its pages by the renderer (which keeps the fit's page). */
  const networkHtml = async (lang: 'nl' | 'en', teamMode: boolean) => {
    const row = (await findStudyBySlug(t.data.store.db, NETWORK))!;
    const study = {
      id: row.id,
      slug: NETWORK,
      definition: { ...row.definition, languages: ['nl', 'en'] as ('nl' | 'en')[] },
      isDemo: false,
    };
    const source = withNetworkFigures(analysisSource(t.app.analysis), t.app.analysis, t.data.store.db, () => OPEN);
    const data = await source(study);
    // The Quick Scan's analysis adds domain coverage in another area; until then the test gives it.
    const withDomains = {
      ...data,
      settings: { ...data.settings, teamMode },
      network: {
        ...data.network!,
        domains: TEST_DOMAINS,
        roleLabels: { team: { nl: 'Team', en: 'Team' }, steun: { nl: 'Steunnetwerk', en: 'Support network' } },
      },
    };
    const draft = await openDraft(t.data.store.db, study, { userId: null, label: 'test' }, OPEN);
    const rendered = await renderDraft(t.data.store.db, source, study, draft.composition, lang, OPEN, {
      data: withDomains,
      fitter: (render) => renderer.fit(render),
    });
    return rendered.html;
  };
  const networkPdf = async (lang: 'nl' | 'en', teamMode: boolean) => {
    const html = await networkHtml(lang, teamMode);
    const file = path.join(dir, `network-${lang}-${teamMode ? 'team' : 'standard'}.pdf`);
    fs.writeFileSync(file, await renderer.pdf(html));
    return file;
  };
  /** Each page of a PDF as a PNG (poppler), to compare two PDFs as a reader sees them. */
  const pageImages = (file: string) => {
    const prefix = file.replace(/\.pdf$/, '');
    execFileSync('pdftoppm', ['-r', '40', '-png', file, prefix]);
    return fs
      .readdirSync(path.dirname(file))
      .filter((f) => f.startsWith(`${path.basename(prefix)}-`) && f.endsWith('.png'))
      .sort()
      .map((f) => fs.readFileSync(path.join(path.dirname(file), f)));
  };

  /** The browser contexts Chromium itself has open (each of the renderer's pages is one). */
  const contexts = async () => {
    const browser = await (renderer as unknown as { browser: Promise<Chromium> }).browser;
    return (await browser.send('Target.getBrowserContexts')).browserContextIds.length as number;
  };

  it('prints a fitted factsheet from the page its fit measured on, as it prints it from a new page', async () => {
    const html = await networkHtml('nl', false);
    // The fit's page is kept, holding the fitted HTML: its PDF is printed there, without loading it again.
    expect(await contexts()).toBe(1);
    const fromFitted = path.join(dir, 'fitted-page.pdf');
    fs.writeFileSync(fromFitted, await renderer.pdf(html));
    expect(await contexts()).toBe(0);
    // With no page kept the same HTML is loaded in a new page: the same pages, the same text.
    const fromNew = path.join(dir, 'new-page.pdf');
    fs.writeFileSync(fromNew, await renderer.pdf(html));
    expect(pdfText(fromFitted)).toBe(pdfText(fromNew));
    expect(pageImages(fromFitted)).toEqual(pageImages(fromNew));
    // A PDF of other HTML does not print the kept page: it is closed, and the other HTML printed.
    await networkHtml('en', false);
    expect(await contexts()).toBe(1);
    const other = path.join(dir, 'other.pdf');
    fs.writeFileSync(other, await renderer.pdf('<!doctype html><html lang="en"><title>Other</title><p>Another document</p>'));
    expect(await contexts()).toBe(0);
    expect(pdfText(other)).toContain('Another document');
    expect(renderer.openPages).toBe(0);
    // Closing the renderer closes a kept page and stops Chromium, which starts again when next asked.
    await networkHtml('nl', true);
    expect(await contexts()).toBe(1);
    expect(renderer.openPages).toBe(1);
    const browser = await (renderer as unknown as { browser: Promise<Chromium> }).browser;
    await renderer.close();
    expect(renderer.openPages).toBe(0);
    expect(browser.running).toBe(false);
  }, 90_000);

  it('prints the network factsheet on two to four A4 pages with its four sections, in the study’s words', async () => {
    const file = await networkPdf('nl', false);
    expect(pages(file)).toBeGreaterThanOrEqual(2);
    expect(pages(file)).toBeLessThanOrEqual(4);
    const text = pdfText(file);
    for (const heading of ['WAAR STAAN WE', 'VERANDERING SINDS DE VORIGE METING', 'VERBETERPLAN', 'VOLGENDE STAPPEN'])
      expect(text).toContain(heading);
    expect(text).toContain('4 van 5 domeinen vertegenwoordigd in het team en het steunnetwerk; ontbreekt: Kinderopvang.');
    expect(text).toMatch(/te weinig antwoorden om cijfers te tonen \(n = 4 en 4\)/);
    expect(text).toContain('Samenwerking met de kinderopvang versterken');
    expect(text).toContain('Casusoverleg plannen met de pedagogisch medewerkers');
    // Owners by role only: no member's e-mail address or name is printed.
    expect(text).not.toContain('@example.nl');
    expect(text).toContain('Netwerkverbinder');
    expect(text).not.toMatch(/\btraining\b|\bZAT\b|\btools\b/i);
  }, 90_000);

  it('prints the team’s own counts in team mode, and the English edition', async () => {
    const text = pdfText(await networkPdf('nl', true));
    expect(text).toMatch(/steeg\s+van\s+gemiddeld\s+6,0\s+\(n\s+=\s+4\)/);
    expect(text).toContain('te weinig waarnemingen om dit te toetsen');
    const en = pdfText(await networkPdf('en', true));
    expect(en).toContain('WHERE WE STAND');
    expect(en).toContain('IMPROVEMENT PLAN');
    expect(en).not.toMatch(/\btraining\b|\bZAT\b|\btools\b/i);
  }, 90_000);

  it('prints the regional yearly report with the three networks side by side', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const file = path.join(dir, `regional-${lang}.pdf`);
      fs.writeFileSync(file, await renderRegionalReport(regionalFixture(), lang, 'pdf', { renderer }));
      expect(pages(file)).toBeGreaterThanOrEqual(2);
      expect(pages(file)).toBeLessThanOrEqual(5);
      const text = pdfText(file);
      for (const network of ['IMH-netwerk Venlo', 'IMH-netwerk Horst aan de Maas', 'IMH-netwerk Peel en Maas'].map((n) =>
        lang === 'nl' ? n : n.replace('IMH-netwerk', 'IMH network'),
      ))
        expect(text).toContain(network);
      if (lang === 'nl') {
        expect(text).toContain('REGIONALE JAARRAPPORTAGE');
        expect(text).toContain('te weinig antwoorden, n = 5');
        expect(text).toContain('niet getoond');
        expect(text).toContain('te weinig waarnemingen om te toetsen');
        expect(text).toContain('Eén contactpersoon per gezin');
      }
    }
  }, 90_000);
});
