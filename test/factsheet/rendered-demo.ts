import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, CHROMIUM } from '../helpers/browser.js';
import { buildTestApp, tempDir, type TestApp } from '../helpers/app.js';
import { analysisSource } from '../../server/factsheet/load-data.js';
import { FactsheetRenderer } from '../../server/factsheet/pdf.js';
import { openDraft, renderDraft, type RenderedDraft } from '../../server/factsheet/service.js';
import { findStudyBySlug } from '../../server/studies/repository.js';
import { SLUG } from './helpers.js';

/** The demo's factsheet draft rendered and fitted in both languages by a renderer, and a browser (playwright) to look at HTML with. */
export interface RenderedDemo {
  t: TestApp;
  browser: Browser;
  renderer: FactsheetRenderer;
  /** A temporary directory for the test's output files. */
  dir: string;
  drafts: Record<'nl' | 'en', RenderedDraft>;
  /** The demo's study id, and its draft rendered and fitted again (after a change such as a house style). */
  studyId: number;
  render(lang: 'nl' | 'en'): Promise<RenderedDraft>;
  close(): Promise<void>;
}

export async function renderDemoDrafts(now: Date, dirPrefix: string): Promise<RenderedDemo> {
  const t = await buildTestApp({ demo: true });
  const browser = await launchBrowser();
  const renderer = new FactsheetRenderer(CHROMIUM);
  const dir = tempDir(dirPrefix);
  const { studyId, render } = await studyDrafts(t, renderer, SLUG, now);
  const drafts = { nl: await render('nl'), en: await render('en') };
  return {
    t,
    browser,
    renderer,
    dir,
    drafts,
    studyId,
    render,
    async close() {
      await renderer.close();
      await browser.close();
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A study's default factsheet draft, rendered and fitted in a language on request (after a change such as a house style). */
export async function studyDrafts(t: TestApp, renderer: FactsheetRenderer, slug: string, now: Date) {
  const study = (await findStudyBySlug(t.data.store.db, slug))!;
  const draft = await openDraft(t.data.store.db, study, { userId: null, label: 'test' }, now);
  const source = analysisSource(t.app.analysis);
  const data = await source(study);
  const render = (lang: 'nl' | 'en') =>
    renderDraft(t.data.store.db, source, study, draft.composition, lang, now, { data, fitter: (html) => renderer.fit(html) });
  return { studyId: study.id, render };
}
