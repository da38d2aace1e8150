import { AUDIENCES, type Audience } from '../../analysis/study/result.js';
import { AnalysisService, UnknownAttributeError, UnknownGroupError, UnknownRoundError } from '../analysis/service.js';
import { textSummary } from '../analysis/text-summary.js';
import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { findStudyBySlug, listStudySlugs } from '../studies/repository.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

const FILTER_KEYS = ['role', 'organisation', 'group'] as const;

export const analyze: Command = {
  name: 'analyze',
  usage: `rondo analyze --study SLUG [--json] [--round KEY ...] [--filter role=NAME|organisation=NAME|group=KEY ...]
              [--attribute KEY:VALUE ...] [--split KEY] [--matched] [--audience full|aggregate] [--data DIR]

Prints a readable summary of the study's analysis, or with --json the full result
(format rondo.analysis/1, described field by field in docs/analysis-json.md) — the same
numbers the dashboard, the API and the factsheet show.

  --round KEY        analyse only these rounds (repeat the option; default all)
  --filter K=V       only participants with this role or organisation (repeatable; the
                     same key twice means either value); group=KEY: one respondent group
  --attribute K:V    only participants whose cohort attribute K (e.g. domain, or the built-in
                     team) is V (repeatable; the same key twice means either value)
  --split KEY        also the results per value of cohort attribute KEY, with small groups
                     hidden (minSubgroup); in --json as "split"
  --matched          only participants who responded in every selected round
  --audience A       'full' (default: every number, with flags) or 'aggregate' (what a
                     trainer sees: small cells suppressed, no subgroups or attrition)`,
  async run(argv, io) {
    const { values } = parse(argv, {
      ...DATA_OPTION,
      study: { type: 'string' },
      json: { type: 'boolean' },
      round: { type: 'string', multiple: true },
      filter: { type: 'string', multiple: true },
      attribute: { type: 'string', multiple: true },
      split: { type: 'string' },
      matched: { type: 'boolean' },
      audience: { type: 'string' },
    });
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (!values.study) throw new CliError('--study is required (rondo analyze --study SLUG)');
    const audience = (values.audience ?? 'full') as Audience;
    if (!(AUDIENCES as readonly string[]).includes(audience)) throw new CliError(`--audience must be one of ${AUDIENCES.join(', ')}`);
    const filters: Record<(typeof FILTER_KEYS)[number], string[]> = { role: [], organisation: [], group: [] };
    for (const f of values.filter ?? []) {
      const at = f.indexOf('=');
      const key = f.slice(0, at) as (typeof FILTER_KEYS)[number];
      if (at < 1 || !FILTER_KEYS.includes(key) || at === f.length - 1)
        throw new CliError(`--filter "${f}": use role=NAME, organisation=NAME or group=KEY`);
      filters[key].push(f.slice(at + 1));
    }
    // attrs: cohort attributes, as the API's `attribute=key:value`.
    let attributes: Record<string, string[]> | undefined;
    for (const a of values.attribute ?? []) {
      const at = a.indexOf(':');
      if (at < 1 || at === a.length - 1) throw new CliError(`--attribute "${a}": use KEY:VALUE, e.g. domain:jeugd`);
      attributes ??= {};
      (attributes[a.slice(0, at)] ??= []).push(a.slice(at + 1));
    }

    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    const service = new AnalysisService(data.store.sqlite);
    try {
      const request = {
        rounds: values.round,
        roles: filters.role.length ? filters.role : undefined,
        organisations: filters.organisation.length ? filters.organisation : undefined,
        groups: filters.group.length ? filters.group : undefined,
        ...(attributes ? { attributes } : {}),
        matched: values.matched ?? false,
        audience,
      };
      const refuse = (err: unknown) => {
        if (err instanceof UnknownRoundError || err instanceof UnknownGroupError || err instanceof UnknownAttributeError)
          throw new CliError(err.message);
        throw err;
      };
      const analysed = await service.analyse(values.study, request).catch(refuse);
      if (!analysed) {
        const slugs = await listStudySlugs(data.store.db);
        throw new CliError(`no study "${values.study}" (studies: ${slugs.join(', ') || 'none'})`, 1);
      }
      const result = analysed.analysis;
      const split = values.split ? await service.split(values.study, request, values.split).catch(refuse) : null;
      if (values.json) io.out(JSON.stringify(split ? { ...result, split } : result, null, 2) + '\n');
      else {
        const vocabulary = (await findStudyBySlug(data.store.db, values.study))?.definition.vocabulary;
        io.out(textSummary(result, vocabulary));
        if (split) {
          io.out(`\nSplit by ${split.key} (respondents per round ${split.rounds.join(', ')}; x = fewer than ${split.minSubgroup}):\n`);
          for (const g of split.groups) io.out(`  ${g.value}: ${g.respondents.map((n) => (n === null ? 'x' : String(n))).join(' / ')}\n`);
        }
      }
      return 0;
    } finally {
      await service.close();
      await data.store.close();
    }
  },
};
