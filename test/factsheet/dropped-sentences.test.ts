import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FactsheetData, Change, Series } from '../../analysis/findings/data.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { SLUG } from './helpers.js';

/**
 * Figures that contradict a generated sentence: the demo study's analysis with each demonstrable
 * change's last-round figure set back to its first-round figure, so "a demonstrable increase"
 * stands beside a chart that shows none (as in analysis/findings/claims.test.ts). The tampering
 * is at the boundary between the analysis and the factsheet (factsheetDataFromAnalysis); the
 * rest — the draft route, the document, the checked sentences — runs as it does for a real study.
 */
vi.mock('../../analysis/findings/source.js', async (importOriginal) => {
  const source = await importOriginal<typeof import('../../analysis/findings/source.js')>();
  const flatten = (item: { perRound: Series['perRound']; change: Change | null }) => {
    const c = item.change;
    if (c && (c.evidence === 'increase' || c.evidence === 'decrease')) item.perRound[c.to] = item.perRound[c.from];
  };
  return {
    ...source,
    factsheetDataFromAnalysis: (...args: Parameters<typeof source.factsheetDataFromAnalysis>): FactsheetData => {
      const data = structuredClone(source.factsheetDataFromAnalysis(...args));
      for (const item of [...data.tools.items, ...data.competence]) flatten(item);
      return data;
    },
  };
});

interface DraftReply {
  sentences: { key: string; text: string }[];
  warnings: { code: string; ref?: string; message: string }[];
}

describe('sentences whose claim the figures contradict', () => {
  let t: TestApp;
  let researcher: LoggedIn;

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  });
  afterAll(() => t.close());

  it('are left out of the draft and listed for the composer’s "Weggelaten zinnen" notice, in both languages', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const reply = await t.app.inject({
        method: 'GET',
        url: `/api/studies/${SLUG}/factsheet/draft?lang=${lang}`,
        headers: researcher.headers,
      });
      expect(reply.statusCode).toBe(200);
      const draft = reply.json() as DraftReply;
      const dropped = draft.warnings.filter((w) => w.code === 'sentence-dropped');
      expect(dropped.length).toBeGreaterThan(0);
      for (const w of dropped) {
        expect(w.message).toMatch(lang === 'nl' ? /— weggelaten: / : /— left out: /);
        // A dropped sentence is not among the printed ones.
        expect(draft.sentences.map((s) => s.key)).not.toContain(w.ref);
      }
      expect(
        dropped.some((w) => (lang === 'nl' ? /aantoonbare (toename|afname)/ : /demonstrable (increase|decrease)/).test(w.message)),
      ).toBe(true);
    }
  });
});
