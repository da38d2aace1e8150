import type { Lang } from '../../model/i18n.js';

/**
 * A test's or interval's name from the analysis (kept in English there: machine-facing and stable),
 * in the reader's language. Its own module, with no runtime imports, so that the dashboard can say
 * the same names as the factsheet without bundling the factsheet's sentence writer and model/'s
 * schemas into the staff app (test/respondent/budget.test.ts).
 */
const NAMES: [RegExp, Record<Lang, string>][] = [
  [/signed-rank/i, { nl: 'Wilcoxon-rangtekentoets', en: 'Wilcoxon signed-rank test' }],
  [/rank-sum|mann/i, { nl: 'Mann-Whitney-toets', en: 'Mann–Whitney test' }],
  [/mcnemar/i, { nl: 'McNemar-toets', en: 'McNemar test' }],
  [/newcombe/i, { nl: 'Newcombe-interval', en: 'Newcombe interval' }],
  [/fisher/i, { nl: 'exacte toets van Fisher', en: 'Fisher’s exact test' }],
  [/friedman/i, { nl: 'Friedman-toets', en: 'Friedman test' }],
  [/cochran/i, { nl: 'Cochran-toets', en: 'Cochran’s Q test' }],
  [/bowker/i, { nl: 'Bowker-symmetrietoets', en: 'Bowker test of symmetry' }],
];

export function methodName(method: string, lang: Lang): string {
  const hit = NAMES.find(([re]) => re.test(method));
  return hit ? hit[1][lang] : method;
}
