import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optionSub } from '../../model/index.js';
import type { Composition } from '../../server/factsheet/composition.js';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { submittedStatements } from '../helpers/responses.js';

/**
 * A study made from rondo's own "repeated monitor" template, as a researcher makes it, answered
 * by twenty members in both half-years: its first factsheet reports what it asks. Before, the
 * default draft had no section for its statements, its mark or its priorities (they measure no
 * knowledge, collaboration or tool use), and printed one page with a single figure; its methods
 * box pointed at "die toets" with no test named before it.
 */
const SLUG = 'monitor-west';
const MEMBERS = 20;

let t: TestApp;
let researcher: LoggedIn;

type Draft = {
  composition: Composition;
  sentences: { key: string; section: string; text: string }[];
  charts: { id: string; section: string; title: string }[];
};
const draft = async (slug: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/studies/${slug}/factsheet/draft`, headers: researcher.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Draft;
};
const enabled = (d: Draft, key: string) => d.composition.sections.find((s) => s.key === key)?.enabled;

beforeAll(async () => {
  t = await buildTestApp();
  researcher = await loginAs(t, 'onderzoeker@example.nl', { isAdmin: true });
  for (const [slug, template] of [
    [SLUG, 'monitor'],
    ['training-oost', 'imh-training'],
  ]) {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/studies',
      headers: researcher.headers,
      payload: { title: { nl: slug }, organisation: 'GGD West', slug, languages: ['nl'], source: { kind: 'template', template } },
    });
    expect(made.statusCode, made.body).toBe(201);
  }
  seedAnswers();
}, 60_000);
afterAll(() => t?.close());

/** Twenty members, both half-years; the statements and the mark are a little better in the second. */
function seedAnswers(): void {
  const s = t.data.store.sqlite;
  const study = s.prepare('select id from study where slug = ?').get(SLUG) as { id: number };
  const rounds = s.prepare('select id from round where study_id = ? order by position').all(study.id) as { id: number }[];
  const version = (s.prepare('select id from questionnaire_version where study_id = ?').get(study.id) as { id: number }).id;
  const insP = s.prepare(
    'insert into participant (study_id, key, organisation, role, team, left_from_round_id, created_at) ' +
      "values (?, ?, ?, ?, '', null, '2027-01-01')",
  );
  const { insI, insR, insA } = submittedStatements(s);
  s.transaction(() => {
    for (let p = 0; p < MEMBERS; p++) {
      const pid = Number(
        insP.run(study.id, `lid${p + 1}`, ['Team Noord', 'Team Zuid'][p % 2], ['kraamverzorgende', 'coördinator'][p % 2]).lastInsertRowid,
      );
      rounds.forEach((r, ri) => {
        const at = `2027-0${3 + 6 * ri}-15T10:00:00.000Z`;
        const inv = Number(insI.run(pid, r.id, `${SLUG}-${pid}-${ri}`, at, at, at).lastInsertRowid);
        const rid = Number(insR.run(study.id, r.id, pid, inv, version, at, at, at).lastInsertRowid);
        insA.run(rid, 'role', '', (p % 4) + 1);
        insA.run(rid, 'clear_roles', '', Math.min(5, 2 + ((p + 2 * ri) % 4)));
        insA.run(rid, 'agreements_kept', '', Math.min(5, 3 + ((p + ri) % 3)));
        insA.run(rid, 'know_where', '', Math.min(5, 2 + ri + (p % 3)));
        insA.run(rid, 'mark', '', 5 + ((p + 2 * ri) % 5));
        for (const code of [1, 2, 3, 4]) insA.run(rid, 'attention', optionSub(code), (p + code + ri) % 3 === 0 ? 1 : 0);
      });
    }
  })();
}

describe('the first factsheet of a study made from the repeated-monitor template', () => {
  it('reports its statements as indicators and its mark and priorities per question', async () => {
    const d = await draft(SLUG);
    expect(enabled(d, 'indicators')).toBe(true);
    expect(enabled(d, 'questions')).toBe(true);
    const keys = d.sentences.map((s) => s.key);
    for (const indicator of ['clear_roles', 'agreements_kept', 'know_where'])
      expect(
        keys.some((k) => k.startsWith('indicators.') && k.endsWith(indicator)),
        indicator,
      ).toBe(true);
    expect(d.charts.filter((c) => c.section === 'indicators').map((c) => c.title)).toEqual(['Indicatoren: aandeel per meting']);
    expect(d.charts.filter((c) => c.section === 'questions').map((c) => c.title)).toEqual([
      'Wat is uw rol?',
      'Welk rapportcijfer geeft u de afgelopen periode?',
      'Wat verdient de komende periode aandacht?',
    ]);
    const text = d.sentences.map((s) => s.text).join(' ');
    expect(text).toContain('‘Duidelijke verantwoordelijkheden’');
    expect(text).toMatch(/Welk rapportcijfer geeft u de afgelopen periode\?’: gemiddeld \d,\d in de eerste helft \d{4}/);
    // The methods box names the tests before it points back at "die toets".
    expect(text).toMatch(/getoetst bij [^.]* \([^)]*toets[^)]*\)\. Een verandering heet aantoonbaar als die toets/);
    expect(text).not.toMatch(/\b(training|tools?)\b/i);
  });

  it('leaves the results per question to the researcher in a training evaluation, which has its own sections', async () => {
    const d = await draft('training-oost');
    expect(enabled(d, 'questions')).toBe(false);
    expect(enabled(d, 'competence')).toBe(true);
  });
});
