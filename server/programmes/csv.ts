import type { ProgrammeOverview } from '../../model/api/programme.js';
import type { Lang, LocalText } from '../../model/i18n.js';
import { csvLine } from '../csv-cell.js';

/**
 * The programme's indicator table as CSV (`GET /api/programmes/:programme/indicators.csv`,
 * `rondo programme indicators`): one row per network × indicator × round, from the overview, so
 * the file holds exactly what the regional screen shows. `value` is a mean or a share (0–1);
 * `count` is the top-box count of a share; `low`/`high` the 95% interval; `reason` says why a
 * value is empty (`too-few-for-percent`, `no-answers`, `not-asked`, `distribution`,
 * `not-measured`). Machine-facing: stable column names, a point as decimal sign, full precision;
 * every text cell is quoted and neutralised against spreadsheet formulas (server/csv-cell.ts).
 */
export const PROGRAMME_CSV_COLUMNS = [
  'programme',
  'network',
  'network_title',
  'indicator',
  'indicator_name',
  'summary',
  'round',
  'round_label',
  'value',
  'count',
  'n',
  'low',
  'high',
  'reason',
] as const;

/** Titles and labels in `lang` (Dutch when a text has no English). */
export function programmeIndicatorsCsv(overview: ProgrammeOverview, lang: Lang = 'nl'): string {
  const tx = (t: LocalText | undefined) => (t ? (t[lang] ?? t.nl ?? t.en ?? '') : null);
  const out = [csvLine(PROGRAMME_CSV_COLUMNS)];
  for (const net of overview.networks) {
    const labels = new Map(net.rounds.map((r) => [r.key, r.label]));
    for (const row of net.indicators) {
      const ind = overview.indicators.find((i) => i.key === row.key);
      for (const v of row.values) {
        const label = labels.get(v.round);
        out.push(
          csvLine([
            overview.programme.slug,
            net.slug,
            tx(net.title),
            row.key,
            ind ? tx(ind.name) : row.key,
            ind?.summary ?? null,
            v.round,
            tx(label),
            v.value,
            v.count,
            v.n,
            v.low,
            v.high,
            v.reason,
          ]),
        );
      }
    }
  }
  return out.join('');
}
