// Columns and the table added by migrations/20261206_0105_respondent_groups.ts, merged into the store's types.
declare module '../db/schema.js' {
  interface Database {
    group_link: GroupLinkTable;
  }
  interface ParticipantTable {
    /** The participant's respondent group (model/respondent-groups.ts); null: the study's default. */
    group_key: string | null;
  }
  interface ResponseTable {
    /** The group of the anonymous link an anonymous response came through; null: the round's own link. */
    group_key: string | null;
  }
}

/** One respondent group's anonymous link in one round. */
export interface GroupLinkTable {
  round_id: number;
  group_key: string;
  generation: number;
  /** SHA-256 of the current link token; null while the link is off. */
  link_hash: string | null;
}
