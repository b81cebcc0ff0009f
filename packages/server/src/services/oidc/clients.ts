import { oidcClientAuthMethods, oidcGrantTypes, oidcScopes, type OidcGrantType } from '@openesia/contracts';
import { appendAudit } from '../../audit/log.js';
import { auditActor } from '../../audit/events.js';
import type { Db } from '../../db/client.js';
import type { Config } from '../../config/index.js';
import { systemActor, type Actor } from '../../domain/policy/actor.js';
import { assertAllowed } from '../../domain/policy/policy.js';
import type { Clock } from '../../lib/clock.js';
import { newId, randomToken, type FieldCipher } from '../../lib/crypto.js';
import { readSystemCertificate } from '../../esia/client-secret.js';
import { AppError } from '../../lib/errors.js';
import {
  findOidcClient,
  findOidcClientForUpdate,
  insertOidcClient,
  listOidcClients,
  updateOidcClient,
  type OidcClientRow,
  type OidcClientStatus,
} from '../../repositories/oidc/clients.js';

export type OidcClientAuthMethod = (typeof oidcClientAuthMethods)[number];

export interface OidcClientInput {
  /** the system's mnemonic, its client_id */
  clientId: string;
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  scopes: string[];
  authMethod: OidcClientAuthMethod;
  /** private_key_jwt: the system's public keys */
  jwks?: { keys: Record<string, unknown>[] };
  /**
   * The system's GOST R 34.10-2012 certificate, PEM or base64 DER: what its ESIA client secrets
   * are checked with (esia/client-secret.ts); without one the system has no ESIA-compatible access.
   */
  certificate?: string;
  /** default: authorization_code and refresh_token (people sign in); client_credentials on request */
  grantTypes?: OidcGrantType[];
  /** OpenID Connect Back-Channel Logout 1.0 */
  backchannelLogoutUri?: string | null;
  backchannelLogoutSessionRequired?: boolean;
  /**
   * «Только подтверждённые учётные записи»: the system signs in confirmed accounts only; anyone
   * else is told how to confirm and the system gets ESIA-007055.
   */
  confirmedOnly?: boolean;
}

export interface OidcClientView {
  clientId: string;
  name: string;
  redirectUris: string[];
  scopes: string[];
  authMethod: OidcClientAuthMethod;
  status: OidcClientStatus;
  /** ESIA's `client_certificate_hash` of the registered certificate, or null */
  certificateHash: string | null;
  confirmedOnly: boolean;
}

/** The client metadata node-oidc-provider takes (RFC 7591 names). */
export type ProviderClientMetadata = Record<string, unknown> & { client_id: string };

const MNEMONIC = /^[A-Za-z0-9_-]{2,64}$/;
/**
 * How long a process keeps what it read of a registered system (providerMetadata, displayName):
 * the provider asks for the client several times in every flow. A block or approval made in this
 * process takes effect at once; one made in another process (the console, another server) within
 * this time.
 */
export const CLIENT_CACHE_MS = 5_000;
const DEFAULT_GRANT_TYPES: readonly OidcGrantType[] = ['authorization_code', 'refresh_token'];

/**
 * The demo relying party of demo mode, on the server itself. Its secret is public on purpose:
 * demo mode is refused in production (config/index.ts).
 */
export const DEMO_CLIENT = {
  clientId: 'DEMO_PORTAL',
  name: 'Портал услуг (демо)',
  secret: 'demo-portal-secret-not-for-production',
  /** where «Портал услуг» answers (http/demo-portal.ts): its callback and where logout returns */
  portalPath: '/demo-portal',
  callbackPath: '/demo-portal/callback',
} as const;

/**
 * The demo system of the ESIA-compatible interface (demo mode): its GOST key and certificate come
 * from the test CA at seed, the key sealed in its registry row, so the demo app on the same server
 * signs its client secrets (demoEsiaSystem).
 */
export const DEMO_ESIA_CLIENT = {
  clientId: 'DEMO_ESIA',
  name: 'Портал услуг — ЕСИА (демо)',
  /** where the demo app answers (packages/demo-portal/src/esia.ts): its callback and where logout returns */
  portalPath: '/demo-esia',
  callbackPath: '/demo-esia/callback',
  scopes: [
    'openid',
    'fullname',
    'birthdate',
    'birthplace',
    'gender',
    'snils',
    'id_doc',
    'email',
    'mobile',
    'contacts',
    'usr_org',
    'kid_fullname',
    'kid_birthdate',
    'kid_gender',
    'kid_snils',
  ],
} as const;

/** The demo system's key and certificate, as the demo app signs with them. */
export interface DemoEsiaSystem {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  certificateDer: Buffer;
  certificateHash: string;
  /** PKCS#8 DER of the GOST R 34.10-2012 key (lib/pki readPrivateKey, signData) */
  privateKeyPkcs8: Buffer;
}

