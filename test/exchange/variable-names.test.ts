import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../analysis/study/analyze.js';
import { loadAnalysisInput } from '../../server/analysis/load-input.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { genStudy, seedStudy, studyRuns } from './fixture.js';
import { exportText, tempData } from './helpers.js';

/**
 * One variable name per variable: every variable the analysis JSON names carries the name the
 * exports and their codebook give it (`exportName`), for plain items, partner-grid cells, tool-grid
 * rows and the options of multiple-choice items.
 */
type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
let n = 0;

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, data.secret);
});
afterAll(async () => data.close());

/** Every variable analysis in the JSON: objects with an id, an exportName and per-round summaries. */
function analysedVariables(node: unknown, out: { id: string; exportName: string; measure: string }[] = []) {
  if (Array.isArray(node)) node.forEach((x) => analysedVariables(x, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.id === 'string' && 'kind' in o && Array.isArray(o.rounds)) out.push(o as never);
    else for (const v of Object.values(o)) analysedVariables(v, out);
  }
  return out;
}

function namesAgree(slug: string): number {
  const analysis = JSON.parse(JSON.stringify(analyzeStudy(loadAnalysisInput(data.store.sqlite, slug)!)));
  const codebook = JSON.parse(exportText(data, slug, 'codebook', { openText: true })['codebook.json']) as {
    variables: { name: string; measure: string }[];
  };
  const byName = new Map(codebook.variables.map((v) => [v.name, v]));
  const variables = analysedVariables(analysis);
  for (const v of variables) {
    expect(byName.has(v.exportName), `${v.id} → ${v.exportName} is not in the codebook`).toBe(true);
    expect(byName.get(v.exportName)!.measure, v.exportName).toBe(v.measure);
  }
  // And the other way round: every codebook variable is analysed under its name.
  const analysed = new Set(variables.map((v) => v.exportName));
  expect(codebook.variables.filter((v) => !analysed.has(v.name)).map((v) => v.name)).toEqual([]);
  return variables.length;
}

describe('the analysis JSON and the exports', () => {
  it('name every variable of the demo the same way, partner and tool cells included', () => {
    const analysis = analyzeStudy(loadAnalysisInput(data.store.sqlite, '1000-kansen')!);
    expect(analysis.partners[0].frequency?.exportName).toMatch(/^[a-z_]+_p1_freq$/);
    expect(analysis.tools[1].use.exportName).toMatch(/^[a-z_]+_t2$/);
    expect(namesAgree('1000-kansen')).toBeGreaterThan(40);
  });

  it('name every variable of generated studies the same way', async () => {
    await fc.assert(
      fc.asyncProperty(genStudy, async (g) => {
        const slug = `names-${++n}`;
        await seedStudy(data.store, g, slug);
        namesAgree(slug);
      }),
      studyRuns(15),
    );
  });
});
