import type { LocalText } from '../../model/i18n.js';
import type { StudyAnalysis } from '../../analysis/study/result.js';
import { get } from '../app/api.js';

/**
 * The dashboard's data and its filters. One request (GET /api/studies/:slug/dashboard) gives
 * the analysis — the same JSON as GET /analysis, the factsheet and `rondo analyze` — with the
 * key findings as sentences and the values the filters offer. The
 * filters live in the address (`?rounds=pre,post&org=…&role=…&panel=matched`), so a view can
 * be shared and the back button undoes a filter.
 */
export interface DashFilters {
  rounds: string[];
  organisations: string[];
  roles: string[];
  matched: boolean;
}

export interface DashSummary {
  audience: 'full' | 'aggregate';
  analysis: StudyAnalysis;
  sentences: { key: string; section: string; paragraph: string; text: LocalText }[];
  filters: { rounds: { key: string; label: LocalText }[]; organisations: string[]; roles: string[] };
}

export interface DashData {
  analysis: StudyAnalysis;
  summary: DashSummary;
}

const split = (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

export function filtersFromSearch(search: string): DashFilters {
  const q = new URLSearchParams(search);
  return { rounds: split(q.get('rounds')), organisations: split(q.get('org')), roles: split(q.get('role')), matched: q.get('panel') === 'matched' };
}

/** The address query for filters ('' when none is set); commas inside names are not supported. */
export function searchOf(f: DashFilters): string {
  const q = new URLSearchParams();
  if (f.rounds.length) q.set('rounds', f.rounds.join(','));
  if (f.organisations.length) q.set('org', f.organisations.join(','));
  if (f.roles.length) q.set('role', f.roles.join(','));
  if (f.matched) q.set('panel', 'matched');
  const s = q.toString();
  return s ? `?${s}` : '';
}

function summaryQuery(f: DashFilters): string {
  const q = new URLSearchParams();
  if (f.rounds.length) q.set('rounds', f.rounds.join(','));
  if (f.organisations.length) q.set('org', f.organisations.join(','));
  if (f.roles.length) q.set('role', f.roles.join(','));
  if (f.matched) q.set('matched', '1');
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
    hit = get<DashSummary>(`${base}/dashboard${summaryQuery(f)}`).then((summary) => ({ analysis: summary.analysis, summary }));
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > 6) cache.delete(cache.keys().next().value!);
  }
  return hit;
}
