import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  accessGroups,
  organizationApprovals,
  organizationStatuses,
  organizationTypes,
  taxRegisterRefusals,
} from '@openesia/contracts';
import { accounts } from './accounts.js';
import { ts } from './columns.js';

/**
 * Organizations (seed 000, section 2; seed 004, step 1). What came from the head's certificate
 * (ОГРН, ИНН, full name, the head) is written once and refreshed only from the tax register; the
 * rest is what the head entered. The head's name and position are register data, public by law
 * (129-ФЗ ст. 6), so they are not encrypted as citizens' personal data are.
 */
/** ESIA identifies organizations by a numeric oid too (`/rs/orgs/{oid}`, `usr_org`). */
export const organizationOidSequence = pgSequence('organization_oid_seq', { startWith: 1000000001 });

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey(),
    oid: bigint('oid', { mode: 'bigint' })
      .notNull()
      .unique()
      .default(sql`nextval('organization_oid_seq')`),
    ogrn: text('ogrn').notNull(),
    inn: text('inn').notNull(),
    kpp: text('kpp'),
    fullName: text('full_name').notNull(),
    shortName: text('short_name').notNull(),
    type: text('type', { enum: organizationTypes }).notNull(),
    regionCode: text('region_code').notNull(),
    legalAddress: text('legal_address').notNull(),
    postalAddress: text('postal_address').notNull(),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    headLastName: text('head_last_name').notNull(),
    headFirstName: text('head_first_name').notNull(),
    headMiddleName: text('head_middle_name'),
    headPosition: text('head_position'),
    status: text('status', { enum: organizationStatuses }).notNull(),
    /** why the tax register refused it (status 'rejected') */
    refusal: text('refusal', { enum: taxRegisterRefusals }),
    /** the regional operator's reason (status 'returned') */
    returnReason: text('return_reason'),
    /**
     * Set by the federal operator on the organizations that act as the regional operator of a
     * region («Электронный регион» for Вологодская область): their employees check the
     * registrations and applications of that region.
     */
    operatorOfRegion: text('operator_of_region'),
    /** the signed registration: the head's certificate, by its SHA-256 */
    certificateFingerprint: text('certificate_fingerprint').notNull(),
    registeredBy: uuid('registered_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    checkedAt: ts('checked_at'),
    registeredAt: ts('registered_at'),
    /** optimistic concurrency for the head's edits against a running check */
    revision: integer('revision').notNull().default(1),
    /**
     * Blocked by the federal operator as an issuer of simple signatures (seed 003, appendix 1),
     * with its reason and who did it; null when not blocked. Only the current state is kept here:
     * every block and unblock is in the audit log (organization.blocked / organization.unblocked,
     * the organization's journal shows them), and the effects are computed from this column by
     * domain/organization (access-groups.ts, approvals.ts), so unblocking restores them at once.
     */
    blockedAt: ts('blocked_at'),
    blockedReason: text('blocked_reason'),
    blockedBy: uuid('blocked_by').references(() => accounts.id),
  },
  (t) => [
    // One live organization per ОГРН; a rejected registration does not block a new one.
    uniqueIndex('organizations_ogrn_live')
      .on(t.ogrn)
      .where(sql`${t.status} <> 'rejected'`),
    index('organizations_region_status').on(t.regionCode, t.status),
    uniqueIndex('organizations_operator_of_region')
      .on(t.operatorOfRegion)
      .where(sql`${t.operatorOfRegion} is not null`),
  ],
);

/**
 * Employees. A removed employee keeps the row (removed_at) for the organization's journal; a person
 * invited again gets a new row. `name_key` is the employee's «фамилия имя отчество» in lower case
 * (ё as е), for suggestions as an administrator types (an index on (organization_id, name_key)).
 */
export const organizationMembers = pgTable(
  'organization_members',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    isHead: boolean('is_head').notNull().default(false),
    isAdministrator: boolean('is_administrator').notNull().default(false),
    nameKey: text('name_key').notNull(),
    joinedAt: ts('joined_at').notNull(),
    removedAt: ts('removed_at'),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    uniqueIndex('organization_members_active')
      .on(t.organizationId, t.accountId)
      .where(sql`${t.removedAt} is null`),
    index('organization_members_account')
      .on(t.accountId)
      .where(sql`${t.removedAt} is null`),
    index('organization_members_name').on(t.organizationId, t.nameKey.op('text_pattern_ops')),
    index('organization_members_by_name')
      .on(t.organizationId, sql`"name_key" collate "C"`, t.id, t.accountId)
      .where(sql`${t.removedAt} is null`),
  ],
);

/**
 * The words of each active employee's name key, one row each, for suggestions as an administrator
 * types «Пет Ив» or «иванов п»: every typed word is the start of some word of the name, in any
 * order, which a prefix search on the whole key (surname first) cannot answer. pg_trgm would, but
 * PGlite has no such extension; a btree on (organization_id, word text_pattern_ops) finds the start
 * of any word with one range scan inside the organization. The index also carries the name key,
 * the member and the word's position, so a search is an index-only scan of the words table, with
 * the employees and accounts read only for the few suggestions shown. Written by insertMember,
 * deleted with the employee by removeMember; `position` keeps two typed words from matching the
 * same word of a name.
 */
export const organizationMemberWords = pgTable(
  'organization_member_words',
  {
    memberId: uuid('member_id')
      .notNull()
      .references(() => organizationMembers.id),
    position: smallint('position').notNull(),
    organizationId: uuid('organization_id').notNull(),
    word: text('word').notNull(),
    /** the employee's name key, the order suggestions are shown in */
    nameKey: text('name_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.position] }),
    index('organization_member_words_prefix').on(
      t.organizationId,
      t.word.op('text_pattern_ops'),
      t.nameKey,
      t.memberId,
      t.position,
    ),
  ],
);

/** «Приглашения»: the link's token is stored as its HMAC only. */
export const organizationInvitations = pgTable(
  'organization_invitations',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    email: text('email').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    groups: text('groups')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => accounts.id),
    sentAt: ts('sent_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => accounts.id),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('organization_invitations_token').on(t.tokenHash),
    index('organization_invitations_org').on(t.organizationId, t.sentAt),
  ],
);

/** «Доступ к системам»: an employee's membership of a group. */
export const organizationGroupMembers = pgTable(
  'organization_group_members',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    group: text('group', { enum: accessGroups }).notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    addedAt: ts('added_at').notNull(),
    addedBy: uuid('added_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.group, t.accountId] }),
    index('organization_group_members_account').on(t.accountId),
  ],
);

/** The approvals an organization holds (granted by the applications context: Форма З, Форма И). */
export const organizationApprovalsTable = pgTable(
  'organization_approvals',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    approval: text('approval', { enum: organizationApprovals }).notNull(),
    grantedAt: ts('granted_at').notNull(),
    /**
     * The approval withdrawn. A blocking by the federal operator is not a withdrawal: it is
     * organizations.blocked_at, and leaves the approvals as they were for the unblocking.
     */
    revokedAt: ts('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.approval] })],
);
