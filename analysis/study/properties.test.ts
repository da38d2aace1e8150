import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeStudy } from './analyze.js';
import type { StudyAnalysis, VariableAnalysis } from './result.js';
import { likert, makeInput, partnerGrid, toolGrid, yesno, type TestAnswer, type TestResponse } from './testing.js';

/**
 * Random small studies (up to 25 participants, any response pattern, skips, don't know, not
 * applicable, anonymous responses) must always give a well-formed analysis.
 */
const ROUNDS = ['pre', 'mid', 'post'];
const items = [likert('know'), yesno('help'), partnerGrid(), toolGrid()];
const answer = (kind: 'likert' | 'yesno') =>
  fc.oneof(
    { weight: 6, arbitrary: kind === 'likert' ? fc.integer({ min: 1, max: 5 }) : fc.integer({ min: 0, max: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom<TestAnswer>('dk', 'na') },
    { weight: 1, arbitrary: fc.constant(null) },
  );
const response = (participants: number) =>
  fc.record({
    p: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: participants - 1 }) }, { weight: 1, arbitrary: fc.constant(null) }),
    round: fc.constantFrom(...ROUNDS),
    know: answer('likert'),
    help: answer('yesno'),
    freq: answer('likert'),
    tool: answer('yesno'),
  });
const study = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    responses: fc.array(response(n), { maxLength: 60 }),
    options: fc.record({
      matched: fc.boolean(),
      audience: fc.constantFrom<'full' | 'aggregate'>('full', 'aggregate'),
      rounds: fc.subarray(ROUNDS, { minLength: 0 }),
    }),
  }),
);

function build(
  n: number,
  raw: {
    p: number | null;
    round: string;
    know: TestAnswer | null;
    help: TestAnswer | null;
    freq: TestAnswer | null;
    tool: TestAnswer | null;
  }[],
) {
  const seen = new Set<string>();
  const responses: TestResponse[] = [];
  for (const r of raw) {
    const key = `${r.p}:${r.round}`;
    if (r.p !== null && seen.has(key)) continue;
    seen.add(key);
    const answers: Record<string, TestAnswer> = {};
    if (r.know !== null) answers.know = r.know;
    if (r.help !== null) answers.help = r.help;
    if (r.freq !== null) answers['collab.p1.frequency'] = r.freq;
    if (r.tool !== null && r.round !== 'pre' && typeof r.tool === 'number') answers['tools_use.t1'] = r.tool;
    responses.push({ p: r.p, round: r.round, answers });
  }
  return makeInput({
    items,
    partners: ['A'],
    tools: ['T'],
    participants: Array.from({ length: n }, (_, i) => ({ organisation: i % 2 ? 'A' : 'B' })),
    responses,
  });
}

function variables(a: StudyAnalysis): VariableAnalysis[] {
  return [
    ...a.items,
    ...a.tools.map((t) => t.use),
    ...(a.partners.flatMap((p) => [p.frequency, p.quality]).filter(Boolean) as VariableAnalysis[]),
  ];
}

describe('analyzeStudy on random small studies', () => {
  it('never throws, never yields NaN, and keeps its invariants', () => {
    fc.assert(
      fc.property(study, ({ n, responses, options }) => {
        const a = analyzeStudy(build(n, responses), options);
        expect(a.notes.nonFinite).toBe(0);
        for (const r of a.rounds) {
          expect(r.submitted).toBeLessThanOrEqual(r.invited);
          if (r.responseRate !== null && r.responseRateCi) {
            expect(r.responseRateCi[0]).toBeLessThanOrEqual(r.responseRate);
            expect(r.responseRateCi[1]).toBeGreaterThanOrEqual(r.responseRate);
          }
        }
        for (const v of variables(a)) {
          for (const s of v.rounds) {
            expect(s.n + s.skipped + s.dontKnow + s.notApplicable + s.notAsked).toBe(s.respondents);
            const counted = s.distribution?.reduce((t, c) => t + (c.count ?? 0), 0);
            if (counted !== undefined && s.distribution!.every((c) => c.count !== null)) expect(counted).toBe(s.n);
            const t = s.topBox;
            if (t?.estimate != null && t.ci) {
              expect(t.ci[0]).toBeLessThanOrEqual(t.estimate + 1e-12);
              expect(t.ci[1]).toBeGreaterThanOrEqual(t.estimate - 1e-12);
            }
          }
          for (const c of v.changes) {
            for (const test of [c.paired?.test, c.crossSectional?.test]) {
              if (test?.p != null) {
                expect(test.p).toBeGreaterThanOrEqual(0);
                expect(test.p).toBeLessThanOrEqual(1);
                expect(test.pAdjusted!).toBeGreaterThanOrEqual(test.p - 1e-15);
              }
            }
            if (c.paired) expect(c.paired.improved + c.paired.same + c.paired.worse).toBe(c.paired.n);
            if (c.conclusion.direction !== 'none') expect(c.conclusion.evidence).toBe('demonstrated');
          }
        }
      }),
      { numRuns: 60, seed: 20221201 },
    );
  });
});
