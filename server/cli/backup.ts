import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { DB_FILE, openStore } from '../db/open.js';
import { BackupError, writeCheckedCopy } from '../backup/checked-copy.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

export const backup: Command = {
  name: 'backup',
  usage: `rondo backup --out FILE [--data DIR]

Copies the database with SQLite's online backup API: consistent, and safe while rondo is
serving. Refuses to overwrite an existing file. Keep the link secret (DATA_DIR/secret.key)
with it: without the secret, existing invitation links cannot be shown again.`,
  async run(argv, io) {
    const { values } = parse(argv, { ...DATA_OPTION, out: { type: 'string' } });
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (!values.out) throw new CliError('--out FILE is required');
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const source = path.join(config.dataDir, DB_FILE);
    if (!fs.existsSync(source)) throw new CliError(`no database at ${source}`);
    const out = path.resolve(values.out);
    if (fs.existsSync(out)) throw new CliError(`${out} already exists; choose another file`);
    const store = openStore(source);
    try {
      try {
        await writeCheckedCopy(store.sqlite, out, 'integrity_check');
      } catch (err) {
        if (err instanceof BackupError) throw new CliError(`the backup at ${out} failed its integrity check`, 1);
        throw err;
      }
      io.out(`backup written to ${out} (${fs.statSync(out).size} bytes, integrity ok)\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
