import { Type, type Static } from '@sinclair/typebox';
import { ATTRIBUTE_KEY_PATTERN } from './cohort-attributes.js';

/**
 * Domain coverage (issue 17, deliverable 2): is every domain (werkveld) of a network represented
 * in its team and support network? The domains are the allowed values of one cohort attribute
 * (e.g. `domain` with the five IMH domains); the study names that attribute here. Coverage is
 * computed twice and reported side by side:
 * - from the cohort: which domains the active members belong to ("4 van 5 domeinen
 *   vertegenwoordigd; ontbreekt: …"), optionally per network role (team / support network);
 * - from the answers: per round, how many respondents say a domain is represented, read from a
 *   multiple-choice item whose option values are the attribute's values.
 * Nothing here guesses: without this setting a study reports no coverage.
 */
export const DomainCoverageSettingSchema = Type.Object(
  {
    /** Key of the cohort attribute whose allowed values are the domains. */
    attribute: Type.String({ pattern: ATTRIBUTE_KEY_PATTERN }),
    /** Key of a cohort attribute that tells team from support network (e.g. `network_role`), if any. */
    roleAttribute: Type.Optional(Type.String({ pattern: ATTRIBUTE_KEY_PATTERN })),
    /** Id of the multiple-choice item "which domains are represented?", if the questionnaire asks it. */
    item: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type DomainCoverageSetting = Static<typeof DomainCoverageSettingSchema>;

/** One domain as the cohort shows it. */
export interface DomainFromCohort {
  /** The attribute value (the domain's key) and its label. */
  value: string;
  label: { nl: string; en?: string };
  /** Active members in this domain, in total and per value of the role attribute (when set). */
  members: number;
  byRole?: Record<string, number>;
}

/** One domain as one round's answers show it. */
export interface DomainFromAnswers {
  value: string;
  /** Respondents who named the domain as represented, of those who answered the item. */
  count: number;
  n: number;
}

export interface DomainCoverage {
  attribute: string;
  /** Every domain the attribute allows, in its order. */
  domains: { value: string; label: { nl: string; en?: string } }[];
  /** quickscan: the role attribute's key and its allowed values with labels (the keys of `byRole`), when the setting names one. */
  roleAttribute?: string;
  roles?: { value: string; label: { nl: string; en?: string } }[];
  cohort: {
    represented: string[];
    missing: string[];
    perDomain: DomainFromCohort[];
  };
  /** Per analysed round, when the setting names an item; empty otherwise. */
  answers: {
    round: string;
    n: number;
    perDomain: DomainFromAnswers[];
    /** quickscan: true when this audience may not see the round's counts (a subgroup's small cells); perDomain is then empty. */
    suppressed?: boolean;
  }[];
}
