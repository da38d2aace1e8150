import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../analysis/study/analyze.js';
import { monitorStudy } from '../../../analysis/study/indicators.testkit.js';
import { makeInput } from '../../../analysis/study/testing.js';
import { fmt } from '../format.js';
import { indicatorDisplay, indicatorInterval, indicatorSpec } from './indicators.js';

const nl = fmt('nl');

describe('indicatorSpec (generated network monitor)', () => {
  const a = analyzeStudy(makeInput(monitorStudy()));
  const ind = (key: string) => a.indicators.find((i) => i.key === key)!;

  it('draws a mean of per-person shares as a percentage with its t-interval', () => {
    const spec = indicatorSpec(a, ind('richtlijnen'), nl, 'Richtlijnen gevolgd');
    expect([spec.percent, spec.min, spec.max]).toEqual([true, 0, 1]);
    expect(spec.series[0].values[0]).toBeCloseTo(0.3827, 4);
    expect(spec.series[0].ci?.[0]?.[0]).toBeCloseTo(0.2537, 4);
    expect(spec.display[0]).toEqual(['38%', '67%']);
    expect(spec.summary).toContain('n = 27');
  });

  it('draws a mean score on its own scale, not on 0–100%', () => {
    const spec = indicatorSpec(a, ind('cijfer'), nl, 'Rapportcijfer');
    expect([spec.percent, spec.min, spec.max]).toEqual([false, 1, 10]);
    expect(spec.display[0][0]).toMatch(/^\d,\d$/);
    expect(indicatorInterval(ind('cijfer'), ind('cijfer').result.rounds[0], 10, nl)).toMatch(/^\d,\d–\d,\d$/);
  });

  it('uses the share chart for one item and the stacked distribution for a distribution', () => {
    expect(indicatorSpec(a, ind('r1_eens'), nl, 'Eens').display[0]).toEqual(['35%', '67%']);
    const dist = indicatorSpec(a, ind('keuze'), nl, 'Prioriteit');
    expect([dist.stacked, dist.series.length]).toEqual([true, 4]);
  });

  it('shows no percentage for a share below the study’s threshold, only n', () => {
    const few = monitorStudy();
    few.participants = few.participants.slice(0, 8);
    few.responses = few.responses.filter((r) => (r.p as number) < 8);
    const small = analyzeStudy(makeInput(few)).indicators.find((i) => i.key === 'richtlijnen')!;
    const s = small.result.rounds[0];
    expect(indicatorDisplay(small, s, 10, nl)).toBe(`n = ${s.n}`);
    expect(indicatorInterval(small, s, 10, nl)).toBe('');
    expect(indicatorSpec(a, small, nl, 'x').series[0].notes?.[0]).toBe('no-percentage');
  });
});
