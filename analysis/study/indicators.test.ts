import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../stats/reference.testkit.js';
import { analyzeStudy } from './analyze.js';
import { MONITOR_INDICATORS, MONITOR_ITEMS, monitorStudy } from './indicators.testkit.js';
import { makeInput, type TestStudy } from './testing.js';

// Frozen R values: fixtures/reference/indicators.R (R 4.2.2, exactRankTests 0.8-35) on the same CSV.
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON fixture
const reference: any = JSON.parse(readFileSync(new URL('../../fixtures/reference/indicators-reference.json', import.meta.url), 'utf8'));

describe('indicators against R (generated half-yearly network monitor)', () => {
  const analysis = analyzeStudy(makeInput(monitorStudy()));

  it('analyses every indicator with the per-person rule its items call for', () => {
    expect(analysis.indicators.map((i) => [i.key, i.scoring, i.result.kind])).toEqual([
      ['richtlijnen', 'person-share', 'numeric'],
      ['r1_eens', 'item-top-box', 'binary'],
      ['beschikbaar', 'item', 'binary'],
      ['beschikbaar_alle', 'person-share', 'numeric'],
      ['cijfer', 'item', 'ordinal'],
      ['samenwerking', 'person-mean', 'numeric'],
      ['keuze', 'item', 'nominal'],
    ]);
  });

  for (const ref of reference.indicators) {
    it(`${ref.key}: values per round, paired and cross-sectional change and adjusted p match R to 1e-9`, () => {
      const ind = analysis.indicators.find((i) => i.key === ref.key)!;
      ref.rounds.forEach((rr: Record<string, unknown> & { round: string; n: number }, k: number) => {
        const s = ind.result.rounds[k];
        const at = `${ref.key} ${rr.round}`;
        expect(s.round).toBe(rr.round);
        expect(s.n, `${at} n`).toBe(rr.n);
        if (ref.kind === 'binary') {
          expect(s.topBox!.x).toBe(rr.x);
          expectClose(s.topBox!.estimate, rr.estimate as number, `${at} share`);
          const ci = rr.ci as [number, number];
          expectClose(s.topBox!.ci![0], ci[0], `${at} Wilson lower`);
          expectClose(s.topBox!.ci![1], ci[1], `${at} Wilson upper`);
        } else if (ref.kind === 'nominal') {
          expect(s.distribution!.map((c) => c.count)).toEqual(rr.counts);
        } else {
          expectClose(s.mean!.estimate, rr.mean as number, `${at} mean`);
          expectClose(s.mean!.sd, rr.sd as number, `${at} sd`);
          const ci = rr.ci as [number, number];
          expectClose(s.mean!.ci![0], ci[0], `${at} t lower`);
          expectClose(s.mean!.ci![1], ci[1], `${at} t upper`);
          expectClose(s.median, rr.median as number, `${at} median`);
          expectClose(s.q1, rr.q1 as number, `${at} q1`);
          expectClose(s.q3, rr.q3 as number, `${at} q3`);
        }
      });
      const c = ind.result.changes[0];
      const rc = ref.change;
      expect(c.primary).toBe(true);
      if (ref.kind === 'nominal') {
        // A single choice: the exact Bowker test on the pairs, withheld when it cannot reach alpha, and Fisher's
        // exact test on the rounds x options table in the exploratory family.
        expectClose(c.paired!.test!.minAchievableP, rc.bowkerMinP, `${ref.key} Bowker smallest achievable p`);
        if (rc.pairedP === undefined) expect(c.paired!.test!.p).toBeNull();
        else expectClose(c.paired!.test!.pAdjusted, rc.pairedPHolm, `${ref.key} paired p, Holm over the indicators`);
        expectClose(c.crossSectional!.test!.p, rc.crossP, `${ref.key} cross-sectional p (${rc.crossR})`);
        expectClose(c.crossSectional!.test!.pAdjusted, rc.crossPBH, `${ref.key} cross-sectional p, BH`);
        if (rc.pairedP === undefined) expect(c.conclusion.evidence).toBe('not-tested');
        return;
      }
      expect([c.paired!.n, c.paired!.improved, c.paired!.same, c.paired!.worse]).toEqual([rc.pairs, rc.improved, rc.same, rc.worse]);
      expectClose(c.paired!.meanDifference, rc.meanDifference, `${ref.key} mean paired difference`);
      expectClose(c.paired!.test!.p, rc.pairedP, `${ref.key} paired p (${rc.pairedR})`);
      expectClose(c.paired!.test!.pAdjusted, rc.pairedPHolm, `${ref.key} paired p, Holm over the indicators`);
      expect(c.paired!.test!.family).toBe('indicators');
      expectClose(c.crossSectional!.test!.p, rc.crossP, `${ref.key} cross-sectional p (${rc.crossR})`);
      expectClose(c.crossSectional!.test!.pAdjusted, rc.crossPBH, `${ref.key} cross-sectional p, BH`);
      if (ref.kind !== 'binary') {
        expectClose(c.paired!.effect!.estimate, rc.rankBiserial, `${ref.key} rank-biserial`);
        expectClose(c.crossSectional!.effect!.estimate, rc.cliffsDelta, `${ref.key} Cliff's delta`);
      }
      // One decision rule (METHODS §3.6): demonstrated exactly when the Holm-adjusted paired p < alpha.
      expect(c.conclusion.evidence).toBe(rc.pairedPHolm < 0.05 ? 'demonstrated' : 'not-demonstrated');
    });
  }

  it('keeps the items’ own families unchanged by defining indicators', () => {
    const without = analyzeStudy(makeInput({ ...monitorStudy(), indicators: undefined }));
    expect(without.indicators).toEqual([]);
    const strip = (a: typeof analysis) => a.families.filter((f) => !f.id.startsWith('indicators'));
    expect(strip(analysis)).toEqual(strip(without));
    expect(analysis.items).toEqual(without.items);
  });

  it('flags small numbers and, for the aggregate audience, hides a share below minDenominatorForPercent', () => {
    const few = monitorStudy();
    few.participants = few.participants.slice(0, 8);
    few.responses = few.responses.filter((r) => (r.p as number) < 8);
    const full = analyzeStudy(makeInput(few));
    const agg = analyzeStudy(makeInput(few), { audience: 'aggregate' });
    const share = full.indicators.find((i) => i.key === 'r1_eens')!.result.rounds[0];
    expect(share.n).toBeLessThan(10);
    expect(share.flags).toContain('no-percentage');
    const hidden = agg.indicators.find((i) => i.key === 'r1_eens')!.result.rounds[0];
    expect(hidden.topBox!.estimate).toBeNull();
    expect(hidden.topBox!.x).toBe(share.topBox!.x);
    expect(agg.indicators.find((i) => i.key === 'samenwerking')!.result.rounds[0].mean!.estimate).toBeNull();
  });

  it('counts a person for a multi-item indicator only when they answered at least half of the items', () => {
    const study: TestStudy = {
      rounds: ['a'],
      items: MONITOR_ITEMS.map((i) => ({ ...i, rounds: ['a'] })),
      indicators: MONITOR_INDICATORS.filter((i) => i.key === 'richtlijnen'),
      participants: [{}, {}, {}],
      responses: [
        { p: 0, round: 'a', answers: { r1: 5, r2: 'dk' } }, // 1 of 3 answered: not counted
        { p: 1, round: 'a', answers: { r1: 5, r2: 2 } }, // 2 of 3: share 1/2
        { p: 2, round: 'a', answers: { r1: 'dk', r2: 'dk', r3: 'dk' } }, // all don't know
      ],
    };
    const r = analyzeStudy(makeInput(study)).indicators[0].result.rounds[0];
    expect([r.n, r.skipped, r.dontKnow, r.mean!.estimate]).toEqual([1, 1, 1, 0.5]);
  });
});
