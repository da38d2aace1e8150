import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createImhStudy } from '../helpers/study.js';

/**
 * Figures that contradict a generated sentence, from a real cohort: 16 professionals answer
 * "Ik ben competent om problematiek te signaleren" before and after. Twelve go from "helemaal
 * oneens" to "neutraal", the four who agreed go to "neutraal" too. The paired test on the
 * whole scale finds a demonstrable increase (12 up by two steps, 4 down by one), while the
 * share that agrees — the figure the chart prints — falls from 25% (4 of 16) to 0%. A sentence
 * calling that "a demonstrable increase" beside a chart that shows a fall is left out. The
 * answers come in through the response import, as a researcher's file would.
 */
const SLUG = 'signaleren';
const KEYS = Array.from({ length: 16 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
const PRE = KEYS.map((_, i) => (i < 12 ? 1 : 4));
const POST = KEYS.map(() => 3);

interface DraftReply {
  sentences: { key: string; text: string }[];
  warnings: { code: string; ref?: string; message: string }[];
}

describe('sentences whose claim the figures contradict', () => {
  let t: TestApp;
  let researcher: LoggedIn;

  beforeAll(async () => {
    t = await buildTestApp();
    const { studyId } = await createImhStudy(t.data.store.db, SLUG, { nl: 'Signaleren', en: 'Signalling' });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: SLUG });
    const s = t.data.store.sqlite;
    for (const key of KEYS) {
      const id = Number(
        s
          .prepare("insert into participant (study_id, key, organisation, role, created_at) values (?, ?, 'GGD', 'ggd-arts', ?)")
          .run(studyId, key, '2022-01-01T00:00:00Z').lastInsertRowid,
      );
      s.prepare("insert into participant_contact (participant_id, name, email) values (?, '', ?)").run(id, `${key}@example.nl`);
    }
    const mapping = {
      format: 'rondo.import-mapping/1',
      participants: { identify: 'key', column: 'key' },
      columns: { comp_signal: { variable: 'comp_signal' } },
      invite: 'cohort',
    };
    for (const [round, codes] of [
      ['pre', PRE],
      ['post', POST],
    ] as const) {
      const csv = ['key;comp_signal', ...KEYS.map((k, i) => `${k};${codes[i]}`)].join('\r\n') + '\r\n';
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/studies/${SLUG}/imports`,
        headers: researcher.headers,
        payload: { data: Buffer.from(csv).toString('base64'), fileName: `${round}.csv`, round, mapping },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
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
      // The item's own sentence, with the figures the chart shows.
      expect(dropped.map((w) => w.message)).toContainEqual(
        lang === 'nl'
          ? expect.stringMatching(
              /daalde van 25% \(4 van 16\) .* naar 0% \(0 van 16\) .*: een aantoonbare toename .* — weggelaten: comp_signal/,
            )
          : expect.stringMatching(/fell from 25% \(4 of 16\) .* to 0% \(0 of 16\) .*: a demonstrable increase .* — left out: comp_signal/),
      );
    }
  });
});
