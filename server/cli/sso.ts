import { loadConfig } from '../config.js';
import { SsoRefused, oidcClient } from '../auth/oidc.js';
import { CliError, parse, type Command } from './command.js';

export const ssoCommand: Command = {
  name: 'sso',
  usage: `rondo sso check

Checks the single-sign-on settings (RONDO_OIDC_*) against the OpenID provider before anyone
logs in: reads the provider's discovery document, checks that it names exactly the configured
issuer, and prints the endpoints rondo will use, the redirect URL to register at the provider,
the allowed domains and whether password login is on. Exits with 1 when the provider cannot be
read, with a line that says why. Changes nothing.`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, {}, true);
    if (values.help) return (io.out(this.usage + '\n'), 0);
    if (positionals[0] !== 'check' || positionals.length !== 1) throw new CliError('usage: rondo sso check');
    const config = loadConfig(io.env);
    if (!config.oidc) throw new CliError('single sign-on is not configured (RONDO_OIDC_ISSUER is not set)', 1);
    const settings = config.oidc;
    try {
      const provider = await oidcClient(settings).describe();
      const missing = ['openid', 'email', 'profile'].filter((s) => provider.scopes.length && !provider.scopes.includes(s));
      io.out(
        [
          `issuer:              ${provider.issuer} (matches RONDO_OIDC_ISSUER)`,
          `authorization:       ${provider.authorizationEndpoint ?? 'missing'}`,
          `token:               ${provider.tokenEndpoint ?? 'missing'}`,
          `logout:              ${provider.endSessionEndpoint ?? 'none (logout ends the rondo session only)'}`,
          `PKCE S256:           ${provider.pkceS256 ? 'supported' : 'not announced (rondo sends it anyway)'}`,
          `scopes not offered:  ${missing.length ? missing.join(', ') : 'none'}`,
          `redirect URL:        ${settings.redirectUrl} (register it at the provider)`,
          `after logout:        ${config.baseUrl}/login (register it at the provider)`,
          `account claim:       ${settings.accountClaim}`,
          `allowed domains:     ${settings.allowedDomains.join(', ')}`,
          `unknown users:       ${settings.createAccounts ? 'get an account with no study roles' : 'are refused'}`,
          `password login:      ${config.passwordLogin ? 'on' : 'off'}`,
          '',
        ].join('\n'),
      );
      return 0;
    } catch (err) {
      if (err instanceof SsoRefused) throw new CliError(`cannot read the provider at ${settings.issuer}: ${err.detail}`, 1);
      throw err;
    }
  },
};
