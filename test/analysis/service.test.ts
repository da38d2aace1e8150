import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisAccessError, UnknownRoundError, filtersFromQuery, requestFor } from '../../server/analysis/service.js';
import { buildTestApp, loginAs, type TestApp, type LoggedIn } from '../helpers/app.js';

const SLUG = '1000-kansen';

describe('the analysis service', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.org', { role: 'researcher' });
  });
  afterAll(async () => t?.close());

  it('hands out the same result for the same selection until the database changes', async () => {
    const request = { audience: 'full' as const, matched: false };
    const first = await t.app.analysis.analyse(SLUG, request);
    const again = await t.app.analysis.analyse(SLUG, { ...request });
    expect(again!.analysis).toBe(first!.analysis);
    const other = await t.app.analysis.analyse(SLUG, { ...request, rounds: ['pre', 'post'] });
    expect(other!.analysis).not.toBe(first!.analysis);
    expect(other!.input).toBe(first!.input);
    t.data.store.sqlite.prepare('update study set created_at = created_at where slug = ?').run(SLUG);
    const after = await t.app.analysis.analyse(SLUG, request);
    expect(after!.input).not.toBe(first!.input);
    expect(after!.analysis).not.toBe(first!.analysis);
    expect(after!.analysis).toEqual(first!.analysis);
  });

  it('gives GET /analysis and the dashboard the numbers the service holds', async () => {
    const analysis = await t.app.inject({ url: `/api/studies/${SLUG}/analysis`, headers: researcher.headers });
    const dashboard = await t.app.inject({ url: `/api/studies/${SLUG}/dashboard`, headers: researcher.headers });
    expect(analysis.statusCode).toBe(200);
    expect(dashboard.json().analysis).toEqual(analysis.json());
    const cached = await t.app.analysis.analyse(SLUG, { audience: 'full', matched: false });
    expect(JSON.parse(JSON.stringify(cached!.analysis))).toEqual(analysis.json());
  });

  it('lets the factsheet composer reuse the cached analysis instead of analysing again', async () => {
    const draft = () => t.app.inject({ url: `/api/studies/${SLUG}/factsheet/draft?lang=nl`, headers: researcher.headers });
    expect((await draft()).statusCode).toBe(200); // the first call creates the draft: a write
    const before = await t.app.analysis.analyse(SLUG, { audience: 'full', matched: false });
    expect((await draft()).statusCode).toBe(200);
    const after = await t.app.analysis.analyse(SLUG, { audience: 'full', matched: false });
    expect(after!.input).toBe(before!.input);
    expect(after!.analysis).toBe(before!.analysis);
  });

  it('refuses a round the study does not have, naming the rounds it has', async () => {
    const err = await t.app.analysis.analyse(SLUG, { audience: 'full', matched: false, rounds: ['pre', 'later'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownRoundError);
    expect((err as UnknownRoundError).unknown).toEqual(['later']);
    expect((err as UnknownRoundError).known).toEqual(['pre', 'mid', 'post']);
  });

  it('answers null for a study that does not exist', async () => {
    expect(await t.app.analysis.analyse('no-such-study', { audience: 'full', matched: false })).toBeNull();
  });
});

describe('requestFor: the policy table decides the audience', () => {
  const none = { matched: false };
  it('gives researchers the full audience, or the aggregate one when they ask', () => {
    expect(requestFor('researcher', none).audience).toBe('full');
    expect(requestFor('researcher', none, 'aggregate').audience).toBe('aggregate');
    expect(requestFor('researcher', { ...none, organisations: ['x'] }).organisations).toEqual(['x']);
  });

  it('gives trainers the aggregate audience and refuses subgroups and the full audience', () => {
    expect(requestFor('trainer', none).audience).toBe('aggregate');
    expect(() => requestFor('trainer', { ...none, roles: ['x'] })).toThrow(AnalysisAccessError);
    expect(() => requestFor('trainer', { ...none, organisations: ['x'] })).toThrow(AnalysisAccessError);
    expect(() => requestFor('trainer', none, 'full')).toThrow(AnalysisAccessError);
  });
});

describe('filtersFromQuery: the one filter syntax', () => {
  it('reads repeated and single parameters and the matched flag', () => {
    expect(filtersFromQuery({ round: ['pre', 'post'], organisation: 'GGD', matched: '1' })).toEqual({
      rounds: ['pre', 'post'],
      organisations: ['GGD'],
      roles: undefined,
      matched: true,
    });
    expect(filtersFromQuery({ matched: 'true' }).matched).toBe(true);
    expect(filtersFromQuery({ matched: '0' }).matched).toBe(false);
    expect(filtersFromQuery({})).toEqual({ rounds: undefined, organisations: undefined, roles: undefined, matched: false });
  });
});
