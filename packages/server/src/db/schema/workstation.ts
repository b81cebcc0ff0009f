import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  journalActions,
  journalOutcomes,
  operationStates,
  passwordDeliveries,
  workstationOperations,
} from '@openesia/contracts';
import { accounts } from './accounts.js';
import { serviceCenters } from './centers.js';
import { bytea, ts } from './columns.js';
import { organizations } from './organizations.js';

/**
 * АРМ «Центр обслуживания» (issue 12; seeds 000, 002 step 9, 003). A session of the workstation is
 * not a citizen's session: it is opened only by a qualified signature naming the organization, is
 * bound to that organization, the certificate and (once chosen) one center, and idles out sooner.
 */
export const workstationSessions = pgTable(
  'workstation_sessions',
  {
    /** SHA-256 of the cookie token */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    centerId: uuid('center_id').references(() => serviceCenters.id),
    certificateThumbprint: text('certificate_thumbprint').notNull(),
    certificateSerial: text('certificate_serial').notNull(),
    certificateValidTo: ts('certificate_valid_to').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('workstation_sessions_account_idx').on(t.accountId)],
);

/** «Условия использования ЕСИА» (seed 002, step 2): accepted once per version by each operator. */
export const workstationTermsAcceptances = pgTable(
  'workstation_terms_acceptances',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    version: text('version').notNull(),
    acceptedAt: ts('accepted_at').notNull(),
    certificateThumbprint: text('certificate_thumbprint').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.version] })],
);

/**
 * The accounts a session's searches found: an operation names an account only if this session's
 * search showed it, so the workstation cannot be walked by account ids.
 */
export const workstationFound = pgTable(
  'workstation_found',
  {
    sessionTokenHash: text('session_token_hash')
      .notNull()
      .references(() => workstationSessions.tokenHash, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    foundAt: ts('found_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionTokenHash, t.accountId] })],
);

/**
 * One operation on a citizen's account. `papers` is the sealed snapshot the application and the
 * consent are printed from (erased with the account); `receipt` holds the temporary password sealed
 * until the receipt is printed or it expires. A registration waits for the registry checks of
 * `personalDataRevision`; when they pass, the account is confirmed (services/workstation).
 */
export const workstationOperationsTable = pgTable(
  'workstation_operations',
  {
    id: uuid('id').primaryKey(),
    operation: text('operation', { enum: workstationOperations }).notNull(),
    state: text('state', { enum: operationStates }).notNull(),
    operatorAccountId: uuid('operator_account_id')
      .notNull()
      .references(() => accounts.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    centerId: uuid('center_id')
      .notNull()
      .references(() => serviceCenters.id),
    certificateThumbprint: text('certificate_thumbprint').notNull(),
    targetAccountId: uuid('target_account_id')
      .notNull()
      .references(() => accounts.id),
    personalDataRevision: integer('personal_data_revision'),
    passwordDelivery: text('password_delivery', { enum: passwordDeliveries }),
    papers: bytea('papers'),
    receipt: bytea('receipt'),
    receiptExpiresAt: ts('receipt_expires_at'),
    createdAt: ts('created_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    index('workstation_operations_target_idx').on(t.targetAccountId),
    index('workstation_operations_awaiting_idx')
      .on(t.targetAccountId, t.personalDataRevision)
      .where(sql`state = 'awaiting_checks'`),
    index('workstation_operations_center_idx').on(t.centerId, t.createdAt),
  ],
);

/**
 * The workstation's journal (152-ФЗ: every operator action recorded): who (operator, certificate),
 * where (organization, center, region), what, to whom (oid and masked data, wiped when the account
 * is deleted) and how it ended. Written in the transaction of the action it records, beside the
 * audit log's entry; this table is what the organization, the region and the federal operator read.
 */
export const workstationJournal = pgTable(
  'workstation_journal',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    at: ts('at').notNull(),
    operatorAccountId: uuid('operator_account_id')
      .notNull()
      .references(() => accounts.id),
    operatorName: text('operator_name').notNull(),
    certificateThumbprint: text('certificate_thumbprint').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    centerId: uuid('center_id').references(() => serviceCenters.id),
    regionCode: text('region_code').notNull(),
    action: text('action', { enum: journalActions }).notNull(),
    targetAccountId: uuid('target_account_id'),
    targetOid: bigint('target_oid', { mode: 'bigint' }),
    targetMasked: text('target_masked'),
    outcome: text('outcome', { enum: journalOutcomes }).notNull(),
    refusalCode: text('refusal_code'),
    operationId: uuid('operation_id'),
  },
  (t) => [
    index('workstation_journal_at_idx').on(t.at),
    index('workstation_journal_organization_idx').on(t.organizationId, t.at),
    index('workstation_journal_region_idx').on(t.regionCode, t.at),
    index('workstation_journal_center_idx').on(t.centerId, t.at),
    index('workstation_journal_target_idx').on(t.targetAccountId),
  ],
);

/**
 * «Добавление ребёнка»: a child on a confirmed parent's account, sealed like other personal data
 * (AES-256-GCM bound to the row id) with keyed lookups so one child is not added twice.
 */
export const accountChildren = pgTable(
  'account_children',
  {
    id: uuid('id').primaryKey(),
    parentAccountId: uuid('parent_account_id')
      .notNull()
      .references(() => accounts.id),
    sealed: bytea('sealed').notNull(),
    birthCertificateLookup: text('birth_certificate_lookup').notNull(),
    snilsLookup: text('snils_lookup'),
    centerId: uuid('center_id').references(() => serviceCenters.id),
    operationId: uuid('operation_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('account_children_parent_idx').on(t.parentAccountId),
    uniqueIndex('account_children_certificate_unique').on(t.parentAccountId, t.birthCertificateLookup),
  ],
);
