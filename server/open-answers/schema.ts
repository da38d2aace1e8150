import type { Generated } from 'kysely';

/**
 * The tables open-answer coding adds (migrations/20261123_0008_open_answers.ts), merged into
 * the kysely Database interface. Excerpts are `quote_excerpt` (server/factsheet/schema.ts).
 */
declare module '../db/schema.js' {
  interface Database {
    open_theme: OpenThemeTable;
    open_coding: OpenCodingTable;
  }
}

export interface OpenThemeTable {
  id: Generated<number>;
  study_id: number;
  /** The open question's variable name. */
  item: string;
  name: string;
  created_at: string;
  created_by: number | null;
}

export interface OpenCodingTable {
  theme_id: number;
  response_id: number;
  created_at: string;
  created_by: number | null;
}
