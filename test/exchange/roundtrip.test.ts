import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitImport } from '../../server/exchange/import/commit.js';
import { loadExchangeStudy } from '../../server/exchange/study-data.js';
import { suggestMapping } from '../../server/exchange/import/suggest.js';
import { createStudy } from '../../server/studies/create-study.js';
import { genDefinition, genStudy, seedStudy, studyRuns, type GenStudy } from './fixture.js';
import { bundleText, exportText, rowsOf, tempData } from './helpers.js';

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
let n = 0;

beforeAll(async () => {
  data = await tempData();
});
afterAll(async () => data.close());

/** Rows of a CSV in a stable order, with anonymous keys (which carry response ids) blanked. */
function normalised(csv: string): string[] {
  const [header, ...rows] = rowsOf(csv);
  return [header.join('\u0001'), ...rows.map((r) => r.map((c) => (/^anon:\d+$/.test(c) ? 'anon:*' : c)).join('\u0001')).sort()];
}

/** Exports the wide file of `from` and imports it round by round into the empty study `to`. */
async function wideInto(from: string, to: string, flavour: 'nl' | 'intl'): Promise<void> {
  const wide = exportText(data, from, 'wide', { openText: true, flavour })['wide.csv'];
  const study = loadExchangeStudy(data.store.sqlite, to);
  const rows = rowsOf(wide);
  for (const round of study.rounds) {
    const { mapping } = suggestMapping(study, round.key, rows[0], rows.slice(1));
    mapping.participants.create = true;
    await commitImport(data.store, data.secret, to, {
      bytes: Buffer.from(wide, 'utf8'),
      fileName: 'wide.csv',
      mapping,
      round: round.key,
      now: new Date(),
      actor: 'test',
    });
  }
}

/** Seeds `g`, exports its wide file, imports it into a fresh study and compares both studies' exports. */
async function roundTrip(g: GenStudy, flavour: 'nl' | 'intl'): Promise<void> {
  const id = ++n;
  const from = `src-${id}`;
  const to = `dst-${id}`;
  await seedStudy(data.store, g, from);
  await createStudy(data.store.db, genDefinition(g, to));
  await wideInto(from, to, flavour);
  for (const format of ['wide', 'long'] as const) {
    const a = exportText(data, from, format, { openText: true })[`${format}.csv`];
    const b = exportText(data, to, format, { openText: true })[`${format}.csv`];
    expect(normalised(b)).toEqual(normalised(a));
  }
  const rates = async (slug: string) => (await bundleText(data, slug))['response-rates.csv'];
  expect(await rates(to)).toBe(await rates(from));
}

describe('export wide → import into a fresh study', () => {
  it('gives back the same data, open answers with quotes, commas, line breaks, formulas and non-ASCII included', async () => {
    await fc.assert(fc.asyncProperty(genStudy, fc.constantFrom('nl', 'intl') as fc.Arbitrary<'nl' | 'intl'>, roundTrip), studyRuns(20));
  });

  it('gives back who was invited to and submitted a round that asks no question', async () => {
    // Found by the property above (seed -9020347): the import refused the round for mapping no
    // answer column, and the second study lost its response in round "post".
    const answers = { choices: new Array<number>(40).fill(0.5), texts: ['a', 'b', 'c'] };
    const before = ['lik', 'freq', 'rate', 'yn', 'single', 'multi', 'num', 'open', 'grid', 'tools', 'followup', 'open2'];
    await roundTrip(
      {
        rounds: ['pre', 'mid', 'post'],
        partners: 1,
        tools: 1,
        itemRounds: Object.fromEntries(before.map((item) => [item, [0, 1]])),
        participants: [
          { key: 'A1', organisation: 'GGD', role: 'jgz', left: null, rounds: [0, 1, 2].map(() => ({ invited: true, answers })) },
          { key: 'A2', organisation: 'GGD', role: 'jgz', left: null, rounds: [0, 1, 2].map(() => ({ invited: true, answers: null })) },
        ],
        anonymous: [[], [], []],
      },
      'nl',
    );
  });
});
