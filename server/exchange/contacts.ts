import { BOM, textCell } from '../csv-cell.js';
import { Chunker, headerLine } from './csv.js';
import type { ExportContext } from './context.js';
import { CaseExtras } from './case-extras.js';

/**
 * The key list: participant key, name and e-mail address, then the participant's respondent
 * group (a study with groups of its own) and cohort attributes (case-extras.ts): the cohort as a
 * CSV file, which the cohort import reads back (`group` and the attribute keys are columns it
 * recognises). Only exported on an explicit request with the 'export:contacts' permission, and
 * always audit-logged by the caller.
 */
export function* contactsCsv(ctx: ExportContext): Generator<string> {
  const f = ctx.flavour;
  const out = new Chunker();
  const extras = new CaseExtras(ctx.sqlite, ctx.study);
  let chunk = out.push((f.bom ? BOM : '') + headerLine(['participant', 'name', 'email', ...extras.columns], f));
  if (chunk) yield chunk;
  const rows = ctx.sqlite
    .prepare(
      `select p.id, p.key, c.name, c.email, p.group_key from participant p join participant_contact c on c.participant_id = p.id
       where p.study_id = ? order by p.id`,
    )
    .raw()
    .iterate(ctx.study.id) as IterableIterator<[number, string, string, string, string | null]>;
  for (const [id, key, name, email, group] of rows) {
    const cells = [key, name, email, ...extras.cells(extras.group(group, 'personal'), extras.attributes(id))];
    chunk = out.push(cells.map((c) => textCell(c)).join(f.delimiter) + '\r\n');
    if (chunk) yield chunk;
  }
  const rest = out.flush();
  if (rest) yield rest;
}
