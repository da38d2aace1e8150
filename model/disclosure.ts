import { DEFAULT_STUDY_SETTINGS } from './study-defaults.js';
import type { StudySettings } from './study.js';

/**
 * A study's disclosure settings as the researcher edits them (issue 16): the three thresholds of
 * METHODS §6 and the team mode. The limits are tighter than StudySettingsSchema's on purpose: the
 * screen and the API never let a study publish a percentage over fewer than 5 answers, a
 * subgroup under 3 (the OECD threshold rule's lower bound) or a quote from a group smaller than
 * the subgroup threshold. Pure: the server checks with it, the screen explains with it.
 */
export const DISCLOSURE_FIELDS = ['minDenominatorForPercent', 'minSubgroup', 'minGroupForQuotes'] as const;
export type DisclosureField = (typeof DISCLOSURE_FIELDS)[number];

export interface Disclosure {
  minDenominatorForPercent: number;
  minSubgroup: number;
  minGroupForQuotes: number;
  teamMode: boolean;
}

export const DISCLOSURE_LIMITS: Record<DisclosureField, { min: number; max: number }> = {
  minDenominatorForPercent: { min: 5, max: 100 },
  minSubgroup: { min: 3, max: 50 },
  minGroupForQuotes: { min: 5, max: 100 },
};

export const DEFAULT_DISCLOSURE: Disclosure = Object.freeze({
  minDenominatorForPercent: DEFAULT_STUDY_SETTINGS.minDenominatorForPercent,
  minSubgroup: DEFAULT_STUDY_SETTINGS.minSubgroup,
  minGroupForQuotes: DEFAULT_STUDY_SETTINGS.minGroupForQuotes,
  teamMode: false,
});

/** The disclosure settings in force for a study (its own values over the defaults). */
export function disclosureOf(settings: Partial<StudySettings> | undefined): Disclosure {
  const s = { ...DEFAULT_STUDY_SETTINGS, ...settings };
  return {
    minDenominatorForPercent: s.minDenominatorForPercent,
    minSubgroup: s.minSubgroup,
    minGroupForQuotes: s.minGroupForQuotes,
    teamMode: s.teamMode === true,
  };
}

export interface DisclosureProblem {
  field: DisclosureField | 'teamMode';
  nl: string;
  en: string;
}

/** Each threshold's name, as the settings screen, its refusals and the audit log say it. */
export const DISCLOSURE_FIELD_NAMES: Record<DisclosureField, { nl: string; en: string }> = {
  minDenominatorForPercent: { nl: 'Minimum aantal antwoorden voor een percentage', en: 'Minimum answers for a percentage' },
  minSubgroup: { nl: 'Minimum groepsgrootte', en: 'Minimum subgroup size' },
  minGroupForQuotes: { nl: 'Minimum groep voor citaten', en: 'Minimum group for quotes' },
};

/** What is wrong with a set of disclosure settings, field by field; empty when they may be saved. */
export function disclosureProblems(d: Disclosure): DisclosureProblem[] {
  const out: DisclosureProblem[] = [];
  for (const field of DISCLOSURE_FIELDS) {
    const v = d[field];
    const { min, max } = DISCLOSURE_LIMITS[field];
    if (!Number.isInteger(v) || v < min || v > max)
      out.push({
        field,
        nl: `${DISCLOSURE_FIELD_NAMES[field].nl} moet een geheel getal van ${min} tot en met ${max} zijn.`,
        en: `${DISCLOSURE_FIELD_NAMES[field].en} must be a whole number from ${min} to ${max}.`,
      });
  }
  if (typeof d.teamMode !== 'boolean') out.push({ field: 'teamMode', nl: 'Teamweergave is aan of uit.', en: 'Team mode is on or off.' });
  if (out.length) return out;
  if (d.minDenominatorForPercent < d.minSubgroup)
    out.push({
      field: 'minDenominatorForPercent',
      nl: `Een percentage vraagt minstens zoveel antwoorden als de minimum groepsgrootte (${d.minSubgroup}).`,
      en: `A percentage needs at least as many answers as the minimum subgroup size (${d.minSubgroup}).`,
    });
  if (d.minGroupForQuotes < d.minSubgroup)
    out.push({
      field: 'minGroupForQuotes',
      nl: `Citaten vragen een groep van minstens de minimum groepsgrootte (${d.minSubgroup}).`,
      en: `Quotes need a group of at least the minimum subgroup size (${d.minSubgroup}).`,
    });
  return out;
}
