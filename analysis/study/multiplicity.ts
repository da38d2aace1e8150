import { pAdjust } from '../stats/index.js';
import type { FamilyId, FamilyMember, FamilyResult, TestResult } from './result.js';

/**
 * Multiplicity families (METHODS §5), defined before looking at the data:
 * - primary: competence items, paired, first → last selected round with responses — Holm (confirmatory);
 * - partners-frequency, partners-quality: the chain-partner screen, paired, first → last — BH;
 * - tools: tool use, paired, every round pair — BH;
 * - secondary: every other paired test — BH (exploratory);
 * - overall: Friedman / Cochran across rounds — BH;
 * - cross-sectional: every cross-sectional test — BH (descriptive, overlapping samples).
 * Tests whose p is withheld (minimum achievable p above alpha) never enter a family, so they
 * do not make the others needlessly conservative (Tarone's idea, METHODS §5).
 */
export const FAMILY_METHOD: Record<FamilyId, 'holm' | 'BH'> = {
  primary: 'holm',
  secondary: 'BH',
  'partners-frequency': 'BH',
  'partners-quality': 'BH',
  tools: 'BH',
  overall: 'BH',
  'cross-sectional': 'BH',
  // Indicators are outcomes the researcher named before the data came in: their paired test of
  // the primary contrast is a small confirmatory family (Holm); their other round pairs,
  // cross-sectional and overall tests are exploratory (BH). Kept apart from the items' families,
  // so defining an indicator never changes an item's adjusted p-value.
  indicators: 'holm',
  'indicators-exploratory': 'BH',
};

interface Entry {
  test: TestResult;
  member: Omit<FamilyMember, 'p' | 'pAdjusted'>;
}

export class Families {
  private readonly entries = new Map<FamilyId, Entry[]>();

  /** Adds a test to a family (ignored when it has no reportable p). */
  add(family: FamilyId, test: TestResult | null | undefined, member: Omit<FamilyMember, 'p' | 'pAdjusted'>): void {
    if (!test || test.p === null) return;
    test.family = family;
    const list = this.entries.get(family) ?? [];
    list.push({ test, member });
    this.entries.set(family, list);
  }

  /** Adjusts every family in place (sets `pAdjusted` on the tests) and describes them. */
  adjust(): FamilyResult[] {
    const out: FamilyResult[] = [];
    for (const [id, list] of this.entries) {
      const method = FAMILY_METHOD[id];
      const adjusted = pAdjust(
        list.map((e) => e.test.p),
        method,
      );
      const members = list.map((e, i) => {
        e.test.pAdjusted = adjusted[i];
        return { ...e.member, p: e.test.p!, pAdjusted: adjusted[i]! };
      });
      out.push({ id, method, size: list.length, members });
    }
    const order = Object.keys(FAMILY_METHOD);
    return out.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  }
}
