import type { LocalText } from '../../model/index.js';
import type { ChangeResult, ItemAnalysis, QuestionReport, RoundSummary, StudyAnalysis } from '../../analysis/study/result.js';

/** Item types `rondo analyze` reports question by question (the others have their own blocks). */
const TYPES = new Set(['rating', 'single', 'multi', 'number']);

/**
 * The "Questions" block of `rondo analyze`'s text summary: ratings and numbers with n, mean and
 * its t-interval, median and IQR; single choice with every option's count, share and Wilson
 * interval; multiple choice as the ranking by votes (the priority vote); each with the verdict
 * of the primary change in the words of its evidence. Counts first, as everywhere in the CLI.
 */
export function questionLines(a: StudyAnalysis, verdict: (c: ChangeResult) => string): string[] {
  const text = (t: LocalText | null | undefined) => t?.en || t?.nl || '';
  const byId = new Map(a.items.map((v) => [v.id, v]));
  const questions = a.questions.filter((q) => TYPES.has(q.type));
  if (!questions.length) return [];
  const out = ['', 'Questions (ratings, single and multiple choice, numbers; 95% intervals)'];
  for (const q of questions) {
    const vars = q.variables.map((id) => byId.get(id)).filter((v): v is ItemAnalysis => !!v);
    out.push(`  ${q.item} (${q.type}${q.maxSelect ? `, choose up to ${q.maxSelect}` : ''}): ${text(q.text)}`);
    if (q.type === 'multi') out.push(...multiLines(q, vars, verdict, text));
    else if (vars[0]) out.push(...singleVariableLines(q, vars[0], verdict, text));
  }
  return out;
}

function singleVariableLines(
  q: QuestionReport,
  v: ItemAnalysis,
  verdict: (c: ChangeResult) => string,
  text: (t: LocalText | null | undefined) => string,
): string[] {
  const out: string[] = [];
  const unit = q.unit ? ` ${text(q.unit)}` : '';
  for (const s of v.rounds.filter((r) => r.asked)) {
    if (s.n === 0 || (!s.distribution && !s.mean)) {
      out.push(`      ${s.round} n=${s.n}`);
      continue;
    }
    if (q.type === 'single') {
      const cells = (s.distribution ?? []).map(
        (c) => `${text(c.label)} ${c.count ?? 'x'}${c.share === null ? '' : ` (${pct(c.share)}, ${ci(c.ci)})`}`,
      );
      out.push(`      ${s.round} n=${s.n}: ${cells.join('; ')}`);
    } else out.push(`      ${s.round} n=${s.n}: ${meanText(s, unit)}`);
  }
  const c = v.changes.find((x) => x.primary) ?? v.changes[v.changes.length - 1];
  if (c) out.push(`      ${c.from}→${c.to}: ${verdict(c)}${shift(c)}`);
  return out;
}

function multiLines(
  q: QuestionReport,
  vars: ItemAnalysis[],
  verdict: (c: ChangeResult) => string,
  text: (t: LocalText | null | undefined) => string,
): string[] {
  const out: string[] = [];
  for (const r of q.ranking ?? []) {
    if (!r.asked) continue;
    const ranked = r.options.map(
      (o) => `${o.rank ?? '–'}. ${text(o.label)} ${o.votes ?? 'x'}${o.share === null ? '' : ` (${pct(o.share)}, ${ci(o.ci)})`}`,
    );
    out.push(`      ${r.round} n=${r.n}, ranked by votes: ${ranked.join('; ')}`);
  }
  for (const v of vars) {
    const c = v.changes.find((x) => x.primary) ?? v.changes[v.changes.length - 1];
    if (c) out.push(`      ${text(v.optionLabel)} ${c.from}→${c.to}: ${verdict(c)}`);
  }
  return out;
}

/**
 * The "Indicators" block: each of the researcher's indicators per round — a share with its
 * count and Wilson interval, a mean (score, or of per-person shares) with its t-interval, or a
 * distribution — and the verdict of its primary change.
 */
export function indicatorLines(a: StudyAnalysis, verdict: (c: ChangeResult) => string): string[] {
  if (!a.indicators?.length) return [];
  const text = (t: LocalText | null | undefined) => t?.en || t?.nl || '';
  const out = ['', "Indicators (the study's own; 95% intervals)"];
  for (const ind of a.indicators) {
    out.push(`  ${ind.key} (${ind.summary}, ${ind.items.join(', ')}): ${text(ind.name)}`);
    for (const s of ind.result.rounds.filter((r) => r.asked)) {
      const share = s.topBox && s.topBox.estimate !== null ? ` (${pct(s.topBox.estimate)}, ${ci(s.topBox.ci)})` : '';
      if (s.topBox) out.push(`      ${s.round} ${s.topBox.x ?? 'x'} of n=${s.n}${share}`);
      else if (s.mean) out.push(`      ${s.round} n=${s.n}: ${meanText(s, '')}`);
      else if (s.distribution)
        out.push(`      ${s.round} n=${s.n}: ${s.distribution.map((c) => `${text(c.label)} ${c.count ?? 'x'}`).join('; ')}`);
      else out.push(`      ${s.round} n=${s.n}`);
    }
    const c = ind.result.changes.find((x) => x.primary) ?? ind.result.changes[ind.result.changes.length - 1];
    if (c) out.push(`      ${c.from}→${c.to}: ${verdict(c)}`);
  }
  return out;
}

function meanText(s: RoundSummary, unit: string): string {
  const m = s.mean;
  const mean =
    m && m.estimate !== null
      ? `mean ${m.estimate.toFixed(2)}${unit}${m.ci ? ` (${m.ci[0].toFixed(2)}–${m.ci[1].toFixed(2)})` : ''}`
      : 'mean —';
  const median =
    s.median === null ? '' : `, median ${num(s.median)}${s.q1 !== null && s.q3 !== null ? ` (IQR ${num(s.q1)}–${num(s.q3)})` : ''}`;
  return mean + median;
}

function shift(c: ChangeResult): string {
  const e = c.paired && c.paired.n > 0 ? c.paired.effect : c.crossSectional?.effect;
  return e?.measure === 'distribution-shift' && e.estimate !== null ? `; ${pct(e.estimate)} of answers moved option` : '';
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const pct = (x: number) => `${Math.round(x * 100)}%`;
const ci = (c: [number, number] | null | undefined) => (c ? `${Math.round(c[0] * 100)}–${Math.round(c[1] * 100)}%` : '—');
