import type { DashboardResponse } from '../../model/api/dashboard.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import type { SplitResult } from '../../analysis/study/split.js';
import { get } from '../app/api.js';

/**
 * The dashboard's data and its filters. One request (GET /api/studies/:slug/dashboard) gives
 * the analysis — the same JSON as GET /analysis, the factsheet and `rondo analyze` — with the
 * key findings as sentences and the values the filters offer. The filters live in the address
 * in the API's one syntax (`?round=pre&round=post&organisation=…&role=…&matched=1&attribute=domain:jeugd&split=domain`, as
 * model/api/analysis.ts), so a view can be shared, the back button undoes a filter, and the
 * address's query is the request's.
 */
export interface DashFilters {
  rounds: string[];
  organisations: string[];
  roles: string[];
  matched: boolean;
  /** Respondent group keys (`?group=parents`; model/respondent-groups.ts). */
  groups?: string[];
  /** attrs: cohort-attribute filters as `key:value` (the API's `attribute`), researchers only. */
  attributes?: string[];
  /** attrs: the cohort attribute the results are split by ('' or absent: none). */
  split?: string;
}

/** GET /dashboard's answer (model/api/dashboard.ts), its analysis typed in full (analysis/study/result.ts). */
export type DashSummary = Omit<DashboardResponse, 'analysis' | 'split'> & { analysis: StudyAnalysis; split?: SplitResult };

export interface DashData {
  analysis: StudyAnalysis;
  summary: DashSummary;
}

export function filtersFromSearch(search: string): DashFilters {
  const q = new URLSearchParams(search);
  const all = (k: string) =>
    q
      .getAll(k)
      .map((s) => s.trim())
      .filter(Boolean);
  return {
    rounds: all('round'),
    organisations: all('organisation'),
    roles: all('role'),
    groups: all('group'),
    matched: q.get('matched') === '1' || q.get('matched') === 'true',
    attributes: all('attribute'),
    split: q.get('split') ?? '',
  };
}

/** The query for filters ('' when none is set): for the address and for GET /dashboard alike. */
export function searchOf(f: DashFilters): string {
  const q = new URLSearchParams();
  for (const r of f.rounds) q.append('round', r);
  for (const o of f.organisations) q.append('organisation', o);
  for (const r of f.roles) q.append('role', r);
  for (const g of f.groups ?? []) q.append('group', g);
  if (f.matched) q.set('matched', '1');
  for (const a of f.attributes ?? []) q.append('attribute', a);
  if (f.split) q.set('split', f.split);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// A few recent results, so moving between views with the same filters costs no request.
// Entries expire after a minute: new submissions should show up without a reload.
const cache = new Map<string, Promise<DashData>>();
const born = new Map<string, number>();
const TTL = 60_000;

export function loadDash(slug: string, f: DashFilters): Promise<DashData> {
  const key = `${slug}${searchOf(f)}`;
  let hit = cache.get(key);
  if (hit && Date.now() - (born.get(key) ?? 0) > TTL) hit = undefined;
  if (!hit) {
    born.set(key, Date.now());
    const base = `/api/studies/${encodeURIComponent(slug)}`;
    hit = get<DashSummary>(`${base}/dashboard${searchOf(f)}`).then((summary) => ({ analysis: summary.analysis, summary }));
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > 6) cache.delete(cache.keys().next().value!);
  }
  return hit;
}
