import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const SSO = {
  RONDO_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
  RONDO_OIDC_CLIENT_ID: 'client',
  RONDO_OIDC_CLIENT_SECRET: 'secret',
  RONDO_OIDC_ALLOWED_DOMAINS: 'GGD.nl, uva.nl',
};

/** The setting a configuration is refused for, or null when it loads. */
function refusedSetting(env: Record<string, string>): string | null {
  try {
    loadConfig(env);
    return null;
  } catch (err) {
    if (err instanceof ConfigError) return err.setting;
    throw err;
  }
}

describe('the single sign-on settings', () => {
  it('are off unless an issuer is set, with password login on', () => {
    const config = loadConfig({});
    expect(config.oidc).toBeNull();
    expect(config.passwordLogin).toBe(true);
  });

  it('read the issuer, client and domains, with defaults for the rest', () => {
    const config = loadConfig({ ...SSO, RONDO_BASE_URL: 'https://rondo.ggd.nl' });
    expect(config.oidc).toEqual({
      issuer: SSO.RONDO_OIDC_ISSUER,
      clientId: 'client',
      clientSecret: 'secret',
      redirectUrl: 'https://rondo.ggd.nl/login/sso/callback',
      allowedDomains: ['ggd.nl', 'uva.nl'],
      accountClaim: 'email',
      createAccounts: false,
      buttonName: 'SSO',
    });
    expect(Object.isFrozen(config.oidc)).toBe(true);
  });

  it('read the optional settings', () => {
    const config = loadConfig({
      ...SSO,
      RONDO_OIDC_REDIRECT_URL: 'https://rondo.example/login/sso/callback',
      RONDO_OIDC_ACCOUNT_CLAIM: 'preferred_username',
      RONDO_OIDC_CREATE_ACCOUNTS: '1',
      RONDO_OIDC_BUTTON_NAME: 'SURFconext',
      RONDO_PASSWORD_LOGIN: '0',
    });
    expect(config.oidc).toMatchObject({
      redirectUrl: 'https://rondo.example/login/sso/callback',
      accountClaim: 'preferred_username',
      createAccounts: true,
      buttonName: 'SURFconext',
    });
    expect(config.passwordLogin).toBe(false);
  });

  it.each([
    [{ ...SSO, RONDO_OIDC_ISSUER: 'http://idp.example' }, 'RONDO_OIDC_ISSUER'],
    [{ ...SSO, RONDO_OIDC_ISSUER: 'not a url' }, 'RONDO_OIDC_ISSUER'],
    [{ ...SSO, RONDO_OIDC_CLIENT_ID: '' }, 'RONDO_OIDC_CLIENT_ID'],
    [{ ...SSO, RONDO_OIDC_CLIENT_SECRET: ' ' }, 'RONDO_OIDC_CLIENT_SECRET'],
    [{ ...SSO, RONDO_OIDC_ALLOWED_DOMAINS: '' }, 'RONDO_OIDC_ALLOWED_DOMAINS'],
    [{ ...SSO, RONDO_OIDC_ALLOWED_DOMAINS: 'ggd.nl,*' }, 'RONDO_OIDC_ALLOWED_DOMAINS'],
    [{ ...SSO, RONDO_OIDC_ACCOUNT_CLAIM: 'a/b' }, 'RONDO_OIDC_ACCOUNT_CLAIM'],
    [{ ...SSO, RONDO_OIDC_CREATE_ACCOUNTS: 'maybe' }, 'RONDO_OIDC_CREATE_ACCOUNTS'],
    [{ RONDO_OIDC_CLIENT_ID: 'client' }, 'RONDO_OIDC_CLIENT_ID'],
    [{ RONDO_PASSWORD_LOGIN: '0' }, 'RONDO_PASSWORD_LOGIN'],
    [{ ...SSO, RONDO_OIDC_CLIENTID: 'typo' }, 'RONDO_OIDC_CLIENTID'],
  ])('refuse %j, naming %s', (env, setting) => {
    expect(refusedSetting(env)).toBe(setting);
  });

  it('admit plain http only for a provider on this machine', () => {
    expect(refusedSetting({ ...SSO, RONDO_OIDC_ISSUER: 'http://127.0.0.1:8080' })).toBeNull();
    expect(refusedSetting({ ...SSO, RONDO_OIDC_ISSUER: 'http://localhost:8080/realms/x' })).toBeNull();
  });
});

describe('the mail settings', () => {
  const SMTP = { RONDO_SMTP_HOST: 'smtp.office365.com', RONDO_SMTP_FROM: 'Onderzoek GGD <onderzoek@ggd.example.nl>' };

  it('send as fast as the server takes mail unless a rate is set', () => {
    expect(loadConfig(SMTP).smtp).toMatchObject({ host: 'smtp.office365.com', port: 587 });
    expect(loadConfig(SMTP).smtp?.perMinute).toBeUndefined();
    expect(loadConfig({ ...SMTP, RONDO_SMTP_RATE: ' 30 ' }).smtp?.perMinute).toBe(30);
  });

  it('refuse a rate that is not a whole number of mails a minute, naming the setting', () => {
    for (const rate of ['0', '-5', '2.5', 'dertig', '60001'])
      expect(refusedSetting({ ...SMTP, RONDO_SMTP_RATE: rate }), rate).toBe('RONDO_SMTP_RATE');
  });
});
