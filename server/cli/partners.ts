import fs from 'node:fs';
import Papa from 'papaparse';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { decodeCsv } from '../cohort/decode.js';
import { guessDelimiter, looksLikeFormula } from '../cohort/parse-cohort.js';
import { changeableStudyId, CliError, DATA_OPTION, parse, type Command } from './command.js';

const USAGE = `rondo partners import --study SLUG --file PARTNERS.csv [--dry-run] [--data DIR]

Adds partners (whatever the study calls them: chain partners, domains …; the rows of the
questionnaire's partner grid) at the end of the study's list, in the file's order. The file has
a header row with a name column (Naam / Name / Partner) and optionally a domain column (Domein /
Domain / Sector); ";", "," or tab between cells, UTF-8 or Windows-1252. Every problem is listed
by row; nothing is written when there is one (a name twice in the file or already in the study,
an empty name, a name longer than 120 characters, a cell that starts like a spreadsheet formula).
--dry-run checks and lists without writing.`;

const NAME_HEADERS = ['naam', 'name', 'partner', 'ketenpartner', 'organisatie', 'organisation'];
const DOMAIN_HEADERS = ['domein', 'domain', 'sector', 'soort', 'kind'];

interface Problem {
  row: number | null;
  message: string;
}

/** Reads a partner list: rows with their line numbers, or the problems that stop it. */
export function readPartnerCsv(bytes: Buffer, existing: string[]): { partners: { name: string; domain: string }[]; problems: Problem[] } {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { partners: [], problems: [{ row: null, message: decoded.message }] };
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter: guessDelimiter(decoded.text), skipEmptyLines: 'greedy' });
  const problems: Problem[] = parsed.errors.map((e) => ({ row: e.row === undefined ? null : e.row + 1, message: e.message }));
  const [header = [], ...rows] = parsed.data;
  const norm = (h: string) => h.trim().toLowerCase();
  const nameAt = header.findIndex((h) => NAME_HEADERS.includes(norm(h)));
  const domainAt = header.findIndex((h) => DOMAIN_HEADERS.includes(norm(h)));
  if (nameAt < 0) {
    problems.push({
      row: 1,
      message: `no name column: the header row needs one of ${NAME_HEADERS.join(', ')} (found: ${header.join(', ') || 'nothing'})`,
    });
    return { partners: [], problems };
  }
  if (!rows.length) problems.push({ row: null, message: 'the file has a header row but no partners' });
  const seen = new Map(existing.map((n) => [key(n), 'the study']));
  const partners: { name: string; domain: string }[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    const name = (cells[nameAt] ?? '').replace(/\s+/g, ' ').trim();
    const domain = domainAt < 0 ? '' : (cells[domainAt] ?? '').replace(/\s+/g, ' ').trim();
    if (!name) return problems.push({ row, message: 'the name is empty' });
    if (name.length > 120 || domain.length > 120) return problems.push({ row, message: 'a name or domain is longer than 120 characters' });
    if (looksLikeFormula(name) || looksLikeFormula(domain))
      return problems.push({ row, message: `"${name}" starts like a spreadsheet formula (=, +, -, @); write it without that sign` });
    const earlier = seen.get(key(name));
    if (earlier) return problems.push({ row, message: `"${name}" is already in ${earlier}` });
    seen.set(key(name), `row ${row}`);
    partners.push({ name, domain });
  });
  return { partners, problems };
}

const key = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();

/** rondo partners import: a partner list from a spreadsheet instead of typing it on the set-up screen. */
export const partnersCommand: Command = {
  name: 'partners',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { ...DATA_OPTION, study: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
      true,
    );
    if (values.help) return (io.out(USAGE + '\n'), 0);
    if (positionals[0] !== 'import' || positionals.length !== 1)
      throw new CliError('usage: rondo partners import --study SLUG --file PARTNERS.csv [--dry-run]');
    if (!values.study) throw new CliError('--study SLUG is required');
    if (!values.file) throw new CliError('--file PARTNERS.csv is required');
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(values.file);
    } catch (err) {
      throw new CliError(`${values.file} cannot be read: ${(err as NodeJS.ErrnoException).code}`, 1);
    }
    if (bytes.length > 1024 * 1024) throw new CliError(`${values.file} is larger than 1 MB; a partner list is much shorter`, 1);
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const studyId = await changeableStudyId(data.store.db, values.study);
      const added = await writeTx(data.store.db, async (trx) => {
        const rows = await trx.selectFrom('partner').select(['name', 'position']).where('study_id', '=', studyId).execute();
        const { partners, problems } = readPartnerCsv(
          bytes,
          rows.map((r) => r.name),
        );
        for (const p of problems) io.err(`${p.row === null ? '' : `row ${p.row}: `}${p.message}`);
        if (rows.length + partners.length > 200) problems.push({ row: null, message: 'a study can have at most 200 partners' });
        if (problems.length) throw new CliError(`${problems.length} problem${problems.length === 1 ? '' : 's'}: nothing was written`, 1);
        io.out(`${partners.length} partners to add after the ${rows.length} the study has: ${partners.map((p) => p.name).join(', ')}\n`);
        if (values['dry-run']) return null;
        let position = Math.max(-1, ...rows.map((r) => r.position));
        for (const p of partners) {
          const { id } = await trx
            .insertInto('partner')
            .values({ study_id: studyId, position: ++position, name: p.name, domain: p.domain })
            .returning('id')
            .executeTakeFirstOrThrow();
          // As the set-up screen records an added partner.
          await audit(trx, { actor: 'cli', studyId, action: 'partner.add', target: String(id), details: { name: p.name } });
        }
        return partners.length;
      });
      io.out(added === null ? 'dry run: nothing was written\n' : `${added} partners added\n`);
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
