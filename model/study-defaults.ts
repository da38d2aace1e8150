import type { StudySettings } from './study.js';

/** The study settings' defaults (model/study.ts), apart from the schema so the browser ships no schema library. */
export const DEFAULT_STUDY_SETTINGS: StudySettings = Object.freeze({
  minDenominatorForPercent: 10,
  smallNumbersBelow: 30,
  minSubgroup: 5,
  minGroupForQuotes: 10,
  cautionResponseBelow: 0.5,
  strongCautionResponseBelow: 0.3,
  responseGapWarning: 0.2,
  alpha: 0.05,
  graceMinutes: 60,
  teamMode: false,
});
