import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SLUG, generateDemo } from '../../content/demo/generate.js';
import { partnerSub, toolSub } from '../../model/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/**
 * The demo study reproduces the calibrated aggregates of the published factsheet. These
 * numbers are read back from the real database, by SQL, independently of the analysis engine.
 */
describe('the 1000 Kansen demo study', () => {
  let t: TestApp;
  const q = <T>(sql: string, ...params: unknown[]) => t.data.store.sqlite.prepare(sql).all(...params) as T[];

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
  });
  afterAll(() => t.close());

  const submittedIn = (round: string) =>
    q<{ n: number }>(
      `select count(*) n from response r join round o on o.id = r.round_id where o.key = ? and r.status = 'submitted'`,
      round,
    )[0].n;

  /** Codes of one item (and sub) among submitted responses of a round, keyed by participant. */
  const codes = (round: string, item: string, sub = '') =>
    new Map(
      q<{ participant_id: number; code: number }>(
        `select r.participant_id, a.code from answer a join response r on r.id = a.response_id join round o on o.id = r.round_id
         where o.key = ? and r.status = 'submitted' and a.item = ? and a.sub = ? and a.code is not null`,
        round,
        item,
        sub,
      ).map((r) => [r.participant_id, r.code]),
    );
  const shareAgree = (round: string, item: string) => {
    const v = [...codes(round, item).values()];
    return v.filter((c) => c >= 4).length / v.length;
  };
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

  it('is generated deterministically', () => {
    expect(generateDemo()).toEqual(generateDemo());
  });

  it('has 34 participants from several organisations in the four roles of the factsheet', () => {
    expect(q<{ n: number }>('select count(*) n from participant')[0].n).toBe(34);
    const roles = q<{ role: string; n: number }>('select role, count(*) n from participant group by role order by role');
    expect(roles.map((r) => r.role)).toEqual(['gezinscoach', 'ggd-arts', 'jgz-verpleegkundige', 'voorschoolse intern begeleider']);
    expect(q<{ n: number }>('select count(distinct organisation) n from participant')[0].n).toBeGreaterThanOrEqual(4);
    expect(q<{ n: number }>('select count(*) n from participant_contact')[0].n).toBe(34);
  });

  it('is labelled as synthetic data', () => {
    const def = JSON.parse(q<{ definition: string }>('select definition from study where slug = ?', DEMO_SLUG)[0].definition);
    expect(def.description.nl).toContain('SYNTHETISCHE');
    expect(def.description.en).toContain('SYNTHETIC');
  });

  it('has three rounds with 21, 22 and 12 submitted responses of 34 invited (62%, 65%, 35%)', () => {
    expect(q<{ key: string }>('select key from round order by position').map((r) => r.key)).toEqual(['pre', 'mid', 'post']);
    expect([submittedIn('pre'), submittedIn('mid'), submittedIn('post')]).toEqual([21, 22, 12]);
    for (const r of q<{ n: number }>('select count(*) n from invitation group by round_id')) expect(r.n).toBe(34);
    expect(Math.round((21 / 34) * 100)).toBe(62);
    expect(Math.round((22 / 34) * 100)).toBe(65);
    expect(Math.round((12 / 34) * 100)).toBe(35);
  });

  it('has a few unsubmitted drafts', () => {
    const drafts = q<{ n: number }>("select count(*) n from response where status = 'draft'")[0].n;
    expect(drafts).toBeGreaterThanOrEqual(2);
    expect(drafts).toBeLessThanOrEqual(6);
  });

  it('allows paired analysis: most round-3 respondents also answered round 1', () => {
    const post = codes('post', 'know_problems');
    const pre = codes('pre', 'know_problems');
    const both = [...post.keys()].filter((p) => pre.has(p)).length;
    expect(both).toBe(11);
  });

  it('has 9 of the 11 post-round answers to "mostly able to answer help questions" yes (82%)', () => {
    const answers = [...codes('post', 'help_questions').values()];
    expect(answers.length).toBe(11);
    expect(answers.filter((c) => c === 1).length).toBe(9);
    const dontKnow = q<{ n: number }>(
      `select count(*) n from answer a join response r on r.id = a.response_id join round o on o.id = r.round_id
       where o.key = 'post' and r.status = 'submitted' and a.item = 'help_questions' and a.missing = 'dont_know'`,
    )[0].n;
    expect(dontKnow).toBe(1);
  });

  it('has the largest increases in collaboration frequency with POH GGZ Jeugd, VIB and SOJ, by every measure', () => {
    const partners = q<{ id: number; name: string }>('select id, name from partner order by position');
    expect(partners.length).toBeGreaterThanOrEqual(10);
    const expected = ['POH GGZ Jeugd', 'Specialistische ondersteuning jeugd', 'Voorschoolse intern begeleiders'];
    const increase = partners.map((p) => {
      const pre = codes('pre', 'collab', partnerSub(p.id, 'frequency'));
      const post = codes('post', 'collab', partnerSub(p.id, 'frequency'));
      const paired = [...post.keys()].filter((k) => pre.has(k)).map((k) => post.get(k)! - pre.get(k)!);
      const monthly = (m: Map<number, number>) => [...m.values()].filter((c) => c >= 4).length / m.size;
      return {
        name: p.name,
        mean: mean([...post.values()]) - mean([...pre.values()]),
        monthly: monthly(post) - monthly(pre),
        paired: mean(paired),
      };
    });
    for (const key of ['mean', 'monthly', 'paired'] as const) {
      const top = [...increase]
        .sort((a, b) => b[key] - a[key])
        .slice(0, 3)
        .map((r) => r.name)
        .sort();
      expect(top, `top three by ${key}`).toEqual(expected);
    }
  });

  it('rates collaboration quality per partner, with "not applicable" when there was no collaboration', () => {
    const quality = q<{ n: number }>("select count(*) n from answer where item = 'collab' and sub like '%.quality' and code is not null")[0]
      .n;
    const na = q<{ n: number }>(
      "select count(*) n from answer where item = 'collab' and sub like '%.quality' and missing = 'not_applicable'",
    )[0].n;
    expect(quality).toBeGreaterThan(300);
    expect(na).toBeGreaterThan(0);
  });

  it('has competence to signal and knowledge peaking in the mid round, knowledge higher post than pre', () => {
    for (const item of ['comp_signal', 'know_problems']) {
      const [pre, mid, post] = ['pre', 'mid', 'post'].map((r) => shareAgree(r, item));
      expect(mid, item).toBeGreaterThan(post);
      expect(mid, item).toBeGreaterThan(pre);
    }
    expect(shareAgree('post', 'know_problems')).toBeGreaterThan(shareAgree('pre', 'know_problems'));
    expect(mean([...codes('post', 'know_problems').values()])).toBeGreaterThan(mean([...codes('pre', 'know_problems').values()]));
  });

  it('asks tool use and "brought a case to the ZAT" only in rounds 2 and 3, rising, the beslisboom least', () => {
    const inPre = q<{ n: number }>(
      `select count(*) n from answer a join response r on r.id = a.response_id join round o on o.id = r.round_id where o.key = 'pre' and a.item in ('tools_use', 'zat_case')`,
    )[0].n;
    expect(inPre).toBe(0);
    const tools = q<{ id: number; name: string }>('select id, name from tool order by position');
    expect(tools.map((x) => x.name)).toEqual(['IMH beslisboom', 'ZAT aanmeldformulier', 'ZAT vaste methode']);
    const use = (round: string, toolId: number) => {
      const v = [...codes(round, 'tools_use', toolSub(toolId)).values()];
      return v.filter((c) => c === 1).length / v.length;
    };
    for (const tool of tools) expect(use('post', tool.id), tool.name).toBeGreaterThan(use('mid', tool.id));
    for (const round of ['mid', 'post']) {
      const shares = tools.map((x) => use(round, x.id));
      expect(shares[0], round).toBeLessThan(Math.min(shares[1], shares[2]));
    }
    const zat = (round: string) => {
      const v = [...codes(round, 'zat_case').values()];
      return v.filter((c) => c === 1).length / v.length;
    };
    expect(zat('post')).toBeGreaterThan(zat('mid'));
  });

  it('has open answers in Dutch, including the three recommendations of the factsheet', () => {
    const texts = q<{ text: string }>("select text from answer where item = 'recommend' and text is not null")
      .map((r) => r.text)
      .join('\n');
    expect(texts).toMatch(/laagdrempelige pedagogische ondersteuning/);
    expect(texts).toMatch(/kortdurende IMH-interventie/);
    expect(texts).toMatch(/positieve casussen/);
  });

  it('stores only hashes of link tokens', () => {
    const rows = q<{ token_hash: string }>('select token_hash from invitation');
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    expect(new Set(rows.map((r) => r.token_hash)).size).toBe(rows.length);
  });
});
