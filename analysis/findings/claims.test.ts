import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Change, FactsheetData, Series, Share } from './data.js';
import { checkClaim, shownValue } from './claims.js';
import { claimsOf, deriveAll, deriveCheckedStatements, type KeyedStatement } from './statements.js';
import { DEFAULT_TERMS, writeStatement, type SentenceContext } from './sentences.js';

const demo = JSON.parse(fs.readFileSync(new URL('./fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
const nl: SentenceContext = { lang: 'nl', minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS };
const en: SentenceContext = { ...nl, lang: 'en' };

describe('claims checked against the printed figures', () => {
  it('drop "highest in the mid round for 4 of 5" when the chart shows 3 of 5 (the demo regression)', () => {
    // The demo's competence chart: 82/77/68% peak in the mid round, 67% and 33% in the last.
    // The old sentence took the analysis's peak by mean (4 of 5); the percentages show 3.
    const claim = { kind: 'peak-round', group: 'competence', round: 1, count: 4, of: 5 } as const;
    expect(checkClaim(claim, demo)?.en).toMatch(/3 of 5.*says 4/);
    expect(checkClaim(claim, demo)?.nl).toMatch(/bij 3 van de 5, de zin zegt 4/);
    expect(checkClaim({ ...claim, count: 3 }, demo)).toBeNull();
    const peak = deriveCheckedStatements(demo).statements.find((k) => k.key === 'competence.peak')!;
    expect(writeStatement(peak.finding, nl)).toBe(
      'Bij 3 van de 5 uitspraken over kennis en competenties ligt het hoogste percentage in de tussenmeting.',
    );
  });

  it('keep every claim of the demo factsheet, and say that tool use rose', () => {
    const { statements, dropped } = deriveCheckedStatements(demo);
    expect(dropped).toEqual([]);
    const tools = statements.find((k) => k.key === 'tools.change')!;
    expect(writeStatement(tools.finding, nl)).toMatch(/^Het gebruik van alle 3 tools steeg tussen de tussenmeting en de nameting/);
    expect(writeStatement(tools.finding, en)).toMatch(/^Use of all 3 tools rose between mid-training and post-training/);
  });

  it('drop a "largest increases" claim that passes over a larger demonstrable increase', () => {
    const names = demo.partners.items.map((p) => p.name);
    expect(checkClaim({ kind: 'largest-increases', group: 'partners-frequency', items: ['POH GGZ Jeugd'] }, demo)).toBeNull();
    const smaller = checkClaim(
      { kind: 'largest-increases', group: 'partners-frequency', items: ['Specialistische ondersteuning jeugd'] },
      demo,
    );
    expect(smaller?.en).toMatch(/increased more/);
    expect(checkClaim({ kind: 'largest-increases', group: 'partners-frequency', items: [names[names.length - 1]] }, demo)?.en).toMatch(
      /no demonstrable increase/,
    );
  });

  it('drop a "rose for every tool" claim when one tool fell', () => {
    const data = structuredClone(demo);
    data.tools.items[0].perRound[2] = { x: 1, n: 12, ci: null };
    const claim = {
      kind: 'same-direction',
      group: 'tools',
      items: data.tools.items.map((t) => t.id),
      from: 1,
      to: 2,
      direction: 'rose',
    } as const;
    expect(checkClaim(claim, demo)).toBeNull();
    expect(checkClaim(claim, data)?.en).toMatch(/did not rise/);
    const { statements } = deriveCheckedStatements(data);
    const text = writeStatement(statements.find((k) => k.key === 'tools.change')!.finding, nl);
    expect(text).toMatch(/2 stegen en 1 daalde/);
  });
});

/** A generated study: other partners and sizes, ties, zeros, flips, a round under 50%, suppressed cells. */
const shareArb = (nMax: number) =>
  fc
    .integer({ min: 0, max: nMax })
    .chain((n) => fc.integer({ min: 0, max: n }).map((x): Share | null => (n === 0 ? null : { x, n, ci: null })));

const changeArb = (from: number, to: number): fc.Arbitrary<Change> =>
  fc
    .record({
      p: fc.option(fc.constantFrom(0.0004, 0.01, 0.049, 0.051, 0.2, 0.9), { nil: null }),
      adj: fc.constantFrom(1, 2, 5),
      evidence: fc.constantFrom('increase', 'decrease', 'no-change', 'not-tested'),
      observed: fc.constantFrom('increase', 'decrease', 'none'),
      n: fc.integer({ min: 0, max: 20 }),
    })
    .map(
      (r): Change => ({
        from,
        to,
        difference: r.observed === 'increase' ? 0.2 : r.observed === 'decrease' ? -0.2 : 0,
        ci: null,
        p: r.p,
        pAdjusted: r.p === null ? null : Math.min(1, r.p * r.adj),
        alpha: 0.05,
        evidence: r.evidence as Change['evidence'],
        paired: r.n > 0,
        n: r.n,
        method: 'exact Wilcoxon signed-rank test',
        observed: r.observed as Change['observed'],
      }),
    );

const seriesArb = (prefix: string, rounds: number[], nMax: number) =>
  fc
    .array(
      fc.record({ shares: fc.tuple(...[0, 1, 2].map(() => shareArb(nMax))), change: changeArb(rounds[0], rounds[rounds.length - 1]) }),
      { minLength: 1, maxLength: 6 },
    )
    .map((rows) =>
      rows.map(
        (r, i): Series => ({
          id: `${prefix}${i}`,
          label: { nl: `${prefix} ${i}`, en: `${prefix} ${i}` },
          perRound: [0, 1, 2].map((k) => (rounds.includes(k) ? r.shares[k] : null)),
          change: r.change,
          form: 'agree',
        }),
      ),
    );

const studyArb: fc.Arbitrary<FactsheetData> = fc
  .record({
    invited: fc.integer({ min: 8, max: 60 }),
    response: fc.tuple(
      fc.double({ min: 0.1, max: 1, noNaN: true }),
      fc.double({ min: 0.1, max: 1, noNaN: true }),
      fc.double({ min: 0.1, max: 1, noNaN: true }),
    ),
    competence: seriesArb('c', [0, 1, 2], 30),
    tools: seriesArb('t', [1, 2], 30),
    partners: seriesArb('p', [0, 1, 2], 30),
  })
  .map((g) => {
    const data = structuredClone(demo);
    data.rounds = data.rounds.map((r, i) => ({
      ...r,
      invited: g.invited,
      submitted: Math.round(g.invited * g.response[i]),
      rate: g.response[i],
    }));
    data.competence = g.competence;
    data.indicators = [];
    data.tools = { items: g.tools, extra: [] };
    data.partners = {
      ...data.partners,
      items: g.partners.map((p) => ({
        name: p.id,
        domain: 'x',
        frequency: p.perRound,
        quality: p.perRound,
        frequencyChange: p.change,
        qualityChange: p.change,
      })),
    };
    delete data.attrition;
    return data;
  });

/** What a reader sees in a sentence, checked against the figures without the code under test. */
function contradictions(k: KeyedStatement, data: FactsheetData): string[] {
  const out: string[] = [];
  const min = data.settings.minDenominatorForPercent;
  const text = writeStatement(k.finding, nl);
  const peak = /^Bij (\d+) van de (\d+) .* in de (voormeting|tussenmeting|nameting)\.$/.exec(text);
  if (peak) {
    const round = ['voormeting', 'tussenmeting', 'nameting'].indexOf(peak[3]);
    const asked = data.competence.filter((s) => s.perRound.filter((v) => v && v.n > 0).length >= 3);
    const at = asked.filter((s) => {
      const v = s.perRound.map((x) => shownValue(x!, min));
      return v[round] > Math.max(...v.filter((_, i) => i !== round));
    });
    if (Number(peak[1]) !== at.length || Number(peak[2]) !== asked.length) out.push(`peak: ${text}`);
  }
  const all = /^Het gebruik van alle (\d+) tools (steeg|daalde)/.exec(text);
  if (all) {
    for (const s of data.tools.items) {
      const [a, b] = [s.perRound[1], s.perRound[2]];
      if (!a || !b) continue;
      const d = shownValue(b, min) - shownValue(a, min);
      if (all[2] === 'steeg' ? d <= 0 : d >= 0) out.push(`all tools ${all[2]}: ${s.id}`);
    }
  }
  if (k.finding.kind === 'change') {
    const { from, to, change } = k.finding.subject;
    const d = shownValue(to, min) - shownValue(from, min);
    if (/ steeg van /.test(text) && d <= 0) out.push(`rose: ${text}`);
    if (/ daalde van /.test(text) && d >= 0) out.push(`fell: ${text}`);
    const p = change.pAdjusted ?? change.p;
    if (/aantoonbare toename/.test(text) && !(p !== null && p < change.alpha && d > 0)) out.push(`increase: ${text}`);
  }
  return out;
}

describe('claims over generated studies (property)', () => {
  it('print no claim that its figures contradict, and every derived claim holds', () => {
    fc.assert(
      fc.property(studyArb, (data) => {
        const { statements, dropped } = deriveCheckedStatements(data);
        for (const k of statements) {
          expect(contradictions(k, data)).toEqual([]);
          for (const c of claimsOf(k.finding, data.settings.minDenominatorForPercent)) expect(checkClaim(c, data)).toBeNull();
        }
        // What is dropped is dropped for a reason the composer can show.
        for (const d of dropped) expect(d.reasons.length).toBeGreaterThan(0);
        expect(statements.length + dropped.length).toBe(deriveAll(data).length);
      }),
      { numRuns: 300 },
    );
  });
});
