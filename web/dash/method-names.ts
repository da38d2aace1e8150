import type { EffectMeasure } from '../../analysis/study/result.js';
import type { Lang, LocalText } from '../../model/i18n.js';

/**
 * The names of a change's effect measure in the reader's language, for <rondo-change>. The
 * analysis JSON keeps its methods in English (machine-facing, stable); screens say them in Dutch
 * or English. A test's name is the factsheet's own (analysis/findings/method-name.ts methodName).
 */
const EFFECTS: Record<EffectMeasure, LocalText> = {
  'rank-biserial': { nl: 'Effect (rangbiseriële correlatie)', en: 'Effect (rank-biserial correlation)' },
  'cliffs-delta': { nl: 'Effect (Cliffs delta)', en: 'Effect (Cliff’s delta)' },
  'kendall-w': { nl: 'Effect (Kendalls W)', en: 'Effect (Kendall’s W)' },
  'difference-in-proportions': { nl: 'Verschil in aandeel', en: 'Difference in proportions' },
  'mean-difference': { nl: 'Verschil in gemiddelde', en: 'Difference in means' },
  'distribution-shift': { nl: 'Verschoven', en: 'Shifted' },
};

/** What an effect's number is: "Effect (rangbiseriële correlatie)" / "Effect (rank-biserial correlation)". */
export function effectName(measure: EffectMeasure, lang: Lang): string {
  return EFFECTS[measure]?.[lang] ?? 'Effect';
}
