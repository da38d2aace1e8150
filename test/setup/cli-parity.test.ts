import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/index.js';
import { openData } from '../../server/data.js';
import { createImhStudy } from '../helpers/study.js';
import { tempDir } from '../helpers/app.js';

/** Setting a study up from the command line: rondo round add, rondo partners import, rondo user add --name. */
let dir: string;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--data', dir], { out: (t) => (out += t), err: (t) => (err += t + '\n'), env: {} });
  return { code, out, err };
}

async function query<T>(fn: (db: Awaited<ReturnType<typeof openData>>['store']['db']) => Promise<T>): Promise<T> {
  const data = await openData(dir);
  try {
    return await fn(data.store.db);
  } finally {
    await data.store.close();
  }
}

beforeAll(async () => {
  dir = tempDir();
  const data = await openData(dir);
  await createImhStudy(data.store.db, 'setup-cli', { nl: 'CLI', en: 'CLI' });
  await data.store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rondo round add', () => {
  it('adds a round at the end with its key, names and times', async () => {
    const res = await run(
      'round',
      'add',
      '--study',
      'setup-cli',
      '--key',
      'follow_up',
      '--name',
      'Follow-up meting',
      '--opens',
      '2027-03-01',
      '--closes',
      '2027-03-15T17:00:00+01:00',
    );
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toContain(
      'added round "follow_up" (Follow-up meting) to setup-cli, opens 2027-03-01T00:00:00.000Z, closes 2027-03-15T16:00:00.000Z',
    );
    const rounds = await query((db) =>
      db
        .selectFrom('round')
        .innerJoin('study', 'study.id', 'round.study_id')
        .select(['key', 'label_en', 'opens_at'])
        .where('slug', '=', 'setup-cli')
        .orderBy('position')
        .execute(),
    );
    expect(rounds.at(-1)).toEqual({ key: 'follow_up', label_en: 'Follow-up meting', opens_at: '2027-03-01T00:00:00.000Z' });
  });

  it('refuses bad input with one clear line and writes nothing', async () => {
    const count = () => query(async (db) => (await db.selectFrom('round').select('id').execute()).length);
    const before = await count();
    expect(await run('round', 'add', '--study', 'setup-cli', '--key', 'follow_up', '--name', 'Again')).toMatchObject({
      code: 1,
      err: expect.stringContaining('already has a round "follow_up"'),
    });
    expect(await run('round', 'add', '--study', 'setup-cli', '--key', 'Post 2', '--name', 'X')).toMatchObject({
      code: 2,
      err: expect.stringContaining('is not a round key'),
    });
    expect(await run('round', 'add', '--study', 'setup-cli', '--key', 'r9', '--name', 'X', '--opens', 'next monday')).toMatchObject({
      code: 2,
      err: expect.stringContaining('is not an ISO-8601 date'),
    });
    expect(
      await run('round', 'add', '--study', 'setup-cli', '--key', 'r9', '--name', 'X', '--opens', '2027-03-02', '--closes', '2027-03-01'),
    ).toMatchObject({ code: 2, err: expect.stringContaining('--closes must be after --opens') });
    expect(await run('round', 'add', '--study', 'nope', '--key', 'r9', '--name', 'X')).toMatchObject({
      code: 1,
      err: expect.stringContaining('there is no study "nope"'),
    });
    expect(await run('round', 'add', '--study', 'setup-cli', '--key', 'r9')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--name NAME is required'),
    });
    expect(await count()).toBe(before);
    expect((await run('round', '--help')).out).toContain('rondo round add --study SLUG --key KEY --name NAME');
  });

  it('makes the key from the name when --key is left out, keeping a year and staying unique', async () => {
    const first = await run('round', 'add', '--study', 'setup-cli', '--name', 'Eerste helft 2027');
    expect(first).toMatchObject({ code: 0, out: expect.stringContaining('added round "eerste_helft_2027" (Eerste helft 2027)') });
    const again = await run('round', 'add', '--study', 'setup-cli', '--name', 'Eerste helft 2027');
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining('added round "eerste_helft_2027_2"') });
    const keys = await query(async (db) =>
      (
        await db
          .selectFrom('round')
          .innerJoin('study', 'study.id', 'round.study_id')
          .select('key')
          .where('slug', '=', 'setup-cli')
          .orderBy('position')
          .execute()
      ).map((r) => r.key),
    );
    expect(keys.slice(-2)).toEqual(['eerste_helft_2027', 'eerste_helft_2027_2']);
    // The study listing below expects the rounds as they were.
    await query((db) => db.deleteFrom('round').where('key', 'in', ['eerste_helft_2027', 'eerste_helft_2027_2']).execute());
  });
});