/**
 * The registry of relying parties (issue 13, §5): the information systems that sign citizens in.
 * A system is registered pending, and only once the federal operator approves it does the provider
 * know it (findClient returns nothing otherwise); blocking it stops every new sign-in and token.
 */
export class OidcClientService {
  /** Registered systems as last read, by client_id: a cache of the database, never written through. */
  private readonly cache = new Map<
    string,
    { readAt: number; name: string; metadata: ProviderClientMetadata | undefined }
  >();
  /** Bumped by every status change here: a read begun before it is not cached. */
  private generation = 0;

  constructor(private readonly deps: { db: Db; clock: Clock; cipher: FieldCipher; config: Config }) {}

  /** Demo mode: «Портал услуг (демо)» registered and approved, once (db/seed.ts). */
  async ensureDemoClient(): Promise<void> {
    const { config, db } = this.deps;
    if (!config.demoMode || (await findOidcClient(db, DEMO_CLIENT.clientId))) return;
    const seed = systemActor('seed');
    await this.register(
      seed,
      {
        clientId: DEMO_CLIENT.clientId,
        name: DEMO_CLIENT.name,
        redirectUris: [`${config.publicUrl}${DEMO_CLIENT.callbackPath}`],
        postLogoutRedirectUris: [`${config.publicUrl}/`, `${config.publicUrl}${DEMO_CLIENT.portalPath}/`],
        scopes: [...oidcScopes],
        authMethod: 'client_secret_basic',
      },
      { via: 'seed', secret: DEMO_CLIENT.secret },
    );
    await this.setStatus(seed, DEMO_CLIENT.clientId, 'approved');
  }

  /**
   * Demo mode: «Портал услуг — ЕСИА (демо)» registered and approved once, with a certificate and key
   * the test CA issues for it (db/seed.ts).
   */
  async ensureDemoEsiaClient(testCa: {
    issueSystemCertificate(name: string): Promise<{ der: Buffer; pkcs8: Buffer }>;
  }): Promise<void> {
    const { config, db } = this.deps;
    if (!config.demoMode || (await findOidcClient(db, DEMO_ESIA_CLIENT.clientId))) return;
    const seed = systemActor('seed');
    const issued = await testCa.issueSystemCertificate(DEMO_ESIA_CLIENT.name);
    try {
      await this.register(
        seed,
        {
          clientId: DEMO_ESIA_CLIENT.clientId,
          name: DEMO_ESIA_CLIENT.name,
          redirectUris: [`${config.publicUrl}${DEMO_ESIA_CLIENT.callbackPath}`],
          postLogoutRedirectUris: [
            `${config.publicUrl}/`,
            `${config.publicUrl}${DEMO_ESIA_CLIENT.portalPath}/`,
          ],
          scopes: [...DEMO_ESIA_CLIENT.scopes],
          // Its OpenID Connect secret is made and never shown: it signs in through the ESIA interface.
          authMethod: 'client_secret_basic',
          certificate: issued.der.toString('base64'),
        },
        { via: 'seed', demoPrivateKey: issued.pkcs8 },
      );
    } catch (err) {
      // Two processes seeding at once: the other one registered it.
      if (err instanceof AppError && err.code === 'oidc_client.duplicate') return;
      throw err;
    }
    await this.setStatus(seed, DEMO_ESIA_CLIENT.clientId, 'approved');
  }

  /**
   * The demo system's key and certificate, for the demo app on this server to sign its client
   * secrets: demo mode only (the key is a demo key of the test CA), never over HTTP.
   */
  async demoEsiaSystem(): Promise<DemoEsiaSystem> {
    const { config, db, cipher } = this.deps;
    if (!config.demoMode) throw new AppError('not_found');
    const row = await findOidcClient(db, DEMO_ESIA_CLIENT.clientId);
    if (!row?.demoPrivateKey || !row.certificateDer || !row.certificateHash) throw new AppError('not_found');
    return {
      clientId: row.clientId,
      redirectUri: row.redirectUris[0]!,
      scopes: row.scopes,
      certificateDer: row.certificateDer,
      certificateHash: row.certificateHash,
      privateKeyPkcs8: Buffer.from(
        cipher.decrypt(row.demoPrivateKey, this.demoKeyAad(row.clientId)),
        'base64',
      ),
    };
  }

  private demoKeyAad(clientId: string): string {
    return `oidc_client_demo_key:${clientId}`;
  }

  private secretAad(clientId: string): string {
    return `oidc_client_secret:${clientId}`;
  }

