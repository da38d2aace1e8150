import type { LocalText } from '../../model/index.js';
import { capitalTerm, type Vocabulary } from '../../model/vocabulary.js';
import { indicatorLines, questionLines } from './text-questions.js';
import { domainLines } from './text-domains.js';
import type { ChangeResult, RoundSummary, StudyAnalysis, TestResult, VariableAnalysis } from '../../analysis/study/result.js';

/**
 * A readable plain-text summary of an analysis for `rondo analyze` (the JSON is the full
 * result). English, like every CLI message; numbers as counts first, then percentages with
 * their Wilson intervals, and the evidence of each change in words that follow it. The study's
 * instruments and partners are named with its own English words (issue 16).
 */
export function textSummary(a: StudyAnalysis, vocabulary?: Vocabulary): string {
  const out: string[] = [];
  const text = (t: LocalText) => t.en ?? t.nl ?? '';
  const sel = a.selection;
  const filters = [
    sel.organisations ? `organisation ${sel.organisations.join(', ')}` : null,
    sel.roles ? `role ${sel.roles.join(', ')}` : null,
    sel.matched ? 'matched panel only' : 'all respondents',
  ].filter(Boolean);
  out.push(`${text(a.study.title)} (${a.study.slug})`);
  out.push(
    `${a.format}; rounds ${sel.rounds.join(', ') || 'none'}; ${filters.join('; ')}; ${sel.units} in selection; audience ${a.audience}`,
  );

  out.push('', 'Response');
  out.push(
    table([
      ['round', 'invited', 'submitted', 'response'],
      ...a.rounds.map((r) => [
        r.key,
        String(r.invited),
        String(r.submitted),
        r.responseRate === null ? '—' : `${pct(r.responseRate)} (${ci(r.responseRateCi)})`,
      ]),
    ]),
  );
  // A suppressed count (aggregate audience) is printed as "x", as in the dashboard.
  const count = (n: number | null) => (n === null ? 'x' : String(n));
  const resp = a.response;
  if (resp.patterns.length)
    out.push(`  patterns (${sel.rounds.join('/')}): ${resp.patterns.map((p) => `${p.pattern} ${count(p.count)}`).join(', ')}`);
  if (resp.pairs.length)
    out.push(
      `  pairs: ${resp.pairs.map((p) => `${p.from}→${p.to} ${count(p.n)}`).join(', ')}; complete in all rounds: ${count(resp.complete)}`,
    );
  if (resp.flow.length > 1)
    out.push(
      `  flow (submitted: also previous round / returning / new): ${resp.flow.map((f) => `${f.round} ${f.submitted}: ${count(f.alsoPrevious)}/${count(f.returning)}/${count(f.new)}`).join(', ')}`,
    );
  if (
    [
      ...resp.patterns.map((p) => p.count),
      ...resp.pairs.map((p) => p.n),
      resp.complete,
      ...resp.flow.flatMap((f) => [f.alsoPrevious, f.returning, f.new]),
    ].includes(null)
  ) {
    out.push(`  x = hidden: fewer than ${a.settings.minSubgroup}, or hidden so that such a number cannot be worked out from the totals`);
  }

  const warnings = a.caveats.filter((c) => c.severity !== 'info');
  if (warnings.length) {
    out.push('', 'Caveats');
    for (const c of warnings) {
      const where = c.subject.round ?? c.subject.rounds?.join(' vs ') ?? '';
      const n = c.numbers;
      const detail =
        c.code === 'low-response' || c.code === 'very-low-response'
          ? `response ${pct(n.responseRate as number)} (${n.submitted} of ${n.invited}) is below ${pct(n.threshold as number)}: compare with caution`
          : c.code === 'response-gap'
            ? `response rates differ by ${pct(n.gap as number)}: the respondents differ between rounds`
            : c.code === 'baseline-difference'
              ? `drop-outs differed at baseline on ${(c.subject.variables ?? []).join(', ')}`
              : c.code;
      out.push(`  ! ${where ? where + ': ' : ''}${detail}`);
    }
  }

  if (a.partnerRanking && a.partnerRanking.order.length) {
    const r = a.partnerRanking;
    out.push(
      '',
      `${capitalTerm(vocabulary, 'partner', 'en', 'many')} — increase in collaboration frequency, ${r.from} → ${r.to} ` +
        '(mean paired change in the scale code)',
    );
    for (const i of r.order) {
      const p = a.partners[i];
      const c = p.frequency?.changes.find((x) => x.from === r.from && x.to === r.to);
      out.push(
        `  ${String(p.increase.rank).padStart(2)}. ${p.name.padEnd(42)} ${signed(p.increase.meanChange)}  (${p.increase.nPairs} pairs)  ${c ? verdict(c) : ''}`,
      );
    }
    const unranked = a.partners.filter((p) => p.increase.rank === null);
    if (unranked.length) out.push(`  not ranked: ${unranked.map((p) => `${p.name} (${p.increase.reason})`).join(', ')}`);
  }

  const block = (title: string, vars: { label: string; v: VariableAnalysis }[]) => {
    if (!vars.length) return;
    out.push('', title);
    for (const { label, v } of vars) {
      const rounds = v.rounds
        .filter((r) => r.asked)
        .map((r) => `${r.round} ${share(r)}`)
        .join('  ');
      const c = v.changes.find((x) => x.primary) ?? v.changes[v.changes.length - 1];
      out.push(`  ${label}`);
      out.push(`      ${rounds}${c ? `   ${c.from}→${c.to}: ${verdict(c)}` : ''}`);
    }
  };
  block(
    'Knowledge and competence (top box: agree / yes)',
    a.items.filter((i) => i.measure === 'competence' && i.kind !== 'text').map((v) => ({ label: `${v.id}: ${text(v.text)}`, v })),
  );
  block(
    `${capitalTerm(vocabulary, 'tool', 'en', 'many')} (share using)`,
    a.tools.map((t) => ({ label: t.name, v: t.use })),
  );

  out.push(...indicatorLines(a, verdict));
  out.push(...domainLines(a));
  out.push(...questionLines(a, verdict));

  if (a.trends.length) {
    out.push('', 'Trends (mean score or share yes per round; peak)');
    for (const t of a.trends) {
      out.push(
        `  ${t.variable.padEnd(20)} ${t.points.map((p) => `${p.round} ${p.value === null ? '—' : t.basis === 'share' ? pct(p.value) : p.value.toFixed(2)}`).join('  ')}   ${t.shape}, highest: ${t.peak.join(', ') || '—'}`,
      );
    }
  }

  out.push('', `Findings: ${a.findings.length} (${[...new Set(a.findings.map((f) => f.kind))].join(', ')}) — see --json`);
  out.push(
    `Tests are exact where the numbers are small; p-values adjusted per family (${a.families.map((f) => `${f.id} ${f.method} m=${f.size}`).join(', ') || 'none'}); intervals are 95% and not adjusted.`,
  );
  return out.join('\n') + '\n';
}

