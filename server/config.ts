import path from 'node:path';

/**
 * The one place that reads process.env. Values are validated and frozen; a bad or unknown
 * setting stops the start with a message that names it.
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Public base URL used in invitation links, e.g. https://rondo.example.nl */
  baseUrl: string;
  /** Create the demo study on the first start of an empty data directory. */
  demo: boolean;
  trustProxy: boolean | string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** File holding the secret that derives link tokens; kept outside the database. */
  secretFile: string;
  smtp: SmtpConfig | null;
  /** Directory of the scheduled daily backups (server/backup/). */
  backupDir: string;
  /** How many daily backups to keep; 0 turns the scheduled backup off. */
  backupKeep: number;
  /** Who must log in with a second factor (TOTP): administrators only, or every local account. */
  requireTwoFactor: (typeof TWO_FACTOR_POLICIES)[number];
  /** The organisation running this server, named in the accessibility statement; null: a placeholder is shown. */
  organisation: string | null;
  /** Where users send accessibility feedback (and, failing a study's own address, privacy questions). */
  contactEmail: string | null;
  /** Single sign-on with OpenID Connect (server/auth/oidc.ts), or null when not configured. */
  oidc: OidcConfig | null;
  /** Whether staff may log in with e-mail address and password; off only when single sign-on is configured. */
  passwordLogin: boolean;
}

/** Single sign-on with an OpenID provider (Microsoft Entra ID, SURFconext, …). */
export interface OidcConfig {
  /** The provider's issuer identifier; its discovery document is at ISSUER/.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back; registered at the provider. */
  redirectUrl: string;
  /** E-mail domains whose accounts may log in (lower case, exact match). */
  allowedDomains: readonly string[];
  /** The ID token (or userinfo) claim whose value is matched to a rondo account's e-mail address. */
  accountClaim: string;
  /** Create an account (with no study roles) for an unknown but allowed user instead of refusing. */
  createAccounts: boolean;
  /** Shown on the login button: "Inloggen met <buttonName>". */
  buttonName: string;
}

export const TWO_FACTOR_POLICIES = ['admins', 'all'] as const;

export interface SmtpConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string | undefined;
  pass: string | undefined;
  from: string;
  /** At most this many mails a minute (RONDO_SMTP_RATE); absent: as fast as the server takes them. */
  perMinute?: number;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Every environment variable rondo reads; any other RONDO_* name is a typo and refused. */
