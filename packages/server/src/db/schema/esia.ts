import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { ts } from './columns.js';

/**
 * The ESIA-compatible interface's state (esia/, services/esia/), shared by every server process:
 * nothing of a sign-in lives in a process's memory. Codes, refresh tokens and access tokens are
 * kept only as SHA-256 hashes; a browser's pending request is found by the hash of its cookie.
 */

/**
 * An authorization request of /aas/oauth2/(v2/)ac between its checks and the code: the person
 * signs in and consents meanwhile. Bound to the browser that made it by `browser_hash` (the hash
 * of the `oesia_esia` cookie), so another browser that learns its id gets nothing.
 */
export const esiaRequests = pgTable(
  'esia_requests',
  {
    id: uuid('id').primaryKey(),
    browserHash: text('browser_hash').notNull(),
    clientId: text('client_id').notNull(),
    /** 'v1' (/aas/oauth2/ac, CMS secret) or 'v2' (/aas/oauth2/v2/ac, raw signature) */
    version: text('version', { enum: ['v1', 'v2'] }).notNull(),
    redirectUri: text('redirect_uri').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    state: text('state').notNull(),
    accessType: text('access_type', { enum: ['online', 'offline'] }).notNull(),
    codeChallenge: text('code_challenge'),
    codeChallengeMethod: text('code_challenge_method'),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('esia_requests_expires').on(t.expiresAt)],
);

/** An authorization code: single-use, short-lived; a second use revokes what the first gave. */
export const esiaCodes = pgTable(
  'esia_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    clientId: text('client_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    version: text('version', { enum: ['v1', 'v2'] }).notNull(),
    redirectUri: text('redirect_uri').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    accessType: text('access_type', { enum: ['online', 'offline'] }).notNull(),
    codeChallenge: text('code_challenge'),
    codeChallengeMethod: text('code_challenge_method'),
    /** `urn:esia:sid`: the sign-in session's id as the tokens name it (a hash of ours) */
    sid: text('sid').notNull(),
    /** how the person signed in: 'password' | 'signature' (amr PWD / DS) */
    authMethod: text('auth_method').notNull(),
    authTime: ts('auth_time').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
  },
  (t) => [index('esia_codes_expires').on(t.expiresAt)],
);

/**
 * Every token issued (access, refresh), by the SHA-256 of its value: /rs/* accepts an access token
 * only while its row is live, so a logout, a code's reuse or a consent's withdrawal revokes it at
 * once in every process. `grant_hash` is the code the chain started from (refresh rotation keeps it).
 */
export const esiaTokens = pgTable(
  'esia_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    kind: text('kind', { enum: ['access', 'refresh'] }).notNull(),
    grantHash: text('grant_hash').notNull(),
    clientId: text('client_id').notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    sid: text('sid').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    /** refresh tokens: what the next grant signs with and where its tokens go */
    redirectUri: text('redirect_uri').notNull(),
    authMethod: text('auth_method').notNull(),
    authTime: ts('auth_time').notNull(),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    /** refresh tokens: used once (rotation) */
    consumedAt: ts('consumed_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    index('esia_tokens_grant').on(t.grantHash),
    index('esia_tokens_account_client').on(t.accountId, t.clientId),
    index('esia_tokens_sid').on(t.sid),
    index('esia_tokens_expires').on(t.expiresAt),
  ],
);
