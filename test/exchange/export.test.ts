import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoStudy } from '../../server/studies/demo.js';
import { exportContext } from '../../server/exchange/context.js';
import { zipStream, exportFiles } from '../../server/exchange/export.js';
import { MISSING_VALUE_CODES } from '../../server/exchange/formats.js';
import fc from 'fast-check';
import { genStudy, seedStudy } from './fixture.js';
import { bundleText, collect, exportText, rowsOf, tempData } from './helpers.js';

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
const DEMO = '1000-kansen';

beforeAll(async () => {
  data = await tempData();
  await createDemoStudy(data.store.db, data.secret);
  // A generated study full of awkward texts, for the neutralisation checks.
  const [g] = fc.sample(genStudy, { numRuns: 1, seed: 7 });
  g.participants.forEach((p) => (p.organisation = '=cmd|" /C calc"!A0'));
  await seedStudy(data.store, g, 'awkward');
  // A study whose responses are not in participant order: the first participant answers the
  // first round again after everyone else (a second submitted response, which the wide file
  // takes as the one that stands), and an anonymous response comes last.
  const [h] = fc.sample(genStudy, { numRuns: 1, seed: 11 });
  const studyId = await seedStudy(data.store, h, 'reordered');
  const s = data.store.sqlite;
  const first = s
    .prepare(
      'select r.id, r.round_id, r.participant_id from response r join participant p on p.id = r.participant_id where r.study_id = ? order by p.id, r.id limit 1',
    )
    .get(studyId) as { id: number; round_id: number; participant_id: number };
  const last = s
    .prepare('select id from response where study_id = ? and round_id = ? order by id desc limit 1')
    .pluck()
    .get(studyId, first.round_id) as number;
  for (const participant of [first.participant_id, null]) {
    const copy = Number(
      s
        .prepare(
          "insert into response (study_id, round_id, participant_id, questionnaire_version_id, status, anonymous, source, started_at, updated_at, submitted_at) select study_id, round_id, ?, questionnaire_version_id, status, ?, source, started_at, updated_at, '2026-09-09T09:09:09.000Z' from response where id = ?",
        )
        .run(participant, participant === null ? 1 : 0, last).lastInsertRowid,
    );
    s.prepare(
      'insert into answer (response_id, item, sub, partner_id, tool_id, code, missing, text) select ?, item, sub, partner_id, tool_id, code, missing, text from answer where response_id = ?',
    ).run(copy, last);
  }
});
afterAll(async () => data.close());

/** Rows of a CSV as objects by header (a Map per row: header names are data, not keys). */
function table(csv: string): Map<string, string>[] {
  const [header, ...rows] = rowsOf(csv);
  return rows.map((r) => new Map(header.map((h, i) => [h, r[i]])));
}

describe('the long export', () => {
  const long = () => table(exportText(data, DEMO, 'long')['long.csv']);

  it('has the submitted responses of each round: 21, 22 and 12', () => {
    const responses = new Map<string, Set<string>>();
    for (const r of long()) {
      if (!responses.has(r.get('round')!)) responses.set(r.get('round')!, new Set());
      responses.get(r.get('round')!)!.add(r.get('participant')!);
    }
    expect([...responses].map(([k, v]) => [k, v.size])).toEqual([
      ['pre', 21],
      ['mid', 22],
      ['post', 12],
    ]);
  });

  it("keeps don't know apart: 9 yes, 2 no and 1 don't know on help questions after the training", () => {
    const post = long().filter((r) => r.get('round') === 'post' && r.get('variable') === 'help_questions');
    const count = (status: string, value: string) => post.filter((r) => r.get('status') === status && r.get('value') === value).length;
    expect([count('answered', '1'), count('answered', '0'), count('dont_know', String(MISSING_VALUE_CODES.dont_know))]).toEqual([9, 2, 1]);
  });

  it('marks a follow-up that routing skipped as not asked, not as a skipped item', () => {
    const mid = long().filter((r) => r.get('round') === 'mid');
    const zat = new Map(mid.filter((r) => r.get('variable') === 'zat_case').map((r) => [r.get('participant'), r.get('value')]));
    for (const r of mid.filter((x) => x.get('variable') === 'zat_case_count')) {
      if (zat.get(r.get('participant')) === '0') expect([r.get('status'), r.get('value')]).toEqual(['not_asked', '-97']);
      else expect(r.get('status')).toBe('answered');
    }
  });

  it('names grid and multiple-choice cells with stable derived names and asks tools only where the questionnaire does', () => {
    const rows = long();
    const names = new Set(rows.map((r) => r.get('variable')));
    for (const n of ['collab_p1_freq', 'collab_p12_qual', 'tools_use_t1', 'tools_use_t3', 'train_parts_o5', 'know_problems'])
      expect(names).toContain(n);
    expect(rows.some((r) => r.get('round') === 'pre' && r.get('item') === 'tools_use')).toBe(false);
    const p1 = rows.find((r) => r.get('variable') === 'collab_p1_freq')!;
    expect([p1.get('partner'), p1.get('facet')]).toEqual(['POH GGZ Jeugd', 'frequency']);
  });
});

