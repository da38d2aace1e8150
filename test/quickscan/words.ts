/** Whole words a network study must never say (issue 17) unless its own words do, in any language. */
export const TRAINING_WORDS = /\b(training|trainingen|trainings|ZAT|tools?)\b/i;
