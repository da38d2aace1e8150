import type { Generated } from 'kysely';

/** The improvement cycle's tables (migrations/20261206_0201_improvement_cycle.ts). */
export interface ImprovementPointTable {
  id: Generated<number>;
  study_id: number;
  source: string;
  ref: Generated<string>;
  title: string;
  note: Generated<string>;
  round_key: string | null;
  status: Generated<string>;
  selected_by: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ImprovementVoteTable {
  point_id: number;
  user_id: number;
  round_key: string;
  at: string;
}

export interface ImprovementPlanTable {
  id: Generated<number>;
  study_id: number;
  point_id: number;
  year: number;
  goal: string;
  /** JSON of `{ key, target }[]` */
  indicators: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ImprovementActionTable {
  id: Generated<number>;
  plan_id: number;
  description: string;
  owner_user_id: number;
  due_date: string;
  status: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface PdcaEntryTable {
  id: Generated<number>;
  plan_id: number;
  quarter: number;
  done: Generated<string>;
  measured: Generated<string>;
  adjusted: Generated<string>;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ImprovementHistoryTable {
  id: Generated<number>;
  study_id: number;
  entity: string;
  entity_id: number;
  version: number;
  /** JSON of the row as it was after this version's change. */
  snapshot: string;
  actor: string;
  at: string;
}

declare module '../db/schema.js' {
  interface Database {
    improvement_point: ImprovementPointTable;
    improvement_vote: ImprovementVoteTable;
    improvement_plan: ImprovementPlanTable;
    improvement_action: ImprovementActionTable;
    pdca_entry: PdcaEntryTable;
    improvement_history: ImprovementHistoryTable;
  }
}
