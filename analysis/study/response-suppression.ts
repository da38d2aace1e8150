import type { ResponseAnalysis, RoundResponse } from './result.js';
import { Span } from './span.js';

/**
 * The response-pattern table, the pairs per round pair, the complete cases and the response
 * flow are all sums of the same unknowns, the number of participants per pattern: pair
 * pre→post = 111 + 101, flow "returning" in post = 101, complete = 111, and the per-round
 * `submitted` shown in `rounds` = every pattern with a 1 in that round. Hiding a small cell in
 * one table is worthless if it can be worked out from the others, so the three are suppressed
 * together, as one system of linear equations (METHODS §6: cells of 1 to minSubgroup − 1,
 * with secondary suppression):
 *
 * 1. Every count is a vector over the patterns. Counts with the same vector are one cell
 *    (complete and pattern 111 are shown or hidden together).
 * 2. What stays visible whatever happens: the number of participants (the sum of all
 *    patterns) and the submissions per round. A count that follows from those alone is a
 *    whole-group result and is shown (e.g. "new" in the first round, which is that round's
 *    submitted).
 * 3. Primary: every other count of 1 to minSubgroup − 1 is hidden.
 * 4. Secondary: starting from only the totals, the other counts are revealed one at a time —
 *    patterns first, then complete, pairs and flow, larger counts first — and a count is
 *    revealed only if afterwards no hidden small count is a linear combination of what is
 *    visible (Span). So no hidden count can be recovered by adding and subtracting shown
 *    ones, and what is hidden besides the small counts is as little as this order allows.
 *
 * Not protected against: bounds from non-negativity (an attacker may learn a hidden count is
 * at most the difference of two shown ones), and the item-level counts of pairs and complete
 * cases (`changes[].paired.n`, `overall.n`), which equal the response pairs and complete
 * cases for an item everyone answered and are not part of this audit (docs/analysis-json.md,
 * Suppression, Limits). Hidden counts become null; rows with a hidden count get the flag
 * `suppressed`. Mutates `response`.
 */
export function suppressResponseTables(response: ResponseAnalysis, rounds: RoundResponse[], minSubgroup: number): void {
  const cells = responseCells(response, rounds);
  const small = (v: number) => v > 0 && v < minSubgroup;
  if (!cells) {
    // More distinct patterns than the audit handles (only with more than six rounds): hide
    // every count that is not a per-round total.
    hideAll(response);
    return;
  }
  const { groups, totals } = cells;
  const base = new Span(cells.width);
  for (const t of totals) base.add(t);
  const fixed = groups.map((g) => base.contains(g.vector));
  const primary = groups.map((g, i) => !fixed[i] && g.members.some((m) => small(m.value)));
  const hidden = groups.map((_, i) => !fixed[i]);
  const protectedVectors = groups.filter((_, i) => primary[i]).map((g) => g.vector);

  const visible = base.clone();
  const order = groups.map((_, i) => i).filter((i) => !fixed[i] && !primary[i]);
  order.sort((a, b) => groups[a].priority - groups[b].priority || groups[b].value - groups[a].value || a - b);
  for (const i of order) {
    const trial = visible.clone();
    if (trial.add(groups[i].vector) && protectedVectors.some((v) => trial.contains(v))) continue;
    visible.add(groups[i].vector);
    hidden[i] = false;
  }
  groups.forEach((g, i) => {
    if (hidden[i]) for (const m of g.members) m.hide();
  });
}

/** For the researchers' (full) analysis: flag the rows with a count of 1 to minSubgroup − 1 that a trainer would not see. */
export function flagResponseTables(response: ResponseAnalysis, minSubgroup: number): void {
  const small = (v: number | null) => v !== null && v > 0 && v < minSubgroup;
  const flag = (row: { flags: string[] }) => {
    if (!row.flags.includes('disclosure-risk')) row.flags.push('disclosure-risk');
  };
  for (const p of response.patterns) if (small(p.count)) flag(p);
  for (const p of response.pairs) if (small(p.n)) flag(p);
  for (const f of response.flow) if (small(f.alsoPrevious) || small(f.returning) || small(f.new)) flag(f);
}

