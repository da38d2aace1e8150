import path from 'node:path';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { contactCount, logExportAccess } from '../exchange/access.js';
import { openExport, submittedCount, type ExportContext } from '../exchange/context.js';
import { exportFiles, writeExport } from '../exchange/export.js';
import { EXPORT_FORMATS, FLAVOURS, isXlsxFormat, XLSX_FORMATS, type ExportFormat, type FlavourName } from '../exchange/formats.js';
import { StudyNotFound } from '../exchange/study-data.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

export const exportCommand: Command = {
  name: 'export',
  usage: `rondo export --study SLUG --format long|wide|round|codebook|spss|sav|r|bundle --out PATH
             [--file csv|xlsx] [--flavour nl|intl] [--open-text] [--lang nl|en] [--contacts] [--data DIR]

  long      one row per response × variable (with status and value)      --out FILE.csv
  wide      one row per participant, variables suffixed per round        --out FILE.csv
  round     one file per round, one row per response                     --out DIR
  codebook  codebook.csv and codebook.json                               --out DIR
  spss      wide.csv and wide.sps (labels, value labels, missing codes)  --out DIR
  sav       the wide file as an SPSS data file, labels applied            --out FILE.sav
  r         wide.csv and wide.R (factor labels)                          --out DIR
  bundle    a zip of all of the above, response rates and a README       --out FILE.zip

--file xlsx     an Excel workbook instead of CSV (long, wide, round, codebook): the values,
                a value_labels sheet and the codebook sheet                  --out FILE.xlsx
--flavour nl    Dutch Excel: ";" between cells, decimal comma, UTF-8 byte-order mark
--flavour intl  RFC 4180 CSV: "," and a decimal point (default)
--open-text     include answers to open questions (left out by default: they can identify)
--lang          language of the labels in the SPSS and R scripts (default nl)
--contacts      also write contacts.csv (keys with names and e-mail addresses); audit-logged

Missing values: -99 don't know, -98 not applicable, -97 not asked; empty = no answer.
Keys are pseudonymous; see docs/exchange.md.`,
  async run(argv, io) {
    const { values } = parse(argv, {
      ...DATA_OPTION,
      study: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      flavour: { type: 'string' },
      'open-text': { type: 'boolean' },
      lang: { type: 'string' },
      contacts: { type: 'boolean' },
      file: { type: 'string' },
    });
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (!values.study) throw new CliError('--study SLUG is required');
    if (!values.format || !(EXPORT_FORMATS as readonly string[]).includes(values.format))
      throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    if (!values.out) throw new CliError('--out PATH is required');
    const flavour = (values.flavour ?? 'intl') as FlavourName;
    if (!(FLAVOURS as readonly string[]).includes(flavour)) throw new CliError(`--flavour must be one of ${FLAVOURS.join(', ')}`);
    const lang = values.lang ?? 'nl';
    if (lang !== 'nl' && lang !== 'en') throw new CliError('--lang must be nl or en');
    const format = values.format as ExportFormat;
    const file = values.file ?? 'csv';
    if (file !== 'csv' && file !== 'xlsx') throw new CliError('--file must be csv or xlsx');
    if (file === 'xlsx' && !isXlsxFormat(format)) throw new CliError(`--file xlsx goes with --format ${XLSX_FORMATS.join(', ')}`);

    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      let ctx: ExportContext;
      try {
        ctx = openExport(data.store, values.study, { flavour, openText: values['open-text'] ?? false, lang });
      } catch (err) {
        if (err instanceof StudyNotFound) throw new CliError(err.message, 1);
        throw err;
      }
      const responses = submittedCount(ctx);
      const started = Date.now();
      // Recorded before a byte is written, like the screen's downloads.
      await writeTx(data.store.db, (trx) =>
        logExportAccess(trx, ctx, { actor: 'cli' }, { format, contacts: values.contacts ? contactCount(ctx) : null, data: true }),
      );
      const files = exportFiles(ctx, format, { contacts: values.contacts, file });
      const written = await writeExport(files, format, path.resolve(values.out));
      await writeTx(data.store.db, async (trx) => {
        const details = { format, flavour, openText: ctx.options.openText, ...(file === 'xlsx' ? { file } : {}), responses };
        await audit(trx, { actor: 'cli', studyId: ctx.study.id, action: 'export.data', target: format, details });
        if (values.contacts)
          await audit(trx, {
            actor: 'cli',
            studyId: ctx.study.id,
            action: 'export.contacts',
            target: format,
            details: { files: written.map((f) => path.basename(f)) },
          });
      });
      io.out(
        `${written.map((f) => `wrote ${f}`).join('\n')}\n${responses} responses in ${((Date.now() - started) / 1000).toFixed(1)} s${ctx.stats.unmapped ? `; ${ctx.stats.unmapped} stored cells belong to no current variable and were left out` : ''}\n`,
      );
      if (values.contacts)
        io.err('contacts.csv holds names and e-mail addresses; this export was recorded in the audit log and the personal-data access log');
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
