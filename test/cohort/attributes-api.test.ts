import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { main } from '../../server/cli/index.js';
import { COHORT_CSV, createNetworkMonitor, seedResponses } from './network-monitor.js';

/**
 * Cohort attributes (issue 16) through HTTP on a half-yearly network monitor (not the demo):
 * definitions and their refusals, the CSV import of a `domain` column, values per participant,
 * and the attribute as an analysis filter and subgroup split with suppression.
 */
let t: TestApp;
let researcher: LoggedIn;
let trainer: LoggedIn;
let studyId: number;
const slug = 'netwerkmonitor';
const base = `/api/studies/${slug}`;

const api = (who: LoggedIn, method: string, url: string, payload?: unknown) =>
  t.app.inject({ method: method as 'GET', url, headers: who.headers, payload: payload as object });
const upload = (text: string, extra: Record<string, unknown> = {}) => ({
  data: Buffer.from(text, 'utf8').toString('base64'),
  encoding: 'auto',
  delimiter: 'auto',
  acceptRoles: ['jeugdarts', 'fysiotherapeut'],
  ...extra,
});
const definition = () =>
  JSON.parse((t.data.store.sqlite.prepare('select definition from study where id = ?').get(studyId) as { definition: string }).definition);
const auditCount = () => (t.data.store.sqlite.prepare('select count(*) n from audit_log').get() as { n: number }).n;

const DOMAIN = {
  key: 'domain',
  label: { nl: 'Domein', en: 'Domain' },
  values: [
    { value: 'jeugd', label: { nl: 'Jeugd', en: 'Youth' } },
    { value: 'onderwijs', label: { nl: 'Onderwijs', en: 'Education' } },
    { value: 'zorg', label: { nl: 'Zorg', en: 'Care' } },
  ],
};

beforeAll(async () => {
  t = await buildTestApp();
  studyId = (await createNetworkMonitor(t.data.store, slug)).studyId;
  researcher = await loginAs(t, 'verbinder@netwerk.nl', { role: 'researcher', study: slug });
  trainer = await loginAs(t, 'trainer@netwerk.nl', { role: 'trainer', study: slug });
});
afterAll(async () => t?.close());

describe('importing a cohort with a domain column', () => {
  it('previews the extra column and offers to make it an attribute', async () => {
    const res = await api(researcher, 'POST', `${base}/cohort/preview`, upload(COHORT_CSV));
    const { preview } = res.json();
    expect(preview.counts).toEqual({ rows: 14, valid: 14, invalid: 0, problems: 0 });
    expect(preview.mapping.team).toBe(4);
    expect(preview.attributeColumns).toEqual({});
    expect(preview.extraColumns).toEqual([{ column: 5, header: 'domain', suggestedKey: 'domain' }]);
  });

  it('refuses to create an attribute named like a built-in field, and imports nothing', async () => {
    const res = await api(
      researcher,
      'POST',
      `${base}/cohort/import`,
      upload(COHORT_CSV, { createAttributes: [{ key: 'email', label: { nl: 'Domein' } }], attributeColumns: { email: 5 } }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details.reason).toBe('reserved-key');
    expect(res.json().message).toMatch(/built-in field/);
    expect(definition().cohortAttributes).toBeUndefined();
    expect((await api(researcher, 'GET', `${base}/participants`)).json().participants).toEqual([]);
  });

  it('creates the attribute with the import and stores every row value', async () => {
    const res = await api(
      researcher,
      'POST',
      `${base}/cohort/import`,
      upload(COHORT_CSV, { createAttributes: [{ key: 'domain', label: { nl: 'Domein', en: 'Domain' } }], attributeColumns: { domain: 5 } }),
    );
    expect(res.json()).toEqual({ added: 14, skipped: 0 });
    expect(definition().cohortAttributes).toEqual([{ key: 'domain', label: { nl: 'Domein', en: 'Domain' } }]);
    const list = (await api(researcher, 'GET', `${base}/participants`)).json().participants;
    expect(list.map((p: { attributes: Record<string, string> }) => p.attributes.domain)).toEqual([
      ...Array(6).fill('jeugd'),
      ...Array(5).fill('onderwijs'),
      ...Array(3).fill('zorg'),
    ]);
    const audit = t.data.store.sqlite.prepare("select details from audit_log where action = 'cohort.import'").get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ added: 14, attributes: ['domain'] });
  });

  it('maps a column named after an existing attribute by itself, and refuses a value outside its list', async () => {
    await api(researcher, 'PUT', `${base}/cohort/attributes`, { attributes: [DOMAIN] });
    const file = 'Naam;E-mail;Domein\r\nNieuw;nieuw@netwerk.nl;Welzijn\r\nTwee;twee@netwerk.nl;ONDERWIJS\r\n';
    const { preview } = (await api(researcher, 'POST', `${base}/cohort/preview`, upload(file))).json();
    expect(preview.attributeColumns).toEqual({ domain: 2 });
    expect(preview.problems).toEqual([expect.objectContaining({ row: 2, column: 'Domein', code: 'attribute-value' })]);
    expect(preview.problems[0].message.nl).toContain('geen toegestane waarde van Domein');
    expect(preview.rows[1].attributes).toEqual({ domain: 'onderwijs' });
    const refused = await api(researcher, 'POST', `${base}/cohort/import`, upload(file));
    expect(refused.statusCode).toBe(400);
    expect((await api(researcher, 'GET', `${base}/participants`)).json().participants).toHaveLength(14);
  });
});

