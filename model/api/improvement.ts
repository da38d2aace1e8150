import { Type, type Static } from '@sinclair/typebox';
import { ACTION_STATUSES, DATE_PATTERN, PLAN_YEAR_MAX, PLAN_YEAR_MIN, POINT_SOURCES, POINT_STATUSES, SELECTED_BY } from '../improvement.js';
import { LocalTextSchema } from '../i18n.js';
import { STUDY_ROLES } from '../values.js';
import { IdText, Nullable, RoundKey, literals, slugParams } from './common.js';

/**
 * The improvement cycle over HTTP (server/routes/improvement.ts): points and votes, the yearly
 * plan per selected point, its actions and quarterly PDCA entries. Every change of an existing
 * row sends the `version` it was based on; a stale one is refused with 409 and changes nothing.
 */

export const IdParams = slugParams({ id: IdText });
export type IdParams = Static<typeof IdParams>;
export const QuarterParams = slugParams({ id: IdText, quarter: Type.String({ pattern: '^[1-4]$' }) });
export type QuarterParams = Static<typeof QuarterParams>;

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Version = Type.Integer({ minimum: 1 });
const Year = Type.Integer({ minimum: PLAN_YEAR_MIN, maximum: PLAN_YEAR_MAX });
const DateText = Type.String({ pattern: DATE_PATTERN });

export const PointBody = Type.Object(
  {
    source: literals(POINT_SOURCES),
    /** The item id or indicator key; for a theme, the theme's words; empty for free text. */
    ref: Type.Optional(Type.String({ maxLength: 200 })),
    title: Text(200),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    /** The round whose results the point comes from. */
    round: Type.Optional(RoundKey),
  },
  { additionalProperties: false },
);
export type PointBody = Static<typeof PointBody>;

export const VoteBody = Type.Object({ round: RoundKey }, { additionalProperties: false });
export type VoteBody = Static<typeof VoteBody>;

export const SelectBody = Type.Object(
  { by: literals(SELECTED_BY), version: Version, status: Type.Optional(literals(['selected', 'set-aside'] as const)) },
  { additionalProperties: false },
);
export type SelectBody = Static<typeof SelectBody>;

export const PlanIndicator = Type.Object({ key: Type.String({ maxLength: 40 }), target: Type.Number() }, { additionalProperties: false });
export type PlanIndicator = Static<typeof PlanIndicator>;

