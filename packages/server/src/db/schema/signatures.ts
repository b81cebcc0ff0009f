import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { signedPurposeKinds } from '@openesia/contracts';
import { accounts } from './accounts.js';
import { bytea, ts } from './columns.js';

/**
 * Roles of staff accounts. 'federal_operator' is the ESIA operator (Минцифры) who keeps the trust
 * list of accredited certification authorities (63-ФЗ ст. 16, 8).
 */
export const accountRoles = pgTable(
  'account_roles',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    role: text('role', { enum: ['federal_operator'] }).notNull(),
    grantedAt: ts('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role] })],
);

/** «Перечень аккредитованных удостоверяющих центров»: the roots a qualified signature must chain to. */
export const trustedRoots = pgTable(
  'trusted_roots',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    ogrn: text('ogrn'),
    registryNumber: text('registry_number'),
    status: text('status', { enum: ['active', 'suspended', 'revoked'] }).notNull(),
    certificate: bytea('certificate').notNull(),
    /** hex SHA-1 of the certificate, the «Отпечаток» of the trust list */
    thumbprint: text('thumbprint').notNull(),
    subjectName: text('subject_name').notNull(),
    serialNumber: text('serial_number').notNull(),
    algorithm: text('algorithm').notNull(),
    notBefore: ts('not_before').notNull(),
    notAfter: ts('not_after').notNull(),
    crlUrls: jsonb('crl_urls')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    source: text('source', { enum: ['upload', 'xml', 'test_ca'] }).notNull(),
    addedAt: ts('added_at').notNull(),
    addedBy: uuid('added_by'),
    /** «Исключить УЦ из перечня» keeps the row (history, audit) with status 'revoked' */
    excludedAt: ts('excluded_at'),
    excludedBy: uuid('excluded_by'),
  },
  (t) => [uniqueIndex('trusted_roots_thumbprint_unique').on(t.thumbprint)],
);

/** What a person is asked to sign: issued by us, single use, short-lived. */
export const signatureChallenges = pgTable('signature_challenges', {
  id: uuid('id').primaryKey(),
  // contracts' signedPurposeKinds; a text column, so a new kind needs no migration
  purpose: text('purpose', {
    enum: signedPurposeKinds,
  }).notNull(),
  accountId: uuid('account_id').references(() => accounts.id),
  /** the statement signed; its СНИЛС is masked to the last digits (152-ФЗ ст. 5 ч. 5: no more than needed) */
  data: bytea('data').notNull(),
  /** 'confirm': the personal-data revision the statement was made from; a change refuses the signature */
  personalDataRevision: integer('personal_data_revision'),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
});

/** The test CA («Тестовый УЦ», demo mode only): its root key (FieldCipher-encrypted) and counters. */
export const testCa = pgTable('test_ca', {
  id: text('id').primaryKey(),
  certificate: bytea('certificate').notNull(),
  privateKeyEncrypted: bytea('private_key_encrypted').notNull(),
  crlNumber: integer('crl_number').notNull().default(0),
  createdAt: ts('created_at').notNull(),
});

/**
 * Certificates the test CA issued. The certificate names a person (ФИО, СНИЛС), so it is kept as
 * FieldCipher ciphertext bound to its serial number (152-ФЗ ст. 19, as personal data is), with a
 * LookupHasher HMAC of the СНИЛС to find a person's certificates without decrypting. Rows revoked
 * by migration 0010 (issued before these rules) keep only their serial and revocation, for the CRL.
 */
export const testCaCertificates = pgTable(
  'test_ca_certificates',
  {
    serialNumber: text('serial_number').primaryKey(),
    /** FieldCipher ciphertext of the base64 DER certificate (associated data: testCaCertificateContext) */
    certificateEncrypted: bytea('certificate_encrypted'),
    /** LookupHasher HMAC ('snils') of the certificate's СНИЛС digits; null without one */
    snilsLookup: text('snils_lookup'),
    algorithm: text('algorithm').notNull(),
    issuedAt: ts('issued_at').notNull(),
    notAfter: ts('not_after').notNull(),
    revokedAt: ts('revoked_at'),
    revocationReason: integer('revocation_reason'),
    /** the signed-in account that asked for it; only it may revoke */
    issuedBy: uuid('issued_by').references(() => accounts.id),
    /** issued by the operator (CLI): keyed hash of the revocation token handed out once at issue */
    revocationTokenHash: text('revocation_token_hash'),
  },
  (t) => [index('test_ca_certificates_snils_lookup_idx').on(t.snilsLookup)],
);

/**
 * Documents signed with a qualified signature (for applications): what was signed (its hash),
 * the signature and certificate as received, and the verdict at the time of checking.
 */
export const signedDocuments = pgTable(
  'signed_documents',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id').references(() => accounts.id),
    documentType: text('document_type').notNull(),
    /** hex digest of the document bytes with the algorithm of the signature */
    documentHash: text('document_hash').notNull(),
    hashAlgorithm: text('hash_algorithm').notNull(),
    signature: bytea('signature').notNull(),
    certificate: bytea('certificate'),
    /** FieldCipher ciphertext of the certificate's СНИЛС (associated data: the row id) */
    signerSnilsEncrypted: bytea('signer_snils_encrypted'),
    /** LookupHasher HMAC of the СНИЛС digits, to find documents of a person without decrypting */
    signerSnilsLookup: text('signer_snils_lookup'),
    signerName: text('signer_name'),
    /** 'valid' or the error code of the refusal */
    result: text('result').notNull(),
    verifiedAt: ts('verified_at').notNull(),
  },
  (t) => [
    index('signed_documents_account_idx').on(t.accountId),
    index('signed_documents_signer_snils_lookup_idx').on(t.signerSnilsLookup),
  ],
);
