import { loadConfig } from '../config.js';
import { STUDY_ROLES, type StudyRole } from '../db/schema.js';
import { generatePassword, hashGeneratedPassword } from '../auth/password.js';
import { openData } from '../data.js';
import { createUser } from '../users.js';
import { listStudySlugs } from '../studies/repository.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

export const user: Command = {
  name: 'user',
  usage: `rondo user add --email ADDRESS [--name "FULL NAME"] [--role researcher|trainer|manager] [--study SLUG] [--admin] [--data DIR]

Creates an account with a generated password, printed once. As with an account made on the
Accounts screen, the user must choose their own password at first login. --name is the name the
screens show. With --role the account gets that role in --study (default: the only study, when
there is exactly one); without --role it gets no study yet (an administrator adds it to studies
on the Accounts screen).`,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        ...DATA_OPTION,
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        study: { type: 'string' },
        admin: { type: 'boolean' },
      },
      true,
    );
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'add' || positionals.length !== 1)
      throw new CliError('usage: rondo user add --email ADDRESS [--name "FULL NAME"] [--role researcher|trainer|manager]');
    if (!values.email) throw new CliError('--email is required');
    if (values.role !== undefined && !(STUDY_ROLES as readonly string[]).includes(values.role)) {
      throw new CliError(`--role must be one of ${STUDY_ROLES.join(', ')}`);
    }
    if (values.study && values.role === undefined) throw new CliError('--study needs --role (the role the account gets in that study)');
    const name = values.name?.replace(/\s+/g, ' ').trim() ?? '';
    if (values.name !== undefined && !name) throw new CliError('--name is empty');
    if (name.length > 120) throw new CliError('--name is longer than 120 characters');
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      let slug = values.study;
      if (!slug && values.role !== undefined) {
        const slugs = await listStudySlugs(data.store.db);
        if (slugs.length !== 1) throw new CliError(`--study is required (studies: ${slugs.join(', ') || 'none'})`);
        slug = slugs[0];
      }
      const password = generatePassword();
      await createUser(data.store.db, {
        email: values.email,
        password,
        passwordHash: await hashGeneratedPassword(password),
        displayName: name,
        isAdmin: values.admin ?? false,
        // The promise of the Accounts screen: a password someone else saw is replaced at first login.
        mustChangePassword: true,
        study: slug ? { slug, role: values.role as StudyRole } : undefined,
      });
      const email = values.email.trim().toLowerCase();
      const who = name ? `${name} <${email}>` : email;
      io.out(
        `created ${who}${slug ? ` as ${values.role} of ${slug}` : `${values.admin ? ' as administrator' : ''} without a study role`}\n` +
          `password (shown once): ${password}\nthe user chooses their own password at first login\n`,
      );
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
