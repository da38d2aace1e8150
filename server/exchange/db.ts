import type { Generated } from 'kysely';

/**
 * The exchange area's tables (migrations/20261123_0005_exchange.ts), added to the kysely
 * Database interface by declaration merging so the rest of the schema stays untouched.
 */
export interface ImportBatchTable {
  id: Generated<number>;
  study_id: number;
  round_id: number;
  sha256: string;
  file_name: Generated<string>;
  rows: number;
  responses: number;
  participants_created: Generated<number>;
  invitations_created: Generated<number>;
  /** JSON of the applied mapping (docs/exchange.md) */
  mapping: string;
  actor: string;
  created_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    import_batch: ImportBatchTable;
  }
}

/** A response-import mapping saved by name (migrations/20261205_0060_import_saved_mappings.ts). */
export interface ImportMappingTable {
  id: Generated<number>;
  study_id: number;
  name: string;
  /** rondo.import-mapping/1 JSON */
  mapping: string;
  actor: string;
  updated_at: string;
}

declare module '../db/schema.js' {
  interface Database {
    import_mapping: ImportMappingTable;
  }
}
