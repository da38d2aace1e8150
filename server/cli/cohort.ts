import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { ApiError } from '../errors.js';
import { ENCODINGS, type EncodingChoice } from '../cohort/decode.js';
import { DELIMITERS, type DelimiterChoice } from '../cohort/parse-cohort.js';
import { commitImport, previewImport, safeFileName } from '../cohort/participants.js';
import { changeableStudyId, CliError, DATA_OPTION, parse, type Command } from './command.js';

/** rondo cohort import FILE --study SLUG: the participant import of the set-up screens, for scripts. */
export const cohortCommand: Command = {
  name: 'cohort',
  usage: `rondo cohort import FILE --study SLUG [--encoding auto|utf-8|windows-1252] [--delimiter auto|;|,|tab]
             [--accept-role ROLE …] [--skip-invalid] [--dry-run] [--data DIR]

Reads FILE (a header row with columns such as Naam, E-mail, Organisatie, Functie, Team, and
optionally Sleutel/key: the participants' own keys, kept when valid and unique; group: the
respondent group's key or name; the study's cohort attributes by key or label — the columns of
the export's contacts.csv) and lists every problem by row and column. Without --dry-run all rows are written in one
transaction, or none when any row has a problem (unless --skip-invalid).`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        study: { type: 'string' },
        encoding: { type: 'string' },
        delimiter: { type: 'string' },
        'accept-role': { type: 'string', multiple: true },
        'skip-invalid': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
      },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'import' || positionals.length !== 2) throw new CliError('usage: rondo cohort import FILE --study SLUG');
    if (!values.study) throw new CliError('--study SLUG is required');
    const encoding = (values.encoding ?? 'auto') as EncodingChoice;
    if (!(ENCODINGS as readonly string[]).includes(encoding)) throw new CliError(`--encoding must be one of ${ENCODINGS.join(', ')}`);
    const delimiter = (values.delimiter ?? 'auto') as DelimiterChoice;
    if (!(DELIMITERS as readonly string[]).includes(delimiter)) throw new CliError(`--delimiter must be one of ${DELIMITERS.join(', ')}`);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(positionals[1]);
    } catch (err) {
      throw new CliError(`${positionals[1]} cannot be read: ${(err as NodeJS.ErrnoException).code}`, 1);
    }
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const studyId = await changeableStudyId(data.store.db, values.study);
      const options = { encoding, delimiter, acceptRoles: values['accept-role'] ?? [] };
      const result = await previewImport(data.store.db, studyId, bytes, options);
      if (!result.ok) throw new CliError(result.message, 1);
      const { preview } = result;
      for (const p of [...preview.fileProblems, ...preview.problems]) {
        io.err(`${p.row ? `row ${p.row}${p.column ? `, column "${p.column}"` : ''}: ` : ''}${p.message.en}`);
      }
      io.out(
        `${preview.counts.rows} rows read (${result.encoding}, delimiter ${preview.delimiter === '\t' ? 'tab' : preview.delimiter}): ${preview.counts.valid} fine, ${preview.counts.invalid} with problems\n`,
      );
      const keyColumn = preview.mapping.key ?? null;
      io.out(
        keyColumn === null
          ? 'keys: generated (no key column)\n'
          : `keys: the file's own, from column "${preview.headers[keyColumn]}" (a row whose key is not valid and unique is refused)\n`,
      );
      if (preview.unknownRoles.length) io.out(`new roles (accept with --accept-role): ${preview.unknownRoles.join(', ')}\n`);
      if (values['dry-run']) return preview.fileProblems.length || preview.counts.invalid ? 1 : 0;
      try {
        const done = await commitImport(
          data.store.db,
          studyId,
          bytes,
          { ...options, skipInvalid: values['skip-invalid'] ?? false, fileName: safeFileName(positionals[1]) },
          { actor: 'cli' },
        );
        io.out(`${done.added} participants added${done.skipped ? `, ${done.skipped} rows skipped` : ''}\n`);
        return 0;
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(`${err.message} (nothing was written)`, 1);
        throw err;
      }
    } finally {
      await data.store.close();
    }
  },
};
