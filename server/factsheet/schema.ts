import type { Generated } from 'kysely';

/**
 * The tables factsheets add (migrations/20261123_0007_factsheet.ts), merged into the kysely
 * Database interface.
 */
declare module '../db/schema.js' {
  interface Database {
    quote_excerpt: QuoteExcerptTable;
    factsheet_draft: FactsheetDraftTable;
    factsheet_version: FactsheetVersionTable;
    factsheet_output: FactsheetOutputTable;
    factsheet_style: FactsheetStyleTable;
    factsheet_share: FactsheetShareTable;
  }
}

/**
 * An approved (or not yet approved) excerpt of an open answer. The dashboard's open-answer
 * coding writes these; the factsheet reads only rows with `approved_at` set.
 */
export interface QuoteExcerptTable {
  id: Generated<number>;
  study_id: number;
  response_id: number;
  /** The open question's variable name. */
  item: string;
  excerpt: string;
  role_label: Generated<string>;
  role_label_en: string | null;
  /** The cohort role the attribution names, or null for all respondents of the round. */
  participant_role: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  approved_at: string | null;
  approved_by: number | null;
}

export interface FactsheetDraftTable {
  study_id: number;
  /** JSON of composition.ts `Composition` */
  composition: string;
  revision: Generated<number>;
  updated_at: string;
  updated_by: number | null;
}

export interface FactsheetVersionTable {
  id: Generated<number>;
  study_id: number;
  version: number;
  published_at: string;
  published_by: number | null;
  /** JSON array of languages */
  languages: string;
  /** JSON of data.ts `FactsheetData` */
  data: string;
  /** JSON of composition.ts `Composition` */
  composition: string;
  note: Generated<string>;
}

export interface FactsheetOutputTable {
  version_id: number;
  lang: 'nl' | 'en';
  /** JSON of document.ts `FactsheetDocument` */
  document: string;
  html: string;
}

/** A study's house style (migrations/20261205_0090_fs_layout_factsheet_style_share.ts); no row: the neutral default. */
export interface FactsheetStyleTable {
  study_id: number;
  /** #rrggbb */
  primary_colour: string;
  accent_colour: string;
  typeface: string;
  logo_type: 'svg' | 'png' | null;
  /** base64 of the checked logo */
  logo_data: string | null;
  updated_at: string;
  updated_by: number | null;
}

/** A public read-only link to one published version in one language; only the token's SHA-256 is stored. */
export interface FactsheetShareTable {
  id: Generated<number>;
  study_id: number;
  version_id: number;
  lang: 'nl' | 'en';
  token_hash: string;
  created_at: string;
  created_by: number | null;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: number | null;
  access_count: Generated<number>;
  last_access_at: string | null;
}
