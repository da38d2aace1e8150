import { loadConfig } from '../config.js';
import { STUDY_ROLES, type StudyRole } from '../db/schema.js';
import { generatePassword } from '../auth/password.js';
import { openData } from '../data.js';
import { createUser } from '../users.js';
import { listStudySlugs } from '../studies/repository.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

export const user: Command = {
  name: 'user',
  usage: `rondo user add --email ADDRESS --role researcher|trainer|manager [--study SLUG] [--admin] [--data DIR]

Creates an account with a generated password, printed once. With --study the account gets
the role in that study (default: the only study, when there is exactly one).`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { ...DATA_OPTION, email: { type: 'string' }, role: { type: 'string' }, study: { type: 'string' }, admin: { type: 'boolean' } },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'add' || positionals.length !== 1)
      throw new CliError('usage: rondo user add --email ADDRESS --role researcher|trainer|manager');
    if (!values.email) throw new CliError('--email is required');
    if (!values.role || !(STUDY_ROLES as readonly string[]).includes(values.role)) {
      throw new CliError(`--role must be one of ${STUDY_ROLES.join(', ')}`);
    }
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      let slug = values.study;
      if (!slug) {
        const slugs = await listStudySlugs(data.store.db);
        if (slugs.length !== 1) throw new CliError(`--study is required (studies: ${slugs.join(', ') || 'none'})`);
        slug = slugs[0];
      }
      const password = generatePassword();
      await createUser(data.store.db, {
        email: values.email,
        password,
        isAdmin: values.admin ?? false,
        study: { slug, role: values.role as StudyRole },
      });
      io.out(`created ${values.email.trim().toLowerCase()} as ${values.role} of ${slug}\npassword (shown once): ${password}\n`);
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
