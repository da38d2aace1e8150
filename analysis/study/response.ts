import { wilson } from '../stats/index.js';
import { isEligible, type AnalysisInput } from './input.js';
import type { Flag, GroupResponse, Reason, ResponseAnalysis, RoundResponse } from './result.js';
import type { Selection } from './selection.js';

const DAY = 86_400_000;

/**
 * Unit response per selected round (METHODS §2.1, §4.1): eligible (invited, not left) as the
 * denominator, sent/opened/started/submitted, the rate with a Wilson interval and the daily
 * submission timeline.
 */
export function roundResponses(input: AnalysisInput, sel: Selection): RoundResponse[] {
  const U = input.units.count;
  const P = input.units.participants;
  const s = input.status;
  const settings = input.study.settings;
  return sel.rounds.map((r) => {
    let invited = 0;
    let left = 0;
    let sent = 0;
    let opened = 0;
    let started = 0;
    let submitted = 0;
    let submittedNotEligible = 0;
    let anonymous = 0;
    const perDay = new Map<number, number>();
    for (const u of sel.units) {
      const i = r * U + u;
      if (s.submitted[i]) {
        const day = Math.floor(s.submittedAt[i] / DAY);
        if (Number.isFinite(day)) perDay.set(day, (perDay.get(day) ?? 0) + 1);
      }
      if (u >= P) {
        if (s.submitted[i]) anonymous++;
        continue;
      }
      if (!isEligible(input, r, u)) {
        if (s.invited[i]) left++;
        if (s.submitted[i]) submittedNotEligible++;
        continue;
      }
      invited++;
      if (!Number.isNaN(s.sentAt[i])) sent++;
      if (!Number.isNaN(s.openedAt[i]) || s.submitted[i] || s.draft[i]) opened++;
      if (!Number.isNaN(s.startedAt[i]) || s.submitted[i] || s.draft[i]) started++;
      if (s.submitted[i]) submitted++;
    }
    const rate = wilson(submitted, invited);
    let cumulative = 0;
    const timeline = [...perDay.keys()]
      .sort((a, b) => a - b)
      .map((day) => {
        cumulative += perDay.get(day)!;
        return { date: new Date(day * DAY).toISOString().slice(0, 10), submitted: perDay.get(day)!, cumulative };
      });
    const flags: Flag[] = [];
    if (invited > 0 && invited < settings.minDenominatorForPercent) flags.push('no-percentage');
    else if (invited > 0 && invited < settings.smallNumbersBelow) flags.push('small-numbers');
    const round = input.rounds[r];
    return {
      key: round.key,
      label: round.label,
      opensAt: round.opensAt,
      closesAt: round.closesAt,
      invited,
      left,
      sent,
      opened,
      started,
      submitted,
      submittedNotEligible,
      anonymous,
      responseRate: rate.estimate,
      responseRateCi: rate.ci,
      timeline,
      flags,
    };
  });
}