function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;
}

function ci(c: [number, number] | null): string {
  return c ? `${Math.round(c[0] * 100)}–${Math.round(c[1] * 100)}%` : '—';
}

function signed(x: number | null): string {
  return x === null ? '  —  ' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
}

function share(r: RoundSummary): string {
  if (r.n === 0) return '—';
  const t = r.topBox;
  if (!t || t.x === null) return `n=${r.n}`;
  return `${t.x}/${t.n}${t.estimate === null ? '' : ` (${pct(t.estimate)})`}`;
}

function pValue(t: TestResult | null | undefined): string {
  if (!t || t.p === null) return '';
  const p = (x: number) => (x < 0.001 ? '<0.001' : x.toFixed(3));
  return t.pAdjusted !== null && t.pAdjusted !== t.p ? `p=${p(t.p)}, adjusted ${p(t.pAdjusted)}` : `p=${p(t.p)}`;
}

function verdict(c: ChangeResult): string {
  const part = c.conclusion.basis === 'cross-sectional' ? c.crossSectional : c.paired;
  const test = part?.test;
  switch (c.conclusion.evidence) {
    case 'demonstrated':
      return `${c.conclusion.direction} (${pValue(test)})`;
    case 'not-demonstrated':
      return `no demonstrable change (${pValue(test)})`;
    default:
      return `not tested (${REASON_TEXT[c.conclusion.reason ?? 'too-few-observations'] ?? c.conclusion.reason})`;
  }
}

const REASON_TEXT: Record<string, string> = {
  'too-few-observations': 'too few observations for a test',
  'too-few-pairs': 'nobody answered both rounds',
  'kind-not-tested': 'no test for this kind of item',
};

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => '  ' + r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  ')).join('\n');
}
