import { Type, type Static } from '@sinclair/typebox';
import { LocalTextSchema } from '../i18n.js';
import { DomainCoverageSettingSchema, type DomainCoverage } from '../domains.js';
import { Nullable, Stored } from './common.js';

/**
 * GET /api/studies/:slug/cohort/domains (issue 17, domainsui): what the cohort screen's network
 * profile and domain coverage setting need in one reply — the setting, the attributes and
 * multiple-choice questions it may name, and the coverage the study analysis computed (the same
 * DomainCoverage the dashboard, the factsheet and `rondo analyze` show; never computed apart).
 */
export const DomainsResponse = Type.Object(
  {
    /** The study's setting; null while domain coverage is off. */
    setting: Nullable(DomainCoverageSettingSchema),
    /** Every cohort attribute: `hasValues` marks those that can hold the domains (the role may be any other). */
    attributes: Type.Array(
      Type.Object({ key: Type.String(), label: LocalTextSchema, hasValues: Type.Boolean() }, { additionalProperties: false }),
    ),
    /** The current questionnaire's multiple-choice questions, each with the attributes whose values its options are exactly. */
    items: Type.Array(
      Type.Object({ id: Type.String(), text: LocalTextSchema, domainsOf: Type.Array(Type.String()) }, { additionalProperties: false }),
    ),
    /** From the study analysis (analysis/study/domains.ts); null while the setting is off. */
    coverage: Stored<DomainCoverage | null>(),
  },
  { additionalProperties: false },
);
export type DomainsResponse = Static<typeof DomainsResponse>;
