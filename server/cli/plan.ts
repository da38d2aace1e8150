import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { cycleCsv, cycleJson } from '../improvement/export.js';
import { readCycle } from '../improvement/store.js';
import { findStudyBySlug } from '../studies/repository.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

/** rondo plan export: a study's improvement cycle (points, plans, actions, PDCA entries) as JSON or CSV. */
export const planCommand: Command = {
  name: 'plan',
  usage: `rondo plan export --study SLUG [--format json|csv] [--out FILE] [--data DIR]

Writes the study's improvement cycle: the improvement points with their votes and status, the
yearly plan of each selected point with its goal and the indicators it should move (key=target),
the plan's actions (owner, due date, status) and its quarterly PDCA entries (done, measured,
adjusted). JSON (the default) keeps the structure, format "rondo.improvement/1"; CSV has one
row per point, plan, action and PDCA entry, told apart by the column "record". On stdout unless
--out is given.`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { ...DATA_OPTION, study: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals.length !== 1 || positionals[0] !== 'export')
      throw new CliError('usage: rondo plan export --study SLUG [--format json|csv]');
    if (!values.study) throw new CliError('--study SLUG is required');
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new CliError(`--format must be json or csv, not "${format}"`);
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const study = await findStudyBySlug(data.store.db, values.study);
      if (!study) throw new CliError(`there is no study "${values.study}"`, 1);
      const cycle = await readCycle(data.store.db, study.id, null);
      const text = format === 'csv' ? cycleCsv(cycle) : JSON.stringify(cycleJson(study.slug, cycle, new Date()), null, 2) + '\n';
      if (values.out) {
        fs.writeFileSync(values.out, text);
        io.err(`${cycle.points.length} points, ${cycle.plans.length} plans written to ${values.out}`);
      } else io.out(text);
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
