import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { acrByLevel, oidcScopeClaims, oidcScopes } from '@openesia/contracts';
import type { FastifyBaseLogger } from 'fastify';
import Provider, {
  errors,
  interactionPolicy,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Config } from '../config/index.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { FieldCipher, LookupHasher } from '../lib/crypto.js';
import type { OidcClaimsService } from '../services/oidc/claims.js';
import { levelSatisfies, requiredLevel } from '../services/oidc/claims.js';
import type { OidcClientService } from '../services/oidc/clients.js';
import type { OidcConsentService } from '../services/oidc/consents.js';
import type { OidcKeyService } from '../services/oidc/keys.js';
import type { SessionService } from '../services/platform/sessions.js';
import { createOidcAdapterFactory } from './adapter.js';
import { renderErrorPage, renderLogoutPage, renderLogoutSuccessPage } from './pages.js';

/** Where the provider answers, under the server's public address (discovery: /oidc/.well-known/…). */
export const OIDC_PATH = '/oidc';
/** Where the provider sends the browser for a sign-in or consent step (routes/oidc/). */
export const INTERACTION_PATH = '/api/oidc/interaction';
/** Our session cookie (http/auth.ts SESSION_COOKIE): the provider's sign-in is ours. */
const SESSION_COOKIE = 'oesia_session';
/** How often a process re-reads the signing keys (a rotation publishes a key a day ahead). */
const KEYS_REFRESH_MS = 30_000;

export const amrByMethod = { password: 'pwd', signature: 'sig' } as const;

export interface OidcProviderDeps {
  config: Config;
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  lookup: LookupHasher;
  logger: FastifyBaseLogger;
  keys: OidcKeyService;
  clients: OidcClientService;
  consents: OidcConsentService;
  claims: OidcClaimsService;
  sessions: SessionService;
}

/**
 * node-oidc-provider, configured (never re-implemented: STYLE.md), for every process alike: its
 * storage is the database (oidc/adapter.ts), clients come from our registry, keys from the
 * database. The provider holds its keys from construction, so a process builds a new one when
 * the published keys or the signing key change; it keeps nothing else in memory.
 */
export class OidcProviderHost {
  readonly issuer: string;
  private current: { version: string; provider: Provider } | null = null;
  private checkedAt = 0;
  private pending: Promise<Provider> | null = null;

  constructor(private readonly deps: OidcProviderDeps) {
    this.issuer = `${deps.config.publicUrl}${OIDC_PATH}`;
  }

  /** The provider with the keys of now (re-read at most every 30 s). */
  async provider(): Promise<Provider> {
    if (this.current && Date.now() - this.checkedAt < KEYS_REFRESH_MS) return this.current.provider;
    this.pending ??= this.refresh().finally(() => (this.pending = null));
    return this.pending;
  }

  /** The person signs out of OpenESIA: the provider's session of this browser ends too (endProviderSession). */
  async signedOut(
    raw: { req: IncomingMessage; res: ServerResponse },
    oid: string,
  ): Promise<{ notified: string[] }> {
    // Only a browser that signed in to a system has the provider's session cookie: the rest of
    // the sign-outs do not wait for the provider (its keys are made on first use).
    if (!/(?:^|;\s*)_session=/.test(raw.req.headers.cookie ?? '')) return { notified: [] };
    return endProviderSession(await this.provider(), raw, oid, this.deps.logger);
  }

  /** Drops the cached keys: the next request reads them again (after a rotation, in tests). */
  invalidate(): void {
    this.checkedAt = 0;
  }

  private async refresh(): Promise<Provider> {
    const keySet = await this.deps.keys.keySet();
    this.checkedAt = Date.now();
    if (this.current?.version === keySet.version) return this.current.provider;
    const provider = new Provider(this.issuer, this.configuration(keySet.keys as never));
    // Behind the proxies of TRUST_PROXY the provider believes X-Forwarded-Proto/Host, as Fastify does.
    provider.proxy = this.deps.config.trustProxy !== false;
    provider.on('server_error', (_ctx, err) => this.deps.logger.error({ err }, 'oidc provider error'));
    this.current = { version: keySet.version, provider };
    return provider;
  }