export const SETTINGS = {
  PORT: 'TCP port to listen on (default 3000)',
  HOST: 'address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)',
  RONDO_DATA_DIR: 'data directory holding rondo.sqlite, the link secret and backups (default ./data)',
  RONDO_BASE_URL: 'public URL of this server, used in invitation links (default http://localhost:PORT)',
  RONDO_DEMO: 'create the 1000 Kansen demo study on the first start of an empty data directory: 1 or 0 (default 1)',
  RONDO_TRUST_PROXY: 'trust X-Forwarded-* headers: 0, 1, or a comma-separated list of proxy addresses (default 0)',
  RONDO_LOG_LEVEL: 'fatal, error, warn, info, debug, trace or silent (default info)',
  RONDO_SECRET_FILE: 'file with the secret that derives link tokens (default DATA_DIR/secret.key)',
  RONDO_SMTP_HOST: 'SMTP server for invitations and reminders (unset: no e-mail, use the mail-merge export)',
  RONDO_SMTP_PORT: 'SMTP port (default 587)',
  RONDO_SMTP_SECURE: 'use TLS from the start (port 465): 1 or 0 (default 0; STARTTLS is used when offered)',
  RONDO_SMTP_USER: 'SMTP user name',
  RONDO_SMTP_PASS: 'SMTP password',
  RONDO_SMTP_FROM: 'sender address, e.g. "Onderzoek GGD <onderzoek@example.nl>"',
  RONDO_SMTP_RATE: 'at most this many mails a minute, for a mail server that limits its senders (Microsoft 365: 30; default: no limit)',
  RONDO_BACKUP_DIR: 'directory of the scheduled daily backups (default DATA_DIR/backups; best on another disk)',
  RONDO_BACKUP_KEEP: 'number of daily backups to keep, 0–3650; 0 turns the daily backup off (default 14)',
  RONDO_ORGANISATION: 'name of the organisation running this server, shown in the accessibility statement',
  RONDO_CONTACT_EMAIL: 'contact address for accessibility feedback and privacy questions, shown in the statements',
  RONDO_REQUIRE_2FA: 'who must use two-factor login (an authenticator app): admins or all (default admins)',
  // Single sign-on with OpenID Connect (server/auth/oidc.ts, docs/deploy.md).
  RONDO_OIDC_ISSUER: 'OpenID provider issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0 (unset: no single sign-on)',
  RONDO_OIDC_CLIENT_ID: 'client id registered at the OpenID provider (required with RONDO_OIDC_ISSUER)',
  RONDO_OIDC_CLIENT_SECRET: 'client secret registered at the OpenID provider (required with RONDO_OIDC_ISSUER)',
  RONDO_OIDC_REDIRECT_URL: 'redirect URL registered at the provider (default BASE_URL/login/sso/callback)',
  RONDO_OIDC_ALLOWED_DOMAINS: 'comma-separated e-mail domains that may log in, e.g. ggd.nl,uva.nl (required with RONDO_OIDC_ISSUER)',
  RONDO_OIDC_ACCOUNT_CLAIM: 'claim whose (verified) e-mail address is matched to a rondo account (default email)',
  RONDO_OIDC_CREATE_ACCOUNTS: 'create an account, with no study roles, for an unknown user of an allowed domain: 1 or 0 (default 0)',
  RONDO_OIDC_BUTTON_NAME: 'name on the login button, "Inloggen met <name>" (default SSO)',
  RONDO_PASSWORD_LOGIN: 'allow login with e-mail address and password: 1 or 0 (default 1; 0 needs RONDO_OIDC_ISSUER)',
} as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Readonly<Config> {
  for (const name of Object.keys(env)) {
    if (name.startsWith('RONDO_') && !(name in SETTINGS)) {
      throw new ConfigError(
        name,
        `unknown setting; known settings are ${Object.keys(SETTINGS)
          .filter((k) => k.startsWith('RONDO_'))
          .join(', ')}`,
      );
    }
  }
  const port = overrides.port ?? portOf('PORT', env.PORT, 3000);
  const host = overrides.host ?? (env.HOST?.trim() || '127.0.0.1');
  const dataDir = path.resolve(overrides.dataDir ?? (env.RONDO_DATA_DIR?.trim() || './data'));
  const baseUrl = overrides.baseUrl ?? urlOf('RONDO_BASE_URL', env.RONDO_BASE_URL, `http://localhost:${port}`);
  const demo = overrides.demo ?? boolOf('RONDO_DEMO', env.RONDO_DEMO, true);
  const logLevel = overrides.logLevel ?? oneOf('RONDO_LOG_LEVEL', env.RONDO_LOG_LEVEL, LOG_LEVELS, 'info');
  const trustProxy = overrides.trustProxy ?? trustProxyOf(env.RONDO_TRUST_PROXY);
  const secretFile = overrides.secretFile ?? path.resolve(env.RONDO_SECRET_FILE?.trim() || path.join(dataDir, 'secret.key'));
  const smtp = overrides.smtp !== undefined ? overrides.smtp : smtpOf(env);
  const backupDir = overrides.backupDir ?? path.resolve(env.RONDO_BACKUP_DIR?.trim() || path.join(dataDir, 'backups'));
  const backupKeep = overrides.backupKeep ?? intOf('RONDO_BACKUP_KEEP', env.RONDO_BACKUP_KEEP, 14, 0, 3650);
  const requireTwoFactor = overrides.requireTwoFactor ?? oneOf('RONDO_REQUIRE_2FA', env.RONDO_REQUIRE_2FA, TWO_FACTOR_POLICIES, 'admins');
  const organisation = overrides.organisation !== undefined ? overrides.organisation : env.RONDO_ORGANISATION?.trim() || null;
  const contactEmail =
    overrides.contactEmail !== undefined ? overrides.contactEmail : emailOf('RONDO_CONTACT_EMAIL', env.RONDO_CONTACT_EMAIL);
  const oidc = overrides.oidc !== undefined ? overrides.oidc : oidcOf(env, baseUrl);
  const passwordLogin = overrides.passwordLogin ?? boolOf('RONDO_PASSWORD_LOGIN', env.RONDO_PASSWORD_LOGIN, true);
  if (!passwordLogin && !oidc)
    throw new ConfigError('RONDO_PASSWORD_LOGIN', '0 needs single sign-on (RONDO_OIDC_ISSUER), or nobody can log in');
  return Object.freeze({
    port,
    host,
    dataDir,
    baseUrl,
    demo,
    logLevel,
    trustProxy,
    secretFile,
    smtp,
    backupDir,
    backupKeep,
    requireTwoFactor,
    organisation,
    contactEmail,
    oidc: oidc && Object.freeze(oidc),
    passwordLogin,
  });
}

function emailOf(name: string, raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  if (!/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(raw.trim())) throw new ConfigError(name, `"${raw}" is not an e-mail address`);
  return raw.trim();
}

function intOf(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) throw new ConfigError(name, `"${raw}" is not a whole number from ${min} to ${max}`);
  return n;
}

function portOf(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError(name, `"${raw}" is not a port number (0–65535)`);
  }
  return n;
}

function boolOf(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `"${raw}" is not 1 or 0`);
}

