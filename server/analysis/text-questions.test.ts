import { describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../analysis/study/analyze.js';
import { monitorStudy } from '../../analysis/study/indicators.testkit.js';
import { makeInput } from '../../analysis/study/testing.js';
import { textSummary } from './text-summary.js';

describe("rondo analyze's text summary", () => {
  const analysis = analyzeStudy(makeInput(monitorStudy()));
  const text = textSummary(analysis);

  it('lists every indicator of the study with its values per round and the verdict of its change', () => {
    const block = text.slice(text.indexOf('Indicators ('), text.indexOf('Questions ('));
    for (const ind of analysis.indicators) expect(block).toContain(`  ${ind.key} (${ind.summary}`);
    const r1 = analysis.indicators.find((i) => i.key === 'r1_eens')!.result.rounds[0];
    expect(block).toContain(`${r1.round} ${r1.topBox!.x} of n=${r1.n}`);
    expect(block.match(/→/g)?.length).toBe(analysis.indicators.length);
  });

  it('has no indicators block for a study that defines none', () => {
    expect(textSummary({ ...analysis, indicators: [] })).not.toContain('Indicators (');
  });
});
