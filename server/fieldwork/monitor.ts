import type { GroupRow, TimelinePoint } from '../../model/api/fieldwork.js';
import { DISPLAY_TIME_ZONE } from './dates.js';
import type { RosterEntry } from './roster.js';
import { suppressSmallCells } from './suppress.js';
import { once } from '../../model/once.js';

/**
 * The live response monitor, computed from a round's roster (roster.ts). Pure functions: the
 * routes load, these count. The funnel is cumulative: submitted ⊂ started ⊂ opened ⊂ invited.
 */

export interface Funnel {
  invited: number;
  sent: number;
  opened: number;
  started: number;
  submitted: number;
}

export function funnel(entries: Pick<RosterEntry, 'sentAt' | 'status'>[]): Funnel {
  const f: Funnel = { invited: entries.length, sent: 0, opened: 0, started: 0, submitted: 0 };
  for (const e of entries) {
    if (e.sentAt || e.status !== 'not-sent') f.sent++;
    if (e.status === 'opened' || e.status === 'started' || e.status === 'submitted') f.opened++;
    if (e.status === 'started' || e.status === 'submitted') f.started++;
    if (e.status === 'submitted') f.submitted++;
  }
  return f;
}

export interface BreakdownRules {
  /** Apply small-cell suppression (everyone but researchers). */
  suppress: boolean;
  minSubgroup: number;
  minDenominatorForPercent: number;
}

/** Response per organisation or role, with suppression for those who must not see small cells. */
export function breakdown(entries: RosterEntry[], by: 'organisation' | 'role', rules: BreakdownRules): GroupRow[] {
  const groups = new Map<string, RosterEntry[]>();
  for (const e of entries) {
    const name = e[by].trim() || '—';
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(e);
  }
  const names = [...groups.keys()].sort(DUTCH().compare);
  const counts = names.map((n) => funnel(groups.get(n)!));
  if (!rules.suppress) {
    return names.map((name, i) => {
      const f = counts[i];
      return {
        name,
        hidden: false,
        invited: f.invited,
        opened: f.opened,
        started: f.started,
        submitted: f.submitted,
        rate: f.invited ? f.submitted / f.invited : null,
        small: f.invited < rules.minDenominatorForPercent,
      };
    });
  }
  const suppressed = suppressSmallCells(
    counts.map((f) => ({ n: f.invited, cells: [f.opened, f.started, f.submitted] })),
    rules.minSubgroup,
  );
  return names.map((name, i) => {
    const s = suppressed[i];
    const [opened, started, submitted] = s.cells;
    const showRate = !s.hidden && submitted !== null && (s.n ?? 0) >= rules.minDenominatorForPercent;
    return {
      name,
      hidden: s.hidden,
      invited: s.n,
      opened,
      started,
      submitted,
      rate: showRate ? (submitted as number) / (s.n as number) : null,
      small: (s.n ?? 0) < rules.minDenominatorForPercent,
    };
  });
}

// Intl formatters and collators are made once: each one holds ICU memory outside the V8 heap
// that garbage collection does not see, so one per call grew the server by megabytes a request.
// They are made at first use, not when the module loads (model/once.ts).
const DAY = once(
  () => new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }),
);
const DUTCH = once(() => new Intl.Collator('nl'));

/** A quarter of an hour: every time zone's offset, and so its midnight and clock changes, falls on one. */
const QUARTER_HOUR = 900_000;

/**
 * The display day ("2026-03-15", Dutch time) of ISO timestamps, each quarter hour worked out once:
 * formatting a date is the expensive step, and a round's timestamps share far fewer quarter
 * hours than there are timestamps.
 */
function dayReader(): (iso: string) => string {
  const days = new Map<number, string>();
  return (iso) => {
    const ms = Date.parse(iso);
    // Not a date: formatting it throws, as it always did.
    if (Number.isNaN(ms)) return DAY().format(new Date(iso));
    const quarter = Math.floor(ms / QUARTER_HOUR);
    let day = days.get(quarter);
    if (day === undefined) days.set(quarter, (day = DAY().format(new Date(quarter * QUARTER_HOUR))));
    return day;
  };
}

