import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { MAX_INSTRUMENT_BYTES, type InstrumentReport, type InstrumentSource } from '../../model/api/instrument.js';
import type { Study } from '../../model/study.js';
import type { Database } from '../db/schema.js';
import { importInstrument } from '../exchange/instruments/import-instrument.js';
import { CliError, type CliIO } from './command.js';

/** The instrument report for a terminal: every question with what it became, every note, the outcome. */
export function formatInstrumentReport(r: InstrumentReport, dryRun: boolean): string {
  const lines = [
    `${r.file.name}: ${r.counts.questions} questions → ${r.counts.items} items, ${r.counts.notImported} not imported, ` +
      `${r.counts.warnings} warnings` +
      (r.languages.length ? ` (languages ${r.languages.join(', ')})` : ''),
  ];
  for (const n of r.notes) lines.push(`${n.severity} ${n.code}: ${n.message}`);
  for (const q of r.questions) {
    const became = q.items.length
      ? q.items.map((i) => `${i.id} (${i.type})`).join(', ')
      : q.intro
        ? 'section introduction'
        : 'not imported';
    lines.push(`${q.source} [${q.sourceType}] → ${became}`);
    for (const n of q.notes) lines.push(`  ${n.severity} ${n.code}: ${n.message}`);
  }
  for (const i of r.issues) lines.push(`error ${i.code}${i.item ? ` (${i.item})` : ''}: ${i.message}`);
  for (const c of r.changes) lines.push(`${c.newVersion ? '* ' : '  '}${c.message.en}`);
  const would =
    r.outcome === 'new-version' ? `new version ${r.version}` : r.outcome === 'none' ? 'no changes' : `saved in version ${r.version}`;
  lines.push(
    !r.ok
      ? 'nothing was written'
      : dryRun
        ? `dry run: would be ${would}; nothing was written`
        : r.applied
          ? `questionnaire replaced (version ${r.version})`
          : 'no changes',
  );
  return lines.join('\n') + '\n';
}

/** rondo questionnaire import --from-limesurvey F.lss | --from-redcap F.csv: the report, then (without --dry-run) the replacement. */
export async function importInstrumentCommand(
  db: Kysely<Database>,
  study: { id: number; definition: Study },
  options: { source: InstrumentSource; file: string; dryRun: boolean; json: boolean },
  io: CliIO,
): Promise<number> {
  let bytes: Buffer;
  try {
    if (fs.statSync(options.file).size > MAX_INSTRUMENT_BYTES)
      throw new CliError(`${options.file} is larger than ${MAX_INSTRUMENT_BYTES / 1048576} MB`, 1);
    bytes = fs.readFileSync(options.file);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${options.file} cannot be read: ${(err as NodeJS.ErrnoException).code}`, 1);
  }
  const report = await importInstrument(db, study, {
    source: options.source,
    bytes,
    fileName: path.basename(options.file),
    apply: !options.dryRun,
    actor: 'cli',
  });
  io.out(options.json ? JSON.stringify(report, null, 2) + '\n' : formatInstrumentReport(report, options.dryRun));
  return report.ok ? 0 : 1;
}
