// A real OpenID provider (oidc-provider) for the single sign-on tests, run as its own process:
//
//   node test/helpers/oidc-provider.mjs '<options as JSON>'
//
// It listens on 127.0.0.1 at a random port and prints one line of JSON, {"issuer": "…"}, when
// it is ready. It stops on SIGTERM, and by itself when its parent closes stdin (a test run that
// dies leaves no provider behind). test/helpers/oidc-provider.ts starts and stops it.
//
// Options: redirectUri (and extraRedirectUris) and postLogoutRedirectUri (the rondo client's), clientId, clientSecret,
// claimsInIdToken (true: the e-mail claims are in the ID token, as Entra ID sends them; false:
// only at the userinfo endpoint, oidc-provider's default), and `lie`, to make a provider that
// misbehaves the way the tests need:
//   - 'wrong-key': publishes a different public key under the key id it signs with, so every
//     ID token's signature is bad;
//   - 'wrong-issuer': issues tokens as https://impostor.example while its discovery document
//     and its authorization answers name the address it listens on;
//   - 'late-clock': its clock is two hours behind, so its ID tokens have expired when issued.
//
// Accounts (log in with the id as login name, any password): see ACCOUNTS.
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] ?? '{}');

if (options.lie === 'late-clock') {
  const realNow = Date.now;
  Date.now = () => realNow() - 2 * 60 * 60 * 1000;
}

const ACCOUNTS = {
  // Matches rondo's anna.jansen@ggd.example: e-mail addresses compare without case.
  anna: { email: 'Anna.Jansen@GGD.example', email_verified: true, name: 'Anna Jansen' },
  bram: { email: 'bram@ggd.example', email_verified: false, name: 'Bram Unverified' },
  carla: { email: 'carla@elders.example', email_verified: true, name: 'Carla Elsewhere' },
  dirk: { email: 'dirk@ggd.example', email_verified: true, name: 'Dirk Nieuw' },
  // Microsoft Entra ID's way: no email_verified, but the tenant-verified domain flag.
  eva: { email: 'eva@ggd.example', xms_edov: true, name: 'Eva Entra' },
};

const keyId = 'rondo-test-key';
const signing = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = (key) => ({ ...key.export({ format: 'jwk' }), kid: keyId, alg: 'RS256', use: 'sig' });

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = `http://127.0.0.1:${server.address().port}`;
const issuer = options.lie === 'wrong-issuer' ? 'https://impostor.example' : address;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: options.clientId,
      client_secret: options.clientSecret,
      redirect_uris: [options.redirectUri, ...(options.extraRedirectUris ?? [])],
      post_logout_redirect_uris: [options.postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys: [jwk(signing.privateKey)] },
  claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
  conformIdTokenClaims: !options.claimsInIdToken,
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  async findAccount(_ctx, id) {
    const account = ACCOUNTS[id];
    return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
  },
  // rondo is the institution's own application: no consent screen.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
});

provider.use(async (ctx, next) => {
  await next();
  if (options.lie === 'wrong-key' && ctx.path === '/jwks') ctx.body = { keys: [jwk(other.publicKey)] };
  if (options.lie === 'wrong-issuer') {
    if (ctx.path === '/.well-known/openid-configuration') ctx.body = { ...ctx.body, issuer: address };
    const location = ctx.response.get('location');
    if (location?.startsWith(options.redirectUri)) {
      const url = new URL(location);
      url.searchParams.set('iss', address);
      ctx.response.set('location', url.href);
    }
  }
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer: address })}\n`);

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
