import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type * as Client from 'openid-client';
import type { SsoRefusal } from '../../model/api/sso.js';
import type { OidcConfig } from '../config.js';
import type { Database } from '../db/schema.js';
import { EMAIL_PATTERN, normaliseEmail } from '../users.js';
import type {} from './oidc-schema.js';

/**
 * Single sign-on with OpenID Connect, the authorization code flow with PKCE, on openid-client:
 *
 * 1. `start` makes a random state, nonce and PKCE code verifier, keeps them in `oidc_flow`
 *    under the hash of a random id that only the browser's short-lived httpOnly cookie holds,
 *    and answers the provider's authorization URL (with the S256 code challenge);
 * 2. `takeFlow` finds that row from the cookie when the provider sends the browser back, and
 *    deletes it in the same statement: a flow is used once, within FLOW_TTL_MS, in the browser
 *    that started it;
 * 3. `finish` lets openid-client check the answer (state, issuer `iss`), exchange the code with
 *    the verifier, and check the ID token: signature against the provider's published keys
 *    (enableNonRepudiationChecks), issuer, audience, expiry and nonce; then `identityFrom`
 *    checks the claims rondo trusts (see SECURITY.md, "Single sign-on").
 *
 * Matching the identity to an account, the session and the audit log are the route's
 * (server/routes/session-oidc.ts).
 */

/** The cookie holding the id of a login on its way through the provider. */
export const SSO_COOKIE = 'rondo_sso';
/** The path of the start and callback routes, and of the cookie. */
export const SSO_PATH = '/login/sso';
/** A login must come back from the provider within this time. */
export const FLOW_TTL_MS = 10 * 60_000;
/** The provider's discovery document is fetched again after this long. */
const DISCOVERY_TTL_MS = 60 * 60_000;
/** Seconds openid-client waits for the provider before giving up. */
const HTTP_TIMEOUT_S = 10;
const SCOPE = 'openid email profile';

/** A single sign-on login refused: `reason` is shown on the login screen, `detail` goes into the audit log. */
export class SsoRefused extends Error {
  constructor(
    readonly reason: SsoRefusal,
    readonly detail: string,
    /** The verified-or-not e-mail address the provider named, for throttling (never logged). */
    readonly email: string | null = null,
    /** For `throttled`: seconds until the next attempt is allowed. */
    readonly waitSeconds = 0,
  ) {
    super(`single sign-on refused: ${reason} (${detail})`);
    this.name = 'SsoRefused';
  }
}

export interface SsoIdentity {
  /** The account's e-mail address, normalised (lower case). */
  email: string;
  /** The `name` claim, for an account created at first login. */
  name: string;
}

export interface ProviderDescription {
  issuer: string;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  endSessionEndpoint: string | null;
  /** Whether the provider says it supports PKCE with S256 (rondo always sends it). */
  pkceS256: boolean;
  scopes: string[];
  claims: string[];
}

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

// openid-client is loaded at the first single sign-on, not by every start (most installations
// have none configured).
const openidClient = () => import('openid-client');

const sha256 = (v: string) => crypto.createHash('sha256').update(v).digest('hex');

export class OidcClient {
  #discovered: { config: Promise<Client.Configuration>; at: number } | null = null;

  constructor(readonly settings: Readonly<OidcConfig>) {}

  /** The provider's configuration from its discovery document; a failed discovery is tried again at the next login. */
  private configuration(): Promise<Client.Configuration> {
    const now = Date.now();
    if (this.#discovered && now - this.#discovered.at < DISCOVERY_TTL_MS) return this.#discovered.config;
    const { issuer, clientId, clientSecret } = this.settings;
    const config = openidClient()
      .then((client) => {
        const execute = [client.enableNonRepudiationChecks];
        // config.ts admits plain http only for a provider on this machine (the tests' provider).
        if (issuer.startsWith('http:')) execute.push(client.allowInsecureRequests);
        const auth = client.ClientSecretBasic(clientSecret);
        // discovery() checks that the document names exactly this issuer.
        return client.discovery(new URL(issuer), clientId, undefined, auth, { execute, timeout: HTTP_TIMEOUT_S });
      })
      .catch((err: unknown) => {
        this.#discovered = null;
        throw new SsoRefused('unavailable', `discovery: ${errorDetail(err)}`);
      });
    this.#discovered = { config, at: now };
    return config;
  }

  /** Starts a login: keeps its secrets under a new flow id and answers the provider's URL. */
  async start(db: Kysely<Database>, next: string, now: Date): Promise<{ flowId: string; url: string }> {
    const config = await this.configuration();
    const client = await openidClient();
    const flowId = crypto.randomBytes(32).toString('base64url');
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    // Flows nobody finished are removed here, so the table holds at most ten minutes of starts.
    await db
      .deleteFrom('oidc_flow')
      .where('created_at', '<', new Date(now.getTime() - FLOW_TTL_MS).toISOString())
      .execute();
    await db
      .insertInto('oidc_flow')
      .values({ id_hash: sha256(flowId), state, nonce, code_verifier: codeVerifier, next, created_at: now.toISOString() })
      .execute();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return { flowId, url: url.href };
  }

  /** The flow this browser started, removed so it cannot be used again; refused when missing or stale. */
  async takeFlow(db: Kysely<Database>, flowId: string | undefined, now: Date): Promise<Flow> {
    if (!flowId || flowId.length > 100) throw new SsoRefused('expired', 'no flow cookie');
    const row = await db.deleteFrom('oidc_flow').where('id_hash', '=', sha256(flowId)).returningAll().executeTakeFirst();
    if (!row) throw new SsoRefused('expired', 'unknown or used flow');
    if (Date.parse(row.created_at) + FLOW_TTL_MS <= now.getTime()) throw new SsoRefused('expired', 'stale flow');
    return { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, next: row.next };
  }

  /**
   * Checks the provider's answer (the callback's query string) and exchanges the code; answers
   * the claims of the checked ID token, completed from the userinfo endpoint when the provider
   * keeps the e-mail claims there. What rondo takes from them is `identityFrom`'s.
   */
  async finish(flow: Flow, query: string): Promise<Record<string, unknown>> {
    const config = await this.configuration();
    const client = await openidClient();
    // The URL the provider sent the browser to, built from the configured redirect URL (not the
    // request's Host header): openid-client sends it on as redirect_uri.
    const currentUrl = new URL(this.settings.redirectUrl);
    currentUrl.search = query;
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = { ...tokens.claims() };
      const { accountClaim } = this.settings;
      if ((claims[accountClaim] === undefined || !isVerified(claims)) && config.serverMetadata().userinfo_endpoint) {
        // The userinfo answer must be about the ID token's subject; the ID token's own claims win.
        const info = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
        claims = { ...info, ...claims };
      }
    } catch (err) {
      if (err instanceof client.AuthorizationResponseError) throw new SsoRefused('cancelled', `provider: ${err.error}`);
      throw new SsoRefused('failed', errorDetail(err));
    }
    return claims;
  }

