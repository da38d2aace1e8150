import fs from 'node:fs';
import path from 'node:path';
import { verifyAuditChain } from '../audit.js';
import { loadConfig } from '../config.js';
import { DB_FILE, openStore } from '../db/open.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

export const auditCommand: Command = {
  name: 'audit',
  usage: `rondo audit verify [--data DIR]

Recomputes the hash chain of the audit log from its first row. Prints "audit chain ok", the
number of rows and the newest hash, or the first row that was changed or removed, and exits
with 1 then. Reads only; safe while the server runs.

The chain shows a changed or removed row. Someone able to write the database file could
rebuild the whole chain; write the newest hash down outside rondo now and then, and a rebuilt
chain no longer contains it.`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, DATA_OPTION, true);
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'verify' || positionals.length !== 1) throw new CliError('usage: rondo audit verify [--data DIR]');
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const file = path.join(config.dataDir, DB_FILE);
    if (!fs.existsSync(file)) throw new CliError(`no database at ${file}`, 1);
    const store = openStore(file, { readonly: true });
    try {
      const check = await verifyAuditChain(store.db);
      if (check.ok) {
        // The newest hash stands for the whole chain: kept somewhere else (a ticket, a mail to
        // the data protection officer), it shows later whether the chain was rebuilt from scratch.
        const head = await store.db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
        io.out(`audit chain ok: ${check.rows} rows${head ? `, newest hash ${head.hash}` : ''}\n`);
        return 0;
      }
      io.err(`rondo audit: audit chain broken at row ${check.brokenAt}: ${check.reason} (${check.rows} rows)`);
      return 1;
    } finally {
      await store.close();
    }
  },
};
