import { describe, expect, it } from 'vitest';
import { methodName as testName } from '../../analysis/findings/method-name.js';
import { effectName } from './method-names.js';

describe('testName', () => {
  it('names the analysis’s tests in the reader’s language, as the factsheet does', () => {
    expect(testName('Wilcoxon signed-rank test (Wilcoxon zero method)', 'nl')).toBe('Wilcoxon-rangtekentoets');
    expect(testName('Wilcoxon signed-rank test (Wilcoxon zero method)', 'en')).toBe('Wilcoxon signed-rank test');
    expect(testName('Exact McNemar test', 'nl')).toBe('McNemar-toets');
    expect(testName("Fisher's exact test (2×2)", 'nl')).toBe('exacte toets van Fisher');
    expect(testName('Wilcoxon rank-sum (Mann–Whitney U) test (normal approximation, tie and continuity corrected)', 'nl')).toBe(
      'Mann-Whitney-toets',
    );
    expect(testName('Exact Bowker test of symmetry', 'nl')).toBe('Bowker-symmetrietoets');
  });
});

describe('effectName', () => {
  it('says what an effect’s number is, in Dutch and English', () => {
    expect(effectName('rank-biserial', 'nl')).toBe('Effect (rangbiseriële correlatie)');
    expect(effectName('rank-biserial', 'en')).toBe('Effect (rank-biserial correlation)');
    expect(effectName('cliffs-delta', 'nl')).toBe('Effect (Cliffs delta)');
    expect(effectName('difference-in-proportions', 'en')).toBe('Difference in proportions');
    expect(effectName('mean-difference', 'nl')).toBe('Verschil in gemiddelde');
    expect(effectName('kendall-w', 'en')).toBe('Effect (Kendall’s W)');
  });
});