function oneOf<T extends string>(name: string, raw: string | undefined, values: readonly T[], fallback: T): T {
  if (raw === undefined || raw.trim() === '') return fallback;
  if ((values as readonly string[]).includes(raw.trim())) return raw.trim() as T;
  throw new ConfigError(name, `"${raw}" is not one of ${values.join(', ')}`);
}

function urlOf(name: string, raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw.trim() === '') return fallback;
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    return u.toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(name, `"${raw}" is not an http(s) URL`);
  }
}

function trustProxyOf(raw: string | undefined): boolean | string {
  if (raw === undefined || raw.trim() === '' || raw.trim() === '0') return false;
  if (raw.trim() === '1') return true;
  if (!/^[0-9a-fA-F.:/, ]+$/.test(raw)) throw new ConfigError('RONDO_TRUST_PROXY', `"${raw}" is not 0, 1 or a list of addresses`);
  return raw.trim();
}

function smtpOf(env: NodeJS.ProcessEnv): SmtpConfig | null {
  const host = env.RONDO_SMTP_HOST?.trim();
  if (!host) return null;
  const from = env.RONDO_SMTP_FROM?.trim();
  if (!from) throw new ConfigError('RONDO_SMTP_FROM', 'is required when RONDO_SMTP_HOST is set');
  return {
    host,
    port: portOf('RONDO_SMTP_PORT', env.RONDO_SMTP_PORT, 587),
    secure: boolOf('RONDO_SMTP_SECURE', env.RONDO_SMTP_SECURE, false),
    user: env.RONDO_SMTP_USER || undefined,
    pass: env.RONDO_SMTP_PASS || undefined,
    from,
    ...(env.RONDO_SMTP_RATE?.trim() ? { perMinute: intOf('RONDO_SMTP_RATE', env.RONDO_SMTP_RATE, 0, 1, 60_000) } : {}),
  };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A claim name as providers spell them: letters, digits, `_`, `-`, `.`, `:` (no paths into nested claims). */
const CLAIM_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

function oidcOf(env: NodeJS.ProcessEnv, baseUrl: string): OidcConfig | null {
  const rawIssuer = env.RONDO_OIDC_ISSUER?.trim();
  if (!rawIssuer) {
    for (const name of Object.keys(SETTINGS)) {
      if (name.startsWith('RONDO_OIDC_') && env[name]?.trim()) throw new ConfigError(name, 'is set but RONDO_OIDC_ISSUER is not');
    }
    return null;
  }
  // The issuer is compared character for character with the provider's discovery document and
  // its tokens, so it is kept as written (no trailing slash added or removed).
  const issuer = rawIssuer;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError('RONDO_OIDC_ISSUER', `"${issuer}" is not a URL`);
  }
  // Plain http only on this machine (a provider in a test); anywhere else tokens would travel in the clear.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new ConfigError('RONDO_OIDC_ISSUER', `"${issuer}" is not an https URL`);
  }
  const required = (name: 'RONDO_OIDC_CLIENT_ID' | 'RONDO_OIDC_CLIENT_SECRET' | 'RONDO_OIDC_ALLOWED_DOMAINS') => {
    const v = env[name]?.trim();
    if (!v) throw new ConfigError(name, 'is required when RONDO_OIDC_ISSUER is set');
    return v;
  };
  const clientId = required('RONDO_OIDC_CLIENT_ID');
  const clientSecret = required('RONDO_OIDC_CLIENT_SECRET');
  const allowedDomains = required('RONDO_OIDC_ALLOWED_DOMAINS')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean);
  for (const d of allowedDomains) {
    if (!DOMAIN.test(d)) throw new ConfigError('RONDO_OIDC_ALLOWED_DOMAINS', `"${d}" is not a domain name such as ggd.nl`);
  }
  const redirectUrl = urlOf('RONDO_OIDC_REDIRECT_URL', env.RONDO_OIDC_REDIRECT_URL, `${baseUrl}/login/sso/callback`);
  const accountClaim = env.RONDO_OIDC_ACCOUNT_CLAIM?.trim() || 'email';
  if (!CLAIM_NAME.test(accountClaim)) throw new ConfigError('RONDO_OIDC_ACCOUNT_CLAIM', `"${accountClaim}" is not a claim name`);
  const buttonName = env.RONDO_OIDC_BUTTON_NAME?.trim() || 'SSO';
  if (buttonName.length > 60 || /[\p{Cc}\p{Cf}]/u.test(buttonName)) {
    throw new ConfigError('RONDO_OIDC_BUTTON_NAME', 'must be at most 60 characters without control characters');
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl,
    allowedDomains,
    accountClaim,
    createAccounts: boolOf('RONDO_OIDC_CREATE_ACCOUNTS', env.RONDO_OIDC_CREATE_ACCOUNTS, false),
    buttonName,
  };
}
