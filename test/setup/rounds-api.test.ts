import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, type LoggedIn, type TestApp } from '../helpers/app.js';
import { roundKeyFromName } from '../../model/round-key.js';

/**
 * Rounds on the set-up screen: the key is the researcher's (default made from the name), a bad key is
 * refused with a clear message and nothing added; a round holding invitations or responses cannot be removed.
 */
describe('rounds API: keys and removal', () => {
  let t: TestApp;
  let researcher: LoggedIn;
  const url = '/api/studies/1000-kansen/rounds';
  const keys = async () =>
    (
      (await t.app.inject({ method: 'GET', url: '/api/studies/1000-kansen', headers: researcher.headers })).json() as {
        rounds: { key: string }[];
      }
    ).rounds.map((r) => r.key);
  const add = (body: object) => t.app.inject({ method: 'POST', url, headers: researcher.headers, payload: body });
  const remove = (key: string) => t.app.inject({ method: 'DELETE', url: `${url}/${key}`, headers: researcher.headers });

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    researcher = await loginAs(t, 'onderzoeker@example.nl', { role: 'researcher' });
  });
  afterAll(() => t.close());

  it('derives a key from the name: lower case, a-z/0-9/_, a letter first, the year kept, unique', () => {
    expect(roundKeyFromName('Eerste helft 2027', [])).toBe('eerste_helft_2027');
    expect(roundKeyFromName('2027 H1', [])).toBe('r2027_h1');
    expect(roundKeyFromName('Één meting', [])).toBe('een_meting');
    expect(roundKeyFromName('Nameting na de zomervakantie van 2027', [])).toBe('nameting_na_de_2027');
    expect(roundKeyFromName('Voormeting', ['voormeting'])).toBe('voormeting_2');
    expect(roundKeyFromName('!!!', ['r1'])).toBe('r2');
  });

  it('adds a round with the key made from its name, or the key the researcher chose', async () => {
    const derived = await add({ label: { nl: 'Eerste helft 2027', en: 'First half 2027' } });
    expect(derived.statusCode).toBe(201);
    expect(derived.json()).toEqual({ key: 'eerste_helft_2027' });
    const chosen = await add({ label: { nl: 'Tweede helft 2027' }, key: 'h2_2027' });
    expect(chosen.json()).toEqual({ key: 'h2_2027' });
    expect(await keys()).toEqual(['pre', 'mid', 'post', 'eerste_helft_2027', 'h2_2027']);
  });

  for (const [what, key, reason, message] of [
    ['spaces', 'tweede helft', 'key-format', /no spaces/],
    ['a duplicate', 'post', 'key-duplicate', /already a round with the key "post"/],
    ['too many characters', 'a'.repeat(33), 'key-too-long', /longer than 20 characters/],
    ['nothing', '  ', 'key-empty', /Enter a key/],
  ] as const) {
    it(`refuses a key with ${what} with a clear message in both languages, and adds nothing`, async () => {
      const before = await keys();
      const res = await add({ label: { nl: 'Extra meting' }, key });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION', details: { field: 'key', reason } });
      expect(res.json().message).toMatch(message);
      expect(res.json().details.nl).toMatch(/sleutel|Sleutel/);
      expect(await keys()).toEqual(before);
    });
  }

  it('refuses to remove a round that holds responses (409, reason in-use) and removes an unused one', async () => {
    const used = await remove('pre');
    expect(used.statusCode).toBe(409);
    expect(used.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'in-use' } });
    expect(used.json().message).toContain('Round "pre"');
    expect((await remove('h2_2027')).statusCode).toBe(200);
    expect(await keys()).toEqual(['pre', 'mid', 'post', 'eerste_helft_2027']);
  });
});
