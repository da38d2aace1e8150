import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { commitImport, dryRunImport, ImportRejected } from '../exchange/import/commit.js';
import { MAX_IMPORT_BYTES } from '../exchange/import/decode.js';
import { withinColumnLimit } from '../exchange/import/parse.js';
import { uploadRows } from '../exchange/xlsx/import-input.js';
import type { ImportReport } from '../exchange/import/plan.js';
import { ProblemList } from '../exchange/import/problems.js';
import { suggestMapping } from '../exchange/import/suggest.js';
import { findSavedMapping, saveMapping } from '../exchange/import/saved.js';
import { IMPORT_INVITE } from '../../model/values.js';
import { loadExchangeStudy, StudyNotFound } from '../exchange/study-data.js';
import { changeableStudyId, CliError, DATA_OPTION, parse, type Command } from './command.js';

/** The report as lines for a terminal: counts, then every problem with its row and column. */
export function formatReport(report: ImportReport, committed: boolean, lang: 'nl' | 'en' = 'nl'): string {
  const c = report.counts;
  const lines = [
    `${report.file.name}: ${report.file.rows} rows, ${report.file.columns.length} columns (${report.shape}, ${report.file.encoding ?? '?'}, delimiter ${JSON.stringify(report.file.delimiter ?? '?')}), sha256 ${report.file.sha256.slice(0, 12)}…`,
    `round ${report.round ?? '?'}: ${c.responses} responses (${c.anonymous} anonymous), ${c.cells} answers, ${c.participantsMatched} participants matched, ${c.participantsCreated} to create, ${c.invitationsCreated} invitations to add, ${c.filteredOut} rows filtered out, ${c.empty} rows without answers`,
  ];
  // The response each round will have, in the interface language: the figure a caveat or a factsheet will use.
  for (const r of report.rates)
    lines.push(`${lang === 'nl' ? 'respons' : 'response'} ${r.round}${r.imported ? ' *' : ''}: ${r.text[lang]}`);
  for (const p of report.problems) {
    const where = [p.row !== null ? `row ${p.row}` : null, p.column !== null ? `column "${p.column}"` : null].filter(Boolean).join(', ');
    lines.push(`${p.severity === 'error' ? 'error' : 'warning'} ${p.code}${where ? ` (${where})` : ''}: ${p.message}`);
  }
  for (const [code, n] of Object.entries(report.truncated)) lines.push(`… ${code}: ${n} in all, the first ${200} listed`);
  lines.push(
    report.ok
      ? committed
        ? `imported as batch ${report.batchId}`
        : 'dry run: no problems that stop the import; nothing was written'
      : `${report.errors} error${report.errors === 1 ? '' : 's'}: nothing was written`,
  );
  return lines.join('\n') + '\n';
}