  /**
   * Registers a system, pending approval. For client_secret_basic the secret is made here and
   * returned once (kept sealed: the provider compares it itself); `secret` fixes it (demo seed).
   */
  async register(
    actor: Actor,
    input: OidcClientInput,
    options: {
      via: 'cli' | 'seed' | 'api';
      secret?: string;
      demoPrivateKey?: Buffer;
      /** the technological portal: the organization's own system, registered by its employee */
      organization?: { id: string; registeredBy: string; ip?: string | null };
    },
  ): Promise<{ clientId: string; secret: string | null }> {
    const organization = options.organization;
    if (organization) assertAllowed(actor, 'oidc_client.register', { organizationId: organization.id });
    else assertAllowed(actor, 'oidc_client.manage');
    // The demo system lives on the server itself, whatever its address (demo mode only).
    validateClient(input, options.via === 'seed');
    // A system's private key is never ours to hold, but for the demo system in demo mode.
    if (options.demoPrivateKey && !(options.via === 'seed' && this.deps.config.demoMode))
      throw new AppError('oidc_client.invalid', { message: 'demo key outside the demo seed' });
    const certificate = input.certificate === undefined ? null : readSystemCertificate(input.certificate);
    const { db, clock, cipher } = this.deps;
    const now = clock.now();
    const secret = input.authMethod === 'client_secret_basic' ? (options.secret ?? randomToken(32)) : null;
    return db.transaction(async (tx) => {
      const inserted = await insertOidcClient(tx, {
        id: newId(),
        clientId: input.clientId,
        name: input.name,
        redirectUris: input.redirectUris,
        postLogoutRedirectUris: input.postLogoutRedirectUris ?? [],
        scopes: input.scopes,
        authMethod: input.authMethod,
        jwks: input.authMethod === 'private_key_jwt' ? input.jwks : null,
        grantTypes: input.grantTypes ?? [...DEFAULT_GRANT_TYPES],
        backchannelLogoutUri: input.backchannelLogoutUri ?? null,
        backchannelLogoutSessionRequired: input.backchannelLogoutSessionRequired ?? false,
        secretEncrypted: secret ? cipher.encrypt(secret, this.secretAad(input.clientId)) : null,
        status: 'pending',
        organizationId: organization?.id ?? null,
        registeredBy: organization?.registeredBy ?? null,
        certificateDer: certificate?.der ?? null,
        certificateHash: certificate?.hash ?? null,
        confirmedOnly: input.confirmedOnly ?? false,
        demoPrivateKey: options.demoPrivateKey
          ? cipher.encrypt(options.demoPrivateKey.toString('base64'), this.demoKeyAad(input.clientId))
          : null,
        createdAt: now,
        updatedAt: now,
      });
      if (!inserted) throw new AppError('oidc_client.duplicate');
      const who = auditActor(actor);
      await appendAudit(
        tx,
        {
          event: 'oidc.client_registered',
          ...who,
          // the organization's journal lists it
          subjectId: organization?.id,
          ip: organization?.ip,
          data: {
            clientId: input.clientId,
            name: input.name,
            authMethod: input.authMethod,
            redirectUris: input.redirectUris,
            scopes: input.scopes,
            certificateHash: certificate?.hash ?? null,
            grantTypes: input.grantTypes ?? [...DEFAULT_GRANT_TYPES],
            backchannelLogoutUri: input.backchannelLogoutUri ?? null,
            confirmedOnly: input.confirmedOnly ?? false,
            via: options.via,
          },
        },
        now,
      );
      return { clientId: input.clientId, secret };
    });
  }

  /** Approves, blocks or returns a system to pending; each change one audit entry. */
  async setStatus(actor: Actor, clientId: string, status: OidcClientStatus): Promise<OidcClientView> {
    assertAllowed(actor, 'oidc_client.manage');
    const { db, clock } = this.deps;
    const now = clock.now();
    const result = await db.transaction(async (tx) => {
      const row = await findOidcClientForUpdate(tx, clientId);
      if (!row) throw new AppError('oidc_client.not_found');
      if (row.status !== status) {
        await updateOidcClient(tx, clientId, {
          status,
          updatedAt: now,
          approvedAt: status === 'approved' ? (row.approvedAt ?? now) : row.approvedAt,
          blockReason: null,
        });
        await appendAudit(
          tx,
          {
            event: 'oidc.client_status_changed',
            ...auditActor(actor),
            data: { clientId, from: row.status, to: status },
          },
          now,
        );
      }
      return view({ ...row, status });
    });
    this.forget(clientId);
    return result;
  }

  /** The next lookup of the system reads the registry again (after a change this process made). */
  forget(clientId: string): void {
    this.generation++;
    this.cache.delete(clientId);
  }

  async list(actor: Actor): Promise<OidcClientView[]> {
    assertAllowed(actor, 'oidc_client.manage');
    return (await listOidcClients(this.deps.db)).map(view);
  }

  /** The system's name for the consent screen (any status: the provider found it approved). */
  async displayName(clientId: string): Promise<string | undefined> {
    return (await this.cached(clientId))?.name;
  }