  private configuration(keys: NonNullable<Configuration['jwks']>['keys']): Configuration {
    const { config, db, cipher, lookup, clock, clients, consents, claims, sessions } = this.deps;
    const storage = createOidcAdapterFactory(db, { cipher, lookup }, () => clock.now());
    // Relying parties come from the registry: only approved ones exist for the provider.
    const adapter = (model: string) =>
      model === 'Client' ? new RegistryClientAdapter(clients) : storage(model);
    const secure = config.secureCookies;
    // The cookies are signed with a key every process derives alike from SESSION_SECRET.
    const cookieKey = createHmac('sha256', config.sessionSecret)
      .update('oidc-provider cookies')
      .digest('hex');

    const policy = interactionPolicy.base();
    const login = policy.get('login')!;
    // Our session is the sign-in: the provider's remembered login holds only while the browser's
    // OpenESIA session is the same person with the same level and sign-in method.
    login.checks.add(
      new interactionPolicy.Check('openesia_session', 'the OpenESIA session changed', async (ctx) => {
        const auth = await sessions.resolve(ctx.cookies.get(SESSION_COOKIE, { signed: false }));
        const session = ctx.oidc.session!;
        if (!auth || String(auth.account.oid) !== session.accountId)
          return interactionPolicy.Check.REQUEST_PROMPT;
        const acr = acrByLevel[auth.account.level];
        const amr = amrByMethod[auth.session.authMethod];
        if (session.acr !== acr || !session.amr?.includes(amr)) return interactionPolicy.Check.REQUEST_PROMPT;
        // Whom the person acts for in this sign-in, kept with the provider's session for the
        // system (its tokens name the session by uid): `acting_for` in the claims (findAccount).
        recordActingFor(session, ctx.oidc.client!.clientId, auth.session.actingForOrganizationId);
        return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      }),
    );
    // A system that asks for a level (acr_values) gets no token for a lower one: the sign-in step
    // shows the person how to raise it instead (issue 13, §3).
    login.checks.add(
      new interactionPolicy.Check('acr_values_unmet', 'the account level is below acr_values', (ctx) => {
        const required = requiredLevel(ctx.oidc.params!.acr_values as string | undefined);
        const level = levelOfAcr(ctx.oidc.session!.acr);
        return required && (!level || !levelSatisfies(level, required))
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT;
      }),
    );

    return {
      adapter,
      clients: [],
      jwks: { keys },
      cookies: {
        keys: [cookieKey],
        long: { signed: true, secure, sameSite: 'lax' },
        short: { signed: true, secure, sameSite: 'lax' },
      },
      scopes: oidcScopes,
      claims: {
        sid: null,
        ...Object.fromEntries(Object.entries(oidcScopeClaims).map(([s, c]) => [s, [...c]])),
        // Every id token says the account's level and how the person signed in (issue 13, §3),
        // not only when the system asked with acr_values.
        openid: ['sub', 'acr', 'amr', 'auth_time'],
      },
      acrValues: Object.values(acrByLevel),
      findAccount: async (ctx, sub, token) => {
        const subject = await claims.findSubject(sub);
        if (!subject) return undefined;
        return {
          accountId: sub,
          claims: async (_use, scope) => {
            const scopes = new Set(scope.split(' '));
            const actingForOrganizationId = scopes.has('usr_org')
              ? await actingForOf(ctx.oidc.provider, sub, token)
              : null;
            // The account findAccount read in this request (the provider asks for the claims in
            // the same request as the account: the token endpoint, userinfo).
            return claims.claims(sub, scopes, { actingForOrganizationId, subject });
          },
        };
      },
      features: {
        devInteractions: { enabled: false },
        userinfo: { enabled: true },
        revocation: { enabled: true },
        pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: renderLogoutPage,
          postLogoutSuccessSource: renderLogoutSuccessPage,
        },
        // OpenID Connect Back-Channel Logout 1.0: a system that registered backchannel_logout_uri
        // gets a signed logout token when the person signs out (here or from OpenESIA, endSessions).
        backchannelLogout: { enabled: true },
        // A registered system allowed the grant (its registry entry) gets a token for itself,
        // limited to its own scopes (the benchmark's and ESIA's organization reads).
        clientCredentials: { enabled: true },
      },
      // node-oidc-provider refuses outgoing requests to loopback and private addresses (SSRF);
      // outside production a system on this machine (the demo, the tests) is reachable.
      fetch: (url, options) => {
        if (config.env !== 'production' && isLoopback(url))
          delete (options as { dispatcher?: unknown }).dispatcher;
        return fetch(url, options);
      },
      // RFC 9700 §2.1.1: PKCE for every client (S256 is the only method node-oidc-provider 9 knows).
      pkce: { required: () => true },
      responseTypes: ['code'],
      clientAuthMethods: ['private_key_jwt', 'client_secret_basic', 'none'],
      enabledJWA: {
        clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        idTokenSigningAlgValues: ['RS256'],
      },
      // Refresh tokens for every system allowed the grant (ESIA's access_type=offline), each use
      // giving a new one (RFC 9700 §4.14.2: rotation detects a stolen token's replay).
      issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      rotateRefreshToken: true,
      ttl: {
        AccessToken: 3600,
        ClientCredentials: 3600,
        AuthorizationCode: 60,
        IdToken: 3600,
        Interaction: 3600,
        Grant: 14 * 24 * 3600,
        Session: 12 * 3600,
        RefreshToken: 14 * 24 * 3600,
      },
      interactions: {
        policy,
        url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
      },
      // A consent given before (oidc_consents) is a grant: the second sign-in does not ask again.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { oidc } = ctx;
        const clientId = oidc.client!.clientId;
        const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(clientId);
        if (grantId) return oidc.provider.Grant.find(grantId);
        const accountId = oidc.session!.accountId!;
        const scopes = await consents.remembered(accountId, clientId);
        if (!scopes?.length) return undefined;
        const grant = new oidc.provider.Grant({ accountId, clientId });
        grant.addOIDCScope(scopes.join(' '));
        await consents.grantMade(accountId, clientId, await grant.save());
        return grant;
      },
      renderError: renderErrorPage,
    };
  }
}

