import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../analysis/study/analyze.js';
import { generateDemo } from '../../content/demo/generate.js';
import { loadAnalysisInput } from '../../server/analysis/load-input.js';
import { openStore, DB_FILE, type Store } from '../../server/db/open.js';
import { createDemoStudy } from '../../server/studies/demo.js';
import { createStudy } from '../../server/studies/create-study.js';
import { commitImport } from '../../server/exchange/import/commit.js';
import { suggestMapping } from '../../server/exchange/import/suggest.js';
import { loadExchangeStudy } from '../../server/exchange/study-data.js';
import { genDefinition, genStudy, seedStudy } from './fixture.js';
import { exportText, rowsOf, tempData } from './helpers.js';

/**
 * The exports against the analysis engine (analysis/study, `rondo analyze --json`): the long
 * file's counts are the analysis's counts, and a study exported wide and imported into a fresh
 * rondo gives the same analysis.
 */
let template: Awaited<ReturnType<typeof tempData>>;
let runs = 0;
const SECRET = Buffer.alloc(32, 7);

beforeAll(async () => {
  template = await tempData();
  // Everything into the main file, so a plain copy of it is a whole database.
  template.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  template.store.sqlite.pragma('journal_mode = DELETE');
  await template.store.close();
});
afterAll(() => fs.rmSync(template.dir, { recursive: true, force: true }));

/** A fresh, migrated database: a copy of the template, so ids start at 1 in every copy. */
function freshStore(): Store {
  const file = path.join(template.dir, `copy-${++runs}.sqlite`);
  fs.copyFileSync(path.join(template.dir, DB_FILE), file);
  return openStore(file);
}

const analysis = (store: Store, slug: string) => JSON.parse(JSON.stringify(analyzeStudy(loadAnalysisInput(store.sqlite, slug)!)));

/** The export's name of an analysis variable id (collab.p<id>.frequency → collab_p<number>_freq). */
function exportName(id: string, store: Store, slug: string): string {
  const study = loadExchangeStudy(store.sqlite, slug);
  return id
    .replace(
      /\.p(\d+)\.(frequency|quality)$/,
      (_m, pid: string, f: string) =>
        `_p${study.partners.find((p) => p.id === Number(pid))!.number}_${f === 'frequency' ? 'freq' : 'qual'}`,
    )
    .replace(/\.t(\d+)$/, (_m, tid: string) => `_t${study.tools.find((t) => t.id === Number(tid))!.number}`)
    .replace(/\.o(\d+)$/, '_o$1');
}

