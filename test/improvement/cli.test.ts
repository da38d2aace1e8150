import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../server/cli/index.js';
import { PLAN_CSV_COLUMNS } from '../../server/improvement/export.js';
import { addAction, createPlan, decidePoint, proposePoint, savePdca, setActionStatus, type Actor } from '../../server/improvement/store.js';
import { buildTestApp, loginAs, type TestApp } from '../helpers/app.js';
import { INDICATOR, NETWORK, OPEN, createNetworkStudy } from './fixture.js';

/** `rondo plan export` on a generated network study with one plan, two actions and a PDCA entry. */
let t: TestApp;
const WORD = { nl: 'meting', en: 'round' };

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--data', t.dir], { out: (s) => (out += s), err: (s) => (err += s + '\n'), env: {} });
  return { code, out, err };
}

beforeAll(async () => {
  t = await buildTestApp();
  t.setNow(OPEN);
  const { studyId } = await createNetworkStudy(t);
  await loginAs(t, 'verbinder@example.nl', { role: 'researcher', study: NETWORK });
  await loginAs(t, 'lid@example.nl', { role: 'trainer', study: NETWORK });
  const userId = (email: string) => (t.data.store.sqlite.prepare('select id from user where email = ?').get(email) as { id: number }).id;
  const db = t.data.store.db;
  const by: Actor = { actor: `user:${userId('verbinder@example.nl')}`, session: 's', userId: userId('verbinder@example.nl'), now: OPEN };
  const point = await proposePoint(
    db,
    studyId,
    { source: 'indicator', ref: INDICATOR, title: 'Samenwerking met huisartsen', round: 'h1' },
    by,
    WORD,
  );
  await proposePoint(db, studyId, { source: 'free', title: 'Sociale kaart bijwerken' }, by, WORD);
  await decidePoint(db, studyId, point, { by: 'connector', version: 1 }, by);
  const plan = await createPlan(
    db,
    studyId,
    { point, year: 2027, goal: 'Huisartsen kennen het netwerk', indicators: [{ key: INDICATOR, target: 7.5 }] },
    by,
  );
  const action = await addAction(
    db,
    studyId,
    plan,
    { description: 'Huisartsen uitnodigen', owner: userId('lid@example.nl'), due: '2027-04-01' },
    by,
  );
  await addAction(db, studyId, plan, { description: 'Folder maken', owner: by.userId, due: '2027-06-30' }, by);
  await setActionStatus(db, studyId, action, { version: 1, status: 'done' }, { ...by, role: 'researcher' });
  await savePdca(
    db,
    studyId,
    plan,
    1,
    { version: null, done: 'Twee bezoeken', measured: 'Cijfer 7,5 (n = 4)', adjusted: '+1 overleg met de POH' },
    by,
  );
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe('rondo plan export', () => {
  it('writes the points, the plan with its actions, statuses and PDCA entries as JSON', async () => {
    const res = await run('plan', 'export', '--study', NETWORK, '--format', 'json');
    expect(res.code, res.err).toBe(0);
    const file = JSON.parse(res.out);
    expect(file).toMatchObject({ format: 'rondo.improvement/1', study: NETWORK });
    expect(file.points.map((p: { status: string }) => p.status)).toEqual(['selected', 'proposed']);
    expect(file.points[0]).not.toHaveProperty('myVote');
    expect(file.plans).toHaveLength(1);
    expect(file.plans[0]).toMatchObject({
      year: 2027,
      goal: 'Huisartsen kennen het netwerk',
      indicators: [{ key: INDICATOR, target: 7.5 }],
    });
    expect(
      file.plans[0].actions.map((a: { description: string; status: string; ownerName: string; due: string }) => [
        a.description,
        a.status,
        a.ownerName,
        a.due,
      ]),
    ).toEqual([
      ['Huisartsen uitnodigen', 'done', 'lid@example.nl', '2027-04-01'],
      ['Folder maken', 'not-started', 'verbinder@example.nl', '2027-06-30'],
    ]);
    expect(file.plans[0].pdca).toEqual([
      expect.objectContaining({ quarter: 1, done: 'Twee bezoeken', measured: 'Cijfer 7,5 (n = 4)', adjusted: '+1 overleg met de POH' }),
    ]);
  });

  it('writes one CSV row per point, plan, action and PDCA entry, with formula-like texts neutralised', async () => {
    const res = await run('plan', 'export', '--study', NETWORK, '--format', 'csv');
    expect(res.code, res.err).toBe(0);
    const lines = res.out.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(PLAN_CSV_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['"point"', '"plan"', '"action"', '"action"', '"pdca"', '"point"']);
    expect(lines[1]).toContain('"Samenwerking met huisartsen"');
    expect(lines[5]).toContain(`"'+1 overleg met de POH"`);
    expect(lines[2]).toContain('"samenwerking=7.5"');
  });

  it('refuses an unknown format or study with one clear line', async () => {
    const bad = await run('plan', 'export', '--study', NETWORK, '--format', 'xlsx');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('--format must be json or csv');
    const unknown = await run('plan', 'export', '--study', 'bestaat-niet');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('there is no study "bestaat-niet"');
  });
});
