import { ConfigError } from '../config.js';
import { StoreError } from '../db/open.js';
import { UserError } from '../users.js';
import { CliError, type CliIO, type Command } from './command.js';

/**
 * Every command, in the order `rondo --help` lists them, loaded only when it runs: a command
 * pulls in only its own part of rondo (an export does not load the factsheet renderer).
 * Later areas add one line here.
 */
export const COMMANDS: { name: string; load: () => Promise<Command> }[] = [
  { name: 'serve', load: async () => (await import('./serve.js')).serve },
  { name: 'demo', load: async () => (await import('./demo.js')).demo },
  { name: 'migrate', load: async () => (await import('./migrate.js')).migrate },
  { name: 'backup', load: async () => (await import('./backup.js')).backup },
  { name: 'restore', load: async () => (await import('./restore.js')).restore },
  { name: 'user', load: async () => (await import('./user.js')).user },
  { name: 'cohort', load: async () => (await import('./cohort.js')).cohortCommand },
  { name: 'questionnaire', load: async () => (await import('./questionnaire.js')).questionnaireCommand },
  { name: 'invitations', load: async () => (await import('./invitations.js')).invitations },
  { name: 'analyze', load: async () => (await import('./analyze.js')).analyze },
  { name: 'factsheet', load: async () => (await import('./factsheet.js')).factsheetCommand },
  { name: 'export', load: async () => (await import('./export.js')).exportCommand },
  { name: 'import', load: async () => (await import('./import.js')).importCommand },
  { name: 'audit', load: async () => (await import('./audit.js')).auditCommand },
  { name: 'privacy', load: async () => (await import('./privacy.js')).privacyCommand },
];

async function help(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return `rondo — survey and evaluation research in measurement rounds

usage: rondo <command> [options]      (rondo <command> --help for details)

${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command takes --data DIR (default: RONDO_DATA_DIR or ./data).
`;
}

/** Runs the CLI; returns the exit code. Errors are one clear line, never a stack trace. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await help());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    const { VERSION } = await import('../data.js');
    io.out(`${VERSION}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`rondo: unknown command "${name}"; see rondo --help`);
    return 2;
  }
  try {
    const command = await entry.load();
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
