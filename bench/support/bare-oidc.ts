/**
 * The bound of `bench oidc`: bare node-oidc-provider, in its own process, with its in-memory store
 * (its default adapter), one static client, the protocol configured as OpenESIA configures it
 * (oidc/provider.ts: code flow, PKCE, the same scopes and claims, refresh tokens, RS256, signed
 * cookies, userinfo, revocation, PAR, RP-initiated logout) and, instead of devInteractions, a
 * minimal sign-in: a form whose password is checked by the same argon2id as OpenESIA's
 * (@node-rs/argon2, m=19456 KiB, t=2, p=1), then a consent form. No database, no audit, no session
 * of its own: the least a provider with password sign-in does.
 * argv: port, path to a JSON file {issuer, client: {id, secret, redirectUri}, people: {login: phc}}.
 * Also answers `client_credentials` (the feature on, as OpenESIA will have it).
 */
import { verify } from '@node-rs/argon2';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import { bareLogin } from '../oidc.js';

interface BareSetup {
  issuer: string;
  client: { id: string; secret: string; redirectUri: string };
  scopes: string[];
  claims: Record<string, string[]>;
  /** how many people (logins bareLogin(0..count-1)), each with this argon2id PHC string */
  people: { count: number; phc: string };
}

const [port, file] = process.argv.slice(2);
const setup = JSON.parse(readFileSync(file, 'utf8')) as BareSetup;
// The password store: login -> hash, in memory.
const passwords = new Map(
  Array.from({ length: setup.people.count }, (_, i) => [bareLogin(i), setup.people.phc] as const),
);
// RS256 with a 2048-bit key, as OpenESIA's signing keys (services/oidc/keys.ts).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'bench' };

const configuration: Configuration = {
  clients: [
    {
      client_id: setup.client.id,
      client_secret: setup.client.secret,
      redirect_uris: [setup.client.redirectUri],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: setup.scopes.join(' '),
    },
  ],
  jwks: { keys: [jwk as never] },
  cookies: {
    keys: ['bench-cookie-key-bench-cookie-key'],
    long: { signed: true, sameSite: 'lax' },
    short: { signed: true, sameSite: 'lax' },
  },
  scopes: setup.scopes,
  claims: { ...setup.claims, openid: ['sub', 'acr', 'amr', 'auth_time'] },
  findAccount: async (_ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, family_name: 'Нагрузочный', given_name: 'Тест' }),
  }),
  features: {
    devInteractions: { enabled: false },
    userinfo: { enabled: true },
    revocation: { enabled: true },
    clientCredentials: { enabled: true },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
    rpInitiatedLogout: { enabled: true },
  },
  pkce: { required: () => true },
  responseTypes: ['code'],
  clientAuthMethods: ['private_key_jwt', 'client_secret_basic', 'none'],
  enabledJWA: { idTokenSigningAlgValues: ['RS256'] },
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: true,
  // OpenESIA's lifetimes (oidc/provider.ts)
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    ClientCredentials: 600,
    IdToken: 3600,
    Interaction: 3600,
    Grant: 14 * 24 * 3600,
    Session: 12 * 3600,
    RefreshToken: 14 * 24 * 3600,
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
};
const provider = new Provider(setup.issuer, configuration);
const callback = provider.callback();

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

const server = createServer(async (req, res) => {
  const path = new URL(req.url!, 'http://bench').pathname;
  try {
    if (!path.startsWith('/interaction/')) {
      // Mounted under /oidc, as OpenESIA's is.
      if (!path.startsWith('/oidc')) return void res.writeHead(404).end();
      req.originalUrl = req.url;
      req.url = req.url!.slice('/oidc'.length) || '/';
      return void callback(req, res);
    }
    const details = await provider.interactionDetails(req, res);
    const action = path.split('/')[3];
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(
        details.prompt.name === 'login'
          ? '<form method="post" action="login"><input name="login"><input name="password" type="password"></form>'
          : '<form method="post" action="confirm"><button>Предоставить</button></form>',
      );
    }
    if (action === 'login' && details.prompt.name === 'login') {
      const fields = await form(req);
      const phc = passwords.get(fields.get('login') ?? '');
      if (!phc || !(await verify(phc, fields.get('password') ?? ''))) {
        return void res.writeHead(401).end('wrong login or password');
      }
      const to = await provider.interactionResult(req, res, {
        login: { accountId: fields.get('login')!, acr: 'urn:openesia:loa:simplified', amr: ['pwd'] },
      });
      return void res.writeHead(303, { location: to }).end();
    }
    if (action === 'confirm' && details.prompt.name === 'consent') {
      await form(req);
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: setup.client.id });
      const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
      if (missing) grant.addOIDCScope(missing.join(' '));
      const to = await provider.interactionResult(
        req,
        res,
        { consent: { grantId: await grant.save() } },
        { mergeWithLastSubmission: true },
      );
      return void res.writeHead(303, { location: to }).end();
    }
    res.writeHead(400).end('unexpected step');
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
