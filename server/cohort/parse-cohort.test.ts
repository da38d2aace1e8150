import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeCsv, type EncodingChoice } from './decode.js';
import { guessMapping, parseCohort, type CohortContext, type DelimiterChoice } from './parse-cohort.js';

/**
 * The cohort importer on a table of good and bad files: each row is a file as bytes and the
 * report it must give (file problems, row problems by row and column, counts). Nothing here
 * writes; the commit reuses exactly this parse (participants.ts).
 */
const ctx = (): CohortContext => ({
  existing: new Map([['al.lid@ggd.nl', 'P-AAAAAA']]),
  roles: ['praktijkondersteuner'],
  keys: new Set(['P-AAAAAA']),
});
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const HEADER = 'Naam;E-mail;Organisatie;Functie;Team\r\n';

interface Case {
  name: string;
  bytes: Buffer;
  encoding?: EncodingChoice;
  delimiter?: DelimiterChoice;
  acceptRoles?: string[];
  /** A decode refusal: the file is not a text table. */
  refused?: string;
  fileProblems?: string[];
  problems?: { row: number; column?: string; code: string }[];
  counts?: { rows: number; valid: number; invalid: number };
  check?: (p: ReturnType<typeof parseCohort>) => void;
}

const cases: Case[] = [
  {
    name: 'Dutch Excel: UTF-8, semicolons, CRLF',
    bytes: utf8(
      `${HEADER}Anna de Vries;anna@ggd.nl;GGD Limburg-Noord;JGZ-verpleegkundige;Venlo\r\nJoël ` +
        `Peeters;JOEL@Wijkteam.nl;Wijkteam Venray;gezinscoach;\r\n`,
    ),
    counts: { rows: 2, valid: 2, invalid: 0 },
    check: (p) => {
      expect(p.delimiter).toBe(';');
      expect(p.rows[1].values).toMatchObject({ name: 'Joël Peeters', email: 'JOEL@Wijkteam.nl', organisation: 'Wijkteam Venray' });
      expect(p.rows[0].role).toBe('jgz-verpleegkundige');
    },
  },
  {
    name: 'UTF-8 with a byte-order mark and commas, English headers',
    bytes: Buffer.concat([BOM, utf8('Name,Email,Organisation,Role\nAnna,anna@ggd.nl,GGD,gezinscoach\n')]),
    counts: { rows: 1, valid: 1, invalid: 0 },
    check: (p) => expect(p.headers[0]).toBe('Name'),
  },
  {
    name: 'Windows-1252 detected (bytes that are not UTF-8)',
    bytes: iconv.encode(`${HEADER}Zoë Müller;zoe@ggd.nl;Café Ĳssel;gezinscoach;\r\n`.replace('Ĳ', 'IJ'), 'win1252'),
    counts: { rows: 1, valid: 1, invalid: 0 },
    check: (p) => expect(p.rows[0].values.name).toBe('Zoë Müller'),
  },
  {
    name: 'Windows-1252 chosen by the user',
    bytes: iconv.encode(`${HEADER}René;rene@ggd.nl;GGD;gezinscoach;\r\n`, 'win1252'),
    encoding: 'windows-1252',
    counts: { rows: 1, valid: 1, invalid: 0 },
    check: (p) => expect(p.rows[0].values.name).toBe('René'),
  },
  {
    name: 'UTF-8 chosen but the file is Windows-1252',
    bytes: iconv.encode(`${HEADER}René;rene@ggd.nl;GGD;;\r\n`, 'win1252'),
    encoding: 'utf-8',
    refused: 'not-utf8',
  },
  {
    name: 'UTF-16 with a byte-order mark (Excel "Unicode text"), tabs',
    bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Naam\tE-mail\nAnna\tanna@ggd.nl\n', 'utf-16le')]),
    counts: { rows: 1, valid: 1, invalid: 0 },
    check: (p) => expect(p.delimiter).toBe('\t'),
  },
  {
    name: 'every row problem, by row and column',
    bytes: utf8(
      `${HEADER}Anna;anna@ggd.nl;GGD;gezinscoach;\r\n;;GGD;gezinscoach;\r\nBert;bert@;GGD;gezinscoach;\r\nCor;ANNA@ggd.nl;GGD;gezinscoach;\r\nDirk;al.lid@ggd.nl;GGD;gezinscoach;\r\nEva;eva@ggd.nl;GGD;tovenaar;\r\nFrits;frits@ggd.nl;"=HYPERLINK(""http://x"";""klik"")";gezinscoach;\r\n`,
    ),
    counts: { rows: 7, valid: 1, invalid: 6 },
    problems: [
      { row: 3, column: 'E-mail', code: 'missing-email' },
      { row: 4, column: 'E-mail', code: 'invalid-email' },
      { row: 5, column: 'E-mail', code: 'duplicate-in-file' },
      { row: 6, column: 'E-mail', code: 'already-in-cohort' },
      { row: 7, column: 'Functie', code: 'unknown-role' },
      { row: 8, column: 'Organisatie', code: 'formula' },
    ],
    check: (p) => expect(p.unknownRoles).toEqual(['tovenaar']),
  },
  {
    name: 'a new role accepted by the researcher',
    bytes: utf8(`${HEADER}Eva;eva@ggd.nl;GGD;Tovenaar;\r\n`),
    acceptRoles: ['tovenaar'],
    counts: { rows: 1, valid: 1, invalid: 0 },
  },
  {
    name: 'a role the study already uses, spelled differently',
    bytes: utf8(`${HEADER}Eva;eva@ggd.nl;GGD;Praktijk-ondersteuner;\r\n`.replace('Praktijk-ondersteuner', 'PRAKTIJKONDERSTEUNER')),
    counts: { rows: 1, valid: 1, invalid: 0 },
    check: (p) => expect(p.rows[0].role).toBe('praktijkondersteuner'),
  },
  {
    name: '__proto__ and constructor headers are just unused columns',
    bytes: utf8('__proto__;constructor;E-mail;prototype\r\n{"polluted":1};x;anna@ggd.nl;y\r\n'),
    counts: { rows: 1, valid: 1, invalid: 0 },
    check: (p) => {
      expect(p.mapping).toEqual({ name: null, email: 2, organisation: null, role: null, team: null, key: null });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  },
  {
    name: 'ragged rows',
    bytes: utf8(`${HEADER}Anna;anna@ggd.nl;GGD;gezinscoach;;extra\r\nBert;bert@ggd.nl\r\n`),
    counts: { rows: 2, valid: 0, invalid: 2 },
    problems: [
      { row: 2, code: 'ragged' },
      { row: 3, code: 'ragged' },
    ],
  },
  {
    name: 'unbalanced quotes',
    bytes: utf8(`${HEADER}"Anna;anna@ggd.nl;GGD;gezinscoach;\r\nBert;bert@ggd.nl;GGD;gezinscoach;\r\n`),
    fileProblems: ['unbalanced-quotes'],
  },
  { name: 'no e-mail column', bytes: utf8('Naam;Organisatie\r\nAnna;GGD\r\n'), fileProblems: ['no-email-column'] },
  { name: 'a header row only', bytes: utf8(HEADER), fileProblems: ['no-rows'] },
  {
    name: 'no header row',
    bytes: utf8('Anna;anna@ggd.nl;GGD\r\nBert;bert@ggd.nl;GGD\r\n'),
    fileProblems: ['header-looks-like-data', 'no-email-column'],
  },
  {
    name: "the researcher's own key column, unique and valid: kept",
    bytes: utf8('Sleutel;Naam;E-mail\r\nGGD-001;Anna;anna@ggd.nl\r\nggd_002;Bram;bram@ggd.nl\r\n'),
    counts: { rows: 2, valid: 2, invalid: 0 },
    check: (p) => {
      expect(p.mapping.key).toBe(0);
      expect(p.rows.map((r) => r.values.key)).toEqual(['GGD-001', 'ggd_002']);
    },
  },
  {
    name: 'a key column with a duplicate, invalid characters, an empty cell and a key the study has: each row says why',
    bytes: utf8(
      'key;Naam;E-mail\r\nA1;Anna;anna@ggd.nl\r\nA1;Bram;bram@ggd.nl\r\nA ' +
        '2/b;Cas;cas@ggd.nl\r\n;Dirk;dirk@ggd.nl\r\nP-AAAAAA;Eva;eva@ggd.nl\r\n',
    ),
    counts: { rows: 5, valid: 1, invalid: 4 },
    problems: [
      { row: 3, column: 'key', code: 'duplicate-key' },
      { row: 4, column: 'key', code: 'invalid-key' },
      { row: 5, column: 'key', code: 'invalid-key' },
      { row: 6, column: 'key', code: 'key-taken' },
    ],
    check: (p) => {
      expect(p.problems[0].message.en).toBe('Key "A1" is in row 2 and row 3; a key belongs to one participant.');
      expect(p.problems[1].message.nl).toBe(
        'Rij 4: sleutel "A 2/b" heeft tekens die niet mogen: alleen letters, cijfers, - en _, hoogstens 40.',
      );
      expect(p.problems[2].message.en).toBe('Row 5: the key is missing.');
    },
  },
  { name: 'an empty file', bytes: Buffer.alloc(0), refused: 'empty' },
  {
    name: 'a binary file renamed .csv',
    bytes: Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10, 0x00, 0x41, 0x00]),
    refused: 'binary',
  },
  {
    name: 'an Excel workbook renamed .csv',
    bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]),
    refused: 'binary',
  },
];

