import { CliError, type CliIO, type Command } from './command.js';

// This module is what every run of the CLI loads first: it imports nothing else of rondo, so
// `rondo --help` starts in a few tens of milliseconds and a command loads only its own part.

/**
 * Every command, in the order `rondo --help` lists them, with the one line that help shows,
 * loaded only when it runs: a command pulls in only its own part of rondo (an export does not
 * load the factsheet renderer). Later areas add an entry here.
 */
export const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: 'serve',
    summary: 'start the rondo server (the demo study and an admin account on first start)',
    load: async () => (await import('./serve.js')).serve,
  },
  {
    name: 'demo',
    summary: 'create the 1000 Kansen demo study (synthetic data) in a data directory',
    load: async () => (await import('./demo.js')).demo,
  },
  {
    name: 'migrate',
    summary: 'bring the database up to date (backup first when it holds data)',
    load: async () => (await import('./migrate.js')).migrate,
  },
  {
    name: 'backup',
    summary: 'online backup of the database into a file, also while the server runs',
    load: async () => (await import('./backup.js')).backup,
  },
  {
    name: 'restore',
    summary: 'restore a backup into an empty data directory, with an integrity check',
    load: async () => (await import('./restore.js')).restore,
  },
  {
    name: 'user',
    summary: 'manage accounts: user add --email … [--name …] [--role researcher|trainer|manager] (password chosen at first login)',
    load: async () => (await import('./user.js')).user,
  },
  {
    name: 'cohort',
    summary: 'import participants from a CSV file: cohort import FILE --study SLUG [--dry-run]',
    load: async () => (await import('./cohort.js')).cohortCommand,
  },
  {
    name: 'questionnaire',
    summary: 'export or import a questionnaire definition (JSON): questionnaire export|import --study SLUG',
    load: async () => (await import('./questionnaire.js')).questionnaireCommand,
  },
  {
    name: 'invitations',
    summary: 'mail-merge CSV of a round’s personal links (name, e-mail, link, round) on stdout',
    load: async () => (await import('./invitations.js')).invitations,
  },
  {
    name: 'analyze',
    summary: 'analyse a study: response, items, change, partners, instruments, caveats (--json for everything)',
    load: async () => (await import('./analyze.js')).analyze,
  },
  {
    name: 'factsheet',
    summary: 'write a study’s factsheet as PDF or self-contained HTML (the draft, or a published version)',
    load: async () => (await import('./factsheet.js')).factsheetCommand,
  },
  {
    name: 'export',
    summary: 'export a study for SPSS, R or Excel: long, wide, round, codebook, spss, r or bundle',
    load: async () => (await import('./export.js')).exportCommand,
  },
  {
    name: 'import',
    summary: 'import responses collected elsewhere: import responses --study … --round … --file F.csv --mapping M.json',
    load: async () => (await import('./import.js')).importCommand,
  },
  // The improvement cycle (issue 17).
  {
    name: 'plan',
    summary: 'export a study’s improvement cycle (points, plans, actions, PDCA entries): plan export --study SLUG --format json|csv',
    load: async () => (await import('./plan.js')).planCommand,
  },
  // regional (issue 17): programmes of network studies for the regional representative.
  {
    name: 'programme',
    summary: 'programmes of network studies: programme create|add-study|add-member|list, programme indicators --programme SLUG [--out F]',
    load: async () => (await import('./programme.js')).programmeCommand,
  },
  {
    name: 'study',
    summary: 'the study as a file: study list, study export --study SLUG --out F.json, study create --from F.json [--slug S]',
    load: async () => (await import('./study.js')).studyCommand,
  },
  {
    name: 'archive',
    summary: 'archive a finished study (read-only, out of the lists): archive --study SLUG [--undo]',
    load: async () => (await import('./archive.js')).archiveCommand,
  },
  {
    name: 'round',
    summary: 'add a round to a study: round add --study SLUG --key KEY --name NAME [--opens … --closes …]',
    load: async () => (await import('./round.js')).roundCommand,
  },
  {
    name: 'partners',
    summary: 'import a study’s partners from a CSV file: partners import --study SLUG --file F.csv [--dry-run]',
    load: async () => (await import('./partners.js')).partnersCommand,
  },
  {
    name: 'sso',
    summary: 'sso check: read the OpenID provider of the single-sign-on settings and show what rondo will use',
    load: async () => (await import('./sso.js')).ssoCommand,
  },
  {
    name: 'audit',
    summary: 'audit verify: check the hash chain of the audit log',
    load: async () => (await import('./audit.js')).auditCommand,
  },
  {
    name: 'privacy',
    summary: 'a participant’s subject-access request (AVG art. 15/20): everything rondo holds, as JSON, HTML or PDF',
    load: async () => (await import('./privacy.js')).privacyCommand,
  },
  {
    name: 'two-factor',
    summary: 'two-factor reset --email …: turn off an account’s two-step verification (lost phone and recovery codes)',
    load: async () => (await import('./two-factor.js')).twoFactorCommand,
  },
];

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
    // Anything else (a ConfigError, StoreError or UserError, a file that cannot be read) is
    // also one line: its message, exit code 1.
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