  /**
   * What rondo learns from the provider's discovery document, for `rondo sso check`: it throws
   * SsoRefused('unavailable') when the document cannot be read or names another issuer.
   */
  async describe(): Promise<ProviderDescription> {
    const metadata = (await this.configuration()).serverMetadata();
    return {
      issuer: metadata.issuer,
      authorizationEndpoint: metadata.authorization_endpoint ?? null,
      tokenEndpoint: metadata.token_endpoint ?? null,
      endSessionEndpoint: metadata.end_session_endpoint ?? null,
      pkceS256: metadata.code_challenge_methods_supported?.includes('S256') ?? false,
      scopes: metadata.scopes_supported ?? [],
      claims: metadata.claims_supported ?? [],
    };
  }

  /** The provider's logout URL (RP-initiated logout), or null when it offers none or cannot be reached. */
  async endSessionUrl(postLogoutRedirectUri: string): Promise<string | null> {
    try {
      const config = await this.configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      const client = await openidClient();
      // client_id instead of id_token_hint: rondo keeps no ID token after login.
      return client.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri }).href;
    } catch {
      return null;
    }
  }
}

/**
 * Whether the provider vouches for the e-mail address: `email_verified: true` (OpenID Connect
 * Core), or Microsoft Entra ID's `xms_edov: true` (the address's domain is verified by the
 * tenant; Entra sends no `email_verified`). Anything else — false, "true", absent — is not.
 */
function isVerified(claims: Record<string, unknown>): boolean {
  return claims.email_verified === true || claims.xms_edov === true;
}

/** The e-mail address the account claim names (not yet checked: see `identityFrom`). */
export function claimedEmail(claims: Record<string, unknown>, accountClaim: string): string {
  const raw = claims[accountClaim];
  if (typeof raw !== 'string') throw new SsoRefused('failed', `claim ${accountClaim} missing`);
  const email = normaliseEmail(raw);
  if (!EMAIL_PATTERN.test(email) || email.length > 254) throw new SsoRefused('failed', `claim ${accountClaim} is no e-mail address`);
  return email;
}

/**
 * The identity rondo takes from checked claims: the account claim must be an e-mail address the
 * provider vouches for, in an allowed domain.
 */
export function identityFrom(claims: Record<string, unknown>, settings: Pick<OidcConfig, 'accountClaim' | 'allowedDomains'>): SsoIdentity {
  const email = claimedEmail(claims, settings.accountClaim);
  if (!isVerified(claims)) throw new SsoRefused('unverified', 'e-mail address not verified', email);
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!settings.allowedDomains.includes(domain)) throw new SsoRefused('domain', 'domain not allowed', email);
  const name =
    typeof claims.name === 'string'
      ? claims.name
          .replace(/[\p{Cc}\p{Cf}]/gu, '')
          .trim()
          .slice(0, 200)
      : '';
  return { email, name };
}

/**
 * What went wrong, for the audit log: the check that failed ("claim iss", "signature",
 * "claim exp", 'unexpected "state" response parameter value'); never a token or a claim's value.
 */
function errorDetail(err: unknown): string {
  const outer = err as { code?: unknown; cause?: unknown; message?: unknown } | null;
  const inner = (outer?.cause instanceof Error ? outer.cause : outer) as { message?: unknown; cause?: { claim?: unknown } } | null;
  if (typeof inner?.cause?.claim === 'string') return `claim ${inner.cause.claim}`;
  if (typeof inner?.message === 'string' && /signature verification failed/.test(inner.message)) return 'signature';
  // openid-client's messages are fixed texts that name a parameter or claim, never its value.
  if (typeof inner?.message === 'string' && inner.message) return inner.message.slice(0, 200);
  if (typeof outer?.code === 'string') return outer.code;
  return err instanceof Error ? err.name : 'error';
}

const clients = new WeakMap<Readonly<OidcConfig>, OidcClient>();

/** The one client of a configuration (its discovery cache is shared by login and logout). */
export function oidcClient(settings: Readonly<OidcConfig>): OidcClient {
  let c = clients.get(settings);
  if (!c) clients.set(settings, (c = new OidcClient(settings)));
  return c;
}
