import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { DATA_OPTION, parse, type Command } from './command.js';

export const migrate: Command = {
  name: 'migrate',
  usage: `rondo migrate [--data DIR]

Applies pending migrations. A database that holds data is backed up first into
DATA_DIR/backups/. Refuses a database written by a newer rondo.`,
  async run(argv, io) {
    const { values } = parse(argv, DATA_OPTION);
    if (values.help) return (io.out(this.usage + '\n'), 0);
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    await data.store.close();
    io.out(
      data.migrated.length
        ? `applied ${data.migrated.join(', ')}${data.backup ? `\nbackup: ${data.backup}` : ''}\n`
        : 'the database is up to date\n',
    );
    return 0;
  },
};