  /**
   * What the provider knows of a system: only an approved one exists for it. The provider keeps
   * no copy of its own; this process keeps what it read for CLIENT_CACHE_MS, so a block takes
   * effect everywhere within that time (at once in the process that made it).
   */
  async providerMetadata(clientId: string): Promise<ProviderClientMetadata | undefined> {
    return (await this.cached(clientId))?.metadata;
  }

  /** The system as read at most CLIENT_CACHE_MS ago; an unknown id is not kept (any id can be asked). */
  private async cached(clientId: string) {
    const hit = this.cache.get(clientId);
    if (hit && Date.now() - hit.readAt < CLIENT_CACHE_MS) return hit;
    const generation = this.generation;
    const readAt = Date.now();
    const row = await findOidcClient(this.deps.db, clientId);
    if (!row) {
      this.cache.delete(clientId);
      return undefined;
    }
    const entry = { readAt, name: row.name, metadata: this.metadataOf(row) };
    if (generation === this.generation) this.cache.set(clientId, entry);
    return entry;
  }

  private metadataOf(row: OidcClientRow): ProviderClientMetadata | undefined {
    if (row.status !== 'approved') return undefined;
    const signsPeopleIn = row.grantTypes.includes('authorization_code');
    const metadata: ProviderClientMetadata = {
      client_id: row.clientId,
      client_name: row.name,
      redirect_uris: signsPeopleIn ? row.redirectUris : [],
      post_logout_redirect_uris: row.postLogoutRedirectUris,
      grant_types: row.grantTypes,
      response_types: signsPeopleIn ? ['code'] : [],
      token_endpoint_auth_method: row.authMethod,
      scope: row.scopes.join(' '),
    };
    if (row.backchannelLogoutUri) {
      metadata.backchannel_logout_uri = row.backchannelLogoutUri;
      metadata.backchannel_logout_session_required = row.backchannelLogoutSessionRequired;
    }
    if (row.authMethod === 'private_key_jwt' && row.jwks) metadata.jwks = row.jwks;
    if (row.authMethod === 'client_secret_basic' && row.secretEncrypted)
      metadata.client_secret = this.deps.cipher.decrypt(row.secretEncrypted, this.secretAad(row.clientId));
    return metadata;
  }
}

function view(row: OidcClientRow): OidcClientView {
  return {
    clientId: row.clientId,
    name: row.name,
    redirectUris: row.redirectUris,
    scopes: row.scopes,
    authMethod: row.authMethod,
    status: row.status,
    certificateHash: row.certificateHash,
    confirmedOnly: row.confirmedOnly,
  };
}

/**
 * A system's registration is refused unless each redirect URI is an absolute https address (http
 * only on the loopback, RFC 8252 §7.3) without a fragment, its scopes are ours and include
 * `openid`, and a private_key_jwt system gives its public keys.
 */
function validateClient(input: OidcClientInput, anyHttp: boolean): void {
  const bad = (message: string) => new AppError('oidc_client.invalid', { message });
  if (!MNEMONIC.test(input.clientId)) throw bad('client_id: letters, digits, _ and -, 2 to 64');
  if (!input.name.trim()) throw bad('name: required');
  const grantTypes = input.grantTypes ?? DEFAULT_GRANT_TYPES;
  if (!grantTypes.length || grantTypes.some((g) => !oidcGrantTypes.includes(g))) throw bad('grant_types');
  const signsPeopleIn = grantTypes.includes('authorization_code');
  if (grantTypes.includes('refresh_token') && !signsPeopleIn)
    throw bad('grant_types: refresh_token only with authorization_code');
  // A public client has no credentials to act on its own behalf with (RFC 6749 §4.4).
  if (grantTypes.includes('client_credentials') && input.authMethod === 'none')
    throw bad('grant_types: client_credentials needs client authentication');
  if (signsPeopleIn && !input.redirectUris.length) throw bad('redirect_uris: at least one');
  const uris = [...input.redirectUris, ...(input.postLogoutRedirectUris ?? [])];
  if (input.backchannelLogoutUri) uris.push(input.backchannelLogoutUri);
  for (const uri of uris) {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw bad(`not an absolute URL: ${uri}`);
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || anyHttp)))
      throw bad(`https required: ${uri}`);
    if (url.hash) throw bad(`no fragment allowed: ${uri}`);
  }
  if (!input.scopes.includes('openid')) throw bad('scopes: openid required');
  const unknown = input.scopes.filter((s) => !(oidcScopes as string[]).includes(s));
  if (unknown.length) throw bad(`unknown scopes: ${unknown.join(' ')}`);
  if (!oidcClientAuthMethods.includes(input.authMethod)) throw bad('token_endpoint_auth_method');
  if (input.authMethod === 'private_key_jwt' && !input.jwks?.keys?.length) throw bad('jwks: required');
}
