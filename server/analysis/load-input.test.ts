import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../content/demo/generate.js';
import { CELL, type AnalysisInput } from '../../analysis/study/input.js';
import { optionSub, partnerSub, toolSub } from '../../model/index.js';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { loadAnalysisInput } from './load-input.js';

describe('loadAnalysisInput', () => {
  let t: TestApp;
  let input: AnalysisInput;
  const demo = generateDemo();

  beforeAll(async () => {
    t = await buildTestApp({ demo: true });
    input = loadAnalysisInput(t.data.store.sqlite, '1000-kansen')!;
  });
  afterAll(() => t.close());

  it('returns null for a study that does not exist', () => {
    expect(loadAnalysisInput(t.data.store.sqlite, 'no-such-study')).toBeNull();
  });

  it('loads rounds, partners, tools and the cohort of the demo', () => {
    expect(input.rounds.map((r) => r.key)).toEqual(['pre', 'mid', 'post']);
    expect(input.partners.map((p) => p.name)).toEqual(demo.partners.map((p) => p.name));
    expect(input.tools.map((p) => p.name)).toEqual(demo.tools.map((p) => p.name));
    expect(input.units.count).toBe(34);
    expect(input.units.participants).toBe(34);
    expect(input.loadNotes).toEqual([]);
  });

  it('marks every participant invited and the submitted responses per round', () => {
    const U = input.units.count;
    const invited = [0, 1, 2].map((r) => input.status.invited.subarray(r * U, (r + 1) * U).reduce((a, b) => a + b, 0));
    const submitted = [0, 1, 2].map((r) => input.status.submitted.subarray(r * U, (r + 1) * U).reduce((a, b) => a + b, 0));
    expect(invited).toEqual([34, 34, 34]);
    expect(submitted).toEqual([21, 22, 12]);
  });

  it('holds exactly the answers the demo generator wrote, cell by cell', () => {
    // Participants are loaded in id order, which is the generator's order.
    const U = input.units.count;
    let checked = 0;
    for (const response of demo.responses) {
      if (response.status !== 'submitted') continue;
      const r = input.rounds.findIndex((x) => x.key === response.round);
      const i = r * U + response.participant;
      for (const c of response.cells) {
        const sub =
          c.partner !== undefined
            ? partnerSub(input.partners[c.partner].id, c.facet!)
            : c.tool !== undefined
              ? toolSub(input.tools[c.tool].id)
              : c.option !== undefined
                ? optionSub(c.option)
                : '';
        const v = input.variables.find((x) => x.item === c.item && x.sub === sub)!;
        expect(v, `${c.item} ${sub}`).toBeDefined();
        if (c.missing === 'dont_know') expect(v.state[i]).toBe(CELL.DONT_KNOW);
        else if (c.missing === 'not_applicable') expect(v.state[i]).toBe(CELL.NOT_APPLICABLE);
        else {
          expect(v.state[i]).toBe(CELL.ANSWERED);
          expect(v.values[i]).toBe(c.code ?? 1);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('tells skipped items from items never asked', () => {
    const U = input.units.count;
    const zatCount = input.variables.find((v) => v.id === 'zat_case_count')!;
    const zatCase = input.variables.find((v) => v.id === 'zat_case')!;
    const toolsPre = input.variables.find((v) => v.item === 'tools_use')!;
    for (let u = 0; u < U; u++) {
      if (!input.status.submitted[u]) continue;
      // Tool use is asked in rounds 2 and 3 only.
      expect(toolsPre.state[u]).toBe(CELL.NOT_ASKED);
    }
    for (let u = 0; u < U; u++) {
      const i = 1 * U + u;
      if (!input.status.submitted[i]) continue;
      // The case count is shown only to those who brought a case to the ZAT.
      if (zatCase.values[i] === 0) expect(zatCount.state[i]).toBe(CELL.NOT_ASKED);
      else expect(zatCount.state[i]).toBe(CELL.ANSWERED);
    }
  });
});
