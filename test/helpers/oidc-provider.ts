import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the test provider should misbehave (test/helpers/oidc-provider.mjs); none when honest. */
export type ProviderLie = 'wrong-key' | 'wrong-issuer' | 'late-clock';

export interface ProviderOptions {
  redirectUri: string;
  /** More redirect URIs of the same client (another rondo on another port). */
  extraRedirectUris?: string[];
  postLogoutRedirectUri: string;
  clientId: string;
  clientSecret: string;
  /** The e-mail claims in the ID token (Entra ID's way) rather than only at the userinfo endpoint. */
  claimsInIdToken?: boolean;
  lie?: ProviderLie;
}

export interface TestProvider {
  /** Where the provider listens; also its issuer, except for the 'wrong-issuer' liar. */
  issuer: string;
  stop(): Promise<void>;
}

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'oidc-provider.mjs');
const START_TIMEOUT_MS = 60_000;

/** Starts a real OpenID provider process on 127.0.0.1 and waits until it listens. */
export function startProvider(options: ProviderOptions): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [SCRIPT, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the test OpenID provider did not start within ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve({ issuer: (JSON.parse(line) as { issuer: string }).issuer, stop });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test OpenID provider exited (${code}): ${stderr}`));
    });
  });
}

/** A cookie jar for one browser at one host: enough for the provider's interaction cookies. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Signs in at the provider as `login` the way a browser would, from rondo's authorization URL
 * to the provider's answer: follows its redirects, fills in its login form, and answers the
 * URL it sends the browser back to (rondo's callback with code, state and iss, or an error).
 * With `cancel` the user cancels at the provider's login form instead.
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  redirectUri: string,
  options: { cancel?: boolean } = {},
): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  for (let step = 0; step < 10; step++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() }, signal: AbortSignal.timeout(10_000) });
    jar.take(res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.href.startsWith(redirectUri)) return next;
      url = next.href;
      continue;
    }
    const body = await res.text();
    if (res.status !== 200 || !body.includes('name="login"'))
      throw new Error(`unexpected provider answer ${res.status} at ${url}: ${body.slice(0, 500)}`);
    // The provider's own login form (its development interaction): any password is accepted.
    const action = new URL(/action="([^"]+)"/.exec(body)![1], url);
    if (options.cancel) {
      // The form's "cancel" link: the provider answers rondo with error=access_denied.
      url = `${action.href}/abort`;
      continue;
    }
    const submit = await fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    jar.take(submit);
    if (submit.status < 300 || submit.status >= 400) throw new Error(`the provider refused the login form: ${submit.status}`);
    url = new URL(submit.headers.get('location')!, action).href;
  }
  throw new Error('too many redirects at the provider');
}
