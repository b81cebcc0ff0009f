import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, ts } from './columns.js';

/** ESIA identifies people by a numeric oid (`urn:esia:sbj:oid`); relying parties store it. */
export const accountOidSequence = pgSequence('account_oid_seq', { startWith: 1000000001 });

export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey(),
  oid: bigint('oid', { mode: 'bigint' })
    .notNull()
    .unique()
    .default(sql`nextval('account_oid_seq')`),
  level: text('level', { enum: ['simplified', 'standard', 'confirmed'] }).notNull(),
  status: text('status', { enum: ['active', 'deleted'] })
    .notNull()
    .default('active'),
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name'),
  passwordHash: text('password_hash'),
  /** a temporary password an operator issued (АРМ): the first sign-in must set a new one */
  passwordMustChange: boolean('password_must_change').notNull().default(false),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  confirmationMethod: text('confirmation_method', { enum: ['post', 'service_center', 'signature'] }),
  confirmedAt: ts('confirmed_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * Phones and e-mails. A verified contact belongs to one account only (seed 000; enforced by the
 * partial unique index, so two concurrent registrations cannot both win).
 */
export const accountContacts = pgTable(
  'account_contacts',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    type: text('type', { enum: ['phone', 'email'] }).notNull(),
    value: text('value').notNull(),
    verifiedAt: ts('verified_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('account_contacts_verified_unique')
      .on(t.type, t.value)
      .where(sql`verified_at is not null`),
    index('account_contacts_account_idx').on(t.accountId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a stolen table does not yield usable cookies. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    authMethod: text('auth_method', { enum: ['password', 'signature'] }).notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * «Войти как сотрудник организации»: the organization the person acts for in this session, or
     * null for «Частное лицо». Checked against the membership on every request that uses it, so a
     * removed employee loses it at once (no foreign key: organizations.ts depends on this file).
     */
    actingForOrganizationId: uuid('acting_for_organization_id'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/**
 * The personal data of seed 000, step 2. Passport and СНИЛС are AES-256-GCM ciphertexts;
 * the *_lookup columns are keyed HMACs that let us find and deduplicate without decrypting.
 */
export const personalData = pgTable(
  'personal_data',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .references(() => accounts.id),
    gender: text('gender', { enum: ['M', 'F'] }).notNull(),
    birthDate: text('birth_date').notNull(),
    birthPlace: text('birth_place').notNull(),
    citizenship: text('citizenship').notNull(),
    passportEncrypted: bytea('passport_encrypted').notNull(),
    passportLookup: text('passport_lookup').notNull(),
    snilsEncrypted: bytea('snils_encrypted').notNull(),
    snilsLookup: text('snils_lookup').notNull(),
    /**
     * Keyed HMAC of the normalized surname, name, patronymic and birth date: the workstation finds a
     * person by ФИО and birth date without decrypting anything (domain/workstation/search.ts).
     */
    nameBirthLookup: text('name_birth_lookup'),
    /** `in_progress` while registry checks run, then `passed` or `failed`. */
    verificationState: text('verification_state', { enum: ['in_progress', 'passed', 'failed'] }).notNull(),
    snilsCheck: text('snils_check', { enum: ['in_progress', 'passed', 'failed'] }).notNull(),
    snilsCheckReason: text('snils_check_reason'),
    passportCheck: text('passport_check', { enum: ['in_progress', 'passed', 'failed'] }).notNull(),
    passportCheckReason: text('passport_check_reason'),
    /** Incremented on every submission, so a late answer to an older submission is ignored. */
    revision: integer('revision').notNull().default(1),
    submittedAt: ts('submitted_at').notNull(),
    completedAt: ts('completed_at'),
    /** A failed check frees the СНИЛС; one standard or confirmed account per СНИЛС otherwise. */
    snilsClaimed: boolean('snils_claimed').notNull().default(true),
    /**
     * The person's ИНН, as ESIA obtains it: asked of the tax service by the checked passport once
     * both checks pass (services/citizen/inn-lookup.ts), sealed like the СНИЛС. `inn_revision` is
     * the submission it was found for (a later submission's data must not carry an older answer).
     */
    innEncrypted: bytea('inn_encrypted'),
    innLookupState: text('inn_lookup_state', { enum: ['in_progress', 'found', 'not_found', 'unavailable'] }),
    innRevision: integer('inn_revision'),
  },
  (t) => [
    uniqueIndex('personal_data_snils_claimed_unique')
      .on(t.snilsLookup)
      .where(sql`snils_claimed`),
    index('personal_data_passport_lookup_idx').on(t.passportLookup),
    // the workstation finds a СНИЛС whether it is claimed or was freed by a failed check
    index('personal_data_snils_lookup_idx').on(t.snilsLookup),
    index('personal_data_name_birth_lookup_idx').on(t.nameBirthLookup),
  ],
);
