import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/index.js';
import { openData } from '../../server/data.js';
import { tempDir } from '../helpers/app.js';
import { createMonitorStudy } from './monitor-study.js';

/** rondo archive: the set-up screen's archive button from the command line, with the same refusals. */
let dir: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--data', dir], { out: (t) => (out += t), err: (t) => (err += t + '\n'), env: {} });
  return { code, out, err };
}

async function archivedAt(): Promise<string | null> {
  const data = await openData(dir);
  try {
    return (await data.store.db.selectFrom('study').select('archived_at').where('slug', '=', 'monitor').executeTakeFirstOrThrow())
      .archived_at;
  } finally {
    await data.store.close();
  }
}

beforeAll(async () => {
  dir = tempDir();
  const data = await openData(dir);
  const { roundIds } = await createMonitorStudy(data.store.db, 'monitor');
  // The second round is planned to open next year: the study is still running.
  await data.store.db.updateTable('round').set({ opens_at: '2099-01-01T08:00:00.000Z' }).where('id', '=', roundIds.r2026h2).execute();
  await data.store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rondo archive', () => {
  it('refuses a study with a planned round, in one line, and changes nothing', async () => {
    const res = await run('archive', '--study', 'monitor');
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/remove the opening date of the planned rounds \(r2026h2\)/);
    expect(await archivedAt()).toBeNull();
  });

  it('archives and unarchives once nothing is planned', async () => {
    const data = await openData(dir);
    await data.store.db.updateTable('round').set({ opens_at: null }).where('key', '=', 'r2026h2').execute();
    await data.store.close();
    const res = await run('archive', '--study', 'monitor');
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^study "monitor" archived at \d{4}-/);
    expect(await archivedAt()).not.toBeNull();
    expect((await run('archive', '--study', 'monitor', '--undo')).out).toBe('study "monitor" is active again\n');
    expect(await archivedAt()).toBeNull();
  });

  it('refuses the commands that would change an archived study, and they change nothing', async () => {
    const data = await openData(dir);
    await data.store.db.updateTable('round').set({ opens_at: null }).where('key', '=', 'r2026h2').execute();
    await data.store.close();
    expect((await run('archive', '--study', 'monitor')).code).toBe(0);
    const counts = async () => {
      const d = await openData(dir);
      try {
        const rounds = await d.store.db.selectFrom('round').select(d.store.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const versions = await d.store.db
          .selectFrom('questionnaire_version')
          .select(d.store.db.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const partners = await d.store.db.selectFrom('partner').select(d.store.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        return [rounds.n, versions.n, partners.n];
      } finally {
        await d.store.close();
      }
    };
    const before = await counts();
    const file = `${dir}/questionnaire.json`;
    expect((await run('questionnaire', 'export', '--study', 'monitor', '--out', file)).code).toBe(0);
    fs.writeFileSync(`${dir}/partners.csv`, 'name;domain\nBibliotheek;Onderwijs\n');
    for (const argv of [
      ['round', 'add', '--study', 'monitor', '--name', 'Extra meting'],
      ['questionnaire', 'import', file, '--study', 'monitor'],
      ['partners', 'import', '--study', 'monitor', '--file', `${dir}/partners.csv`],
    ]) {
      const res = await run(...argv);
      expect(res.code, argv.join(' ')).toBe(1);
      expect(res.err).toContain('study "monitor" is archived and read-only');
    }
    expect(await counts()).toEqual(before);
    expect((await run('archive', '--study', 'monitor', '--undo')).code).toBe(0);
  });

  it('names a study that does not exist', async () => {
    const res = await run('archive', '--study', 'nope');
    expect(res.code).toBe(1);
    expect(res.err).toContain('there is no study "nope"');
  });
});
