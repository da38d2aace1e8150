import { Type, type Static } from '@sinclair/typebox';
import { LangSchema } from '../i18n.js';
import { DateTime, IdText, Nullable, STAFF_ERRORS, Slug } from './common.js';

/**
 * Public read-only links to published factsheet versions (for municipalities and chain
 * partners), and the study's house style. Researchers make and revoke links; anyone with a link
 * reads that one version in one language, without logging in, until it expires or is revoked.
 */

/** The longest a public link may live. */
export const MAX_SHARE_DAYS = 365;

export const ShareParams = Type.Object(
  { slug: Slug, version: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }) },
  { additionalProperties: false },
);
export const ShareIdParams = Type.Object({ slug: Slug, id: IdText }, { additionalProperties: false });

export const CreateShareBody = Type.Object(
  {
    lang: LangSchema,
    /** Days until the link stops working: 1 to MAX_SHARE_DAYS. */
    days: Type.Integer({ minimum: 1, maximum: MAX_SHARE_DAYS }),
  },
  { additionalProperties: false },
);

export const ShareSchema = Type.Object(
  {
    id: Type.Integer(),
    version: Type.Integer(),
    lang: LangSchema,
    createdAt: DateTime,
    expiresAt: DateTime,
    revokedAt: Nullable(DateTime),
    /** How often the link was opened. */
    accessCount: Type.Integer(),
    lastAccessAt: Nullable(DateTime),
    state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  },
  { additionalProperties: false },
);
export type FactsheetShare = Static<typeof ShareSchema>;

/** A new link: the only time its address is shown (only its hash is stored). */
export const CreatedShareSchema = Type.Object({ share: ShareSchema, url: Type.String() }, { additionalProperties: false });
export type CreatedShare = Static<typeof CreatedShareSchema>;

export const ShareListSchema = Type.Object({ shares: Type.Array(ShareSchema) }, { additionalProperties: false });

export const CreateShareRoute = {
  params: ShareParams,
  body: CreateShareBody,
  response: { 201: CreatedShareSchema, ...STAFF_ERRORS },
} as const;
export const ListSharesRoute = { params: ShareParams, response: { 200: ShareListSchema, ...STAFF_ERRORS } } as const;
export const RevokeShareRoute = { params: ShareIdParams, response: { 200: ShareSchema, ...STAFF_ERRORS } } as const;
export const PublicShareRoute = {
  params: Type.Object({ token: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
} as const;

// ---- house style --------------------------------------------------------------------------

export const HouseStyleSchema = Type.Object(
  {
    custom: Type.Boolean(),
    primary: Type.String(),
    accent: Type.String(),
    typeface: Type.String(),
    /** The logo as a data: URL, or null. */
    logo: Nullable(Type.String()),
    typefaces: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type HouseStyleView = Static<typeof HouseStyleSchema>;

export const SaveHouseStyleBody = Type.Object(
  {
    primary: Type.String({ maxLength: 7 }),
    accent: Type.String({ maxLength: 7 }),
    typeface: Type.String({ maxLength: 40 }),
    /** A new logo (base64 of the file, with its type); null removes the logo; left out keeps it. */
    logo: Type.Optional(
      Nullable(
        Type.Object(
          { type: Type.Union([Type.Literal('svg'), Type.Literal('png')]), data: Type.String({ maxLength: 1_500_000 }) },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
export type SaveHouseStyle = Static<typeof SaveHouseStyleBody>;

const StudyParams = Type.Object({ slug: Slug }, { additionalProperties: false });
export const GetHouseStyleRoute = { params: StudyParams, response: { 200: HouseStyleSchema, ...STAFF_ERRORS } } as const;
export const SaveHouseStyleRoute = {
  params: StudyParams,
  body: SaveHouseStyleBody,
  response: { 200: HouseStyleSchema, ...STAFF_ERRORS },
} as const;
export const DeleteHouseStyleRoute = { params: StudyParams, response: { 200: HouseStyleSchema, ...STAFF_ERRORS } } as const;
