import type { ChangeResult, Evidence, Finding, RoundSummary, StudyAnalysis, VariableAnalysis } from './result.js';

/** How many partners the ranking finding names ("the largest increases: A, B and C"). */
export const TOP_PARTNERS = 3;

type Parts = Omit<StudyAnalysis, 'findings' | 'format' | 'study' | 'audience' | 'notes' | 'families'>;

/** The evidence behind a change: the test its conclusion rests on, after adjustment. */
export function changeEvidence(change: ChangeResult, alpha: number): Evidence {
  const c = change.conclusion;
  const part = c.basis === 'paired' ? change.paired : c.basis === 'cross-sectional' ? change.crossSectional : null;
  const n =
    change.paired && c.basis === 'paired'
      ? change.paired.n
      : change.crossSectional
        ? change.crossSectional.nFrom + change.crossSectional.nTo
        : 0;
  return {
    strength: c.evidence,
    alpha,
    test: part?.test?.method,
    p: part?.test?.p ?? null,
    pAdjusted: part?.test?.pAdjusted ?? null,
    family: part?.test?.family ?? null,
    ci: part?.effect?.ci ?? null,
    n,
  };
}

const pointOf = (s: RoundSummary | undefined) =>
  s
    ? {
        round: s.round,
        n: s.n,
        x: s.topBox?.x ?? null,
        share: s.topBox?.estimate ?? null,
        ci: s.topBox?.ci ?? null,
        mean: s.mean?.estimate ?? null,
      }
    : null;

function changeNumbers(v: VariableAnalysis, change: ChangeResult) {
  const part = change.conclusion.basis === 'cross-sectional' ? change.crossSectional : change.paired;
  return {
    from: pointOf(v.rounds.find((r) => r.round === change.from)),
    to: pointOf(v.rounds.find((r) => r.round === change.to)),
    observed: change.conclusion.observed,
    pairs: change.paired?.n ?? 0,
    improved: change.paired?.improved ?? null,
    same: change.paired?.same ?? null,
    worse: change.paired?.worse ?? null,
    meanDifference: part?.meanDifference ?? null,
    effect: part?.effect ?? null,
  };
}

/**
 * Machine-readable statements for the dashboard and the factsheet (never sentences). A
 * change is an 'increase' or 'decrease' only with demonstrated evidence (conclusion in
 * change.ts); every finding carries its numbers and the evidence, and stable ids so that
 * a sentence a researcher edited can be matched to its finding after a refresh.
 */
