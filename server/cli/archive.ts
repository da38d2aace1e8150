import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { ApiError } from '../errors.js';
import { archiveStudy, unarchiveStudy } from '../studies/archive-study.js';
import { findStudyBySlug } from '../studies/repository.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

const USAGE = `rondo archive --study SLUG [--undo] [--data DIR]

Archives a finished study: read-only from then on (no edits, no sending; participants' links say
the study is closed) and out of the study lists unless archived studies are shown. Refused while
a round is open, in its grace period or planned to open. --undo takes the study out of the
archive. Both are audit-logged as done by "cli".`;

/** rondo archive: the set-up screen's archive and unarchive buttons (server/studies/archive-study.ts). */
export const archiveCommand: Command = {
  name: 'archive',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parse(argv, { ...DATA_OPTION, study: { type: 'string' }, undo: { type: 'boolean' } });
    if (values.help) return (io.out(USAGE + '\n'), 0);
    if (!values.study) throw new CliError('--study SLUG is required');
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const study = await findStudyBySlug(data.store.db, values.study);
      if (!study) throw new CliError(`there is no study "${values.study}"`, 1);
      const input = { studyId: study.id, actor: 'cli', now: new Date() };
      if (values.undo) {
        await unarchiveStudy(data.store.db, input);
        io.out(`study "${study.slug}" is active again\n`);
        return 0;
      }
      try {
        const at = await archiveStudy(data.store.db, { ...input, study: study.definition });
        io.out(`study "${study.slug}" archived at ${at}\n`);
        return 0;
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(`${err.message}`, 1);
        throw err;
      }
    } finally {
      await data.store.close();
    }
  },
};
