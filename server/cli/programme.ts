import fs from 'node:fs';
import { PROGRAMME_ROLES, type ProgrammeRole } from '../../model/values.js';
import { AnalysisService } from '../analysis/service.js';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { ApiError } from '../errors.js';
import { programmeIndicatorsCsv } from '../programmes/csv.js';
import { programmeOverview } from '../programmes/overview.js';
import {
  addProgrammeMember,
  addProgrammeStudy,
  createProgramme,
  findProgramme,
  listProgrammes,
  removeProgrammeMember,
  removeProgrammeStudy,
  type StoredProgramme,
} from '../programmes/store.js';
import { normaliseEmail } from '../users.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

const SUBCOMMANDS = ['create', 'add-study', 'remove-study', 'add-member', 'remove-member', 'list', 'indicators'] as const;

/**
 * rondo programme: a region's network studies that use the same Quick Scan, grouped for the
 * regional representative (issue 17). The operator's way to do what the coordinator does on the
 * API, and to write the programme's indicator table.
 */
export const programmeCommand: Command = {
  name: 'programme',
  usage: `rondo programme create --slug SLUG --title TITLE [--title-en TITLE] [--description TEXT] [--indicators KEY,KEY]
rondo programme add-study --programme SLUG --study SLUG
rondo programme remove-study --programme SLUG --study SLUG
rondo programme add-member --programme SLUG --email EMAIL [--role representative|coordinator]
rondo programme remove-member --programme SLUG --email EMAIL
rondo programme list
rondo programme indicators --programme SLUG [--lang nl|en] [--out FILE]
(each with [--data DIR])

A programme groups network studies that use the same Quick Scan: a study joins only when its
current questionnaire has every indicator of the programme (the refusal lists the missing keys);
the first study to join a programme without --indicators brings its own. Members are regional
representatives, who read the programme's overview (indicators per network and half-year under
each network's disclosure rules, domain coverage, plans and their progress) and never anything
at participant level, and coordinators, who also manage it. "indicators" writes the indicator
table as CSV: one row per network × indicator × round (value, count, n, low, high, reason).
Every change is written to the audit log.`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        slug: { type: 'string' },
        title: { type: 'string' },
        'title-en': { type: 'string' },
        description: { type: 'string' },
        indicators: { type: 'string' },
        programme: { type: 'string' },
        study: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string' },
      },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    const sub = positionals[0] as (typeof SUBCOMMANDS)[number] | undefined;
    if (positionals.length !== 1 || !sub || !SUBCOMMANDS.includes(sub))
      throw new CliError(`usage: rondo programme ${SUBCOMMANDS.join('|')} …`);
    const need = (name: 'slug' | 'title' | 'programme' | 'study' | 'email') => {
      const v = values[name];
      if (!v) throw new CliError(`--${name} is required for rondo programme ${sub}`);
      return v;
    };
    const role = (values.role ?? 'representative') as ProgrammeRole;
    if (!(PROGRAMME_ROLES as readonly string[]).includes(role)) throw new CliError(`--role must be ${PROGRAMME_ROLES.join(' or ')}`);
    const lang = values.lang ?? 'nl';
    if (lang !== 'nl' && lang !== 'en') throw new CliError(`--lang must be nl or en, not "${lang}"`);

    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    const db = data.store.db;
    const by = { actor: 'cli', now: new Date() };
    const programme = async (): Promise<StoredProgramme> => {
      const slug = need('programme');
      const found = await findProgramme(db, slug);
      if (!found) throw new CliError(`there is no programme "${slug}"`, 1);
      return found;
    };
    try {
      switch (sub) {
        case 'create': {
          const indicators = values.indicators
            ?.split(',')
            .map((k) => k.trim())
            .filter(Boolean);
          const created = await createProgramme(
            db,
            {
              slug: need('slug'),
              title: { nl: need('title'), ...(values['title-en'] ? { en: values['title-en'] } : {}) },
              ...(values.description ? { description: { nl: values.description } } : {}),
              ...(indicators?.length ? { indicators } : {}),
            },
            by,
          );
          io.out(`programme ${created.slug} created${created.indicators.length ? ` (indicators ${created.indicators.join(', ')})` : ''}\n`);
          break;
        }
        case 'add-study': {
          const p = await programme();
          const { study, adopted } = await addProgrammeStudy(db, p, need('study'), by);
          io.out(`${study.slug} added to ${p.slug}${adopted.length ? `; the programme's indicators are now ${adopted.join(', ')}` : ''}\n`);
          break;
        }
        case 'remove-study': {
          const p = await programme();
          await removeProgrammeStudy(db, p, need('study'), by);
          io.out(`${values.study} removed from ${p.slug}\n`);
          break;
        }
        case 'add-member': {
          const p = await programme();
          const member = await addProgrammeMember(db, p, need('email'), role, by);
          io.out(`${member.email} is ${role} of ${p.slug}\n`);
          break;
        }
        case 'remove-member': {
          const p = await programme();
          const email = need('email');
          const user = await db.selectFrom('user').select('id').where('email', '=', normaliseEmail(email)).executeTakeFirst();
          if (!user) throw new CliError(`there is no account ${email}`, 1);
          await removeProgrammeMember(db, p, user.id, by);
          io.out(`${email} removed from ${p.slug}\n`);
          break;
        }
        case 'list': {
          const all = await listProgrammes(db, null);
          if (!all.length) io.out('no programmes\n');
          for (const p of all)
            io.out(
              `${p.slug}  ${p.title.nl}  networks: ${p.networks.map((n) => n.slug).join(', ') || '—'}  ` +
                `indicators: ${p.indicators.join(', ') || '—'}  members: ${p.members}\n`,
            );
          break;
        }
        case 'indicators': {
          const p = await programme();
          const analysis = new AnalysisService(data.store.sqlite);
          try {
            const overview = await programmeOverview(db, analysis, p, new Date());
            const csv = programmeIndicatorsCsv(overview, lang);
            if (values.out) {
              fs.writeFileSync(values.out, csv);
              io.err(`${csv.trimEnd().split('\r\n').length - 1} rows (${overview.networks.length} networks) written to ${values.out}`);
            } else io.out(csv);
          } finally {
            await analysis.close();
          }
          break;
        }
      }
      return 0;
    } catch (err) {
      // The store's refusals carry a sentence for people: one line, nothing changed.
      if (err instanceof ApiError) throw new CliError(err.message, 1);
      throw err;
    } finally {
      await data.store.close();
    }
  },
};
