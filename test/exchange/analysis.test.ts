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
import { genDefinition, genStudy, seedStudy, studyRuns } from './fixture.js';
import { bundleText, exportText, rowsOf, tempData } from './helpers.js';

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

async function expectLongMatchesAnalysis(store: Store, slug: string): Promise<number> {
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
  const rates = rowsOf((await bundleText({ store } as never, slug))['response-rates.csv']).slice(1);
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
function withoutFieldwork(a: { rounds: Record<string, unknown>[]; response?: { byGroup?: { rounds: Record<string, unknown>[] }[] } }) {
  for (const r of a.rounds) for (const k of ['sent', 'opened', 'started']) delete r[k];
  // The respondent groups' `started` counts drafts and opened links too: fieldwork, not data.
  for (const g of a.response?.byGroup ?? []) for (const r of g.rounds) delete r.started;
  return a;
}

describe('the long export', () => {
  it('has the counts of the analysis JSON for every variable and round of the demo study', async () => {
    const store = freshStore();
    await createDemoStudy(store.db, SECRET);
    expect(await expectLongMatchesAnalysis(store, '1000-kansen')).toBeGreaterThan(100);
    await store.close();
  });

  it('has the counts of the analysis JSON for generated studies', async () => {
    await fc.assert(
      fc.asyncProperty(genStudy, async (g) => {
        const store = freshStore();
        await seedStudy(store, g, 'gen');
        await expectLongMatchesAnalysis(store, 'gen');
        await store.close();
      }),
      studyRuns(10),
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
      studyRuns(10),
    );
  });
});

/**
 * The cohort and its invitations of `from` into the same study in `to`, as a cohort import and
 * the fieldwork make them: a long file carries responses only, so the response rates' denominators
 * come from the cohort, never from the file.
 */
function copyCohort(from: Store, to: Store, slug: string): void {
  const studyOf = (s: Store) => s.sqlite.prepare('select id from study where slug = ?').pluck().get(slug) as number;
  const roundIds = (s: Store) =>
    new Map(s.sqlite.prepare('select key, id from round where study_id = ?').raw().all(studyOf(s)) as [string, number][]);
  const toRound = roundIds(to);
  const fromRoundKey = new Map([...roundIds(from)].map(([k, id]) => [id, k]));
  const toStudy = studyOf(to);
  const participants = from.sqlite
    .prepare('select id, key, organisation, role, team, left_from_round_id from participant where study_id = ? order by id')
    .all(studyOf(from)) as {
    id: number;
    key: string;
    organisation: string;
    role: string;
    team: string;
    left_from_round_id: number | null;
  }[];
  const insert = to.sqlite.prepare(
    'insert into participant (study_id, key, organisation, role, team, left_from_round_id, created_at) values (?, ?, ?, ?, ?, ' +
      "?, '2026-01-01T00:00:00Z')",
  );
  const invitations = from.sqlite.prepare('select round_id, token_hash, revoked_at from invitation where participant_id = ?');
  const invite = to.sqlite.prepare(
    "insert into invitation (participant_id, round_id, token_hash, created_at, revoked_at) values (?, ?, ?, '2026-01-02T00:00:00Z', ?)",
  );
  for (const p of participants) {
    const left = p.left_from_round_id === null ? null : toRound.get(fromRoundKey.get(p.left_from_round_id)!)!;
    const id = Number(insert.run(toStudy, p.key, p.organisation, p.role, p.team, left).lastInsertRowid);
    for (const i of invitations.all(p.id) as { round_id: number; token_hash: string; revoked_at: string | null }[])
      invite.run(id, toRound.get(fromRoundKey.get(i.round_id)!)!, i.token_hash, i.revoked_at);
  }
}

describe('export long → import long into a fresh copy of the study', () => {
  it('gives the identical analysis JSON for the demo study', async () => {
    const from = freshStore();
    await createDemoStudy(from.db, SECRET);
    const to = freshStore();
    const d = generateDemo();
    await createStudy(to.db, { study: d.study, rounds: d.rounds, partners: d.partners, tools: d.tools, questionnaire: d.questionnaire });
    copyCohort(from, to, '1000-kansen');
    const long = exportText({ store: from } as never, '1000-kansen', 'long', { openText: true, flavour: 'nl' })['long.csv'];
    const study = loadExchangeStudy(to.sqlite, '1000-kansen');
    const rows = rowsOf(long);
    for (const round of study.rounds) {
      const { mapping } = suggestMapping(study, round.key, rows[0], rows.slice(1));
      expect(mapping).toMatchObject({ shape: 'long', participants: { identify: 'key', column: 'participant' } });
      const report = await commitImport(to, SECRET, '1000-kansen', {
        bytes: Buffer.from(long),
        fileName: 'long.csv',
        mapping,
        round: round.key,
        now: new Date('2026-06-01T00:00:00Z'),
        actor: 'test',
      });
      expect(report.shape).toBe('long');
      expect(report.counts.invitationsCreated).toBe(0);
    }
    // The long file has no submission times (the wide file has them), so the days responses came in are not compared.
    const withoutTimeline = (a: { rounds: Record<string, unknown>[] }) => {
      for (const r of withoutFieldwork(a).rounds) delete r.timeline;
      return a;
    };
    expect(withoutTimeline(analysis(to, '1000-kansen'))).toEqual(withoutTimeline(analysis(from, '1000-kansen')));
    await from.close();
    await to.close();
  });
});