export function findings(a: Parts): Finding[] {
  const alpha = a.settings.alpha;
  const out: Finding[] = [];
  const descriptive = (n?: number): Evidence => ({ strength: 'descriptive', alpha, ...(n === undefined ? {} : { n }) });

  for (const r of a.rounds) {
    out.push({
      id: `response:${r.key}`,
      kind: 'response',
      subject: { round: r.key },
      numbers: { invited: r.invited, submitted: r.submitted, responseRate: r.responseRate, ci: r.responseRateCi },
      evidence: descriptive(r.invited),
    });
  }
  for (const c of a.caveats) {
    if (c.code !== 'low-response' && c.code !== 'very-low-response') continue;
    out.push({
      id: `response-caveat:${c.subject.round}`,
      kind: 'response-caveat',
      subject: { round: c.subject.round, caveat: c.code, severity: c.severity },
      numbers: c.numbers,
      evidence: descriptive(),
    });
  }

  const ranking = a.partnerRanking;
  if (ranking) {
    const top = ranking.order
      .map((i) => a.partners[i])
      .filter((p) => (p.increase.meanChange ?? 0) > 0)
      .slice(0, TOP_PARTNERS);
    if (top.length) {
      const entries = top.map((p) => {
        const change = p.frequency!.changes.find((c) => c.from === ranking.from && c.to === ranking.to)!;
        return {
          partner: p.index,
          name: p.name,
          rank: p.increase.rank,
          meanChange: p.increase.meanChange,
          nPairs: p.increase.nPairs,
          direction: change.conclusion.direction,
          evidence: changeEvidence(change, alpha),
        };
      });
      const all = entries.every((e) => e.evidence.strength === 'demonstrated');
      out.push({
        id: `partner-ranking:collaboration-frequency:${ranking.from}-${ranking.to}`,
        kind: 'partner-ranking',
        subject: { measure: ranking.measure, from: ranking.from, to: ranking.to, metric: ranking.metric },
        numbers: { top: entries, ranked: ranking.order.length },
        evidence: { strength: all ? 'demonstrated' : 'not-demonstrated', alpha, family: 'partners-frequency' },
      });
    }
    for (const p of a.partners) {
      const change = p.frequency?.changes.find((c) => c.primary);
      if (!p.frequency || !change || change.conclusion.evidence !== 'demonstrated') continue;
      out.push({
        id: `change:${p.frequency.id}:${change.from}-${change.to}`,
        kind: 'change',
        subject: {
          variable: p.frequency.id,
          partner: p.index,
          name: p.name,
          measure: 'collaboration-frequency',
          from: change.from,
          to: change.to,
          direction: change.conclusion.direction,
        },
        numbers: changeNumbers(p.frequency, change),
        evidence: changeEvidence(change, alpha),
      });
    }
  }

  for (const item of a.items) {
    if (item.measure !== 'competence') continue;
    const change = item.changes.find((c) => c.primary);
    if (!change) continue;
    out.push({
      id: `change:${item.id}:${change.from}-${change.to}`,
      kind: 'change',
      subject: {
        variable: item.id,
        item: item.item,
        measure: item.measure,
        from: change.from,
        to: change.to,
        direction: change.conclusion.direction,
      },
      numbers: changeNumbers(item, change),
      evidence: changeEvidence(change, alpha),
    });
  }

  for (const t of a.trends) {
    if (t.peak.length === 0 || t.shape === 'insufficient') continue;
    const test = t.overall?.test ?? null;
    const p = test?.pAdjusted ?? test?.p ?? null;
    out.push({
      id: `peak:${t.variable}`,
      kind: 'peak',
      subject: { variable: t.variable, item: t.item, basis: t.basis },
      numbers: { peak: t.peak, shape: t.shape, points: t.points },
      evidence: test
        ? {
            strength: p === null ? 'not-tested' : p < alpha ? 'demonstrated' : 'not-demonstrated',
            alpha,
            test: test.method,
            p: test.p,
            pAdjusted: test.pAdjusted,
            family: test.family,
            n: t.overall!.n,
          }
        : descriptive(),
    });
  }

  for (const item of a.items) {
    if (item.measure !== 'competence' || item.kind !== 'binary' || item.type !== 'yesno') continue;
    const last = [...item.rounds].reverse().find((r) => r.asked && r.n > 0);
    if (!last || !last.topBox) continue;
    out.push({
      id: `share:${item.id}:${last.round}`,
      kind: 'share',
      subject: { variable: item.id, item: item.item, round: last.round },
      numbers: {
        x: last.topBox.x,
        n: last.topBox.n,
        share: last.topBox.estimate,
        ci: last.topBox.ci,
        dontKnow: last.dontKnow,
        notApplicable: last.notApplicable,
      },
      evidence: descriptive(last.n),
    });
  }

  if (a.tools.length) {
    for (const t of a.tools) {
      const asked = t.use.rounds.filter((r) => r.asked);
      // First against last round in which the tool was asked (tool use: mid → post in the demo).
      const change =
        asked.length >= 2 ? (t.use.changes.find((c) => c.from === asked[0].round && c.to === asked[asked.length - 1].round) ?? null) : null;
      out.push({
        id: `tool-use:${t.use.id}`,
        kind: 'tool-use',
        subject: { variable: t.use.id, tool: t.index, name: t.name, direction: change?.conclusion.direction ?? 'none' },
        numbers: {
          rounds: asked.map(pointOf),
          change: change ? { rounds: [change.from, change.to], ...changeNumbers(t.use, change) } : null,
        },
        evidence: change ? changeEvidence(change, alpha) : descriptive(),
      });
    }
    const lastRound = [...(a.tools[0]?.use.rounds ?? [])].reverse().find((r) => r.asked)?.round;
    if (lastRound) {
      const shares = a.tools.map((t) => ({ t, s: t.use.rounds.find((r) => r.round === lastRound) }));
      const known = shares.filter((x) => x.s?.topBox?.estimate !== null && x.s?.topBox?.estimate !== undefined);
      if (known.length >= 2) {
        const min = Math.min(...known.map((x) => x.s!.topBox!.estimate!));
        const least = known.filter((x) => x.s!.topBox!.estimate! - min < 1e-12);
        out.push({
          id: `least-used-tool:${lastRound}`,
          kind: 'least-used-tool',
          subject: { round: lastRound, tools: least.map((x) => x.t.index), names: least.map((x) => x.t.name) },
          numbers: {
            tools: known.map((x) => ({
              tool: x.t.index,
              name: x.t.name,
              x: x.s!.topBox!.x,
              n: x.s!.topBox!.n,
              share: x.s!.topBox!.estimate,
            })),
          },
          evidence: descriptive(),
        });
      }
    }
  }

  if (a.attrition) {
    const last = a.attrition.comparisons[a.attrition.comparisons.length - 1];
    for (const v of last?.variables ?? []) {
      if (!v.flagged || v.variable !== v.item) continue;
      out.push({
        id: `attrition:${v.variable}:${a.attrition.baseline}-${last.round}`,
        kind: 'attrition',
        subject: { variable: v.variable, baseline: a.attrition.baseline, round: last.round, flaggedBy: v.flaggedBy },
        numbers: { stayers: v.stayers, leavers: v.leavers, difference: v.difference, smd: v.smd, cliffsDelta: v.cliffsDelta },
        evidence: descriptive(v.stayers.n + v.leavers.n),
      });
    }
  }
  return out;
}
