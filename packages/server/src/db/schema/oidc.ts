import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { organizations } from './organizations.js';
import { bytea, ts } from './columns.js';

/**
 * node-oidc-provider's storage (sessions, interactions, grants, codes, tokens, registered clients),
 * shared by every server process. Nothing here is readable without the application's keys: the
 * ids (an opaque token's id is the token itself), session uids, user codes and grant ids are kept as
 * HMACs, and the payload is AES-256-GCM sealed to its row (oidc/adapter.ts).
 */
export const oidcModels = pgTable(
  'oidc_models',
  {
    model: text('model').notNull(),
    idHash: text('id_hash').notNull(),
    payload: bytea('payload').notNull(),
    grantHash: text('grant_hash'),
    uidHash: text('uid_hash'),
    userCodeHash: text('user_code_hash'),
    /** null: kept until destroyed (a registered client) */
    expiresAt: ts('expires_at'),
    consumedAt: ts('consumed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.idHash] }),
    index('oidc_models_grant').on(t.grantHash),
    index('oidc_models_uid').on(t.uidHash),
    index('oidc_models_user_code').on(t.userCodeHash),
    index('oidc_models_expires').on(t.expiresAt),
  ],
);

/**
 * The provider's signing keys, shared by every process and kept across restarts (issue 13, §1).
 * A key is published in JWKS from `created_at`, signs from `activates_at` (a rotation publishes the
 * next key ahead, so relying parties that cache JWKS already know it) until its successor
 * activates (`retires_at`), and stays published for verification until `expires_at`.
 * The private JWK is AES-256-GCM sealed to its kid (lib/crypto.ts FieldCipher).
 */
export const oidcSigningKeys = pgTable('oidc_signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  privateJwk: bytea('private_jwk').notNull(),
  createdAt: ts('created_at').notNull(),
  activatesAt: ts('activates_at').notNull(),
  retiresAt: ts('retires_at'),
  expiresAt: ts('expires_at'),
});

/**
 * Relying parties: the information systems that sign citizens in (issue 13, §5). The client_id
 * is the system's mnemonic, as in ESIA. Only an approved system is known to the provider.
 * An organization's system is registered on its technological portal; the console's and the demo
 * seed's belong to the federal operator's registry (organization_id null).
 */
export const oidcClients = pgTable(
  'oidc_clients',
  {
    id: uuid('id').primaryKey(),
    clientId: text('client_id').notNull().unique(),
    name: text('name').notNull(),
    /** compared exactly (RFC 9700 §2.1) */
    redirectUris: jsonb('redirect_uris').$type<string[]>().notNull(),
    postLogoutRedirectUris: jsonb('post_logout_redirect_uris').$type<string[]>().notNull().default([]),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    authMethod: text('auth_method', { enum: ['private_key_jwt', 'client_secret_basic', 'none'] }).notNull(),
    /** private_key_jwt: the system's public keys */
    jwks: jsonb('jwks').$type<{ keys: Record<string, unknown>[] }>(),
    /** client_secret_basic: sealed (the provider compares the secret itself) */
    secretEncrypted: bytea('secret_encrypted'),
    status: text('status', { enum: ['pending', 'approved', 'blocked'] }).notNull(),
    /**
     * What the system may do at the token endpoint: authorization_code and refresh_token (a person
     * signs in), client_credentials (the system on its own behalf, only its own scopes).
     */
    grantTypes: jsonb('grant_types')
      .$type<string[]>()
      .notNull()
      .default(['authorization_code', 'refresh_token']),
    /** OpenID Connect Back-Channel Logout 1.0: where the provider posts a logout token */
    backchannelLogoutUri: text('backchannel_logout_uri'),
    /** the logout token carries `sid` (the system asked for it at registration) */
    backchannelLogoutSessionRequired: boolean('backchannel_logout_session_required').notNull().default(false),
    /** null: the federal operator's registry */
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** the employee who registered it on the technological portal */
    registeredBy: uuid('registered_by').references(() => accounts.id),
    /** first approved: an unblocked system returns to «Действующая» only if it ever was */
    approvedAt: ts('approved_at'),
    /** the reason of the blocking in force */
    blockReason: text('block_reason'),
    /**
     * The system's GOST R 34.10-2012 certificate (DER) for ESIA's client secrets (esia/): only a
     * system with one may use /aas/oauth2/*. The hash is ESIA's `client_certificate_hash`: Streebog-256
     * of the DER, hex upper-case.
     */
    certificateDer: bytea('certificate_der'),
    certificateHash: text('certificate_hash'),
    /**
     * «Только подтверждённые учётные записи»: an unconfirmed person is not signed in, told how to
     * confirm the account, and the system gets ESIA-007055.
     */
    confirmedOnly: boolean('confirmed_only').notNull().default(false),
    /**
     * Demo systems only (DEMO_ESIA): the system's own GOST private key (PKCS#8), sealed with the field
     * cipher, so the demo app on the same server signs its client secrets. Never set otherwise.
     */
    demoPrivateKey: bytea('demo_private_key'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // One mnemonic in the registry whatever its case: «demo_portal» beside «DEMO_PORTAL» would
    // be a system the operator and the citizen cannot tell apart.
    uniqueIndex('oidc_clients_client_id_ci').on(sql`lower(${t.clientId})`),
    index('oidc_clients_organization').on(t.organizationId, t.createdAt),
    index('oidc_clients_created').on(t.createdAt, t.id),
  ],
);

/**
 * Consents a citizen gave a system («Предоставленные разрешения»): the scopes it may read, so the
 * next sign-in does not ask again. Withdrawal deletes the row (the audit log keeps the history).
 */
export const oidcConsents = pgTable(
  'oidc_consents',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    clientId: text('client_id').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** the provider's grants made from this consent, revoked with it (their tokens stop working) */
    grantIds: jsonb('grant_ids').$type<string[]>().notNull().default([]),
    grantedAt: ts('granted_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.clientId] })],
);
