import { ConfigError } from '../config.js';
import { StoreError } from '../db/open.js';
import { UserError } from '../users.js';
import { backup } from './backup.js';
import { CliError, type CliIO, type Command } from './command.js';
import { demo } from './demo.js';
import { migrate } from './migrate.js';
import { serve } from './serve.js';
import { user } from './user.js';

/** Every command, in the order `rondo --help` lists them. Later areas add theirs here. */
export const COMMANDS: Command[] = [serve, demo, migrate, backup, user];
COMMANDS.push((await import('./restore.js')).restore); // rondo restore FILE --data DIR
COMMANDS.push((await import('./cohort.js')).cohortCommand); // rondo cohort import FILE --study SLUG [--dry-run]
COMMANDS.push((await import('./questionnaire.js')).questionnaireCommand); // rondo questionnaire export|import --study SLUG
COMMANDS.push((await import('./audit.js')).auditCommand); // rondo audit verify
COMMANDS.push((await import('./export.js')).exportCommand, (await import('./import.js')).importCommand); // rondo export, rondo import responses
COMMANDS.push((await import('./factsheet.js')).factsheetCommand); // rondo factsheet --study SLUG --lang nl|en --out FILE.pdf|FILE.html
COMMANDS.push((await import('./invitations.js')).invitations); // rondo invitations --study SLUG --round KEY [--only-nonresponders] --format csv
COMMANDS.push((await import('./analyze.js')).analyze); // rondo analyze --study SLUG [--json] [--round KEY …] [--filter role=…] [--matched]

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `rondo — survey and evaluation research in measurement rounds

usage: rondo <command> [options]      (rondo <command> --help for details)

${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command takes --data DIR (default: RONDO_DATA_DIR or ./data).
`;
}

/** Runs the CLI; returns the exit code. Errors are one clear line, never a stack trace. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { VERSION } = await import('../start.js');
    io.out(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`rondo: unknown command "${name}"; see rondo --help`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`rondo ${name}: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof ConfigError || err instanceof StoreError || err instanceof UserError) {
      io.err(`rondo ${name}: ${err.message}`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') {
      io.err(`rondo ${name}: port already in use (${e.message.replace(/^.*EADDRINUSE: /, '')}); set PORT or --port`);
      return 1;
    }
    io.err(`rondo ${name}: ${e.message ?? String(err)}`);
    return 1;
  }
}

function defaultIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    env: process.env,
  };
}