describe('the cohort CSV importer', () => {
  for (const c of cases) {
    it(c.name, () => {
      const decoded = decodeCsv(c.bytes, c.encoding ?? 'auto');
      if (c.refused) {
        expect(decoded).toMatchObject({ ok: false, code: c.refused });
        return;
      }
      if (!decoded.ok) throw new Error(`refused: ${decoded.message}`);
      const p = parseCohort(decoded.text, { ...ctx(), acceptRoles: c.acceptRoles }, { delimiter: c.delimiter ?? 'auto' });
      expect(p.fileProblems.map((f) => f.code)).toEqual(c.fileProblems ?? []);
      if (c.counts) expect(p.counts).toEqual({ ...c.counts, problems: p.problems.length });
      if (c.problems)
        expect(p.problems.map(({ row, column, code }) => (column ? { row, column, code } : { row, code }))).toEqual(c.problems);
      for (const pr of [...p.fileProblems, ...p.problems]) {
        expect(pr.message.nl).toBeTruthy();
        expect(pr.message.en).toBeTruthy();
      }
      c.check?.(p);
    });
  }

  it('reads rondo’s own contacts.csv with the key column as the key and the name column as the name', () => {
    expect(guessMapping(['participant', 'name', 'email'])).toMatchObject({ key: 0, name: 1, email: 2 });
    expect(guessMapping(['Deelnemer', 'E-mail'])).toMatchObject({ name: 0, email: 1, key: null });
  });

  it('never throws, whatever the bytes', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(Array.from({ length: 1 + ((i * 37) % 300) }, (_, j) => (i * 131 + j * 17) % 256));
      const d = decodeCsv(bytes);
      if (d.ok) expect(() => parseCohort(d.text, ctx())).not.toThrow();
    }
  });
});
