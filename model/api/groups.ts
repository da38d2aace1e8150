import { Type, type Static } from '@sinclair/typebox';
import { LANGUAGES, LocalTextSchema } from '../i18n.js';
import { GROUP_KEY_PATTERN, GROUP_REACH, RespondentGroupSchema } from '../respondent-groups.js';
import { Nullable, ParticipantKey, RoundKey, literals, slugParams } from './common.js';

/**
 * Respondent groups (model/respondent-groups.ts) over HTTP: the group editor, the group of each
 * participant, and each group's anonymous link per round.
 */

export const GroupKey = Type.String({ pattern: GROUP_KEY_PATTERN });
export const GroupParams = slugParams({ group: GroupKey });
export type GroupParams = Static<typeof GroupParams>;
export const RoundGroupParams = slugParams({ key: RoundKey, group: GroupKey });
export type RoundGroupParams = Static<typeof RoundGroupParams>;

export const GroupView = Type.Object(
  {
    key: Type.String(),
    name: LocalTextSchema,
    intro: Type.Optional(LocalTextSchema),
    /** Section keys; null: every section (the implicit group). */
    sections: Nullable(Type.Array(Type.String())),
    reach: Type.Array(literals(GROUP_REACH)),
    implicit: Type.Boolean(),
    /** Cohort participants in the group. */
    participants: Type.Integer(),
    /** Responses (drafts and submitted, every round) the group holds: a group with any cannot be deleted. */
    responses: Type.Integer(),
  },
  { additionalProperties: false },
);

export const GroupsResponse = Type.Object(
  {
    /** The study defines its own groups (false: one implicit group that sees everything). */
    explicit: Type.Boolean(),
    /** The study's languages: a group's name is needed in each. */
    languages: Type.Array(literals(LANGUAGES)),
    groups: Type.Array(GroupView),
    /** The newest questionnaire's sections, for choosing what a group sees. */
    sections: Type.Array(Type.Object({ key: Type.String(), title: LocalTextSchema }, { additionalProperties: false })),
    /** Each participant's group (participant key → group key). */
    assignments: Type.Record(Type.String(), Type.String()),
  },
  { additionalProperties: false },
);
export type GroupsResponse = Static<typeof GroupsResponse>;

/**
 * The whole list of groups; empty: back to one implicit group. A group without sections passes
 * the schema so that checkGroups can say so in words (the stored definition requires one).
 */
const GroupInput = Type.Object(
  { ...RespondentGroupSchema.properties, sections: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 50, uniqueItems: true }) },
  { additionalProperties: false },
);
export const GroupsBody = Type.Object({ groups: Type.Array(GroupInput, { maxItems: 20 }) }, { additionalProperties: false });
export type GroupsBody = Static<typeof GroupsBody>;

export const GroupMembersBody = Type.Object(
  { participants: Type.Array(ParticipantKey, { minItems: 1, maxItems: 5000, uniqueItems: true }) },
  { additionalProperties: false },
);
export type GroupMembersBody = Static<typeof GroupMembersBody>;
export const GroupMembersResponse = Type.Object({ ok: Type.Literal(true), moved: Type.Integer() }, { additionalProperties: false });

export const GroupLinkResponse = Type.Object(
  {
    group: Type.String(),
    linkOn: Type.Boolean(),
    link: Nullable(Type.String()),
    submitted: Type.Integer(),
    drafts: Type.Integer(),
  },
  { additionalProperties: false },
);
export type GroupLinkResponse = Static<typeof GroupLinkResponse>;

const Count = Nullable(Type.Integer());
/** Invited, started and submitted per group and round: analysis/study/group-responses.ts, the one definition. */
export const GroupCountsResponse = Type.Object(
  {
    audience: Type.String(),
    groups: Type.Array(
      Type.Object(
        {
          key: Type.String(),
          name: LocalTextSchema,
          personal: Type.Boolean(),
          anonymous: Type.Boolean(),
          implicit: Type.Boolean(),
          rounds: Type.Array(
            Type.Object(
              {
                round: Type.String(),
                invited: Count,
                started: Count,
                submitted: Count,
                anonymousSubmitted: Count,
                responseRate: Nullable(Type.Number()),
                flags: Type.Array(Type.String()),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type GroupCountsResponse = Static<typeof GroupCountsResponse>;
