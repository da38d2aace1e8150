import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { INDICATOR, NETWORK, OPEN, createNetworkStudy } from './fixture.js';

const api = `/api/studies/${NETWORK}/improvement`;

/**
 * The improvement cycle through HTTP on a generated network study: the connector (researcher)
 * proposes points, the team votes while a round is open, a point is selected, a yearly plan with
 * indicators, actions and quarterly PDCA entries is written; members change only their own
 * actions' status. Every refusal is a clear message and changes nothing (the history and the
 * audit log stay as they were).
 */
describe('the improvement cycle', () => {
  let t: TestApp;
  let connector: LoggedIn;
  let secondConnector: LoggedIn;
  let member: LoggedIn;
  let manager: LoggedIn;
  let outsider: LoggedIn;
  const ids: Record<string, number> = {};
  const call = (who: LoggedIn, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `${api}${url}`, headers: who.headers, payload: payload as object });
  const state = async () => (await call(connector, 'GET', '')).json();
  const counts = () => ({
    history: Number((t.data.store.sqlite.prepare('select count(*) n from improvement_history').get() as { n: number }).n),
    audit: Number(
      (t.data.store.sqlite.prepare("select count(*) n from audit_log where action like 'improvement.%'").get() as { n: number }).n,
    ),
  });
  /** A refusal: the status, the reason, a Dutch and an English sentence, and nothing written. */
  type Refusal = { code: string; details: { reason: string; current?: number; text: { nl: string; en: string } } };
  const refused = async (res: Promise<{ statusCode: number; json(): unknown }>, status: number, reason: string) => {
    const before = counts();
    const r = await res;
    expect(r.statusCode).toBe(status);
    expect((r.json() as Refusal).details).toMatchObject({ reason, text: { nl: expect.any(String), en: expect.any(String) } });
    expect(counts()).toEqual(before);
    return r.json() as Refusal;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    t.setNow(OPEN);
    await createNetworkStudy(t);
    connector = await loginAs(t, 'verbinder@example.nl', { role: 'researcher', study: NETWORK });
    secondConnector = await loginAs(t, 'verbinder2@example.nl', { role: 'researcher', study: NETWORK });
    member = await loginAs(t, 'lid@example.nl', { role: 'trainer', study: NETWORK });
    manager = await loginAs(t, 'manager@example.nl', { role: 'manager', study: NETWORK });
    outsider = await loginAs(t, 'buiten@example.nl');
    for (const m of (await state()).members) ids[m.name] = m.id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('starts empty and lists the members, the current indicators and the rounds', async () => {
    const s = await state();
    expect(s.points).toEqual([]);
    expect(s.plans).toEqual([]);
    expect(s.members.map((m: { role: string }) => m.role).sort()).toEqual(['manager', 'researcher', 'researcher', 'trainer']);
    expect(s.indicators).toEqual([{ key: INDICATOR, name: { nl: 'Samenwerking in het netwerk' } }]);
    expect(s.rounds).toEqual([
      { key: 'h1', label: { nl: 'Eerste halfjaar 2027', en: 'Eerste halfjaar 2027' }, state: 'closed' },
      { key: 'h2', label: { nl: 'Tweede halfjaar 2027', en: 'Tweede halfjaar 2027' }, state: 'open' },
    ]);
    expect(s.canManage).toBe(true);
  });

  it('lets the connector propose points from an item, an indicator, a theme and free text', async () => {
    for (const body of [
      { source: 'indicator', ref: INDICATOR, title: 'Betere samenwerking met de huisartsen', round: 'h1' },
      { source: 'item', ref: 'werkveld', title: 'Meer werkvelden in het team' },
      { source: 'theme', ref: 'Verwijzen', title: 'Sneller verwijzen' },
      { source: 'free', title: 'Sociale kaart bijwerken', note: 'Jaarlijks' },
    ]) {
      const res = await call(connector, 'POST', '/points', body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const points = (await state()).points;
    expect(points.map((p: { source: string; status: string }) => [p.source, p.status])).toEqual([
      ['indicator', 'proposed'],
      ['item', 'proposed'],
      ['theme', 'proposed'],
      ['free', 'proposed'],
    ]);
    ids.point = points[0].id;
    ids.other = points[1].id;
  });

  it('refuses a point on an indicator or item that is not in the current questionnaire, and members who propose', async () => {
    await refused(call(connector, 'POST', '/points', { source: 'indicator', ref: 'bestaat_niet', title: 'X' }), 400, 'UNKNOWN_INDICATOR');
    await refused(call(connector, 'POST', '/points', { source: 'item', ref: 'geen_vraag', title: 'X' }), 400, 'UNKNOWN_ITEM');
    expect((await call(member, 'POST', '/points', { source: 'free', title: 'X' })).statusCode).toBe(403);
  });

  it('counts the team’s votes while the round is open, one per member', async () => {
    for (const who of [connector, member, manager])
      expect((await call(who, 'POST', `/points/${ids.point}/vote`, { round: 'h2' })).statusCode).toBe(200);
    expect((await call(member, 'POST', `/points/${ids.other}/vote`, { round: 'h2' })).statusCode).toBe(200);
    await refused(call(member, 'POST', `/points/${ids.point}/vote`, { round: 'h2' }), 409, 'ALREADY_VOTED');
    const s = (await call(member, 'GET', '')).json();
    expect(s.points.find((p: { id: number }) => p.id === ids.point)).toMatchObject({ votes: 3, myVote: true });
    expect(s.canManage).toBe(false);
  });

  it('refuses a vote outside the round’s window', async () => {
    const body = await refused(call(member, 'POST', `/points/${ids.other}/vote`, { round: 'h1' }), 409, 'VOTE_OUTSIDE_ROUND');
    expect(body.details.text.nl).toContain('zolang de meting');
  });

  it('selects by vote only the point with the most votes; the connector may choose any', async () => {
    const other = (await state()).points.find((p: { id: number }) => p.id === ids.other);
    await refused(call(connector, 'PUT', `/points/${ids.other}/decision`, { by: 'vote', version: other.version }), 400, 'NOT_MOST_VOTES');
    const point = (await state()).points.find((p: { id: number }) => p.id === ids.point);
    const res = await call(connector, 'PUT', `/points/${ids.point}/decision`, { by: 'vote', version: point.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().points.find((p: { id: number }) => p.id === ids.point)).toMatchObject({
      status: 'selected',
      selectedBy: 'vote',
      version: 2,
    });
  });

  it('writes a yearly plan with indicators and targets, and refuses an indicator not in the current version', async () => {
    await refused(
      call(connector, 'POST', '/plans', { point: ids.point, year: 2027, goal: 'Doel', indicators: [{ key: 'oud', target: 8 }] }),
      400,
      'UNKNOWN_INDICATOR',
    );
    await refused(
      call(connector, 'POST', '/plans', { point: ids.other, year: 2027, goal: 'Doel', indicators: [] }),
      400,
      'POINT_NOT_SELECTED',
    );
    const res = await call(connector, 'POST', '/plans', {
      point: ids.point,
      year: 2027,
      goal: 'Elke huisarts in de wijk kent het netwerk en verwijst gezinnen door.',
      indicators: [{ key: INDICATOR, target: 7.5 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json().plans[0];
    ids.plan = plan.id;
    expect(plan).toMatchObject({ year: 2027, version: 1, actions: [], pdca: [] });
    // The indicator's values per round beside the plan, with the counts and the honest verdict on the change.
    const ind = plan.indicators[0];
    expect(ind).toMatchObject({ key: INDICATOR, target: 7.5, name: { nl: 'Samenwerking in het netwerk' } });
    expect(ind.rounds.map((r: { round: string; n: number }) => [r.round, r.n])).toEqual([
      ['h1', 4],
      ['h2', 4],
    ]);
    expect(ind.rounds[0].value).toBeCloseTo(6, 10);
    expect(ind.rounds[1].value).toBeCloseTo(7.5, 10);
    expect(ind.changes[0]).toMatchObject({ from: 'h1', to: 'h2', evidence: 'not-tested' });
    expect(ind.changes[0].reason).toMatch(/^too-few/);
  });

  it('adds actions owned by members, due within the plan’s year, and refuses the rest', async () => {
    const action = (owner: number, due: string) => ({ description: 'Huisartsen uitnodigen voor het netwerkoverleg', owner, due });
    await refused(call(connector, 'POST', `/plans/${ids.plan}/actions`, action(999, '2027-05-01')), 400, 'OWNER_NOT_MEMBER');
    const outsiderId = Number(
      (t.data.store.sqlite.prepare("select id from user where email = 'buiten@example.nl'").get() as { id: number }).id,
    );
    await refused(call(connector, 'POST', `/plans/${ids.plan}/actions`, action(outsiderId, '2027-05-01')), 400, 'OWNER_NOT_MEMBER');
    await refused(
      call(connector, 'POST', `/plans/${ids.plan}/actions`, action(ids['lid@example.nl'], '2026-12-31')),
      400,
      'DUE_OUTSIDE_YEAR',
    );
    await refused(call(connector, 'POST', `/plans/${ids.plan}/actions`, action(ids['lid@example.nl'], '2027-02-30')), 400, 'BAD_DATE');
    for (const [owner, due] of [
      [ids['lid@example.nl'], '2027-04-01'],
      [ids['verbinder@example.nl'], '2027-09-30'],
    ] as const) {
      const res = await call(connector, 'POST', `/plans/${ids.plan}/actions`, action(owner, due));
      expect(res.statusCode, res.body).toBe(200);
    }
    const actions = (await state()).plans[0].actions;
    expect(actions.map((a: { ownerName: string; status: string }) => [a.ownerName, a.status])).toEqual([
      ['lid@example.nl', 'not-started'],
      ['verbinder@example.nl', 'not-started'],
    ]);
    ids.memberAction = actions[0].id;
    ids.connectorAction = actions[1].id;
  });

  it('lets a member change the status of their own action only; the manager reads', async () => {
    const res = await call(member, 'PUT', `/actions/${ids.memberAction}/status`, { version: 1, status: 'in-progress' });
    expect(res.statusCode, res.body).toBe(200);
    await refused(call(member, 'PUT', `/actions/${ids.connectorAction}/status`, { version: 1, status: 'done' }), 403, 'NOT_OWNER');
    expect(
      (
        await call(member, 'PUT', `/actions/${ids.memberAction}`, {
          version: 2,
          description: 'x',
          owner: 1,
          due: '2027-01-01',
          status: 'done',
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(manager, 'GET', '')).json().plans[0].actions[0].status).toBe('in-progress');
    expect(
      (await call(manager, 'PUT', `/plans/${ids.plan}/pdca/1`, { version: null, done: 'x', measured: '', adjusted: '' })).statusCode,
    ).toBe(403);
    expect((await call(outsider, 'GET', '')).statusCode).toBe(404);
  });

  it('refuses the second of two connectors editing the same plan at once, and loses neither change', async () => {
    const plan = (await state()).plans[0];
    const edit = (goal: string) => ({ version: plan.version, year: 2027, goal, indicators: [{ key: INDICATOR, target: 8 }] });
    const first = await call(connector, 'PUT', `/plans/${ids.plan}`, edit('Eerste versie van het doel'));
    expect(first.statusCode, first.body).toBe(200);
    const second = await refused(
      call(secondConnector, 'PUT', `/plans/${ids.plan}`, edit('Tweede versie van het doel')),
      409,
      'STALE_VERSION',
    );
    expect(second.details.current).toBe(2);
    expect(second.details.text.nl).toContain('Er is niets opgeslagen');
    expect((await state()).plans[0]).toMatchObject({ goal: 'Eerste versie van het doel', version: 2 });
    // Both versions of the plan are in its history.
    const history = (await call(member, 'GET', '/history')).json().entries.filter((e: { entity: string }) => e.entity === 'plan');
    expect(history.map((e: { version: number; snapshot: { goal: string } }) => [e.version, e.snapshot.goal])).toEqual([
      [1, 'Elke huisarts in de wijk kent het netwerk en verwijst gezinnen door.'],
      [2, 'Eerste versie van het doel'],
    ]);
  });

  it('refuses moving the plan to a year its actions are not due in', async () => {
    await refused(
      call(connector, 'PUT', `/plans/${ids.plan}`, { version: 2, year: 2028, goal: 'Doel', indicators: [] }),
      400,
      'ACTIONS_OUTSIDE_YEAR',
    );
  });

  it('records quarterly PDCA entries and refuses a stale or empty one', async () => {
    const entry = {
      version: null,
      done: 'Twee huisartsen bezocht',
      measured: 'Cijfer samenwerking 7,5 (4 antwoorden)',
      adjusted: 'Ook de POH',
    };
    expect((await call(connector, 'PUT', `/plans/${ids.plan}/pdca/1`, entry)).statusCode).toBe(200);
    await refused(call(secondConnector, 'PUT', `/plans/${ids.plan}/pdca/1`, entry), 409, 'STALE_VERSION');
    await refused(
      call(connector, 'PUT', `/plans/${ids.plan}/pdca/2`, { version: null, done: ' ', measured: '', adjusted: '' }),
      400,
      'EMPTY_PDCA',
    );
    const res = await call(connector, 'PUT', `/plans/${ids.plan}/pdca/1`, {
      ...entry,
      version: 1,
      adjusted: 'Ook de POH en de verloskundige',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().plans[0].pdca).toEqual([
      expect.objectContaining({ quarter: 1, version: 2, adjusted: 'Ook de POH en de verloskundige' }),
    ]);
    expect((await call(connector, 'PUT', `/plans/${ids.plan}/pdca/5`, entry)).statusCode).toBe(400);
  });

  it('keeps every version and audit-logs every change; the history cannot be rewritten', async () => {
    const { history, audit } = counts();
    // 4 points, 1 decision, 1 plan + 1 edit, 2 actions + 1 status, 2 PDCA versions = 12 versions; the 4 votes are audited only.
    expect(history).toBe(12);
    expect(audit).toBe(16);
    expect(() => t.data.store.sqlite.prepare("update improvement_history set actor = 'x'").run()).toThrow(/append-only/);
  });

  it('refuses every change once the study is archived', async () => {
    t.data.store.sqlite.prepare("update study set archived_at = '2027-03-01T00:00:00.000Z' where slug = ?").run(NETWORK);
    const res = await call(member, 'PUT', `/actions/${ids.memberAction}/status`, { version: 2, status: 'done' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('STUDY_ARCHIVED');
    expect((await call(member, 'GET', '')).statusCode).toBe(200);
  });
});
