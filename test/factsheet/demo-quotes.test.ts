import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FACTSHEET } from '../../content/demo/factsheet.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { SLUG, studyId } from './helpers.js';

interface ExcerptRow {
  id: number;
  response_id: number;
  item: string;
  excerpt: string;
  role_label: string;
  role_label_en: string | null;
  participant_role: string | null;
  approved_at: string | null;
}

/**
 * Creating the demo study approves the demo researcher's quote excerpts at once: the
 * open-answers screen shows them as approved and the first factsheet draft prints them,
 * without anyone opening a screen first. They are attributed by role only.
 */
describe('demo quotes', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const base = `/api/studies/${SLUG}`;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: researcher.headers });
  const excerpts = () =>
    t.data.store.sqlite.prepare('select * from quote_excerpt where study_id = ? order by id').all(studyId(t)) as ExcerptRow[];

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  });
  afterAll(() => t.close());

  it('are approved when the demo study is created, before any factsheet draft exists', () => {
    expect(t.data.store.sqlite.prepare('select count(*) as n from factsheet_draft').get()).toEqual({ n: 0 });
    const rows = excerpts();
    expect(rows.map((r) => r.excerpt)).toEqual(DEMO_FACTSHEET.quotes.map((q) => q.excerpt));
    for (const r of rows) expect(r.approved_at).not.toBeNull();
  });

  it('are attributed by role only: no name, organisation or cohort role of the person', () => {
    const people = t.data.store.sqlite.prepare(
      'select c.name, p.organisation, p.role from participant p join participant_contact c on c.participant_id = p.id join response r on r.participant_id = p.id where r.id = ?',
    );
    for (const r of excerpts()) {
      expect(r.role_label).toMatch(/^professional over de (IMH-training|tools)$/);
      expect(r.role_label_en).toMatch(/^professional about the (IMH training|tools)$/);
      expect(r.participant_role).toBeNull();
      const who = people.get(r.response_id) as { name: string; organisation: string; role: string };
      for (const text of [r.excerpt, r.role_label, r.role_label_en ?? '']) {
        expect(text).not.toContain(who.name);
        expect(text).not.toContain(who.name.split(' ')[0]);
        expect(text.toLowerCase()).not.toContain(who.organisation.toLowerCase());
      }
    }
  });

  it('show as approved excerpts on the open-answers screen', async () => {
    for (const q of DEMO_FACTSHEET.quotes) {
      const list = (await get(`${base}/open-answers/${q.item}`)).json() as {
        answers: { excerpt: { text: string; approved: boolean } | null }[];
      };
      expect(list.answers.map((a) => a.excerpt).filter(Boolean)).toContainEqual(
        expect.objectContaining({ text: q.excerpt, approved: true }),
      );
    }
  });

  it('are in the first factsheet draft, in the sections the demo researcher chose', async () => {
    const d = (await get(`${base}/factsheet/draft?lang=nl`)).json() as {
      composition: { quotes: { id: number; section?: string; translation?: { en?: string } }[] };
      warnings: unknown[];
    };
    const ids = excerpts().map((r) => r.id);
    expect(d.composition.quotes).toEqual(
      DEMO_FACTSHEET.quotes.map((q, i) => ({ id: ids[i], section: q.section, translation: { en: q.translation.en } })),
    );
    expect(d.warnings).toEqual([]);
    const html = (await get(`${base}/factsheet/draft/output?lang=nl`)).body;
    for (const q of DEMO_FACTSHEET.quotes) expect(html).toContain(q.excerpt);
    expect(html).toContain('— professional over de tools');
    const en = (await get(`${base}/factsheet/draft/output?lang=en`)).body;
    expect(en).toContain('— professional about the IMH training');
  });
});
