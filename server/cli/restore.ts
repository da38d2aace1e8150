import { BackupError } from '../backup/daily-backup.js';
import { restoreBackup } from '../backup/restore.js';
import { CliError, parse, type Command } from './command.js';

export const restore: Command = {
  name: 'restore',
  usage: `rondo restore FILE --data DIR [--secret FILE] [--ignore-audit]

Restores the backup FILE (from rondo backup or the daily backup) into DIR, which must be
empty or not exist: a restore never overwrites a database. Before the copy gets its final
name it must pass SQLite's integrity_check and foreign_key_check, come from this or an older
rondo, and have an intact audit chain (--ignore-audit restores a broken one anyway, and says so).

--secret FILE  also restores the link secret (DATA_DIR/secret.key of the old installation).
               Without it a new secret is made on the first start: links already sent keep
               working, but links can no longer be shown or exported again.

Then start rondo on it: rondo serve --data DIR (pending migrations are applied then).`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { data: { type: 'string' }, secret: { type: 'string' }, 'ignore-audit': { type: 'boolean' } },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals.length !== 1) throw new CliError('usage: rondo restore FILE --data DIR');
    // No default here: restoring into ./data or RONDO_DATA_DIR by accident is too easy.
    if (!values.data) throw new CliError('--data DIR is required: the empty directory to restore into');
    try {
      const r = await restoreBackup(positionals[0], values.data, { secretFile: values.secret, ignoreAudit: values['ignore-audit'] });
      const lines = [
        `restored into ${r.dataDir}: integrity ok, ${r.studies} ${r.studies === 1 ? 'study' : 'studies'}, ${r.responses} responses`,
        r.audit.ok ? `audit chain ok (${r.audit.rows} rows)` : `WARNING: audit chain broken: ${r.audit.reason}`,
      ];
      if (r.pending.length) lines.push(`migrations to apply on the next start: ${r.pending.join(', ')}`);
      if (!r.secretRestored) lines.push('no link secret restored (--secret): links can no longer be shown or exported again');
      io.out(lines.join('\n') + '\n');
      return r.audit.ok ? 0 : 1;
    } catch (err) {
      if (err instanceof BackupError) throw new CliError(err.message, 1);
      throw err;
    }
  },
};
