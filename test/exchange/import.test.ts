import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createImhStudy } from '../helpers/study.js';
import { commitImport, dryRunImport, ImportRejected } from '../../server/exchange/import/commit.js';
import { PlannedCells, type ImportReport } from '../../server/exchange/import/plan.js';
import { packedCopies } from '../helpers/packed.js';
import { exportText, rowsOf, tempData } from './helpers.js';

type Data = Awaited<ReturnType<typeof tempData>>;
let data: Data;
let slug = '';
let n = 0;

const MAPPING = {
  format: 'rondo.import-mapping/1',
  participants: { identify: 'email', column: 'E-mail' },
  columns: {
    'Ik heb voldoende kennis': { variable: 'know_problems' },
    'Hoe vaak bespreekt u casuïstiek?': { variable: 'case_discussion' },
    Toelichting: { variable: 'comp_explain' },
  },
};
const HEADER = 'E-mail;Ik heb voldoende kennis;Hoe vaak bespreekt u casuïstiek?;Toelichting';

beforeAll(async () => {
  data = await tempData();
});
afterAll(async () => data.close());

/** A fresh study from the IMH template with three participants who have e-mail addresses. */
beforeEach(async () => {
  slug = `ext-${++n}`;
  const { studyId } = await createImhStudy(data.store.db, slug, { nl: 'Extern', en: 'External' });
  const s = data.store.sqlite;
  for (const [key, email] of [
    ['k1', 'anouk@example.nl'],
    ['k2', 'bram@example.nl'],
    ['k3', 'zoe@example.nl'],
  ]) {
    const id = Number(
      s.prepare("insert into participant (study_id, key, created_at) values (?, ?, '2026-01-01T00:00:00Z')").run(studyId, key)
        .lastInsertRowid,
    );
    s.prepare("insert into participant_contact (participant_id, name, email) values (?, '', ?)").run(id, email);
  }
});

/** Rows in every table an import writes to. */
const written = () =>
  ['participant', 'participant_contact', 'invitation', 'response', 'answer', 'import_batch'].map(
    (t) => data.store.sqlite.prepare(`select count(*) from ${t}`).pluck().get() as number,
  );

async function importing(bytes: Buffer | string, mapping: unknown = MAPPING, round = 'pre'): Promise<ImportReport> {
  const input = {
    bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'),
    fileName: 'x.csv',
    mapping,
    round,
    now: new Date('2026-03-01T12:00:00Z'),
    actor: 'test',
  };
  const before = written();
  const dry = dryRunImport(data.store, slug, input);
  try {
    const report = await commitImport(data.store, data.secret, slug, input);
    expect(dry.ok).toBe(true);
    return report;
  } catch (err) {
    if (!(err instanceof ImportRejected)) throw err;
    // A refused import writes nothing, and the dry run saw the same problems.
    expect(written()).toEqual(before);
    expect(dry.problems.map((p) => p.code)).toEqual(err.report.problems.map((p) => p.code));
    return err.report;
  }
}

const problem = (r: ImportReport, code: string) => r.problems.find((p) => p.code === code);

