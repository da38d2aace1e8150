import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CustomIndicator, FactsheetData } from '../../analysis/findings/data.js';
import { splitData } from '../../analysis/findings/splits.js';
import { deriveStatements } from '../../analysis/findings/statements.js';
import { writeSentences, DEFAULT_TERMS } from '../../analysis/findings/sentences.js';
import { scopeLine, splitBlocks } from './split-table.js';

const demo = JSON.parse(fs.readFileSync(new URL('../../test/factsheet/fixtures/demo-data.json', import.meta.url), 'utf8')) as FactsheetData;
const rounds = demo.rounds.length;
const indicator = (x: number, n: number): CustomIndicator => ({
  id: 'begeleiden',
  label: { nl: 'Begeleiden', en: 'Guiding parents' },
  value: 'share',
  percent: true,
  perRound: Array.from({ length: rounds }, () => ({ x, n, ci: null })),
  means: Array.from({ length: rounds }, () => null),
  change: null,
});
const part = (value: string, n: number) => ({
  value,
  label: { nl: value, en: value },
  respondents: Array.from({ length: rounds }, () => n),
  data: { custom: [indicator(4, n)], questions: [] },
});
const data: FactsheetData = {
  ...demo,
  custom: [indicator(20, 40)],
  splits: [splitData('domain', { nl: 'domein', en: 'domain' }, ['indicators'], [part('youth', 12), part('school', 7), part('care', 3)], 5)],
};

/** The split tables and the one-group line in both languages (the study's threshold, the hidden cells). */
describe('split tables', () => {
  it('print a table per row group in English, with the hidden cells and the rule under the last', () => {
    const blocks = splitBlocks(data, 'indicators', 'domain', 'en');
    expect(blocks.map((b) => (b.kind === 'table' ? b.caption : ''))).toEqual(['Per domain', '']);
    const [respondents, share] = blocks.map((b) => (b.kind === 'table' ? b.rows.map((r) => r.cells) : []));
    expect(respondents[0]).toEqual(['Respondents']);
    // care (3) is under 5; school, the next smallest, is hidden with it so care cannot be worked out.
    expect(respondents.slice(1).map((c) => c[1])).toEqual(['12', 'not shown', 'not shown']);
    expect(share.slice(1).map((c) => c[1])).toEqual(['33% (4 of 12)', 'not shown', 'not shown']);
    const last = blocks[blocks.length - 1];
    expect(last.kind === 'table' && last.note).toMatch(/^Not shown: fewer than 5 respondents in that round/);
    // A section without a split, or with a split that was not computed, shows nothing.
    expect(splitBlocks(data, 'questions', 'domain', 'en')).toEqual([]);
    expect(splitBlocks(data, 'indicators', undefined, 'en')).toEqual([]);
  });

  it('still show the respondents, all hidden, when every subgroup is under the minimum: the reason there is no split', () => {
    const small: FactsheetData = {
      ...data,
      splits: [splitData('domain', { nl: 'domein', en: 'domain' }, ['indicators'], [part('youth', 4), part('school', 3)], 5)],
    };
    const blocks = splitBlocks(small, 'indicators', 'domain', 'nl');
    expect(blocks).toHaveLength(1);
    const table = blocks[0];
    if (table.kind !== 'table') throw new Error('expected a table');
    expect(table.caption).toBe('Per domein');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['Respondenten'],
      ['youth', ...Array(rounds).fill('niet getoond')],
      ['school', ...Array(rounds).fill('niet getoond')],
    ]);
    expect(table.note).toMatch(/^Niet getoond: minder dan 5 respondenten/);
  });

  it('say in the methods box and the title area whose figures these are', () => {
    const own = { ...data, selection: { group: 'ouders', name: { nl: 'Ouders', en: 'Parents' } } };
    const methods = writeSentences(
      deriveStatements(own).filter((s) => s.key === 'research.disclosure'),
      { lang: 'en', minPercent: 10, smallBelow: 30, terms: DEFAULT_TERMS },
    )[0].text;
    expect(methods).toContain('All figures in this factsheet are about parents only.');
    expect(methods).toContain('Figures are also shown per domain; a group with fewer than 5 respondents in a round is not shown there');
    expect(scopeLine({ nl: 'Ouders', en: 'Parents' }, 'en')).toBe('Parents only');
    expect(scopeLine({ nl: 'Ouders', en: 'Parents' }, 'nl')).toBe('Alleen ouders');
    expect(scopeLine({ nl: 'JGZ-teams' }, 'nl')).toBe('Alleen JGZ-teams');
  });
});