/** Every object in the analysis with an id and per-round counts (items, partner facets, tools). */
function countedVariables(node: unknown, out: { id: string; rounds: Record<string, number | string | boolean>[] }[] = []) {
  if (Array.isArray(node)) node.forEach((n) => countedVariables(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (
      typeof o.id === 'string' &&
      Array.isArray(o.rounds) &&
      o.rounds.every((r) => r && typeof r === 'object' && 'n' in r && 'skipped' in r)
    )
      out.push(o as never);
    else for (const v of Object.values(o)) countedVariables(v, out);
  }
  return out;
}

function expectLongMatchesAnalysis(store: Store, slug: string): number {
  const a = analysis(store, slug);
  const long = rowsOf(exportText({ store } as never, slug, 'long', { openText: true })['long.csv']).slice(1);
  const counts = new Map<string, number>();
  const responses = new Map<string, Set<string>>();
  for (const [participant, , round, variable, , , , , , status] of long) {
    counts.set(`${variable}|${round}|${status}`, (counts.get(`${variable}|${round}|${status}`) ?? 0) + 1);
    if (!responses.has(round)) responses.set(round, new Set());
    responses.get(round)!.add(participant);
  }
  // Every response has a row per variable asked in its round (a round that asks nothing has none).
  const asked = new Set(
    countedVariables([a.items, a.partners, a.tools]).flatMap((v) => v.rounds.filter((r) => r.asked !== false).map((r) => r.round)),
  );
  for (const r of a.rounds)
    if (asked.has(r.key))
      expect(responses.get(r.key)?.size ?? 0, `responses in ${r.key}`).toBe(r.submitted + r.submittedNotEligible + r.anonymous);
  // The bundle's response table has the analysis's denominators, counts and rates.
  const rates = rowsOf(exportText({ store } as never, slug, 'bundle')['response-rates.csv']).slice(1);
  expect(
    rates.map(([round, , , eligible, responded, rate, anonymous]) => [
      round,
      Number(eligible),
      Number(responded),
      rate === '' ? null : Number(rate),
      Number(anonymous),
    ]),
  ).toEqual(
    a.rounds.map((r: { key: string; invited: number; submitted: number; responseRate: number | null; anonymous: number }) => [
      r.key,
      r.invited,
      r.submitted,
      r.responseRate,
      r.anonymous,
    ]),
  );
  let compared = 0;
  for (const v of countedVariables([a.items, a.partners, a.tools])) {
    const name = exportName(v.id, store, slug);
    for (const r of v.rounds) {
      if (r.asked === false) continue;
      const c = (status: string) => counts.get(`${name}|${r.round}|${status}`) ?? 0;
      expect(
        { n: c('answered'), skipped: c('skipped'), dontKnow: c('dont_know'), notApplicable: c('not_applicable'), notAsked: c('not_asked') },
        `${name} in ${r.round}`,
      ).toEqual({
        n: r.n,
        skipped: r.skipped,
        dontKnow: r.dontKnow,
        notApplicable: r.notApplicable,
        notAsked: r.notAsked,
      });
      compared++;
    }
  }
  return compared;
}

/** Exports wide (open text included) from one database and imports it, round by round, into a study of the same definition in another. */
async function roundTrip(from: Store, to: Store, slug: string, flavour: 'nl' | 'intl'): Promise<void> {
  const wide = exportText({ store: from } as never, slug, 'wide', { openText: true, flavour })['wide.csv'];
  const study = loadExchangeStudy(to.sqlite, slug);
  const rows = rowsOf(wide);
  for (const round of study.rounds) {
    const { mapping } = suggestMapping(study, round.key, rows[0], rows.slice(1));
    mapping.participants.create = true;
    await commitImport(to, SECRET, slug, {
      bytes: Buffer.from(wide),
      fileName: 'wide.csv',
      mapping,
      round: round.key,
      now: new Date('2026-06-01T00:00:00Z'),
      actor: 'test',
    });
  }
}

/** The analysis without fieldwork-process counts (links sent, opened, drafts started): those are not response data and are in no export. */
function withoutFieldwork(a: { rounds: Record<string, unknown>[] }) {
  for (const r of a.rounds) for (const k of ['sent', 'opened', 'started']) delete r[k];
  return a;
}

describe('the long export', () => {
  it('has the counts of the analysis JSON for every variable and round of the demo study', async () => {
    const store = freshStore();
    await createDemoStudy(store.db, SECRET);
    expect(expectLongMatchesAnalysis(store, '1000-kansen')).toBeGreaterThan(100);
    await store.close();
  });

  it('has the counts of the analysis JSON for generated studies', async () => {
    await fc.assert(
      fc.asyncProperty(genStudy, async (g) => {
        const store = freshStore();
        await seedStudy(store, g, 'gen');
        expectLongMatchesAnalysis(store, 'gen');
        await store.close();
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 10) },
    );
  });
});

describe('export wide → import into a fresh study', () => {
  it('gives the identical analysis JSON for the demo study', async () => {
    const from = freshStore();
    await createDemoStudy(from.db, SECRET);
    const to = freshStore();
    const d = generateDemo();
    await createStudy(to.db, { study: d.study, rounds: d.rounds, partners: d.partners, tools: d.tools, questionnaire: d.questionnaire });
    await roundTrip(from, to, '1000-kansen', 'nl');
    expect(withoutFieldwork(analysis(to, '1000-kansen'))).toEqual(withoutFieldwork(analysis(from, '1000-kansen')));
    await from.close();
    await to.close();
  });

  it('gives the identical analysis JSON for generated studies, awkward open answers included', async () => {
    await fc.assert(
      fc.asyncProperty(genStudy, fc.constantFrom<'nl' | 'intl'>('nl', 'intl'), async (g, flavour) => {
        const from = freshStore();
        await seedStudy(from, g, 'gen');
        const to = freshStore();
        await createStudy(to.db, genDefinition(g, 'gen'));
        await roundTrip(from, to, 'gen', flavour);
        expect(withoutFieldwork(analysis(to, 'gen'))).toEqual(withoutFieldwork(analysis(from, 'gen')));
        await from.close();
        await to.close();
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 10) },
    );
  });
});
