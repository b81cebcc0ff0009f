import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
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