describe('rondo partners import', () => {
  const partners = () =>
    query((db) =>
      db
        .selectFrom('partner')
        .innerJoin('study', 'study.id', 'partner.study_id')
        .select(['name', 'domain'])
        .where('slug', '=', 'setup-cli')
        .orderBy('position')
        .execute(),
    );

  it('lists every problem by row and writes nothing', async () => {
    const before = await partners();
    const file = path.join(dir, 'bad-partners.csv');
    fs.writeFileSync(
      file,
      `Naam;Domein\r\nWijkteam;sociaal\r\nwijkteam ;sociaal\r\n;zorg\r\n=HYPERLINK("x");zorg\r\n${before[0].name};zorg\r\n`,
    );
    const res = await run('partners', 'import', '--study', 'setup-cli', '--file', file);
    expect(res.code).toBe(1);
    expect(res.err).toContain('row 3: "wijkteam" is already in row 2');
    expect(res.err).toContain('row 4: the name is empty');
    expect(res.err).toContain('row 5: "=HYPERLINK("x")" starts like a spreadsheet formula');
    expect(res.err).toContain(`row 6: "${before[0].name}" is already in the study`);
    expect(res.err).toContain('4 problems: nothing was written');
    expect(await partners()).toEqual(before);
  });

  it('checks with --dry-run, then adds the partners in the file’s order', async () => {
    const before = await partners();
    const file = path.join(dir, 'partners.csv');
    fs.writeFileSync(file, 'name,domain\nBibliotheek Noord,cultuur\nSportclub West,sport\n');
    const dry = await run('partners', 'import', '--study', 'setup-cli', '--file', file, '--dry-run');
    expect(dry).toMatchObject({ code: 0, out: expect.stringContaining('dry run: nothing was written') });
    expect(await partners()).toEqual(before);
    expect(await run('partners', 'import', '--study', 'setup-cli', '--file', file)).toMatchObject({
      code: 0,
      out: expect.stringContaining('2 partners added'),
    });
    expect((await partners()).slice(before.length)).toEqual([
      { name: 'Bibliotheek Noord', domain: 'cultuur' },
      { name: 'Sportclub West', domain: 'sport' },
    ]);
  });

  it('says what the file lacks when it has no name column', async () => {
    const file = path.join(dir, 'no-name.csv');
    fs.writeFileSync(file, 'Wie;Wat\nA;B\n');
    expect(await run('partners', 'import', '--study', 'setup-cli', '--file', file)).toMatchObject({
      code: 1,
      err: expect.stringContaining('no name column'),
    });
  });
});

describe('rondo user add', () => {
  it('creates an account with its name that must choose its own password at first login', async () => {
    const res = await run(
      'user',
      'add',
      '--name',
      'Anna de Vries',
      '--email',
      'Anna@GGD.example',
      '--role',
      'researcher',
      '--study',
      'setup-cli',
    );
    expect(res.code).toBe(0);
    expect(res.out).toMatch(
      new RegExp(
        'created Anna de Vries <anna@ggd.example> as researcher of setup-cli\\npassword \\(shown once\\): \\S{20,}\\n' +
          'the user chooses their own password at first login',
      ),
    );
    const user = await query((db) =>
      db
        .selectFrom('user')
        .select(['display_name', 'must_change_password'])
        .where('email', '=', 'anna@ggd.example')
        .executeTakeFirstOrThrow(),
    );
    expect(user).toEqual({ display_name: 'Anna de Vries', must_change_password: 1 });
  });

  it('creates an account without a study role when no role is given', async () => {
    const res = await run('user', 'add', '--name', 'Bram', '--email', 'bram@ggd.example');
    expect(res).toMatchObject({ code: 0, out: expect.stringContaining('created Bram <bram@ggd.example> without a study role') });
    expect(await run('user', 'add', '--email', 'c@ggd.example', '--study', 'setup-cli')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--study needs --role'),
    });
    expect(await run('user', 'add', '--email', 'c@ggd.example', '--name', '  ')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--name is empty'),
    });
  });
});

describe('rondo study', () => {
  it('lists, exports and creates, and refuses a bad file with one line per problem and no stack trace', async () => {
    const file = path.join(dir, 'study.json');
    expect((await run('study', 'list')).out).toMatch(/^slug\s+title\s+rounds\s+participants\nsetup-cli\s+CLI\s+/);
    expect(await run('study', 'export', '--study', 'setup-cli', '--out', file)).toMatchObject({ code: 0 });
    const study = JSON.parse(fs.readFileSync(file, 'utf8'));
    const bad = path.join(dir, 'bad-study.json');
    fs.writeFileSync(bad, JSON.stringify({ ...study, partners: [...study.partners, study.partners[1]] }));
    const refused = await run('study', 'create', '--from', bad, '--slug', 'nieuw');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`error duplicate-partner: partners[${study.partners.length}].name: partner`);
    expect(refused.err).toContain('1 problem in the study file: nothing was written');
    expect(refused.err).not.toMatch(/\n\s+at /);
    fs.writeFileSync(bad, '{"format": "rondo-study", "version": 2');
    expect(await run('study', 'create', '--from', bad)).toMatchObject({ code: 1, err: expect.stringContaining('is not valid JSON') });
    fs.writeFileSync(bad, JSON.stringify({ ...study, version: 2 }));
    expect((await run('study', 'create', '--from', bad, '--slug', 'nieuw')).err).toContain(
      'error version: version: format version 2 is not known to this rondo, which reads version 1',
    );
    expect(await run('study', 'create', '--from', file, '--slug', 'nieuw', '--dry-run')).toMatchObject({
      code: 0,
      out: expect.stringContaining('dry run: the file is fine; nothing was written'),
    });
    expect((await run('study', 'list')).out).not.toContain('nieuw');
    expect(await run('study', 'create', '--from', file, '--slug', 'nieuw')).toMatchObject({
      code: 0,
      out: expect.stringContaining('created study "nieuw"'),
    });
    expect((await run('study', 'list')).out).toMatch(/\nnieuw\s+CLI\s+[a-z_ ]+\s0\n/);
  });

  it('explains every setup command with --help', async () => {
    for (const command of ['study', 'round', 'partners', 'user']) {
      const help = await run(command, '--help');
      expect(help.code, command).toBe(0);
      expect(help.out, command).toMatch(new RegExp(`^rondo ${command} `));
    }
  });
});
