import { term } from '../../model/vocabulary.js';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { pick } from '../../model/index.js';
import type { StudyFileIssue } from '../../model/study-file.js';
import { findStudyId, listStudies } from '../studies/repository.js';
import { checkStudyFile, createStudyFromFile, exportStudyFile, type StudyFilePlan } from '../studies/study-file.js';
import { CliError, DATA_OPTION, parse, type Command, type CliIO } from './command.js';

const USAGE = `rondo study list [--data DIR]
rondo study export --study SLUG [--out FILE.json] [--data DIR]
rondo study create --from FILE.json [--slug SLUG] [--dry-run] [--data DIR]

list     every study with its short name, title, rounds and participants
export   the study's whole definition as a study file (docs/study-format.md): texts, languages,
         disclosure settings, its own words, rounds with their schedules, partners, tools, the questionnaire
         and the study's own mail texts. Never responses, participants or e-mail addresses.
         Without --out the file goes to stdout.
create   a new study from a study file, checked completely first: every problem is listed with
         its place in the file (questionnaire.sections[1].items[3].scale) and nothing is
         written unless there are none. --slug gives the new study's short name (default: the
         file's study.slug). --dry-run checks and reports without writing.`;

/** rondo study list|export|create: the study as a documented file, for scripts and for moving a study. */
export const studyCommand: Command = {
  name: 'study',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        study: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        slug: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      true,
    );
    if (values.help) return (io.out(USAGE + '\n'), 0);
    const [action, ...extra] = positionals;
    if (!['list', 'export', 'create'].includes(action ?? '') || extra.length)
      throw new CliError('usage: rondo study list|export|create (see rondo study --help)');
    if (action === 'export' && !values.study) throw new CliError('--study SLUG is required');
    let input: unknown;
    if (action === 'create') {
      if (!values.from) throw new CliError('--from FILE.json is required');
      input = readJson(values.from);
    }
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    const db = data.store.db;
    try {
      if (action === 'list') return await list(db, io);
      if (action === 'export') {
        const studyId = await findStudyId(db, values.study!);
        if (studyId === null) throw new CliError(`there is no study "${values.study}"`, 1);
        const text = JSON.stringify(await exportStudyFile(db, studyId), null, 2) + '\n';
        if (!values.out) io.out(text);
        else {
          fs.writeFileSync(path.resolve(values.out), text);
          io.err(`wrote ${path.resolve(values.out)}`);
        }
        return 0;
      }
      const options = { slug: values.slug };
      if (values['dry-run']) {
        const checked = await checkStudyFile(db, input, options);
        if (!checked.ok) return report(io, checked.issues);
        io.out(`${summary(checked.plan)}\ndry run: the file is fine; nothing was written\n`);
        return 0;
      }
      const created = await createStudyFromFile(db, input, { ...options, actor: 'cli', fileName: path.basename(values.from!) });
      if (!created.ok) return report(io, created.issues);
      const slug = created.plan.slug;
      io.out(
        `${summary(created.plan)}\ncreated study "${slug}"\n` +
          `next: rondo cohort import FILE --study ${slug}, rondo user add … --role researcher --study ${slug}\n`,
      );
      return 0;
    } finally {
      await data.store.close();
    }
  },
};

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch (err) {
    throw new CliError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}`, 1);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CliError(`${file} is not valid JSON (${(err as Error).message}); nothing was written`, 1);
  }
}

function summary(plan: StudyFilePlan): string {
  const c = plan.counts;
  // Rounds, partners and tools in the study's own words ("2 scans, 0 partners, 0 instruments").
  const words = (n: number, which: 'round' | 'partner' | 'tool') =>
    `${n} ${term(plan.input.study.vocabulary, which, 'en', n === 1 ? 'one' : 'many')}`;
  return (
    `study "${plan.slug}": ${words(c.rounds, 'round')}, ${words(c.partners, 'partner')}, ${words(c.tools, 'tool')}, ` +
    `${c.items} questions in ${c.sections} sections`
  );
}

function report(io: CliIO, issues: StudyFileIssue[]): number {
  for (const i of issues) io.err(`error ${i.code}: ${i.message}`);
  io.err(`${issues.length} problem${issues.length === 1 ? '' : 's'} in the study file: nothing was written`);
  return 1;
}

async function list(db: Parameters<typeof listStudies>[0], io: CliIO): Promise<number> {
  const studies = await listStudies(db);
  if (!studies.length) return (io.out('no studies yet\n'), 0);
  const rows: string[][] = [['slug', 'title', 'rounds', 'participants']];
  for (const s of studies) {
    const rounds = await db.selectFrom('round').select('key').where('study_id', '=', s.id).orderBy('position').execute();
    const { n } = await db
      .selectFrom('participant')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('study_id', '=', s.id)
      .executeTakeFirstOrThrow();
    const title = pick(s.definition.title, s.definition.defaultLanguage) + (s.isDemo ? ' (demo)' : '');
    rows.push([s.slug, title, rounds.map((r) => r.key).join(' '), String(n)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  io.out(rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')).join('\n') + '\n');
  return 0;
}
