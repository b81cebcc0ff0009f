import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { ts } from './columns.js';

/**
 * «Региональный оператор» as a personal role: the federal operator (or the console) makes a
 * confirmed person the operator of one region. A revoked grant keeps its row (who granted and who
 * revoked, when); a person holds one live grant at a time, of one region (the partial unique
 * index: two concurrent grants cannot both win). `granted_by`/`revoked_by` are the federal
 * operator's account, null when the console or the demo seed acted (`*_via` says which).
 */
export const regionalOperatorStaff = pgTable(
  'regional_operator_staff',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    regionCode: text('region_code').notNull(),
    grantedBy: uuid('granted_by').references(() => accounts.id),
    grantedVia: text('granted_via', { enum: ['registry', 'cli', 'seed'] }).notNull(),
    grantedAt: ts('granted_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => accounts.id),
    revokedVia: text('revoked_via', { enum: ['registry', 'cli', 'seed'] }),
  },
  (t) => [
    uniqueIndex('regional_operator_staff_live')
      .on(t.accountId)
      .where(sql`${t.revokedAt} is null`),
    index('regional_operator_staff_region')
      .on(t.regionCode)
      .where(sql`${t.revokedAt} is null`),
    check('regional_operator_staff_revoked', sql`(${t.revokedAt} is null) = (${t.revokedVia} is null)`),
  ],
);
