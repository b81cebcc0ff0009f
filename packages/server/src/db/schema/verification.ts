import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { ts } from './columns.js';

/**
 * One-time codes sent by SMS or e-mail (registration, password recovery). Only a hash of the code
 * is kept; each code is single use, expires, and allows a limited number of wrong tries.
 */
export const oneTimeCodes = pgTable(
  'one_time_codes',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose', { enum: ['registration', 'recovery'] }).notNull(),
    channel: text('channel', { enum: ['phone', 'email'] }).notNull(),
    /** normalized phone or e-mail the code went to */
    destination: text('destination').notNull(),
    accountId: uuid('account_id').references(() => accounts.id),
    codeHash: text('code_hash'),
    /** e-mail links carry a long token instead of a code */
    linkTokenHash: text('link_token_hash'),
    /** registration: the names typed, kept until the account exists */
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    /** false when the contact is taken or unknown: the flow looks the same, no code can match */
    deliverable: integer('deliverable').notNull().default(1),
    attempts: integer('attempts').notNull().default(0),
    sends: integer('sends').notNull().default(1),
    lastSentAt: ts('last_sent_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    verifiedAt: ts('verified_at'),
    completionTokenHash: text('completion_token_hash'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('one_time_codes_destination_idx').on(t.destination, t.createdAt),
    // e-mail links and the password step find their row by the hash of the token they carry
    uniqueIndex('one_time_codes_link_token_unique').on(t.linkTokenHash),
    uniqueIndex('one_time_codes_completion_token_unique').on(t.completionTokenHash),
  ],
);

export const postLetters = pgTable(
  'post_letters',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    addressEncrypted: text('address_encrypted').notNull(),
    addressSummary: text('address_summary').notNull(),
    codeHash: text('code_hash').notNull(),
    state: text('state', {
      enum: ['created', 'sent', 'delivered', 'used', 'expired', 'cancelled'],
    }).notNull(),
    trackingNumber: text('tracking_number'),
    attempts: integer('attempts').notNull().default(0),
    /**
     * The personal-data revision whose checks made the account standard when the letter was
     * ordered: the code confirms that person only (null for letters ordered before it was kept).
     */
    personalDataRevision: integer('personal_data_revision'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
    usedAt: ts('used_at'),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [
    index('post_letters_account_idx').on(t.accountId),
    // One letter on its way or waiting for its code per person (seed 000: one code confirms once).
    uniqueIndex('post_letters_active_unique')
      .on(t.accountId)
      .where(sql`state in ('created', 'sent', 'delivered')`),
  ],
);