describe('an import of well-formed responses', () => {
  it('matches participants by e-mail, maps labels to codes and writes everything in one go', async () => {
    const report = await importing(
      `${HEADER}\r\nAnouk@Example.nl;Helemaal eens;Maandelijks;"Goed, ""echt"""\r\nbram@example.nl;2;-99;\r\n`,
      {
        ...MAPPING,
        columns: { ...MAPPING.columns, 'Hoe vaak bespreekt u casuïstiek?': { variable: 'case_discussion', values: { '-99': 'skipped' } } },
      },
    );
    expect(report.ok).toBe(true);
    // The import invites nobody unless told who was invited (issue 19): the round has no denominator yet.
    expect(report.counts).toMatchObject({ rows: 2, responses: 2, participantsMatched: 2, invitationsCreated: 0, cells: 4 });
    expect(problem(report, 'NO_INVITATIONS')?.severity).toBe('warning');
    const cells = data.store.sqlite
      .prepare(
        "select p.key, a.item, a.code, a.text from answer a join response r on r.id = a.response_id join participant p on p.id = r.participant_id where r.source like 'import:%' and p.study_id = (select id from study where slug = ?) order by p.key, a.item",
      )
      .raw()
      .all(slug);
    expect(cells).toEqual([
      ['k1', 'case_discussion', 4, null],
      ['k1', 'comp_explain', null, 'Goed, "echt"'],
      ['k1', 'know_problems', 5, null],
      ['k2', 'know_problems', 2, null],
    ]);
    const long = rowsOf(exportText(data, slug, 'long')['long.csv']);
    expect(long.filter((r) => r[2] === 'pre' && r[3] === 'know_problems').map((r) => [r[0], r[10]])).toEqual([
      ['k1', '5'],
      ['k2', '2'],
    ]);
    // Each imported response gets the packed copy the exports read, exactly as its answer rows.
    const copies = packedCopies(data.store.sqlite, `r.source = ?`, `import:${report.batchId}`);
    expect(copies).toHaveLength(2);
    for (const c of copies) expect([c.layoutKeys, c.packed]).toEqual([c.keys, c.values]);
  });

  it('refuses the same file a second time for the same round', async () => {
    const csv = `${HEADER}\r\nanouk@example.nl;4;3;\r\n`;
    expect((await importing(csv)).ok).toBe(true);
    const again = await importing(csv);
    expect(again.ok).toBe(false);
    expect(problem(again, 'DUPLICATE_FILE')?.message).toMatch(/already imported into round "pre"/);
  });

  it('imports anonymous respondents and creates unknown participants only when asked', async () => {
    const csv = 'key;know_problems\r\nk1;3\r\nnew-1;4\r\n';
    const mapping = {
      format: 'rondo.import-mapping/1',
      participants: { identify: 'key', column: 'key' },
      columns: { know_problems: { variable: 'know_problems' } },
    };
    const refused = await importing(csv, mapping);
    expect(problem(refused, 'UNKNOWN_PARTICIPANT')).toMatchObject({ row: 3, column: 'key', value: 'new-1' });
    const created = await importing(csv, { ...mapping, participants: { ...mapping.participants, create: true } });
    expect(created.counts).toMatchObject({ responses: 2, participantsCreated: 1 });
    const anon = await importing(
      'know_problems\r\n5\r\n1\r\n',
      {
        format: 'rondo.import-mapping/1',
        participants: { identify: 'anonymous' },
        columns: { know_problems: { variable: 'know_problems' } },
      },
      'mid',
    );
    expect(anon.counts).toMatchObject({ responses: 2, anonymous: 2 });
  });

  it('stores a text that looks like a formula as text, with a warning', async () => {
    const report = await importing(`${HEADER}\r\nanouk@example.nl;4;3;=HYPERLINK("http://x")\r\n`);
    expect(report.ok).toBe(true);
    expect(problem(report, 'FORMULA_TEXT')).toMatchObject({ severity: 'warning', row: 2, column: 'Toelichting' });
    expect(exportText(data, slug, 'wide', { openText: true })['wide.csv']).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});

describe('an import of bad input', () => {
  const many = (k: number) => `${HEADER}\r\n` + Array.from({ length: k }, () => 'anouk@example.nl;4;3;').join('\r\n');
  it.each<[string, () => Buffer | string, unknown, string, { row?: number | null; column?: string | null }]>([
    [
      'a __proto__ header',
      () => `E-mail;__proto__\r\nanouk@example.nl;4\r\n`,
      { ...MAPPING, columns: { __proto__: { variable: 'know_problems' } } },
      'RESERVED_HEADER',
      { row: 1, column: '__proto__' },
    ],
    [
      'a constructor header',
      () => `E-mail;constructor\r\nanouk@example.nl;4\r\n`,
      { ...MAPPING, columns: JSON.parse('{"constructor":{"variable":"know_problems"}}') },
      'RESERVED_HEADER',
      { row: 1, column: 'constructor' },
    ],
    [
      'a mapping with a __proto__ key',
      () => `${HEADER}\r\nanouk@example.nl;4;3;\r\n`,
      JSON.parse(
        `{"format":"rondo.import-mapping/1","participants":{"identify":"email","column":"E-mail"},"columns":{"__proto__":{"variable":"know_problems"}}}`,
      ),
      'UNKNOWN_COLUMN',
      { column: '__proto__' },
    ],
    [
      'duplicated headers',
      () => `E-mail;Toelichting;Toelichting\r\nanouk@example.nl;a;b\r\n`,
      MAPPING,
      'DUPLICATE_HEADER',
      { row: 1, column: 'Toelichting' },
    ],
    [
      'a formula in a code column',
      () => `${HEADER}\r\nanouk@example.nl;=1+4;3;\r\n`,
      MAPPING,
      'UNKNOWN_VALUE',
      { row: 2, column: 'Ik heb voldoende kennis' },
    ],
    [
      'a binary file renamed .csv',
      () => Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3b, 0x0a]),
      MAPPING,
      'BINARY',
      {},
    ],
    [
      'an Excel workbook renamed .csv',
      () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]),
      MAPPING,
      'NOT_CSV',
      {},
    ],
    ['a file over the size limit', () => Buffer.alloc(26 * 1024 * 1024, 0x61), MAPPING, 'FILE_TOO_LARGE', {}],
    ['an empty file', () => '', MAPPING, 'EMPTY_FILE', {}],
    [
      'a mapping to a variable that does not exist',
      () => `${HEADER}\r\nanouk@example.nl;4;3;\r\n`,
      { ...MAPPING, columns: { ...MAPPING.columns, Toelichting: { variable: 'know_signal' } } },
      'UNKNOWN_VARIABLE',
      { column: 'Toelichting' },
    ],
    [
      'a mapping to a variable not asked in the round',
      () => `E-mail;tools\r\nanouk@example.nl;1\r\n`,
      { ...MAPPING, columns: { tools: { variable: 'tools_use_t1' } } },
      'VARIABLE_NOT_IN_ROUND',
      { column: 'tools' },
    ],
    [
      'a mapping to a column not in the file',
      () => `${HEADER}\r\nanouk@example.nl;4;3;\r\n`,
      { ...MAPPING, columns: { ...MAPPING.columns, Extra: { variable: 'chain_care' } } },
      'UNKNOWN_COLUMN',
      { column: 'Extra' },
    ],
    ['a mapping that is not a mapping', () => `${HEADER}\r\n`, { columns: [] }, 'MAPPING_SCHEMA', {}],
    [
      'a value with no mapping',
      () => `${HEADER}\r\nanouk@example.nl;Helemaal mee eens;3;\r\n`,
      MAPPING,
      'UNKNOWN_VALUE',
      { row: 2, column: 'Ik heb voldoende kennis' },
    ],
    [
      'a code off the scale',
      () => `${HEADER}\r\nanouk@example.nl;7;3;\r\n`,
      MAPPING,
      'OUT_OF_RANGE',
      { row: 2, column: 'Ik heb voldoende kennis' },
    ],
    [
      "don't know where the item has none",
      () => `${HEADER}\r\nanouk@example.nl;4;Weet niet;\r\n`,
      MAPPING,
      'MISSING_NOT_ALLOWED',
      { row: 2, column: 'Hoe vaak bespreekt u casuïstiek?' },
    ],
    [
      '2,001 columns',
      () => `E-mail;${Array.from({ length: 2000 }, (_, i) => `c${i}`).join(';')}\r\nanouk@example.nl;${'4;'.repeat(1999)}4\r\n`,
      MAPPING,
      'TOO_MANY_COLUMNS',
      { row: 1 },
    ],
    ['a ragged row', () => `${HEADER}\r\nanouk@example.nl;4;3;\r\nbram@example.nl;4\r\n`, MAPPING, 'RAGGED_ROW', { row: 3 }],
    [
      'an unknown participant',
      () => `${HEADER}\r\nnobody@example.nl;4;3;\r\n`,
      MAPPING,
      'UNKNOWN_PARTICIPANT',
      { row: 2, column: 'E-mail' },
    ],
    [
      'the same respondent twice',
      () => `${HEADER}\r\nanouk@example.nl;4;3;\r\nANOUK@example.nl;5;3;\r\n`,
      MAPPING,
      'DUPLICATE_RESPONDENT',
      { row: 3, column: 'E-mail' },
    ],
    ['an unknown round', () => `${HEADER}\r\n`, MAPPING, 'UNKNOWN_ROUND', {}],
    ['a malformed e-mail address', () => `${HEADER}\r\nnot-an-address;4;3;\r\n`, MAPPING, 'BAD_EMAIL', { row: 2, column: 'E-mail' }],
    ['an unclosed quote', () => `${HEADER}\r\nanouk@example.nl;4;3;"open\r\n`, MAPPING, 'PARSE', {}],
    ['one bad row among many', () => many(500) + '\r\nbram@example.nl;9;3;\r\n', MAPPING, 'OUT_OF_RANGE', { row: 502 }],
  ])('%s: a precise report and nothing written', async (_name, bytes, mapping, code, at) => {
    const report = await importing(bytes(), mapping, _name === 'an unknown round' ? 'later' : 'pre');
    expect(report.ok).toBe(false);
    const p = problem(report, code);
    expect(p, JSON.stringify(report.problems.slice(0, 5))).toBeDefined();
    expect(p).toMatchObject({ severity: 'error', ...at });
    expect(p!.message.length).toBeGreaterThan(10);
  });

  it('reads UTF-16 with a byte-order mark, and says so', async () => {
    const csv = `${HEADER}\r\nzoe@example.nl;4;3;Zoë’s café, ☕\r\n`;
    const report = await importing(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, 'utf16-le')]));
    expect(report.ok).toBe(true);
    expect(problem(report, 'ENCODING')).toMatchObject({ severity: 'warning' });
    expect(data.store.sqlite.prepare("select text from answer where item = 'comp_explain' order by response_id desc").pluck().get()).toBe(
      'Zoë’s café, ☕',
    );
  });

  it('reads Windows-1252 (Excel "CSV"), and says so', async () => {
    const csv = `${HEADER}\r\nzoe@example.nl;4;3;Zoë, café – prima\r\n`;
    const report = await importing(iconv.encode(csv, 'win1252'));
    expect(report.ok).toBe(true);
    expect(problem(report, 'ENCODING')?.message).toMatch(/Windows-1252/);
    expect(
      data.store.sqlite
        .prepare("select text from answer where item = 'comp_explain' and text like 'Zo%' order by response_id desc")
        .pluck()
        .get(),
    ).toBe('Zoë, café – prima');
  });

  it('lists every problem of a large file, each code cut at 200 with its full count', async () => {
    const report = await importing(`${HEADER}\r\n` + Array.from({ length: 300 }, (_, i) => `p${i}@example.nl;9;3;`).join('\r\n'));
    expect(report.truncated).toMatchObject({ UNKNOWN_PARTICIPANT: 300 });
    expect(report.problems.filter((p) => p.code === 'UNKNOWN_PARTICIPANT')).toHaveLength(200);
  });
});

