import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { DEMO } from '../respondent/fixture.js';

/**
 * The partner and tool catalogues' answer counts (server/setup/catalogues.ts), which the catalogue
 * screens show: each equal to a plain count of its own answer rows (drafts included), on the demo
 * study, whose partners and tools have answers. The questionnaire builder gets the same entries in
 * the same order without the counts, which it does not show and which read every answer row.
 */
let t: TestApp;
let researcher: LoggedIn;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: DEMO });
});
afterAll(async () => t?.close());

const plainCounts = (column: 'partner_id' | 'tool_id') =>
  new Map(
    (
      t.data.store.sqlite
        .prepare(
          `select a.${column} as id, count(*) as n from answer a join response r on r.id = a.response_id
           where r.study_id = (select id from study where slug = ?) and a.${column} is not null group by 1`,
        )
        .all(DEMO) as { id: number; n: number }[]
    ).map((r) => [r.id, r.n]),
  );

describe('the catalogues’ answer counts', () => {
  it('are each entry’s own answer rows on each catalogue’s screen; the questionnaire builder gets the entries without them', async () => {
    const get = async (path: string) => (await t.app.inject({ url: `/api/studies/${DEMO}/${path}`, headers: researcher.headers })).json();
    const builder = await get('questionnaire');
    for (const [kind, column, rows] of [
      ['partners', 'partner_id', builder.partners],
      ['tools', 'tool_id', builder.tools],
    ] as const) {
      const plain = plainCounts(column);
      expect(plain.size, `${kind} with answers in the demo`).toBeGreaterThan(1);
      const list = (await get(kind))[kind] as { id: number; answers: number }[];
      const counted = new Map(list.map((e) => [e.id, e.answers]));
      for (const [id, n] of plain) expect(counted.get(id), `${kind} ${id}`).toBe(n);
      for (const [id, n] of counted) if (!plain.has(id)) expect(n, `${kind} ${id} without answers`).toBe(0);
      expect(rows).toEqual(list.map(({ answers, ...row }) => row));
    }
  });
});