describe('the wide export', () => {
  it('has one row per participant with invitation and response flags per round', () => {
    const rows = table(exportText(data, DEMO, 'wide')['wide.csv']);
    expect(rows).toHaveLength(34);
    const sum = (c: string) => rows.reduce((n, r) => n + Number(r.get(c)), 0);
    expect([sum('responded_pre'), sum('responded_mid'), sum('responded_post')]).toEqual([21, 22, 12]);
    expect([sum('invited_pre'), sum('invited_mid'), sum('invited_post')]).toEqual([34, 34, 34]);
  });

  it('suffixes variables with the round key, only for the rounds they are asked in', () => {
    const [header] = rowsOf(exportText(data, DEMO, 'wide')['wide.csv']);
    expect(header.slice(0, 9)).toEqual([
      'participant',
      'anonymous',
      'organisation',
      'role',
      'team',
      'left_from',
      'invited_pre',
      'responded_pre',
      'submitted_pre',
    ]);
    expect(header).toContain('comp_signal_pre');
    expect(header).toContain('comp_signal_mid');
    expect(header).toContain('tools_use_t2_post');
    expect(header).not.toContain('tools_use_t2_pre');
    expect(header.indexOf('comp_signal_mid')).toBe(header.indexOf('comp_signal_pre') + 1);
  });

  it('leaves open answers out unless asked for', () => {
    expect(rowsOf(exportText(data, DEMO, 'wide')['wide.csv'])[0]).not.toContain('recommend_post');
    expect(rowsOf(exportText(data, DEMO, 'wide', { openText: true })['wide.csv'])[0]).toContain('recommend_post');
  });

  it('writes the Dutch Excel flavour with a byte-order mark, semicolons and CRLF', () => {
    const csv = exportText(data, DEMO, 'wide', { flavour: 'nl' })['wide.csv'];
    expect(csv.startsWith('\uFEFF"participant";"anonymous";')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(36); // header, 34 rows, and the empty string after the last CRLF
  });
});

describe('the round export', () => {
  it('writes one file per round with one row per response and unsuffixed names', () => {
    const files = exportText(data, DEMO, 'round');
    expect(Object.keys(files)).toEqual(['round-pre.csv', 'round-mid.csv', 'round-post.csv']);
    expect(table(files['round-post.csv'])).toHaveLength(12);
    expect(rowsOf(files['round-pre.csv'])[0]).toContain('comp_signal');
  });
});

describe('the codebook', () => {
  it('describes every variable with labels in both languages, values, missing codes, rounds and version', () => {
    const doc = JSON.parse(exportText(data, DEMO, 'codebook')['codebook.json']);
    expect(doc.format).toBe('rondo.codebook/1');
    expect(doc.missingValues.dont_know.code).toBe(-99);
    const help = doc.variables.find((v: { name: string }) => v.name === 'help_questions');
    expect(help).toMatchObject({
      wideNames: ['help_questions_pre', 'help_questions_mid', 'help_questions_post'],
      measure: 'competence',
      missing: [{ kind: 'dont_know', code: -99 }],
    });
    expect(help.values).toEqual([
      { code: 1, label: { nl: 'Ja', en: 'Yes' } },
      { code: 0, label: { nl: 'Nee', en: 'No' } },
    ]);
    const grid = doc.variables.find((v: { name: string }) => v.name === 'collab_p2_qual');
    expect(grid.partner).toEqual({ number: 2, name: 'Voorschoolse intern begeleiders', facet: 'quality' });
    expect(grid.label.nl).toBe('Samenwerking per ketenpartner — Voorschoolse intern begeleiders: Hoe goed?');
    const count = doc.variables.find((v: { name: string }) => v.name === 'zat_case_count');
    expect(count.missing).toEqual([{ kind: 'not_asked', code: -97 }]);
    const rows = table(exportText(data, DEMO, 'codebook')['codebook.csv']);
    expect(rows.find((r) => r.get('variable') === 'know_problems')!.get('values_nl')).toBe(
      '1=Helemaal oneens | 2=Oneens | 3=Neutraal | 4=Eens | 5=Helemaal eens',
    );
  });
});

describe('pseudonymisation and formula injection', () => {
  it('never writes a name or an e-mail address unless the contact list is asked for', async () => {
    const contacts = data.store.sqlite.prepare('select name, email from participant_contact').all() as { name: string; email: string }[];
    const files = await bundleText(data, DEMO, { openText: true });
    const all = Object.values(files).join('\n');
    for (const c of contacts) {
      expect(all).not.toContain(c.email);
      expect(all).not.toContain(c.name);
    }
    const withContacts = await bundleText(data, DEMO, {}, true);
    expect(withContacts['contacts.csv']).toContain(contacts[0].email);
    expect(withContacts['README.md']).toContain('contacts.csv');
  });

  it('starts no text cell, header or label with = + - @ TAB or CR in any CSV', async () => {
    const files = await bundleText(data, 'awkward', { openText: true, flavour: 'nl' });
    let checked = 0;
    for (const [path, text] of Object.entries(files)) {
      if (!path.endsWith('.csv')) continue;
      // Quoted cells are text cells; bare cells are numbers (a minus there is a sign).
      const quoted = text.match(/(?:^|[;\r\n])"((?:[^"]|"")*)"/g) ?? [];
      for (const q of quoted) {
        const cell = q.replace(/^[;\r\n]?"/, '');
        expect(cell, `${path}: ${cell.slice(0, 30)}`).not.toMatch(/^[=+\-@\t\r]/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(files['wide.csv']).toContain(`"'=cmd|"" /C calc""!A0"`);
    expect(files['codebook.csv']).toContain(`"'=Ja of nee?"`);
  });
});

describe('the bundle', () => {
  it.each(['awkward', 'reordered'])('holds exactly the files of each format, though it reads the answers only once (%s)', async (slug) => {
    for (const flavour of ['nl', 'intl'] as const) {
      const options = { openText: true, flavour };
      const bundle = await bundleText(data, slug, options);
      const round = exportText(data, slug, 'round', options);
      for (const [name, text] of Object.entries(round)) expect(bundle[`rounds/${name}`], name).toBe(text);
      expect(bundle['spss/wide.csv']).toBe(exportText(data, slug, 'spss', options)['wide.csv']);
      expect(bundle['wide.csv']).toBe(exportText(data, slug, 'wide', options)['wide.csv']);
      expect(bundle['long.csv']).toBe(exportText(data, slug, 'long', options)['long.csv']);
    }
    // The awkward study does have open answers with line breaks (the one-line copy differs).
    if (slug === 'awkward') expect(exportText(data, slug, 'wide', { openText: true })['wide.csv']).toMatch(/"[^"]*\n[^"]*"/);
  });

  it('takes the later of two responses of a participant in a round, and adds anonymous responses at the end', () => {
    const wide = table(exportText(data, 'reordered', 'wide')['wide.csv']);
    const round = rowsOf(Object.values(exportText(data, 'reordered', 'round'))[0]);
    expect(wide.filter((r) => [...r.values()].includes('2026-09-09T09:09:09.000Z'))).toHaveLength(2);
    expect(wide.at(-1)!.get('anonymous')).toBe('1');
    expect(round.at(-2)![0]).toBe(wide[0].get('participant'));
  });

  it('is a zip with every format, the response rates and a README on pseudonymisation and missing codes', async () => {
    const ctx = exportContext(data.store.sqlite, DEMO, { flavour: 'intl', openText: false, lang: 'nl' });
    const zip = await collect(zipStream(exportFiles(ctx, 'bundle')));
    // Central directory names, read without an unzip library.
    const names: string[] = [];
    for (
      let i = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), at = zip.readUInt32LE(i + 16), n = zip.readUInt16LE(i + 10);
      n > 0;
      n--
    ) {
      const len = zip.readUInt16LE(at + 28);
      names.push(zip.toString('utf8', at + 46, at + 46 + len));
      at += 46 + len + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    expect(names).toEqual([
      'README.md',
      'codebook.csv',
      'codebook.json',
      'long.csv',
      'wide.csv',
      'wide.R',
      'rounds/round-pre.csv',
      'rounds/round-mid.csv',
      'rounds/round-post.csv',
      'response-rates.csv',
      'spss/wide.csv',
      'spss/wide.sps',
      'spss/wide.sav',
    ]);
    const files = await bundleText(data, DEMO);
    expect(files['README.md']).toMatch(/## Pseudonymisation/);
    expect(files['README.md']).toMatch(/\| -97 \| not_asked \|/);
    // The README explains the wide names with this study's own: columns the wide file has.
    const examples = [...files['README.md'].matchAll(/`(\w+_(?:pre|mid|post))`/g)].map((m) => m[1]);
    expect(examples.length).toBe(2);
    for (const name of examples) expect(files['wide.csv'].split('\n')[0]).toContain(name);
    expect(table(files['response-rates.csv']).map((r) => [r.get('round'), r.get('eligible'), r.get('responded')])).toEqual([
      ['pre', '34', '21'],
      ['mid', '34', '22'],
      ['post', '34', '12'],
    ]);
  });
});
