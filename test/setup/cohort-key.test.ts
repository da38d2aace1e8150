import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { createImhStudy } from '../helpers/study.js';

/**
 * The cohort import keeps the researcher's own key column (issue 19) when every key is valid
 * (letters, digits, - and _, at most 40) and unique in the file and the study, and says per row
 * why not; a refused file writes nothing.
 */
let t: TestApp;
let researcher: LoggedIn;
const slug = 'cohort-keys';

beforeAll(async () => {
  t = await buildTestApp();
  await createImhStudy(t.data.store.db, slug, { nl: 'Sleutels', en: 'Keys' });
  researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher', study: slug });
});
afterAll(async () => t?.close());

const post = (path: string, csv: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/studies/${slug}/cohort/${path}`,
    headers: researcher.headers,
    payload: { data: Buffer.from(csv).toString('base64'), encoding: 'auto', delimiter: 'auto' },
  });
const keys = () =>
  t.data.store.sqlite
    .prepare('select p.key from participant p join study s on s.id = p.study_id where s.slug = ? order by p.key')
    .pluck()
    .all(slug);

describe("the cohort import with the researcher's own keys", () => {
  it('refuses duplicate and invalid keys with the rows, and writes nothing', async () => {
    const csv = 'Sleutel;Naam;E-mail\r\nR-01;A;a@ggd.nl\r\nR-02;B;b@ggd.nl\r\nR-01;C;c@ggd.nl\r\nR 04!;D;d@ggd.nl\r\n';
    const preview = (await post('preview', csv)).json().preview;
    expect(preview.mapping.key).toBe(0);
    expect(preview.problems.map((p: { row: number; code: string; message: { en: string } }) => [p.row, p.code, p.message.en])).toEqual([
      [4, 'duplicate-key', 'Key "R-01" is in row 2 and row 4; a key belongs to one participant.'],
      [5, 'invalid-key', 'Row 5: key "R 04!" has characters that are not allowed: only letters, digits, - and _, at most 40.'],
    ]);
    expect((await post('import', csv)).statusCode).toBe(400);
    expect(keys()).toEqual([]);
  });

  it('keeps valid unique keys, and refuses a key the study already has', async () => {
    expect((await post('import', 'Sleutel;Naam;E-mail\r\nR-01;A;a@ggd.nl\r\nR-02;B;b@ggd.nl\r\n')).statusCode).toBe(200);
    expect(keys()).toEqual(['R-01', 'R-02']);
    const again = await post('preview', 'Sleutel;Naam;E-mail\r\nR-02;C;c@ggd.nl\r\n');
    expect(again.json().preview.problems).toMatchObject([{ row: 2, code: 'key-taken', column: 'Sleutel' }]);
    // Without a key column, keys are generated as before.
    expect((await post('import', 'Naam;E-mail\r\nD;d@ggd.nl\r\n')).statusCode).toBe(200);
    expect(keys()).toEqual(expect.arrayContaining(['R-01', 'R-02', expect.stringMatching(/^P-[A-Z2-9]{6}$/)]));
    expect(keys()).toHaveLength(3);
  });
});
