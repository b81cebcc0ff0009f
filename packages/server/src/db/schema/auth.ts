import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';

/**
 * Every code or link message sent, for the hourly caps per destination and per requesting
 * address (domain/citizen/one-time-code.ts). Kept in the database so every server process
 * counts the same sends.
 */
export const codeSends = pgTable(
  'code_sends',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose', { enum: ['registration', 'recovery'] }).notNull(),
    destination: text('destination').notNull(),
    ip: text('ip'),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [
    index('code_sends_destination_idx').on(t.destination, t.sentAt),
    index('code_sends_ip_idx').on(t.ip, t.sentAt),
  ],
);

/**
 * Wrong-password counts of logins that match no account. Accounts keep their own count
 * (accounts.failed_logins); unknown logins are locked out by the same rule, so a lockout does not
 * tell an attacker that an account exists. The key is a keyed hash of the normalized login.
 */
export const loginThrottles = pgTable('login_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: ts('locked_until'),
  updatedAt: ts('updated_at').notNull(),
});
