import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { complaintCategories } from '@openesia/contracts';
import { accounts } from './accounts.js';
import { serviceCenters } from './centers.js';
import { bytea, ts } from './columns.js';
import { organizations } from './organizations.js';

/**
 * Complaints about an organization's service centers («Пожаловаться на центр обслуживания»;
 * issue 10, item 5; seed 003, appendix 1). Filed by anyone, answered once by the organization.
 * The service center is named by its organization and either a center of its register
 * (`center_id`, from the map's card) or a free-text `place`.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey(),
    /** «Жалоба № …»: what the complainant and the organization quote to each other */
    number: integer('number').generatedAlwaysAsIdentity().notNull().unique(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** the organization's region when it was filed: the regional operator's list reads it by index */
    regionCode: text('region_code').notNull(),
    category: text('category', { enum: complaintCategories }).notNull(),
    text: text('text').notNull(),
    place: text('place'),
    /** the center picked on the map or in the form; null when only a place was typed */
    centerId: uuid('center_id').references(() => serviceCenters.id),
    /** the signed-in citizen who filed it; null for an anonymous complaint */
    complainantAccountId: uuid('complainant_account_id').references(() => accounts.id),
    /**
     * Where the answer goes, AES-256-GCM sealed with the complaint's id: a person's address that
     * no page shows, read only to send the answer.
     */
    complainantEmailEncrypted: bytea('complainant_email_encrypted'),
    createdAt: ts('created_at').notNull(),
    /** the deadline given when it was filed (COMPLAINT_ANSWER_DAYS), kept as given */
    answerDueAt: ts('answer_due_at').notNull(),
    answer: text('answer'),
    answeredAt: ts('answered_at'),
    answeredBy: uuid('answered_by').references(() => accounts.id),
  },
  (t) => [
    // Every list pages by (time, id): all newest first, the unanswered by their deadline.
    index('complaints_organization').on(t.organizationId, t.createdAt, t.id),
    index('complaints_organization_awaiting')
      .on(t.organizationId, t.answerDueAt, t.id)
      .where(sql`${t.answeredAt} is null`),
    index('complaints_region').on(t.regionCode, t.createdAt, t.id),
    index('complaints_region_awaiting')
      .on(t.regionCode, t.answerDueAt, t.id)
      .where(sql`${t.answeredAt} is null`),
    index('complaints_created').on(t.createdAt, t.id),
    index('complaints_awaiting')
      .on(t.answerDueAt, t.id)
      .where(sql`${t.answeredAt} is null`),
  ],
);
