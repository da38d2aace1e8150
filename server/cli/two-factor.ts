import { loadConfig } from '../config.js';
import { openData } from '../data.js';
import { endAllSessions } from '../auth/session.js';
import { disableTwoFactor } from '../auth/two-factor.js';
import { writeTx } from '../db/tx.js';
import { normaliseEmail } from '../users.js';
import { CliError, DATA_OPTION, parse, type Command } from './command.js';

/**
 * For an account that lost both its phone and its recovery codes: the operator, who can reach the
 * data directory, turns its two-step verification off. Its sessions end; at the next login an
 * account that must use it (administrators) is asked to set it up again.
 */
export const twoFactorCommand: Command = {
  name: 'two-factor',
  usage: `rondo two-factor reset --email ADDRESS [--data DIR]

Turns off two-step verification of the account (its key and recovery codes are deleted) and ends
its sessions, for someone who lost both the phone and the recovery codes. Recorded in the audit
log. Check who is asking before you do this: it removes the second factor of the account.`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { ...DATA_OPTION, email: { type: 'string' } }, true);
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'reset' || positionals.length !== 1) throw new CliError('usage: rondo two-factor reset --email ADDRESS');
    if (!values.email) throw new CliError('--email is required');
    const email = normaliseEmail(values.email);
    const config = loadConfig(values.data ? { ...io.env, RONDO_DATA_DIR: values.data } : io.env);
    const data = await openData(config.dataDir, config.secretFile);
    try {
      const account = await data.store.db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();
      if (!account) throw new CliError(`there is no account ${email}`, 1);
      const had = await data.store.db.selectFrom('two_factor').select('enabled_at').where('user_id', '=', account.id).executeTakeFirst();
      if (!had?.enabled_at) {
        io.out(`${email} has no two-step verification; nothing changed\n`);
        return 0;
      }
      await writeTx(data.store.db, async (trx) => {
        await disableTwoFactor(trx, account.id, new Date(), { actor: 'cli' });
        await endAllSessions(trx, account.id);
      });
      io.out(`turned off two-step verification of ${email} and ended its sessions\n`);
      return 0;
    } finally {
      await data.store.close();
    }
  },
};