describe('attribute definitions', () => {
  it('lists the attributes with how many participants hold each value', async () => {
    const res = (await api(researcher, 'GET', `${base}/cohort/attributes`)).json();
    expect(res.attributes).toEqual([DOMAIN]);
    expect(res.usage).toEqual({ domain: { jeugd: 6, onderwijs: 5, zorg: 3 } });
  });

  it.each([
    ['a built-in field', [{ key: 'organisation', label: { nl: 'Org' } }], 'reserved-key'],
    ['the round column', [{ key: 'round', label: { nl: 'Ronde' } }], 'reserved-key'],
    ['__proto__', [{ key: '__proto__', label: { nl: 'X' } }], 'reserved-key'],
    ['constructor', [{ key: 'constructor', label: { nl: 'X' } }], 'reserved-key'],
    ['an export column prefix', [{ key: 'submitted_extra', label: { nl: 'X' } }], 'reserved-key'],
    ['upper case and spaces', [{ key: 'Mijn Veld', label: { nl: 'X' } }], 'invalid-key'],
    ['markup in a label', [{ key: 'regio', label: { nl: '<b>Regio</b>' } }], 'markup'],
    ['markup in a value label', [{ key: 'regio', label: { nl: 'Regio' }, values: [{ value: 'n', label: { nl: '<i>' } }] }], 'markup'],
    ['no Dutch label', [{ key: 'regio', label: { nl: ' ' } }], 'missing-label'],
    ['a duplicate key', [DOMAIN, { ...DOMAIN, label: { nl: 'Nog eens' } }], 'duplicate-key'],
    ['a duplicate value', [{ key: 'regio', label: { nl: 'Regio' }, values: [{ value: 'Noord' }, { value: 'noord' }] }], 'duplicate-value'],
    ['a formula as value', [{ key: 'regio', label: { nl: 'Regio' }, values: [{ value: '=1+1' }] }], 'formula'],
    ['a list without a value in use', [{ ...DOMAIN, values: DOMAIN.values.slice(0, 2) }], 'value-not-allowed'],
  ])('refuses %s with a clear message and changes nothing', async (_, attributes, reason) => {
    const before = [definition(), auditCount()];
    const res = await api(researcher, 'PUT', `${base}/cohort/attributes`, { attributes });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().details.reason).toBe(reason);
    expect(res.json().details.issues[0].message.nl.length).toBeGreaterThan(10);
    expect([definition(), auditCount()]).toEqual(before);
  });

  it("is part of a participant's subject-access export", async () => {
    const key = (await api(researcher, 'GET', `${base}/participants`)).json().participants[13].key;
    const data = (await api(researcher, 'GET', `${base}/privacy/participants/${key}/subject-access`)).json();
    expect(data.participant.attributes).toEqual([{ key: 'domain', label: 'Domein', value: 'zorg' }]);
  });

  it('travels with the study file (definitions only, never values)', async () => {
    const file = (await api(researcher, 'GET', `${base}/study-file`)).json();
    expect(file.study.cohortAttributes).toEqual([DOMAIN]);
    expect(JSON.stringify(file)).not.toContain('lid1@netwerk.nl');
  });

  it('is for researchers only', async () => {
    expect((await api(trainer, 'GET', `${base}/cohort/attributes`)).statusCode).toBe(403);
    expect((await api(trainer, 'PUT', `${base}/cohort/attributes`, { attributes: [] })).statusCode).toBe(403);
  });

  it('edits a participant value, matching a label to its value, and refuses one outside the list', async () => {
    const list = (await api(researcher, 'GET', `${base}/participants`)).json().participants;
    const p = list[0];
    const body = { name: p.name, email: p.email, organisation: p.organisation, role: p.role, team: p.team };
    expect(
      (await api(researcher, 'PATCH', `${base}/participants/${p.key}`, { ...body, attributes: { domain: 'Welzijn' } })).json(),
    ).toMatchObject({
      code: 'VALIDATION',
      details: { reason: 'value-not-allowed' },
    });
    expect((await api(researcher, 'PATCH', `${base}/participants/${p.key}`, { ...body, attributes: { regio: 'x' } })).statusCode).toBe(400);
    const again = (await api(researcher, 'GET', `${base}/participants`)).json().participants[0];
    expect(again.attributes).toEqual({ domain: 'jeugd' });
    expect((await api(researcher, 'PATCH', `${base}/participants/${p.key}`, { ...body, attributes: { domain: 'Youth' } })).statusCode).toBe(
      200,
    );
    expect((await api(researcher, 'GET', `${base}/participants`)).json().participants[0].attributes).toEqual({ domain: 'jeugd' });
  });
});

