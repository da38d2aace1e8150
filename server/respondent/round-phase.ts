/**
 * Where a round stands for a respondent at a moment:
 * - `not-open`: no opening time yet, or before it;
 * - `open`: opened and not yet closed (no closing time: open until someone closes it);
 * - `grace`: closed less than the study's grace period ago — a respondent who was filling in
 *   can still submit, nobody new starts;
 * - `closed`: after the grace period; the draft stays for the researcher.
 */
export type RoundPhase = 'not-open' | 'open' | 'grace' | 'closed';

export interface RoundWindow {
  opensAt: string | null;
  closesAt: string | null;
}

export function roundPhase(round: RoundWindow, graceMinutes: number, now: Date): { phase: RoundPhase; graceUntil: string | null } {
  const t = now.getTime();
  if (round.opensAt === null || t < Date.parse(round.opensAt)) return { phase: 'not-open', graceUntil: null };
  if (round.closesAt === null) return { phase: 'open', graceUntil: null };
  const closes = Date.parse(round.closesAt);
  if (t < closes) return { phase: 'open', graceUntil: null };
  const until = closes + graceMinutes * 60_000;
  return t < until ? { phase: 'grace', graceUntil: new Date(until).toISOString() } : { phase: 'closed', graceUntil: null };
}