export const PlanBody = Type.Object(
  {
    point: Type.Integer({ minimum: 1 }),
    year: Year,
    goal: Text(2000),
    indicators: Type.Array(PlanIndicator, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type PlanBody = Static<typeof PlanBody>;

export const PlanEditBody = Type.Object(
  { version: Version, year: Year, goal: Text(2000), indicators: Type.Array(PlanIndicator, { maxItems: 20 }) },
  { additionalProperties: false },
);
export type PlanEditBody = Static<typeof PlanEditBody>;

export const ActionBody = Type.Object(
  {
    description: Text(1000),
    /** The owner's user id: a member of the study. */
    owner: Type.Integer({ minimum: 1 }),
    due: DateText,
    status: Type.Optional(literals(ACTION_STATUSES)),
  },
  { additionalProperties: false },
);
export type ActionBody = Static<typeof ActionBody>;

export const ActionEditBody = Type.Object(
  { version: Version, description: Text(1000), owner: Type.Integer({ minimum: 1 }), due: DateText, status: literals(ACTION_STATUSES) },
  { additionalProperties: false },
);
export type ActionEditBody = Static<typeof ActionEditBody>;

export const ActionStatusBody = Type.Object({ version: Version, status: literals(ACTION_STATUSES) }, { additionalProperties: false });
export type ActionStatusBody = Static<typeof ActionStatusBody>;

export const PdcaBody = Type.Object(
  {
    /** The version the edit was based on; null for a quarter that has no entry yet. */
    version: Nullable(Version),
    done: Type.String({ maxLength: 4000 }),
    measured: Type.String({ maxLength: 4000 }),
    adjusted: Type.String({ maxLength: 4000 }),
  },
  { additionalProperties: false },
);
export type PdcaBody = Static<typeof PdcaBody>;

export const PointView = Type.Object(
  {
    id: Type.Integer(),
    source: literals(POINT_SOURCES),
    ref: Type.String(),
    title: Type.String(),
    note: Type.String(),
    round: Nullable(Type.String()),
    status: literals(POINT_STATUSES),
    selectedBy: Nullable(literals(SELECTED_BY)),
    votes: Type.Integer(),
    myVote: Type.Boolean(),
    version: Type.Integer(),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
);
export type PointView = Static<typeof PointView>;

export const ActionView = Type.Object(
  {
    id: Type.Integer(),
    description: Type.String(),
    owner: Type.Integer(),
    ownerName: Type.String(),
    due: Type.String(),
    status: literals(ACTION_STATUSES),
    version: Type.Integer(),
    updatedAt: Type.String(),
  },
  { additionalProperties: false },
);
export type ActionView = Static<typeof ActionView>;

export const PdcaView = Type.Object(
  {
    quarter: Type.Integer(),
    done: Type.String(),
    measured: Type.String(),
    adjusted: Type.String(),
    version: Type.Integer(),
    updatedAt: Type.String(),
  },
  { additionalProperties: false },
);
export type PdcaView = Static<typeof PdcaView>;

/** An indicator's values per round beside the plan, with what a small team allows to say. */
export const IndicatorRoundView = Type.Object(
  {
    round: Type.String(),
    n: Type.Integer(),
    /** A mean score, or a share (0–1); null when there is nothing to show. */
    value: Nullable(Type.Number()),
    kind: literals(['mean', 'share'] as const),
    /** Why no value or test is reported (e.g. too-few-observations). */
    reason: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export const IndicatorChangeView = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    evidence: Type.String(),
    observed: Type.String(),
    reason: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const PlanView = Type.Object(
  {
    id: Type.Integer(),
    point: Type.Integer(),
    year: Type.Integer(),
    goal: Type.String(),
    indicators: Type.Array(
      Type.Object(
        {
          key: Type.String(),
          target: Type.Number(),
          name: Nullable(LocalTextSchema),
          rounds: Type.Array(IndicatorRoundView),
          changes: Type.Array(IndicatorChangeView),
        },
        { additionalProperties: false },
      ),
    ),
    actions: Type.Array(ActionView),
    pdca: Type.Array(PdcaView),
    version: Type.Integer(),
    updatedAt: Type.String(),
  },
  { additionalProperties: false },
);
export type PlanView = Static<typeof PlanView>;

export const ImprovementResponse = Type.Object(
  {
    points: Type.Array(PointView),
    plans: Type.Array(PlanView),
    /** The study's members: who can own an action. */
    members: Type.Array(
      Type.Object({ id: Type.Integer(), name: Type.String(), role: literals(STUDY_ROLES) }, { additionalProperties: false }),
    ),
    /** The study's current indicators, to choose from. */
    indicators: Type.Array(Type.Object({ key: Type.String(), name: LocalTextSchema })),
    rounds: Type.Array(Type.Object({ key: Type.String(), label: LocalTextSchema, state: Type.String() }, { additionalProperties: false })),
    me: Type.Integer(),
    /** The caller runs the cycle (the network connector: the study's researcher). */
    canManage: Type.Boolean(),
    /** Indicator values are shown (the caller may see aggregated results). */
    valuesShown: Type.Boolean(),
    /** The study's own word for a round (model/vocabulary.ts). */
    roundWord: Type.Object({ nl: Type.String(), en: Type.String() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ImprovementResponse = Static<typeof ImprovementResponse>;

export const HistoryResponse = Type.Object(
  {
    entries: Type.Array(
      Type.Object(
        {
          entity: Type.String(),
          id: Type.Integer(),
          version: Type.Integer(),
          actor: Type.String(),
          at: Type.String(),
          snapshot: Type.Unknown(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
