import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_SLUG, writeBenchStudy } from '../../bench/exchange.js';
import { BLOCK } from '../../server/exchange/kept-rounds.js';
import { bundleFiles, bundleText, exportText, tempData } from './helpers.js';
import { exportContext } from '../../server/exchange/context.js';
import { exportFiles } from '../../server/exchange/export.js';

/**
 * The bundle puts its wide file, the SPSS copy and the .sav together from the responses' cells kept
 * as bytes while long.csv is written (kept-rounds.ts), in blocks of BLOCK responses per round. On the
 * benchmark's study (decimals, open answers with quotes, line breaks and formula-like starts, "don't
 * know") with more than a block of responses per round, one response of each round made anonymous and
 * one answered twice, every member must be the file the format's own export writes.
 */
type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
const PARTICIPANTS = BLOCK + 37;

beforeAll(async () => {
  data = await tempData();
  const s = data.store.sqlite;
  writeBenchStudy(s, PARTICIPANTS);
  // Anonymous responses in every round; a participant's second submitted response in the first round (the later stands).
  s.prepare(
    'update response set participant_id = null, invitation_id = null where id in (select min(id) from response group by round_id)',
  ).run();
  const later = s
    .prepare('select id, round_id, participant_id from response where participant_id is not null order by id limit 1')
    .get() as {
    id: number;
    round_id: number;
    participant_id: number;
  };
  const columns = 'study_id, round_id, participant_id, questionnaire_version_id, status, source, started_at, updated_at';
  s.prepare(
    `insert into response (${columns}, submitted_at, packed_layout_id, packed_values)
     select ${columns}, '2026-09-09T09:09:09.000Z', packed_layout_id, packed_values from response where id = ?`,
  ).run(later.id);
});

afterAll(async () => {
  await data?.close();
});

describe('the bundle from kept cells', () => {
  it.each(['nl', 'intl'] as const)('holds exactly the files of each format past a block of responses (%s)', async (flavour) => {
    const options = { openText: true, flavour };
    const bundle = await bundleText(data, BENCH_SLUG, options);
    const round = exportText(data, BENCH_SLUG, 'round', options);
    for (const [name, text] of Object.entries(round)) expect(bundle[`rounds/${name}`] === text, name).toBe(true);
    expect(bundle['wide.csv'] === exportText(data, BENCH_SLUG, 'wide', options)['wide.csv']).toBe(true);
    expect(bundle['spss/wide.csv'] === exportText(data, BENCH_SLUG, 'spss', options)['wide.csv']).toBe(true);
    expect(bundle['long.csv'] === exportText(data, BENCH_SLUG, 'long', options)['long.csv']).toBe(true);
    // What the study holds: more than a block of lines per round, line breaks, anonymous cases, the later response.
    expect(round['round-pre.csv'].split('\r\n').length).toBeGreaterThan(BLOCK + 2);
    const bareBreaks = (text: string) => text.replace(/\r\n/g, '').includes('\n');
    expect(bareBreaks(bundle['wide.csv'])).toBe(true);
    expect(bareBreaks(bundle['spss/wide.csv'])).toBe(false);
    expect(bundle['wide.csv']).toContain('"anon:');
    expect(bundle['wide.csv']).toContain('2026-09-09T09:09:09.000Z');
  });

  it('makes spss/wide.sav the .sav export but for the case count', async () => {
    const options = { flavour: 'nl', openText: true } as const;
    const bundled = (await bundleFiles(data, BENCH_SLUG, options))['spss/wide.sav'];
    // The .sav export on its own, at the moment bundleFiles gives its export (the file header has it).
    const ctx = exportContext(data.store.sqlite, BENCH_SLUG, { ...options, lang: 'nl' }, new Date('2026-11-23T12:00:00Z'));
    const files = exportFiles(ctx, 'sav');
    const pieces: Buffer[] = [];
    try {
      for (const c of files[0].produce() as Iterable<string | Buffer>) pieces.push(Buffer.from(c));
    } finally {
      files.cleanup?.();
    }
    const own = Buffer.concat(pieces);
    expect(bundled.length).toBe(own.length);
    // The case count (file header, bytes 80–83) is -1 in the bundle: not counted before the cases.
    expect(bundled.readInt32LE(80)).toBe(-1);
    own.writeInt32LE(-1, 80);
    expect(bundled.equals(own)).toBe(true);
  });
});