/** Response by organisation or role, the response-pattern table, pairs, complete cases and flow. */
export function responseAnalysis(input: AnalysisInput, sel: Selection): ResponseAnalysis {
  const U = input.units.count;
  const P = input.units.participants;
  const submitted = input.status.submitted;
  const R = sel.rounds.length;

  // Patterns counted by number (bit k: answered in selected round k) while they fit one, named at the end.
  const patternCounts = new Map<number | string, number>();
  const numbered = R <= 30;
  const pairCounts = new Array<number>((R * (R - 1)) / 2).fill(0);
  let complete = 0;
  const flow = sel.rounds.map((r) => ({
    round: input.rounds[r].key,
    submitted: 0,
    alsoPrevious: 0,
    returning: 0,
    new: 0,
    flags: [] as Flag[],
  }));
  const answered = new Uint8Array(R);
  for (const u of sel.units) {
    let any = 0;
    let eligibleOnce = false;
    for (let k = 0; k < R; k++) {
      const r = sel.rounds[k];
      answered[k] = submitted[r * U + u];
      any += answered[k];
      if (u < P && isEligible(input, r, u)) eligibleOnce = true;
    }
    if (u < P && (eligibleOnce || any > 0)) {
      let pattern: number | string = numbered ? 0 : '';
      if (numbered) for (let k = 0; k < R; k++) pattern = (pattern as number) | (answered[k] << k);
      else for (let k = 0; k < R; k++) pattern += answered[k] ? '1' : '0';
      patternCounts.set(pattern, (patternCounts.get(pattern) ?? 0) + 1);
    }
    if (R > 0 && any === R) complete++;
    let p = 0;
    for (let a = 0; a < R; a++) {
      for (let b = a + 1; b < R; b++, p++) if (answered[a] && answered[b]) pairCounts[p]++;
    }
    let earlier = false;
    for (let k = 0; k < R; k++) {
      if (answered[k]) {
        const f = flow[k];
        f.submitted++;
        if (k > 0 && answered[k - 1]) f.alsoPrevious++;
        else if (earlier) f.returning++;
        else f.new++;
        earlier = true;
      }
    }
  }

  const named = new Map([...patternCounts].map(([key, count]) => [typeof key === 'string' ? key : patternName(key, R), count]));
  const patterns: ResponseAnalysis['patterns'] = (
    R <= 6 ? allPatterns(R).map((pattern) => [pattern, named.get(pattern) ?? 0] as const) : [...named]
  ).map(([pattern, count]) => ({ pattern, count, flags: [] }));
  patterns.sort((a, b) => ones(b.pattern) - ones(a.pattern) || (a.pattern < b.pattern ? 1 : a.pattern > b.pattern ? -1 : 0));
  const pairs: ResponseAnalysis['pairs'] = [];
  let p = 0;
  for (let a = 0; a < R; a++) {
    for (let b = a + 1; b < R; b++, p++)
      pairs.push({ from: input.rounds[sel.rounds[a]].key, to: input.rounds[sel.rounds[b]].key, n: pairCounts[p], flags: [] });
  }
  return {
    byGroup: [],
    byOrganisation: groupResponse(input, sel, input.units.organisation, input.units.organisations),
    byRole: groupResponse(input, sel, input.units.role, input.units.roles),
    patterns,
    pairs,
    complete,
    flow,
  };
}

/** A response pattern's name from its number: '1' or '0' per selected round, the first round first. */
function patternName(pattern: number, R: number): string {
  let name = '';
  for (let k = 0; k < R; k++) name += pattern & (1 << k) ? '1' : '0';
  return name;
}

function groupResponse(input: AnalysisInput, sel: Selection, groupOf: Int32Array, names: string[]): GroupResponse[] {
  const U = input.units.count;
  const P = input.units.participants;
  const R = sel.rounds.length;
  const invited = new Int32Array(names.length * R);
  const submitted = new Int32Array(names.length * R);
  const present = new Uint8Array(names.length);
  for (const u of sel.units) {
    if (u >= P) continue;
    const g = groupOf[u];
    if (g < 0) continue;
    present[g] = 1;
    for (let k = 0; k < R; k++) {
      const r = sel.rounds[k];
      if (!isEligible(input, r, u)) continue;
      invited[g * R + k]++;
      if (input.status.submitted[r * U + u]) submitted[g * R + k]++;
    }
  }
  const minSubgroup = input.study.settings.minSubgroup;
  const out: GroupResponse[] = [];
  names.forEach((name, g) => {
    if (!present[g]) return;
    let small = false;
    const rounds = sel.rounds.map((r, k) => {
      const inv = invited[g * R + k];
      const sub = submitted[g * R + k];
      if (inv > 0 && inv < minSubgroup) small = true;
      return { round: input.rounds[r].key, invited: inv, submitted: sub, responseRate: inv > 0 ? sub / inv : null };
    });
    const flags: Flag[] = small ? ['disclosure-risk'] : [];
    const reason: Reason | null = small ? 'subgroup-too-small' : null;
    out.push({ name, rounds, flags, reason });
  });
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function allPatterns(R: number): string[] {
  const out: string[] = [];
  for (let m = 0; m < 1 << R; m++) out.push(m.toString(2).padStart(R, '0'));
  return out;
}

const ones = (p: string) => p.split('').filter((c) => c === '1').length;
