import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { writeTx } from '../db/tx.js';
import { ApiError } from '../errors.js';
import { recordSubjectAccess, subjectAccess, type SubjectAccess } from '../privacy/subject-access.js';
import { subjectAccessFile, type SubjectAccessFormat } from '../privacy/subject-access-html.js';
import { findStudyId, getStudy, listStudySlugs } from '../studies/repository.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

const FORMATS = ['json', 'html', 'pdf'] as const;

export const privacyCommand: Command = {
  name: 'privacy',
  usage: `rondo privacy subject-export --study SLUG --key KEY --out FILE [--format json|html|pdf] [--lang nl|en] [--data DIR]

Writes everything rondo holds about one participant, found by their pseudonymous key: contact
details, the cohort record, invitations and the mails sent, every response and answer, themes
and quotes taken from their open answers, and who viewed or exported their data. JSON is the
machine-readable copy (art. 20); HTML and PDF are for reading. The format follows --format, or
the file's extension. Recorded in the personal-data access log and the audit log.`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        study: { type: 'string' },
        key: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        lang: { type: 'string' },
      },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'subject-export') throw new CliError('usage: rondo privacy subject-export --study SLUG --key KEY --out FILE');
    if (!values.study) throw new CliError('--study SLUG is required');
    if (!values.key) throw new CliError('--key KEY is required (the participant code of the cohort screen)');
    if (!values.out) throw new CliError('--out FILE is required');
    const out = path.resolve(values.out);
    const format = (values.format ?? path.extname(out).slice(1).toLowerCase()) || 'json';
    if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}`);
    if (values.lang !== undefined && values.lang !== 'nl' && values.lang !== 'en') throw new CliError('--lang must be nl or en');
    if (fs.existsSync(out)) throw new CliError(`${out} already exists; choose another file`);

    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const db = data.store.db;
      const studyId = await findStudyId(db, values.study);
      if (studyId === null)
        throw new CliError(`there is no study "${values.study}" (studies: ${(await listStudySlugs(db)).join(', ') || 'none'})`, 1);
      const now = new Date();
      let access: SubjectAccess;
      try {
        access = await subjectAccess(data.store, { studyId, key: values.key, now });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'NOT_FOUND')
          throw new CliError(`study ${values.study} has no participant with key "${values.key}"`, 1);
        throw err;
      }
      const lang = (values.lang as 'nl' | 'en' | undefined) ?? 'nl';
      // The readable versions speak of participants and rounds in the study's own words.
      const vocabulary = (await getStudy(db, studyId)).definition.vocabulary;
      let close = async () => {};
      let file: { bytes: string | Buffer };
      try {
        file = await subjectAccessFile(
          access,
          format as SubjectAccessFormat,
          lang,
          async (html) => {
            const { ChromiumMissingError, FactsheetRenderer } = await import('../factsheet/pdf.js');
            const renderer = new FactsheetRenderer();
            close = () => renderer.close();
            return renderer.pdf(html).catch((err) => {
              throw err instanceof ChromiumMissingError ? new CliError(err.message, 1) : err;
            });
          },
          vocabulary,
        );
      } finally {
        await close();
      }
      // Recorded before the file is written, as the screen's downloads are.
      await writeTx(db, (trx) => recordSubjectAccess(trx, { actor: 'cli' }, { studyId, key: access.participant.key, format, at: now }));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, file.bytes, { mode: 0o600, flag: 'wx' });
      io.out(
        `wrote ${out}: ${access.responses.length} responses, ${access.invitations.length} invitations, ${access.accessLog.length} access-log entries\n`,
      );
      io.err('this file holds personal data: hand it to the participant securely; the request was recorded in the access log');
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
