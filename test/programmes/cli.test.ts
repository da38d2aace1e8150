import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/index.js';
import { PROGRAMME_CSV_COLUMNS } from '../../server/programmes/csv.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { createNetwork } from './fixture.js';

/** `rondo programme …` on generated network studies: create, add networks and a representative, write the indicator CSV. */
let t: TestApp;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--data', t.dir], { out: (s) => (out += s), err: (s) => (err += s + '\n'), env: {} });
  return { code, out, err };
}

beforeAll(async () => {
  t = await buildTestApp();
  await createNetwork(t.data.store, { slug: 'netwerk-a', title: 'Netwerk A', members: 10 });
  await createNetwork(t.data.store, { slug: 'netwerk-b', title: 'Netwerk B', members: 5 });
  await createNetwork(t.data.store, { slug: 'netwerk-c', title: 'Netwerk C', members: 3, without: ['richtlijn', 'samenwerking'] });
  await loginAs(t, 'regio@example.nl');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('rondo programme', () => {
  it('creates a programme with its indicators, adds networks and a representative, and lists it', async () => {
    expect(
      await run('programme', 'create', '--slug', 'regio', '--title', 'Regio', '--indicators', 'richtlijn,aanbod,samenwerking'),
    ).toMatchObject({
      code: 0,
      out: 'programme regio created (indicators richtlijn, aanbod, samenwerking)\n',
    });
    for (const study of ['netwerk-a', 'netwerk-b'])
      expect((await run('programme', 'add-study', '--programme', 'regio', '--study', study)).out).toBe(`${study} added to regio\n`);
    expect((await run('programme', 'add-member', '--programme', 'regio', '--email', 'Regio@example.nl')).out).toBe(
      'regio@example.nl is representative of regio\n',
    );
    const list = await run('programme', 'list');
    expect(list.out).toBe('regio  Regio  networks: netwerk-a, netwerk-b  indicators: richtlijn, aanbod, samenwerking  members: 1\n');
    const audited = t.data.store.sqlite
      .prepare("select count(*) as n from audit_log where action like 'programme.%' and actor = 'cli'")
      .get();
    expect(audited).toEqual({ n: 4 });
  });

  it('refuses a study without the same indicators in one line that names them, and changes nothing', async () => {
    const res = await run('programme', 'add-study', '--programme', 'regio', '--study', 'netwerk-c');
    expect(res.code).toBe(1);
    expect(res.err).toBe(
      'rondo programme: netwerk-c does not use the same Quick Scan: its current questionnaire lacks the indicators ' +
        'richtlijn, samenwerking. Nothing was changed.\n',
    );
    expect((await run('programme', 'list')).out).toContain('networks: netwerk-a, netwerk-b ');
    expect((await run('programme', 'indicators', '--programme', 'nergens')).code).toBe(1);
  });

  it('writes the indicator CSV: one row per network × indicator × round', async () => {
    const out = path.join(t.dir, 'regio.csv');
    const res = await run('programme', 'indicators', '--programme', 'regio', '--out', out);
    expect(res.code, res.err).toBe(0);
    expect(res.err).toBe(`12 rows (2 networks) written to ${out}\n`);
    const lines = fs.readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(PROGRAMME_CSV_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(lines.filter((l) => l.includes('"netwerk-b"') && l.endsWith('"too-few-for-percent"'))).toHaveLength(6);
    expect(lines.filter((l) => l.includes('"netwerk-a"') && l.endsWith(','))).toHaveLength(6);
  });
});
