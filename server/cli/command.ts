import { parseArgs, type ParseArgsConfig } from 'node:util';

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