describe('a planned response', () => {
  it('keeps its cells column-wise and gives each back as written: codes, missing codes and texts in any order', () => {
    const targets = [
      { item: 'a', sub: '', partnerId: null, toolId: null },
      { item: 'g', sub: 'p1.frequency', partnerId: 7, toolId: null },
      { item: 't', sub: '', partnerId: null, toolId: null },
    ];
    const cells = new PlannedCells(targets);
    const written = [
      { target: 0, code: 4, missing: null, text: null },
      { target: 1, code: null, missing: 'dont_know', text: null },
      { target: 2, code: null, missing: null, text: 'eerst een code, dan pas tekst' },
      { target: 1, code: 2.5, missing: null, text: null },
      { target: 0, code: null, missing: 'not_applicable', text: null },
      { target: 2, code: null, missing: null, text: '' },
    ] as const;
    for (const { target, ...value } of written) cells.add(target, value);
    expect(cells.length).toBe(written.length);
    expect(Array.from({ length: cells.length }, (_, k) => cells.cell(k))).toEqual(
      written.map(({ target, ...value }) => ({ ...targets[target], ...value })),
    );
    // A response without texts never allocates them.
    const plain = new PlannedCells(targets);
    plain.add(0, { code: 0, missing: null, text: null });
    expect(plain.cell(0)).toEqual({ ...targets[0], code: 0, missing: null, text: null });
  });
});