interface Member {
  value: number;
  hide(): void;
}
interface Group {
  vector: Float64Array;
  members: Member[];
  /** Lower is revealed first: patterns and complete 0, pairs 1, flow 2. */
  priority: number;
  value: number;
}

/** Patterns beyond this many are not audited (2^6 = 64 with six rounds, the most listed in full). */
const MAX_PATTERNS = 128;

function responseCells(
  response: ResponseAnalysis,
  rounds: RoundResponse[],
): { width: number; groups: Group[]; totals: Float64Array[] } | null {
  const patterns = response.patterns.map((p) => p.pattern);
  const width = patterns.length;
  if (width > MAX_PATTERNS) return null;
  const R = rounds.length;
  const bit = (p: string, k: number) => p.charCodeAt(k) === 49; // '1'
  const vectorOf = (pred: (p: string) => boolean) => Float64Array.from(patterns, (p) => (pred(p) ? 1 : 0));

  const byKey = new Map<string, Group>();
  const add = (vector: Float64Array, priority: number, value: number, hide: () => void) => {
    const key = vector.join(',');
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { vector, members: [], priority, value }));
    g.members.push({ value, hide });
    g.priority = Math.min(g.priority, priority);
    g.value = Math.max(g.value, value);
  };
  const hideIn = (row: { flags: string[] }) => {
    if (!row.flags.includes('suppressed')) row.flags.push('suppressed');
  };

  response.patterns.forEach((p, j) => {
    add(
      vectorOf((q) => q === patterns[j]),
      0,
      p.count ?? 0,
      () => ((p.count = null), hideIn(p)),
    );
  });
  if (R > 0)
    add(
      vectorOf((q) => [...q].every((c) => c === '1')),
      0,
      response.complete ?? 0,
      () => (response.complete = null),
    );
  const keys = rounds.map((r) => r.key);
  for (const pair of response.pairs) {
    const a = keys.indexOf(pair.from);
    const b = keys.indexOf(pair.to);
    add(
      vectorOf((q) => bit(q, a) && bit(q, b)),
      1,
      pair.n ?? 0,
      () => ((pair.n = null), hideIn(pair)),
    );
  }
  response.flow.forEach((f, k) => {
    const earlier = (q: string, before: number) => [...q.slice(0, before)].some((c) => c === '1');
    add(
      vectorOf((q) => k > 0 && bit(q, k) && bit(q, k - 1)),
      2,
      f.alsoPrevious ?? 0,
      () => ((f.alsoPrevious = null), hideIn(f)),
    );
    add(
      vectorOf((q) => k > 1 && bit(q, k) && !bit(q, k - 1) && earlier(q, k - 1)),
      2,
      f.returning ?? 0,
      () => ((f.returning = null), hideIn(f)),
    );
    add(
      vectorOf((q) => bit(q, k) && !earlier(q, k)),
      2,
      f.new ?? 0,
      () => ((f.new = null), hideIn(f)),
    );
  });

  const totals = [vectorOf(() => true), ...keys.map((_, k) => vectorOf((q) => bit(q, k)))];
  return { width, groups: [...byKey.values()], totals };
}

function hideAll(response: ResponseAnalysis): void {
  const mark = (row: { flags: string[] }) => {
    if (!row.flags.includes('suppressed')) row.flags.push('suppressed');
  };
  for (const p of response.patterns) (p.count = null), mark(p);
  for (const p of response.pairs) (p.n = null), mark(p);
  response.complete = null;
  response.flow.forEach((f, k) => {
    if (k === 0) return; // "new" in the first round is its submitted
    f.alsoPrevious = f.returning = f.new = null;
    mark(f);
  });
}