export const importCommand: Command = {
  name: 'import',
  usage: `rondo import responses --study SLUG --round KEY --file F.csv --mapping M.json [--dry-run] [--json] [--data DIR]
rondo import responses --study SLUG --round KEY --file F.csv --suggest

Imports a CSV of responses (from LimeSurvey, Forms, Qualtrics, or a rondo wide export) into a
round, as one transaction: all rows or none. The mapping (docs/exchange.md) says which column
holds which variable, how values become codes, and how rows are matched to participants.
--dry-run     check everything and report every problem by row and column; write nothing
--suggest     print a suggested mapping for the file (review it, save it, pass it as --mapping)
--json        print the report as JSON
--invite WHO  who was invited to the round (the response rate's denominator): none (default: the
              round's own invitations), cohort (every participant of the study), file (the file's
              rows, or those with 1 in the mapping's invited column)
--saved NAME  use the mapping saved under NAME for this study (instead of --mapping)
--save NAME   save the mapping under NAME for this study, for the next file
--lang nl|en  language of the response lines (default nl)
--sheet NAME  for an .xlsx file: the sheet to read (default the first)
A long file (participant, round, variable or item/partner, value: the long export) is read
round by round. A row without answers is not a response.
The same file is refused a second time for the same round.`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        study: { type: 'string' },
        round: { type: 'string' },
        file: { type: 'string' },
        mapping: { type: 'string' },
        'dry-run': { type: 'boolean' },
        suggest: { type: 'boolean' },
        json: { type: 'boolean' },
        invite: { type: 'string' },
        saved: { type: 'string' },
        save: { type: 'string' },
        lang: { type: 'string' },
        sheet: { type: 'string' },
      },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'responses' || positionals.length !== 1)
      throw new CliError('usage: rondo import responses --study SLUG --round KEY --file F.csv --mapping M.json [--dry-run]');
    if (!values.study) throw new CliError('--study SLUG is required');
    if (!values.file) throw new CliError('--file F.csv is required');
    if (!values.round) throw new CliError('--round KEY is required');
    const file = path.resolve(values.file);
    let size: number;
    try {
      size = fs.statSync(file).size;
    } catch {
      throw new CliError(`cannot read ${file}`);
    }
    if (size > MAX_IMPORT_BYTES)
      throw new CliError(`${file} is ${(size / 1048576).toFixed(1)} MB; the import takes at most ${MAX_IMPORT_BYTES / 1048576} MB`, 1);
    const bytes = fs.readFileSync(file);

    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      if (values.suggest) {
        const study = loadStudy(data.store.sqlite, values.study);
        const problems = new ProblemList();
        const upload = uploadRows(bytes, values.sheet, problems);
        if (!upload) throw new CliError(problems.list.map((p) => p.message).join('; '), 1);
        const { rows } = upload;
        if (!withinColumnLimit(rows[0], problems)) throw new CliError(problems.list[0].message, 1);
        const suggestion = suggestMapping(
          study,
          values.round,
          (rows[0] ?? []).map((h) => h.trim()),
          rows.slice(1),
        );
        io.out(JSON.stringify(suggestion.mapping, null, 2) + '\n');
        for (const u of suggestion.unresolved) {
          io.err(
            `column "${u.column}" (${u.variable}): value "${u.value}" (${u.count}×) ${u.suggestion === null ? 'needs a mapping' : `suggested → ${u.suggestion}`}`,
          );
        }
        return 0;
      }
      const lang = values.lang ?? 'nl';
      if (lang !== 'nl' && lang !== 'en') throw new CliError('--lang is nl or en');
      if (values.invite !== undefined && !(IMPORT_INVITE as readonly string[]).includes(values.invite))
        throw new CliError(`--invite is one of ${IMPORT_INVITE.join(', ')}`);
      const study = loadStudy(data.store.sqlite, values.study);
      let mapping: unknown;
      if (values.saved) {
        const saved = await findSavedMapping(data.store.db, study.id, values.saved);
        if (!saved) throw new CliError(`study ${values.study} has no saved mapping "${values.saved}"`, 1);
        // A saved mapping is for the next file of the same source, whichever round it is for.
        mapping = { ...saved.mapping, round: values.round };
      } else {
        if (!values.mapping) throw new CliError('--mapping M.json is required (or --saved NAME, or --suggest to get one)');
        try {
          mapping = JSON.parse(fs.readFileSync(path.resolve(values.mapping), 'utf8'));
        } catch (err) {
          throw new CliError(
            `${values.mapping}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(err as Error).message})`}`,
          );
        }
      }
      if (values.invite && mapping && typeof mapping === 'object') mapping = { ...mapping, invite: values.invite };
      if (values.save) {
        const result = await saveMapping(data.store.db, study.id, values.save, mapping, { actor: 'cli', now: new Date() });
        if ('problems' in result) throw new CliError(`the mapping is not sound, not saved: ${result.problems.list[0].message}`, 1);
        io.err(`saved the mapping as "${values.save}"`);
      }
      const input = { bytes, fileName: path.basename(file), sheet: values.sheet, mapping, round: values.round, now: new Date() };
      let report: ImportReport;
      let committed = false;
      if (values['dry-run']) report = dryRunImport(data.store, values.study, input);
      else {
        await changeableStudyId(data.store.db, values.study);
        try {
          report = await commitImport(data.store, data.secret, values.study, { ...input, actor: 'cli' });
          committed = true;
        } catch (err) {
          if (!(err instanceof ImportRejected)) throw err;
          report = err.report;
        }
      }
      io.out(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, committed, lang));
      return report.ok ? 0 : 1;
    } finally {
      await data.store.close();
    }
  },
};

function loadStudy(sqlite: Parameters<typeof loadExchangeStudy>[0], slug: string) {
  try {
    return loadExchangeStudy(sqlite, slug);
  } catch (err) {
    if (err instanceof StudyNotFound) throw new CliError(err.message, 1);
    throw err;
  }
}
