import { loadConfig } from '../config.js';
import { findRound, listRounds } from '../fieldwork/rounds.js';
import { exportMailMerge } from '../fieldwork/mail-merge.js';
import { openData } from '../data.js';
import { findStudyId, listStudySlugs } from '../studies/repository.js';
import { ApiError } from '../errors.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

export const invitations: Command = {
  name: 'invitations',
  usage: `rondo invitations --study SLUG --round KEY [--only-nonresponders] [--format csv] [--data DIR]

Writes the mail-merge file for sending invitations or reminders from Outlook or another mail
program: name, email, link, round, round_label, closing_date. The same file as "Export for
mail merge" on the fieldwork screen (that one starts with a byte order mark for Excel).
Exporting again gives the same links; links already sent keep working. Participants without
a usable e-mail address are left out and named on stderr. Invitations missing for
participants added since the round opened are created first (not after it closed).
--only-nonresponders, the reminder list, only while the round is open. Links use RONDO_BASE_URL.`,
  async run(argv, io) {
    const { values } = parse(argv, {
      ...DATA_OPTION,
      study: { type: 'string' },
      round: { type: 'string' },
      'only-nonresponders': { type: 'boolean' },
      format: { type: 'string' },
    });
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (!values.study) throw new CliError('--study SLUG is required');
    if (!values.round) throw new CliError('--round KEY is required');
    if (values.format !== undefined && values.format !== 'csv')
      throw new CliError(`--format ${values.format} is not supported; the only format is csv`);
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const db = data.store.db;
      const studyId = await findStudyId(db, values.study);
      if (studyId === null)
        throw new CliError(`there is no study "${values.study}" (studies: ${(await listStudySlugs(db)).join(', ') || 'none'})`);
      const round = await findRound(db, studyId, values.round);
      if (!round) {
        const keys = (await listRounds(db, studyId)).map((r) => r.key);
        throw new CliError(`study ${values.study} has no round "${values.round}" (rounds: ${keys.join(', ')})`);
      }
      const result = await exportMailMerge(db, {
        secret: data.secret,
        baseUrl: config.baseUrl,
        studyId,
        round,
        onlyNonresponders: values['only-nonresponders'] ?? false,
        actor: 'cli',
        now: io.now?.() ?? new Date(),
      }).catch((err: unknown) => {
        if (err instanceof ApiError) throw new CliError(`${err.message} (nothing was written)`, 1);
        throw err;
      });
      io.out(result.csv);
      for (const s of result.skipped) io.err(`skipped ${s.participantKey}: ${s.reason}`);
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