/**
 * A citizen's sign-out from OpenESIA (POST /api/logout) ends the provider's session of the same
 * browser, as RP-initiated logout with «Выйти» does (node-oidc-provider's end_session): each
 * system with a back-channel logout URI gets its logout token, the session's grants and their
 * tokens are revoked, the session goes. Only a session of the person signing out is touched.
 */
export async function endProviderSession(
  provider: Provider,
  raw: { req: IncomingMessage; res: ServerResponse },
  oid: string,
  logger: FastifyBaseLogger,
): Promise<{ notified: string[] }> {
  const session = await provider.Session.get(raw as never);
  if (!session.accountId || session.accountId !== oid) return { notified: [] };
  const notified: string[] = [];
  await Promise.all(
    Object.entries(session.authorizations ?? {}).map(async ([clientId, authorization]) => {
      const client = (await provider.Client.find(clientId)) as
        | { backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string): Promise<void> }
        | undefined;
      if (client?.backchannelLogoutUri && authorization.sid) {
        try {
          await client.backchannelLogout(oid, authorization.sid);
          notified.push(clientId);
        } catch (err) {
          // The system did not answer 200: it is told nothing more (the spec has no retry), but we log it.
          logger.warn({ err, clientId }, 'back-channel logout not delivered');
        }
      }
      const { grantId, persistsLogout } = authorization as { grantId?: string; persistsLogout?: boolean };
      if (grantId && !persistsLogout) {
        await provider.AccessToken.adapter.revokeByGrantId(grantId);
        await provider.Grant.adapter.destroy(grantId);
      }
    }),
  );
  await session.destroy();
  return { notified };
}

/** The organization this sign-in to the system was made acting for (the openesia_session check). */
function recordActingFor(
  session: NonNullable<KoaContextWithOIDC['oidc']['session']>,
  clientId: string,
  organizationId: string | null,
): void {
  session.ensureClientContainer(clientId);
  const authorization = session.authorizations![clientId] as { actingFor?: string };
  if (organizationId) authorization.actingFor = organizationId;
  else delete authorization.actingFor;
}

/**
 * Whom the sign-in behind `token` (its code, access or refresh token) was made acting for: read
 * from the provider's session the token names (gone with it: the person then acts for nobody).
 */
async function actingForOf(provider: Provider, sub: string, token: unknown): Promise<string | null> {
  const { sessionUid, clientId } = (token ?? {}) as { sessionUid?: string; clientId?: string };
  if (!sessionUid || !clientId) return null;
  const session = await provider.Session.findByUid(sessionUid);
  if (!session || session.accountId !== sub) return null;
  return (session.authorizations?.[clientId] as { actingFor?: string } | undefined)?.actingFor ?? null;
}

function isLoopback(url: string | URL | Request): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(
    new URL(url instanceof Request ? url.url : url).hostname,
  );
}

function levelOfAcr(acr: string | undefined) {
  return (Object.keys(acrByLevel) as (keyof typeof acrByLevel)[]).find((l) => acrByLevel[l] === acr);
}

/** The provider's client storage over our registry: read-only, approved systems only. */
class RegistryClientAdapter {
  constructor(private readonly clients: OidcClientService) {}
  async find(id: string) {
    return this.clients.providerMetadata(id);
  }
  async upsert(): Promise<void> {
    throw new errors.InvalidRequest('clients are registered in the registry only');
  }
  async findByUid() {
    return undefined;
  }
  async findByUserCode() {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}
