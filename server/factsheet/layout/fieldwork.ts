import type { Lang } from '../../../model/index.js';

/** When the data were collected: the first day of the first round to the last day of the last (ISO dates). */
export interface Fieldwork {
  from: string;
  to: string;
}

const MONTHS = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

/**
 * The fieldwork period as a reader says it: "januari – oktober 2022", "november 2021 – maart
 * 2022", or "oktober 2022" when it lies within one month. Months are taken in UTC, as the
 * dates are stored.
 */
export function fieldworkPeriod(fieldwork: Fieldwork, lang: Lang): string {
  const a = new Date(fieldwork.from);
  const b = new Date(fieldwork.to);
  const month = (d: Date) => MONTHS[lang][d.getUTCMonth()];
  const [ya, yb] = [a.getUTCFullYear(), b.getUTCFullYear()];
  if (ya === yb && a.getUTCMonth() === b.getUTCMonth()) return `${month(a)} ${ya}`;
  if (ya === yb) return `${month(a)} – ${month(b)} ${yb}`;
  return `${month(a)} ${ya} – ${month(b)} ${yb}`;
}

/**
 * The fieldwork of a study's rounds: each round counts from its opening (or its first
 * submission) to its closing (or its last submission, when that is earlier than the closing
 * or there is no closing). Rounds without dates or submissions are left out; null when none has any.
 */
export function fieldworkOf(rounds: { opensAt: string | null; closesAt: string | null; firstAt: string | null; lastAt: string | null }[]) {
  let from: string | null = null;
  let to: string | null = null;
  for (const r of rounds) {
    const start = r.opensAt ?? r.firstAt;
    const end = r.lastAt && (!r.closesAt || r.lastAt < r.closesAt) ? r.lastAt : (r.closesAt ?? r.lastAt);
    if (!start && !end) continue;
    if (!r.firstAt && !r.lastAt) continue;
    const s = start ?? end!;
    const e = end ?? start!;
    if (!from || s < from) from = s;
    if (!to || e > to) to = e;
  }
  return from && to ? ({ from, to } satisfies Fieldwork) : null;
}
