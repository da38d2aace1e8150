import { roundKeyFromName, roundKeyProblem } from '../../model/round-key.js';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { writeTx } from '../db/tx.js';
import { audit } from '../audit.js';
import { changeableStudyId, CliError, DATA_OPTION, parse, type Command } from './command.js';

const USAGE = `rondo round add --study SLUG --key KEY --name NAME [--name-en NAME] [--opens TIME] [--closes TIME] [--data DIR]

Adds a measurement round at the end of the study's rounds. KEY is the round's key in variable
names and files (a lower-case letter, then up to 19 of a-z, 0-9 and _; e.g. follow_up), unique in
the study; --key may be left out, then it is made from NAME ("Eerste helft 2027" gives eerste_helft_2027). NAME is the Dutch name
(--name-en the English one; default the same). --opens and --closes are ISO-8601 times
(2027-03-01T09:00:00+01:00, or a date: 2027-03-01 is midnight UTC); without them the round is a
draft, planned later on the Fieldwork screen. Nothing is written when anything is wrong.`;

/** rondo round add: the set-up screen's "add round", with the key and times a script wants to choose. */
export const roundCommand: Command = {
  name: 'round',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        study: { type: 'string' },
        key: { type: 'string' },
        name: { type: 'string' },
        'name-en': { type: 'string' },
        opens: { type: 'string' },
        closes: { type: 'string' },
      },
      true,
    );
    if (values.help) return (io.out(USAGE + '\n'), 0);
    if (positionals[0] !== 'add' || positionals.length !== 1)
      throw new CliError('usage: rondo round add --study SLUG --key KEY --name NAME');
    if (!values.study) throw new CliError('--study SLUG is required');
    const nl = values.name?.replace(/\s+/g, ' ').trim();
    if (!nl) throw new CliError('--name NAME is required (the round as respondents and the dashboard name it)');
    if (nl.length > 200) throw new CliError('--name is longer than 200 characters');
    const en = values['name-en']?.replace(/\s+/g, ' ').trim() || nl;
    const opensAt = time(values.opens, '--opens');
    let key = values.key?.trim() ?? '';
    const bad = values.key === undefined ? null : roundKeyProblem(key, []);
    if (bad) throw new CliError(`--key "${values.key}" is not a round key: ${bad.en}`);
    const closesAt = time(values.closes, '--closes');
    if (opensAt && closesAt && closesAt <= opensAt) throw new CliError('--closes must be after --opens');

    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const studyId = await changeableStudyId(data.store.db, values.study);
      if (values.key === undefined) {
        const taken = await data.store.db.selectFrom('round').select('key').where('study_id', '=', studyId).execute();
        key = roundKeyFromName(
          nl,
          taken.map((r) => r.key),
        );
      }
      await writeTx(data.store.db, async (trx) => {
        const rows = await trx.selectFrom('round').select(['key', 'position']).where('study_id', '=', studyId).execute();
        if (rows.length >= 20) throw new CliError('a study can have at most 20 rounds', 1);
        const taken = rows.map((r) => r.key);
        if (roundKeyProblem(key, taken)) throw new CliError(`the study already has a round "${key}"`, 1);
        await trx
          .insertInto('round')
          .values({
            study_id: studyId,
            key,
            position: Math.max(-1, ...rows.map((r) => r.position)) + 1,
            label_nl: nl,
            label_en: en,
            opens_at: opensAt,
            closes_at: closesAt,
            anonymous_link_hash: null,
          })
          .execute();
        await audit(trx, { actor: 'cli', studyId, action: 'round.add', target: `round:${key}`, details: { opensAt, closesAt } });
      });
      io.out(
        `added round "${key}" (${nl}) to ${values.study}` +
          `${opensAt ? `, opens ${opensAt}` : ''}${closesAt ? `, closes ${closesAt}` : ''}\n` +
          'ask questions in it with the questionnaire screen or rondo questionnaire import\n',
      );
      return 0;
    } finally {
      await data.store.close();
    }
  },
};

/** An ISO-8601 date or time as stored (UTC), or null when not given. */
function time(value: string | undefined, option: string): string | null {
  if (value === undefined) return null;
  const ms = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
    ? Date.parse(value)
    : NaN;
  if (Number.isNaN(ms))
    throw new CliError(`${option} "${value}" is not an ISO-8601 date or time (e.g. 2027-03-01 or 2027-03-01T09:00:00+01:00)`);
  return new Date(ms).toISOString();
}
