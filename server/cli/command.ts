import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A CLI command: one file each, registered in cli/index.ts with its one-line summary. */
export interface Command {
  name: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** The clock (tests set it, as the server's context does); the system's by default. */
  now?: () => Date;
}

/** A usage or input problem: printed as one line, exit code 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** node:util parseArgs with rondo's rules: unknown options are errors with a clear message. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new CliError((err as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, '').split('\n')[0]);
  }
}

export const DATA_OPTION = { data: { type: 'string' } } as const;

/** What a command that would change an archived study says (the screens' STUDY_ARCHIVED, in one line). */
export function archivedStudyError(slug: string): CliError {
  return new CliError(`study "${slug}" is archived and read-only; run rondo archive --study ${slug} --undo first. Nothing was changed.`, 1);
}

/** The id of a study a command will change: refused when there is no such study or it is archived. */
export async function changeableStudyId(db: Kysely<Database>, slug: string): Promise<number> {
  const row = await db.selectFrom('study').select(['id', 'archived_at']).where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new CliError(`there is no study "${slug}"`, 1);
  if (row.archived_at) throw archivedStudyError(slug);
  return row.id;
}