/**
 * Response over time, one point per day from the round's opening (or first mail) to today or
 * its closing, at most `maxDays` points (the last ones): per day how many had opened and
 * submitted by its end, and the invitations and reminders sent that day.
 *
 * One pass over the entries and mails, counting per day, then running totals: a round of 10,000
 * invitations over half a year took 5 s when every day counted every entry again.
 */
export function timeline(
  entries: RosterEntry[],
  mails: { kind: 'invitation' | 'reminder'; sentAt: string }[],
  window: { from: string | null; to: string },
  maxDays = 180,
): TimelinePoint[] {
  const dayOf = dayReader();
  const from =
    window.from ?? earliest([...entries.flatMap((e) => [e.openedAt, e.startedAt, e.submittedAt, e.sentAt]), ...mails.map((m) => m.sentAt)]);
  if (!from) return [];
  const start = dayOf(from);
  const end = dayOf(window.to);
  if (end < start) return [];
  const days: string[] = [];
  for (let t = Date.parse(`${start}T12:00:00Z`); ; t += 86_400_000) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (d > end) break;
    days.push(d);
  }
  const shown = days.slice(-maxDays);
  const opened = new Map<string, number>();
  const submitted = new Map<string, number>();
  const invitations = new Map<string, number>();
  const reminders = new Map<string, number>();
  const add = (counts: Map<string, number>, iso: string) => {
    const d = dayOf(iso);
    counts.set(d, (counts.get(d) ?? 0) + 1);
  };
  for (const e of entries) {
    // Someone who started or submitted has opened, even when the opening was not recorded.
    const first = earliest([e.openedAt, e.startedAt, e.submittedAt]);
    if (first) add(opened, first);
    if (e.submittedAt) add(submitted, e.submittedAt);
  }
  for (const m of mails) add(m.kind === 'invitation' ? invitations : reminders, m.sentAt);
  const byEnd = (counts: Map<string, number>) => {
    // Days with counts in order; a running total up to each shown day (counts before it included).
    const sorted = [...counts.keys()].sort();
    let k = 0;
    let total = 0;
    return (date: string) => {
      while (k < sorted.length && sorted[k] <= date) total += counts.get(sorted[k++])!;
      return total;
    };
  };
  const openedBy = byEnd(opened);
  const submittedBy = byEnd(submitted);
  return shown.map((date) => ({
    date,
    opened: openedBy(date),
    submitted: submittedBy(date),
    invitationsSent: invitations.get(date) ?? 0,
    remindersSent: reminders.get(date) ?? 0,
  }));
}

/** The earliest of ISO timestamps in one format (their text order is their time order), or null. */
function earliest(stamps: (string | null)[]): string | null {
  let first: string | null = null;
  for (const s of stamps) if (s && (first === null || s < first)) first = s;
  return first;
}

export interface PatternRow {
  /** One character per round in order: 1 submitted, 0 invited but not submitted, - not invited. */
  pattern: string;
  count: number | null;
}

/**
 * Who answered which rounds: the panel's attrition at a glance. For non-researchers, counts
 * of 1 to min−1 are hidden, with a second one hidden when a single hidden count could be
 * recovered from the total.
 */
export function patternTable(patterns: string[], rules: { suppress: boolean; minSubgroup: number }): PatternRow[] {
  const counts = new Map<string, number>();
  for (const p of patterns) counts.set(p, (counts.get(p) ?? 0) + 1);
  const keys = [...counts.keys()].sort((a, b) => b.localeCompare(a));
  if (!rules.suppress) return keys.map((pattern) => ({ pattern, count: counts.get(pattern)! }));
  const total = patterns.length;
  const cells = suppressSmallCells(
    keys.map((k) => ({ n: total, cells: [counts.get(k)!] })),
    rules.minSubgroup,
  );
  return keys.map((pattern, i) => ({ pattern, count: cells[i].cells[0] }));
}
