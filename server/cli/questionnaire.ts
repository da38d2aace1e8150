import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { findStudyBySlug } from '../studies/repository.js';
import { currentQuestionnaire, saveQuestionnaire } from '../setup/questionnaire-store.js';
import { archivedStudyError, CliError, DATA_OPTION, parse, type Command } from './command.js';

/** rondo questionnaire export|import: the builder's JSON definition file, by the same versioning rules. */
export const questionnaireCommand: Command = {
  name: 'questionnaire',
  usage: `rondo questionnaire export --study SLUG [--out FILE.json] [--data DIR]
rondo questionnaire import FILE.json --study SLUG [--note TEXT] [--dry-run] [--data DIR]
rondo questionnaire import --from-limesurvey F.lss | --from-redcap DICT.csv --study SLUG [--dry-run] [--json]

The file is the "rondo.questionnaire/1" definition the builder exports. On import every
problem is listed with the item it concerns; once a round has responses, changes to answered
items' scales, types or variable names create a new version (wording fixes do not).
--from-limesurvey and --from-redcap read another tool's instrument and report what became of
every question and every feature rondo lacks; run with --dry-run first.`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        study: { type: 'string' },
        out: { type: 'string' },
        note: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'from-limesurvey': { type: 'string' },
        'from-redcap': { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    const action = positionals[0];
    const instrument = values['from-limesurvey'] ?? values['from-redcap'];
    if (
      instrument !== undefined &&
      (action !== 'import' || positionals.length !== 1 || (values['from-limesurvey'] && values['from-redcap']))
    )
      throw new CliError('usage: rondo questionnaire import --from-limesurvey F.lss | --from-redcap DICT.csv --study SLUG [--dry-run]');
    if (
      instrument === undefined &&
      !(action === 'export' && positionals.length === 1) &&
      !(action === 'import' && positionals.length === 2)
    ) {
      throw new CliError('usage: rondo questionnaire export|import --study SLUG');
    }
    if (!values.study) throw new CliError('--study SLUG is required');
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const study = await findStudyBySlug(data.store.db, values.study);
      if (!study) throw new CliError(`there is no study "${values.study}"`, 1);
      if (action === 'import' && study.archivedAt) throw archivedStudyError(study.slug);
      if (instrument !== undefined) {
        const { importInstrumentCommand } = await import('./questionnaire-instrument.js');
        const source = values['from-limesurvey'] ? 'limesurvey' : 'redcap';
        return await importInstrumentCommand(
          data.store.db,
          study,
          { source, file: instrument, dryRun: values['dry-run'] ?? false, json: values.json ?? false },
          io,
        );
      }
      const current = await currentQuestionnaire(data.store.db, study.id);
      if (action === 'export') {
        const text = JSON.stringify(current.definition, null, 2) + '\n';
        if (values.out) {
          fs.writeFileSync(values.out, text);
          io.out(`version ${current.version} written to ${values.out}\n`);
        } else io.out(text);
        return 0;
      }
      let definition: unknown;
      try {
        definition = JSON.parse(fs.readFileSync(positionals[1], 'utf8'));
      } catch (err) {
        throw new CliError(`${positionals[1]} is not a readable JSON file: ${(err as Error).message.split('\n')[0]}`, 1);
      }
      const result = await saveQuestionnaire(data.store.db, study.id, study.definition, {
        definition,
        baseVersion: current.version,
        baseRevision: current.revision,
        note: values.note,
        actor: 'cli',
        source: 'import',
        dryRun: values['dry-run'],
      });
      if (!result.ok) {
        if (result.reason === 'invalid') for (const i of result.issues) io.err(i.message);
        throw new CliError(
          result.reason === 'invalid'
            ? `${result.issues.length} problems; nothing was imported`
            : 'the questionnaire changed meanwhile; try again',
          1,
        );
      }
      for (const c of result.changes) io.out(`${c.newVersion ? '* ' : '  '}${c.message.en}\n`);
      const what =
        result.outcome === 'none'
          ? 'no changes'
          : result.outcome === 'new-version'
            ? `new version ${result.version}`
            : `saved in version ${result.version}`;
      io.out(`${values['dry-run'] ? 'dry run: would be ' : ''}${what}\n`);
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
