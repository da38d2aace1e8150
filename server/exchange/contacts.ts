import { BOM, textCell } from '../csv-cell.js';
import { Chunker, headerLine } from './csv.js';
import type { ExportContext } from './context.js';

/**
 * The key list: participant key, name and e-mail address. Only exported on an explicit
 * request with the 'export:contacts' permission, and always audit-logged by the caller.
 */
export function* contactsCsv(ctx: ExportContext): Generator<string> {
  const f = ctx.flavour;
  const out = new Chunker();
  let chunk = out.push((f.bom ? BOM : '') + headerLine(['participant', 'name', 'email'], f));
  if (chunk) yield chunk;
  const rows = ctx.sqlite
    .prepare(
      'select p.key, c.name, c.email from participant p join participant_contact c on c.participant_id = p.id where p.study_id = ? order by p.id',
    )
    .raw()
    .iterate(ctx.study.id) as IterableIterator<[string, string, string]>;
  for (const [key, name, email] of rows) {
    chunk = out.push([textCell(key), textCell(name), textCell(email)].join(f.delimiter) + '\r\n');
    if (chunk) yield chunk;
  }
  const rest = out.flush();
  if (rest) yield rest;
}
