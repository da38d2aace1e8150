import type { Lang } from './i18n.js';

/** Why the analysis shows no value for a round's summary: its `Reason` (analysis/study/result.ts REASONS). */
export const SUMMARY_REASONS = [
  'not-asked',
  'no-respondents',
  'no-answers',
  'too-few-observations',
  'too-few-pairs',
  'not-both-rounds',
  'kind-not-tested',
  'subgroup-too-small',
  'suppressed-small-cell',
  'no-percentage-below-threshold',
] as const;

/**
 * Why a network's value is not shown in a programme's overview (issue 17), in words: the
 * regional screen (web/app/views/rondo-programme-view.ts) and the regional yearly report
 * (server/factsheet/regional/report.ts) both print these, so a reader sees the same words in
 * both. The codes are those of `ProgrammeIndicatorValue.reason` (server/programmes/overview.ts):
 * the analysis's own reasons for a round's summary (SUMMARY_REASONS, which the analysis takes from
 * here) and the four the overview adds, which its `none()` is typed with.
 */
export const HIDDEN_VALUE_REASONS = [
  ...SUMMARY_REASONS,
  // the programme overview's own (server/programmes/overview.ts)
  'too-few-for-percent',
  'not-measured',
  'distribution',
  'suppressed',
] as const;
export type HiddenValueReason = (typeof HIDDEN_VALUE_REASONS)[number];

const TOO_FEW = { nl: 'te weinig antwoorden', en: 'too few answers' };
const NO_ANSWERS = { nl: 'geen antwoorden', en: 'no answers' };
const NOT_SHOWN = { nl: 'niet getoond', en: 'not shown' };

/** A short phrase per reason, lower case, for a table cell ("te weinig antwoorden"). */
export const HIDDEN_VALUE_WORDS: Readonly<Record<HiddenValueReason, Readonly<Record<Lang, string>>>> = Object.freeze({
  'not-asked': { nl: 'niet gevraagd', en: 'not asked' },
  'no-respondents': NO_ANSWERS,
  'no-answers': NO_ANSWERS,
  'too-few-observations': TOO_FEW,
  'too-few-pairs': { nl: 'te weinig paren', en: 'too few pairs' },
  'not-both-rounds': { nl: 'niet steeds gevraagd', en: 'not asked each time' },
  'kind-not-tested': { nl: 'niet getoetst', en: 'not tested' },
  'subgroup-too-small': { nl: 'groep te klein', en: 'group too small' },
  'suppressed-small-cell': { nl: 'kleine aantallen afgeschermd', en: 'small numbers protected' },
  'no-percentage-below-threshold': TOO_FEW,
  'too-few-for-percent': TOO_FEW,
  'not-measured': { nl: 'niet gemeten', en: 'not measured' },
  distribution: { nl: 'verdeling (zie het netwerk)', en: 'distribution (see the network)' },
  suppressed: NOT_SHOWN,
});

/** The words for a reason; "niet getoond" for a reason this list does not know (or none). */
export function hiddenValueText(reason: string | null | undefined, lang: Lang): string {
  const known = reason && Object.hasOwn(HIDDEN_VALUE_WORDS, reason) ? HIDDEN_VALUE_WORDS[reason as HiddenValueReason] : NOT_SHOWN;
  return known[lang];
}
