import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/index.js';
import { openData } from '../../server/data.js';
import { createImhStudy } from '../helpers/study.js';
import { IMH_QUESTIONNAIRE } from '../../content/templates/imh-training.js';
import { tempDir } from '../helpers/app.js';

/** The set-up commands: rondo cohort import and rondo questionnaire export|import. */
let dir: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--data', dir], { out: (t) => (out += t), err: (t) => (err += t + '\n'), env: {} });
  return { code, out, err };
}

beforeAll(async () => {
  dir = tempDir();
  const data = await openData(dir);
  await createImhStudy(data.store.db, 'cli-study', { nl: 'CLI', en: 'CLI' });
  await data.store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rondo cohort import', () => {
  it('lists problems by row and column and writes nothing when a row is wrong', async () => {
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'Naam;E-mail\r\nAnna;anna@ggd.nl\r\nBram;bram@\r\n');
    const res = await run('cohort', 'import', file, '--study', 'cli-study');
    expect(res.code).toBe(1);
    expect(res.err).toContain('row 3, column "E-mail": "bram@" is not a valid e-mail address.');
    expect(res.err).toContain('nothing was written');
  });

  it('imports a good file in one go', async () => {
    const file = path.join(dir, 'good.csv');
    fs.writeFileSync(file, 'Naam;E-mail\r\nAnna;anna@ggd.nl\r\nBram;bram@ggd.nl\r\n');
    expect((await run('cohort', 'import', file, '--study', 'cli-study', '--dry-run')).code).toBe(0);
    const res = await run('cohort', 'import', file, '--study', 'cli-study');
    expect(res.out).toContain('2 participants added');
  });
});

describe('rondo questionnaire', () => {
  it('exports the definition and imports an edited one by the versioning rules', async () => {
    const file = path.join(dir, 'q.json');
    expect((await run('questionnaire', 'export', '--study', 'cli-study', '--out', file)).code).toBe(0);
    const q = JSON.parse(fs.readFileSync(file, 'utf8'));
    q.sections[0].items[0].text.en = 'What is your job title?';
    fs.writeFileSync(file, JSON.stringify(q));
    const res = await run('questionnaire', 'import', file, '--study', 'cli-study');
    expect(res.out).toContain('Item "bg_role": wording changed');
    expect(res.out).toContain('saved in version 1');
  });

  it('names the item of each problem in a bad file', async () => {
    const file = path.join(dir, 'bad.json');
    const q = structuredClone(IMH_QUESTIONNAIRE) as unknown as { sections: { items: { id: string }[] }[] };
    q.sections[1].items[1].id = q.sections[1].items[0].id;
    fs.writeFileSync(file, JSON.stringify(q));
    const res = await run('questionnaire', 'import', file, '--study', 'cli-study');
    expect(res.code).toBe(1);
    expect(res.err).toContain('item "know_problems": variable name is used twice');
  });
});
