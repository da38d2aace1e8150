import { csvLine } from '../csv-cell.js';
import type { StoredCycle } from './store.js';

/**
 * The improvement cycle as a file (`rondo plan export`): its points, plans, actions and quarterly
 * PDCA entries, with stable, non-localised values (statuses as codes, times ISO-8601 UTC).
 */
export const PLAN_EXPORT_FORMAT = 'rondo.improvement/1';

export function cycleJson(slug: string, cycle: StoredCycle, exportedAt: Date) {
  return {
    format: PLAN_EXPORT_FORMAT,
    study: slug,
    exportedAt: exportedAt.toISOString(),
    points: cycle.points.map(({ myVote: _mine, ...p }) => p),
    plans: cycle.plans,
  };
}

/** The CSV columns: one row per point, plan, action and PDCA entry, told apart by `record`. */
export const PLAN_CSV_COLUMNS = [
  'record',
  'point_id',
  'plan_id',
  'id',
  'source',
  'ref',
  'title',
  'status',
  'selected_by',
  'votes',
  'year',
  'goal',
  'indicators',
  'owner',
  'due',
  'quarter',
  'done',
  'measured',
  'adjusted',
  'version',
] as const;

type Row = Partial<Record<(typeof PLAN_CSV_COLUMNS)[number], string | number | null>>;

export function cycleCsv(cycle: StoredCycle): string {
  const rows: Row[] = [];
  for (const p of cycle.points) {
    rows.push({
      record: 'point',
      point_id: p.id,
      id: p.id,
      source: p.source,
      ref: p.ref,
      title: p.title,
      status: p.status,
      selected_by: p.selectedBy,
      votes: p.votes,
      version: p.version,
    });
    for (const plan of cycle.plans.filter((x) => x.point === p.id)) {
      const indicators = plan.indicators.map((i) => `${i.key}=${i.target}`).join('; ');
      rows.push({
        record: 'plan',
        point_id: p.id,
        plan_id: plan.id,
        id: plan.id,
        year: plan.year,
        goal: plan.goal,
        indicators,
        version: plan.version,
      });
      for (const a of plan.actions)
        rows.push({
          record: 'action',
          point_id: p.id,
          plan_id: plan.id,
          id: a.id,
          title: a.description,
          status: a.status,
          owner: a.ownerName,
          due: a.due,
          version: a.version,
        });
      for (const e of plan.pdca)
        rows.push({
          record: 'pdca',
          point_id: p.id,
          plan_id: plan.id,
          quarter: e.quarter,
          year: plan.year,
          done: e.done,
          measured: e.measured,
          adjusted: e.adjusted,
          version: e.version,
        });
    }
  }
  return csvLine(PLAN_CSV_COLUMNS) + rows.map((r) => csvLine(PLAN_CSV_COLUMNS.map((c) => r[c] ?? null))).join('');
}
