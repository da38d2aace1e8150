import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packResponses } from '../../server/db/packed-answers.js';
import { EXPORT_FORMATS } from '../../server/exchange/formats.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { packedCopies } from '../helpers/packed.js';
import { genStudy, seedStudy } from './fixture.js';
import { bundleText, exportText, rowsOf, tempData } from './helpers.js';

// The packed copy of each submitted response's answers (server/db/packed-answers.ts): written
// when a response is stored, cleared by triggers when its answer rows are changed or removed (and,
// since migration 20261208_0001, by whoever adds rows: see test/respondent/packed-writers.test.ts),
// and read by every export in place of the rows. These tests hold the copy to the rows it copies.

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
const DEMO = '1000-kansen';
const GENERATED = ['gen-a', 'gen-b', 'gen-c'];

const copies = (slug: string) => packedCopies(data.store.sqlite, 'r.study_id = (select id from study where slug = ?)', slug);

function packAll(): void {
  const { first, last } = data.store.sqlite.prepare('select min(id) as first, max(id) as last from response').get() as {
    first: number;
    last: number;
  };
  data.store.sqlite.transaction(() => packResponses(data.store.sqlite, first, last))();
}
const clearAll = () => data.store.sqlite.prepare('update response set packed_layout_id = null, packed_values = null').run();

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, data.secret);
  // Generated studies, written straight into the tables: no packed copies until packAll().
  const studies = fc.sample(genStudy, { numRuns: GENERATED.length, seed: 3 });
  for (const [i, g] of studies.entries()) await seedStudy(data.store, g, GENERATED[i]);
});
afterAll(async () => data.close());

describe('the packed copy of a response', () => {
  it('is written for every submitted response of the demo as it is created, exactly as its answer rows, and for no draft', () => {
    const rows = copies(DEMO);
    const submitted = rows.filter((r) => r.status === 'submitted');
    expect(submitted.length).toBe(55);
    for (const r of submitted) expect([r.layoutKeys, r.packed]).toEqual([r.keys, r.values]);
    for (const r of rows.filter((x) => x.status === 'draft')) expect(r.packed).toBeNull();
    // Layouts are shared: far fewer than responses.
    const layouts = data.store.sqlite.prepare('select count(*) from answer_layout').pluck().get() as number;
    expect(layouts).toBeGreaterThan(0);
    expect(layouts).toBeLessThanOrEqual(submitted.length);
  });

  it('gives every export the same bytes as the answer rows, with and without open text', async () => {
    packAll();
    for (const slug of [DEMO, ...GENERATED]) {
      const packed = copies(slug).filter((r) => r.status === 'submitted' && r.keys !== null);
      expect(packed.length).toBeGreaterThan(0);
      for (const r of packed) expect([r.layoutKeys, r.packed]).toEqual([r.keys, r.values]);
    }
    const exports = () =>
      Promise.all(
        [DEMO, ...GENERATED].flatMap((slug) =>
          EXPORT_FORMATS.flatMap((format) =>
            [false, true].map((openText) => {
              const options = { openText, flavour: openText ? 'nl' : 'intl' } as const;
              return format === 'bundle' ? bundleText(data, slug, options) : exportText(data, slug, format, options);
            }),
          ),
        ),
      );
    const fromCopies = await exports();
    clearAll();
    expect(copies(DEMO).every((r) => r.packed === null)).toBe(true);
    const fromRows = await exports();
    expect(fromCopies).toEqual(fromRows);
    // The exports hold data: not a comparison of empty files.
    expect(fromRows[0]['long.csv'].length).toBeGreaterThan(1000);
  });

  it('is cleared when one of its answer rows is changed or removed, or by a repair that adds one, and the exports show the change', () => {
    packAll();
    const s = data.store.sqlite;
    const demoId = s.prepare('select id from study where slug = ?').pluck().get(DEMO) as number;
    const withText = s
      .prepare(
        "select a.response_id, a.item from answer a join response r on r.id = a.response_id where r.study_id = ? and r.status = 'submitted' and a.text is not null order by a.response_id limit 1",
      )
      .get(demoId) as { response_id: number; item: string };
    const [changed, added, removed] = s
      .prepare("select id from response where study_id = ? and status = 'submitted' and id <> ? order by id limit 3")
      .pluck()
      .all(demoId, withText.response_id) as number[];
    const packedOf = (id: number) => s.prepare('select packed_values from response where id = ?').pluck().get(id);
    for (const id of [withText.response_id, changed, added, removed]) expect(packedOf(id)).not.toBeNull();

    s.prepare("update answer set text = 'Nieuwe, herziene tekst' where response_id = ? and item = ?").run(
      withText.response_id,
      withText.item,
    );
    const first = s
      .prepare('select item, sub from answer where response_id = ? and code is not null order by item, sub limit 1')
      .get(changed) as { item: string; sub: string };
    s.prepare('update answer set code = 1 where response_id = ? and item = ? and sub = ?').run(changed, first.item, first.sub);
    // Adding a row fires no trigger (migration 20261208_0001): a repair by hand clears the copy as
    // packed-answers.ts says, in the same transaction.
    s.transaction(() => {
      s.prepare("insert into answer (response_id, item, sub, code) values (?, 'zz_extra', '', 3)").run(added);
      s.prepare('update response set packed_layout_id = null, packed_values = null where id = ?').run(added);
    })();
    const gone = s.prepare('select item, sub from answer where response_id = ? order by item, sub limit 1').get(removed) as {
      item: string;
      sub: string;
    };
    s.prepare('delete from answer where response_id = ? and item = ? and sub = ?').run(removed, gone.item, gone.sub);

    const rows = new Map(copies(DEMO).map((r) => [r.id, r]));
    for (const id of [withText.response_id, changed, added, removed]) expect(rows.get(id)!.packed).toBeNull();
    // Every other submitted response keeps its copy.
    const kept = [...rows.values()].filter(
      (r) => r.status === 'submitted' && ![withText.response_id, changed, added, removed].includes(r.id),
    );
    expect(kept.length).toBeGreaterThan(40);
    for (const r of kept) expect(r.packed).toBe(r.values);

    const long = rowsOf(exportText(data, DEMO, 'long', { openText: true })['long.csv']);
    expect(long.some((row) => row.includes('Nieuwe, herziene tekst'))).toBe(true);
  });
});