describe('attributes in the analysis', () => {
  beforeAll(() => seedResponses(t.data.store, studyId));

  it('filters by a domain with the one filter syntax', async () => {
    const a = (await api(researcher, 'GET', `${base}/analysis?attribute=domain:jeugd`)).json();
    expect(a.selection).toMatchObject({ attributes: { domain: ['jeugd'] }, units: 6, subgroup: true });
    expect(a.rounds.map((r: { submitted: number }) => r.submitted)).toEqual([6, 5]);
    const two = (await api(researcher, 'GET', `${base}/analysis?attribute=domain:jeugd&attribute=domain:zorg`)).json();
    expect(two.selection.units).toBe(9);
  });

  it('filters by the built-in team (Team/regio is no dead field)', async () => {
    const a = (await api(researcher, 'GET', `${base}/analysis?attribute=team:Venlo`)).json();
    expect(a.selection.units).toBe(7);
    const dash = (await api(researcher, 'GET', `${base}/dashboard`)).json();
    expect(dash.filters.attributes.map((x: { key: string }) => x.key)).toEqual(['team', 'domain']);
    expect(dash.filters.attributes[1].values).toEqual([
      { value: 'jeugd', label: { nl: 'Jeugd', en: 'Youth' } },
      { value: 'onderwijs', label: { nl: 'Onderwijs', en: 'Education' } },
      { value: 'zorg', label: { nl: 'Zorg', en: 'Care' } },
    ]);
  });

  it('refuses an unknown attribute or a filter without a value', async () => {
    for (const q of ['attribute=regio:noord', 'attribute=domain', 'attribute=__proto__:x', 'split=regio']) {
      const res = await api(researcher, 'GET', `${base}/analysis?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().details).toEqual({ reason: 'unknown-attribute', attributes: ['team', 'domain'] });
    }
  });

  it('splits by domain and hides groups below the study minimum (5), and one more when that would give one away', async () => {
    const { split } = (await api(researcher, 'GET', `${base}/dashboard?split=domain`)).json();
    expect(split.rounds).toEqual(['h1_2026', 'h2_2026']);
    expect(split.groups.map((g: { value: string }) => g.value)).toEqual(['jeugd', 'onderwijs', 'zorg']);
    // Round 1: zorg has 3 (hidden), so onderwijs (5, the smallest shown) is hidden too; round 2: onderwijs 4, zorg 2.
    expect(split.groups.map((g: { respondents: unknown[] }) => g.respondents)).toEqual([
      [6, 5],
      [null, null],
      [null, null],
    ]);
    const jeugd = split.groups[0].results;
    // begeleiden codes 1..5,1 in round 1: two agree (4, 5) of six; below 10 answers no share.
    expect(jeugd.begeleiden[0]).toEqual({ n: 6, x: 2, share: null, mean: 16 / 6 });
    expect(split.groups[1].results.begeleiden).toEqual([null, null]);
    // A single choice gives its counts per option (participants 1, 3, 5 said yes; 2, 4, 6 no).
    expect(jeugd.beschikbaar[0].counts.map((c: { count: number }) => c.count)).toEqual([3, 3]);
  });

  it('gives the same numbers for a group as the filter on its value', async () => {
    const { split } = (await api(researcher, 'GET', `${base}/analysis?split=domain`)).json();
    const filtered = (await api(researcher, 'GET', `${base}/analysis?attribute=domain:jeugd`)).json();
    const item = filtered.items.find((i: { id: string }) => i.id === 'begeleiden');
    expect(split.groups[0].results.begeleiden[1]).toMatchObject({ n: item.rounds[1].n, mean: item.rounds[1].mean.estimate });
  });

  it('filters and splits the same way in `rondo analyze`', async () => {
    const run = async (...args: string[]) => {
      let out = '';
      let err = '';
      const code = await main(['analyze', '--study', slug, ...args, '--data', t.dir], {
        out: (s) => (out += s),
        err: (s) => (err += s),
        env: {},
      });
      return { code, out, err };
    };
    const json = JSON.parse((await run('--attribute', 'domain:jeugd', '--split', 'domain', '--json')).out);
    expect(json.selection).toMatchObject({ attributes: { domain: ['jeugd'] }, units: 6 });
    expect(json.split.groups.map((g: { value: string }) => g.value)).toEqual(['jeugd']);
    expect((await run('--split', 'domain')).out).toContain('  zorg: x / x\n');
    expect(await run('--attribute', 'regio:noord')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown cohort attribute "regio"'),
    });
  });

  it('keeps attribute filters and splits from trainers, as organisation and role', async () => {
    for (const q of ['attribute=domain:jeugd', 'split=domain']) {
      expect((await api(trainer, 'GET', `${base}/analysis?${q}`)).statusCode).toBe(403);
      expect((await api(trainer, 'GET', `${base}/dashboard?${q}`)).statusCode).toBe(403);
    }
    const dash = (await api(trainer, 'GET', `${base}/dashboard`)).json();
    expect(dash.filters.attributes).toBeUndefined();
  });
});

describe('attributes in the exports', () => {
  const files = async (format: string) => {
    const res = await api(researcher, 'GET', `${base}/exports/${format}`);
    expect(res.statusCode).toBe(200);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    return Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, strFromU8(bytes)]));
  };

  it('writes each attribute as a column of the wide file, after left_from', async () => {
    const res = await api(researcher, 'GET', `${base}/exports/wide`);
    const rows = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    const header = rows[0];
    expect(header.slice(0, 7)).toEqual(['participant', 'anonymous', 'organisation', 'role', 'team', 'left_from', 'domain']);
    expect(header[7]).toBe('invited_h1_2026');
    expect(rows.slice(1).map((r) => r[6])).toEqual([...Array(6).fill('jeugd'), ...Array(5).fill('onderwijs'), ...Array(3).fill('zorg')]);
  });

  it('describes the attribute and its values in the codebook and as SPSS value labels', async () => {
    const codebook = await files('codebook');
    const json = JSON.parse(Object.entries(codebook).find(([n]) => n.endsWith('.json'))![1]);
    expect(json.caseColumns.find((c: { name: string }) => c.name === 'domain')).toEqual({
      name: 'domain',
      label: { nl: 'Domein', en: 'Domain' },
      kind: 'text',
      values: [
        { value: 'jeugd', label: { nl: 'Jeugd', en: 'Youth' } },
        { value: 'onderwijs', label: { nl: 'Onderwijs', en: 'Education' } },
        { value: 'zorg', label: { nl: 'Zorg', en: 'Care' } },
      ],
    });
    const csv = Object.entries(codebook).find(([n]) => n.endsWith('.csv'))![1];
    expect(csv).toContain('jeugd=Jeugd | onderwijs=Onderwijs | zorg=Zorg');
    const spss = await files('spss');
    const sps = Object.entries(spss).find(([n]) => n.endsWith('.sps'))![1];
    expect(sps).toMatch(/\n {4}domain A11\n/);
    expect(sps).toContain("/domain 'jeugd' 'Jeugd' 'onderwijs' 'Onderwijs' 'zorg' 'Zorg'");
    expect(sps).toMatch(/domain 'Domein'/);
  });

  it.skipIf(spawnSync('sh', ['-c', 'command -v Rscript']).status !== 0)('gives R the attribute as a factor of its labels', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rondo-attrs-r-'));
    try {
      for (const [name, text] of Object.entries(await files('r'))) fs.writeFileSync(path.join(dir, path.basename(name)), text);
      const script = fs.readdirSync(dir).find((n) => n.endsWith('.R'))!;
      const out = execFileSync(
        'Rscript',
        [
          '--vanilla',
          '-e',
          `source("${script}"); cat(levels(rondo$domain), attr(rondo$domain, "label"), sep = "\\n"); cat(table(rondo$domain), sep = "\\n")`,
        ],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, LANG: 'C.UTF-8' },
        },
      );
      expect(out.trim().split('\n')).toEqual(['Jeugd', 'Onderwijs', 'Zorg', 'Domein', '6', '5', '3']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
