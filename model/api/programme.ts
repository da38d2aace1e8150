import { Type, type Static } from '@sinclair/typebox';
import { ACTION_STATUSES } from '../improvement.js';
import { LocalTextSchema } from '../i18n.js';
import { INDICATOR_SUMMARIES } from '../indicators.js';
import { Nullable, RoundKey, literals } from './common.js';

/**
 * A programme (issue 17, deliverable 4): a region's network studies that use the same Quick Scan,
 * read by the regional representative. Everything here is aggregated with each network's own
 * disclosure rules: indicator values per round with their n (or the reason none is shown),
 * domain coverage from the cohort, and the improvement plans with their progress. Never an
 * individual answer, an open answer or a contact detail.
 *
 * The overview is the one source of the regional screen, the programme's indicator CSV and the
 * regional yearly report (HTML/PDF).
 */

const Slug = Type.String({ minLength: 1, maxLength: 80 });

/** One indicator's value in one round of one network, as that network's disclosure allows. */
export const ProgrammeIndicatorValue = Type.Object(
  {
    round: RoundKey,
    /** Mean score, or share (0–1) for share summaries; null when not shown. */
    value: Nullable(Type.Number()),
    /** For shares: how many of n (null when not shown). */
    count: Nullable(Type.Integer({ minimum: 0 })),
    n: Type.Integer({ minimum: 0 }),
    low: Nullable(Type.Number()),
    high: Nullable(Type.Number()),
    /** Why no value is shown (e.g. `too-few-for-percent`, `no-answers`); null when shown. */
    reason: Nullable(Type.String({ maxLength: 80 })),
  },
  { additionalProperties: false },
);
export type ProgrammeIndicatorValue = Static<typeof ProgrammeIndicatorValue>;

export const ProgrammeIndicatorRow = Type.Object(
  {
    key: Type.String({ maxLength: 64 }),
    values: Type.Array(ProgrammeIndicatorValue),
    /** The change first → last round: evidence as the network's analysis states it. */
    change: Nullable(
      Type.Object(
        {
          from: RoundKey,
          to: RoundKey,
          /** e.g. `not-tested`, `no-evidence`, `evidence` (the analysis's own evidence words). */
          evidence: Type.String({ maxLength: 40 }),
          reason: Nullable(Type.String({ maxLength: 80 })),
          difference: Nullable(Type.Number()),
          /** regional: the direction the analysis concludes: `none` unless the evidence is `demonstrated`. */
          direction: Type.Optional(literals(['increase', 'decrease', 'none', 'shift'] as const)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ProgrammeIndicatorRow = Static<typeof ProgrammeIndicatorRow>;

export const ProgrammePlanSummary = Type.Object(
  {
    pointTitle: Type.String({ maxLength: 200 }),
    year: Type.Integer(),
    goal: Type.String({ maxLength: 2000 }),
    indicators: Type.Array(Type.Object({ key: Type.String({ maxLength: 64 }), target: Nullable(Type.Number()) })),
    /** Actions per status; owners are not named (members' names are personal data). */
    actions: Type.Object(Object.fromEntries(ACTION_STATUSES.map((s) => [s, Type.Integer({ minimum: 0 })]))),
    /** Quarters (1–4) with a PDCA entry. */
    quartersEvaluated: Type.Array(Type.Integer({ minimum: 1, maximum: 4 })),
  },
  { additionalProperties: false },
);
export type ProgrammePlanSummary = Static<typeof ProgrammePlanSummary>;

export const ProgrammeNetwork = Type.Object(
  {
    slug: Slug,
    title: LocalTextSchema,
    rounds: Type.Array(
      Type.Object(
        {
          key: RoundKey,
          label: LocalTextSchema,
          invited: Type.Integer({ minimum: 0 }),
          submitted: Type.Integer({ minimum: 0 }),
        },
        { additionalProperties: false },
      ),
    ),
    indicators: Type.Array(ProgrammeIndicatorRow),
    /** Domain coverage from the cohort (model/domains.ts); null when the study names no domain attribute. */
    domains: Nullable(
      Type.Object(
        {
          total: Type.Integer({ minimum: 0 }),
          represented: Type.Array(Type.String()),
          missing: Type.Array(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    plans: Type.Array(ProgrammePlanSummary),
    /**
     * netfs (issue 17): the network's own disclosure rules, printed in the regional report's methods
     * box; optional so an overview without them stays valid (the report then says they are not given).
     */
    disclosure: Type.Optional(
      Type.Object(
        {
          minDenominatorForPercent: Type.Integer({ minimum: 1 }),
          minSubgroup: Type.Integer({ minimum: 1 }),
          teamMode: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ProgrammeNetwork = Static<typeof ProgrammeNetwork>;

export const ProgrammeOverview = Type.Object(
  {
    programme: Type.Object(
      { slug: Slug, title: LocalTextSchema, description: Type.Optional(LocalTextSchema) },
      { additionalProperties: false },
    ),
    generatedAt: Type.String(),
    /** The indicators the networks share (same key), with their names and how they are summarised. */
    indicators: Type.Array(
      Type.Object(
        {
          key: Type.String({ maxLength: 64 }),
          name: LocalTextSchema,
          summary: literals(INDICATOR_SUMMARIES),
        },
        { additionalProperties: false },
      ),
    ),
    /** Domain labels by value, for printing coverage. */
    domainLabels: Type.Record(Type.String(), LocalTextSchema),
    networks: Type.Array(ProgrammeNetwork),
  },
  { additionalProperties: false },
);
export type ProgrammeOverview = Static<typeof ProgrammeOverview>;
